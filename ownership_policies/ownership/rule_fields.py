"""Fields the rules decide are the rules' alone (X-2). A policy doctype's controller, based on `RuleFields`,
declares them in one place: RULE_FIELDS, the fields the policy code sets (a status, a deadline, a signature, a
verdict, a key; "table" for a whole child table, "table.field" for one column of its rows), and SET_ON_INSERT,
the fields the caller gives once and the rules then rely on (the record a request is about). Any insert or
save not marked `immutable.by_app` (REST, the desk, Data Import, frappe.client.set_value or insert_many) that
sends a rule field other than blank or its default, or changes one afterwards, is refused with the fields
named, before anything runs or is written. The policy's own saves are marked `by_app`; db_set and
frappe.db.set_value run no controller and are the policy's too."""

from typing import ClassVar

import frappe
from frappe import _
from frappe.model import default_fields, no_value_fields, numeric_fieldtypes, table_fields
from frappe.model.document import Document
from frappe.utils.data import cast

from ownership_policies.ownership.owners import owner_field
from ownership_policies.ownership.roles import is_manager

UNREADABLE = object()  # a value that cannot be read as its field's type: never equal to anything


class RuleFields(Document):
	RULE_FIELDS: ClassVar[tuple[str, ...]] = ()
	SET_ON_INSERT: ClassVar[tuple[str, ...]] = ()
	KEPT_ROWS: ClassVar[
		tuple[str, ...]
	] = ()  # child tables whose saved rows stand as written (rows are added)

	def insert(self, *args, **kwargs):
		if not self.flags.by_app:
			refuse(self, sent_on_insert(self))
		return super().insert(*args, **kwargs)

	def save(self, *args, **kwargs):
		if not self.flags.by_app and not (self.is_new() or not self.name):
			refuse(self, changed_on_update(self))
		return super().save(*args, **kwargs)


# The fields the app adds to ERPNext's own doctypes for its rules: the protection by activity (RA-1) and the
# financing client mark (LQ-6). Their controllers are ERPNext's, so doc events guard them.
ADDED_RULE_FIELDS = {
	"Lead": ("last_activity_on", "protected_until", "financing_client"),
	"Customer": ("last_activity_on", "protected_until"),
}


def drop_sent(doc, method=None):
	"""before_insert, first: whatever a caller sent in these fields is dropped, as the rules fill them when the
	record is registered (a Customer made from a Lead would otherwise carry the Lead's)."""
	if not doc.flags.by_app:
		for field in ADDED_RULE_FIELDS[doc.doctype]:
			doc.set(field, doc.meta.get_field(field).default)


def refuse_changed(doc, method=None):
	"""validate: a change of these fields by anyone but the app is refused, naming them."""
	if doc.flags.by_app or doc.is_new() or not (before := doc.get_doc_before_save()):
		return
	refuse(
		doc,
		[
			field
			for field in ADDED_RULE_FIELDS[doc.doctype]
			if not same(doc.meta.get_field(field), doc.get(field), before.get(field))
		],
	)


def refuse_taking_over(doc, method=None):
	"""validate (Lead, Customer, Opportunity, Property Listing): a record another agent holds is handed on by a manager
	or by the rules (a reassignment, RA-2 … RA-4), not taken by hand; an agent may still give away their own."""
	if doc.flags.by_app or doc.is_new() or not (before := doc.get_doc_before_save()):
		return
	field = owner_field(doc.doctype)
	previous = before.get(field)
	if not previous or previous == doc.get(field) or previous == frappe.session.user or is_manager():
		return
	frappe.throw(
		_(
			"{0} is held by another agent: only a sales manager hands it to someone else. Ask for a reassignment (RA-2 … RA-4)."
		).format(frappe.bold(doc.get_title())),
		frappe.PermissionError,
		title=_("Held by Another Agent"),
	)


def sent_on_insert(doc: Document) -> list[str]:
	"""The rule fields a new document comes with, other than blank or their default."""
	sent = []
	for field in doc.RULE_FIELDS:
		table, _dot, column = field.partition(".")
		if column:
			child = frappe.get_meta(doc.meta.get_field(table).options).get_field(column)
			if any(not blank_or_default(child, row.get(column)) for row in doc.get(table) or []):
				sent.append(field)
		elif not blank_or_default(doc.meta.get_field(field), doc.get(field)):
			sent.append(field)
	return sent


def changed_on_update(doc: Document) -> list[str]:
	"""The rule and set-on-insert fields whose value differs from the one in the database."""
	before = frappe.get_doc(doc.doctype, doc.name)
	changed = []
	for field in (*doc.RULE_FIELDS, *doc.SET_ON_INSERT):
		table, _dot, column = field.partition(".")
		if column:
			if column_changed(doc, before, table, column):
				changed.append(field)
		elif not same(doc.meta.get_field(field), doc.get(field), before.get(field)):
			changed.append(field)
	changed += [table for table in doc.KEPT_ROWS if rows_rewritten(doc, before, table)]
	return changed


def rows_rewritten(doc: Document, before: Document, table: str) -> bool:
	"""A saved row of `table` removed, or changed in any of its values."""
	now = {row.name: row for row in doc.get(table) or [] if row.name}
	for saved in before.get(table) or []:
		row = now.get(saved.name)
		if row is None or rows_of([row]) != rows_of([saved]):
			return True
	return False


def column_changed(doc: Document, before: Document, table: str, column: str) -> bool:
	"""One column of a child table: set on a new row, or changed on a row already saved."""
	child = frappe.get_meta(doc.meta.get_field(table).options).get_field(column)
	saved = {row.name: row for row in before.get(table) or []}
	for row in doc.get(table) or []:
		old = saved.get(row.name) if row.name else None
		if old is None and not blank_or_default(child, row.get(column)):
			return True
		if old is not None and not same(child, row.get(column), old.get(column)):
			return True
	return False


def same(df, value, other) -> bool:
	if df.fieldtype in table_fields:
		return rows_of(value) == rows_of(other)
	return normal(df, value) == normal(df, other)


def rows_of(rows) -> list[tuple]:
	"""A child table as its rows' own values, in order."""
	rows = rows or []
	if not rows:
		return []
	meta = frappe.get_meta(rows[0].doctype)
	columns = [
		df for df in meta.fields if df.fieldtype not in no_value_fields and df.fieldname not in default_fields
	]
	return [tuple(normal(df, row.get(df.fieldname)) for df in columns) for row in rows]


def blank_or_default(df, value) -> bool:
	if df.fieldtype in table_fields:
		return not value
	return normal(df, value) in (normal(df, None), normal(df, df.default))


def normal(df, value):
	"""The value as its field's type, so that "2026-01-01 10:00:00" and a datetime, "1" and 1, "" and None
	compare equal."""
	if value in (None, ""):
		return 0 if df.fieldtype in numeric_fieldtypes else None
	try:
		return cast(df.fieldtype, value)
	except Exception:
		return UNREADABLE


def refuse(doc: Document, fields: list[str]):
	if not fields:
		return
	frappe.throw(
		_(
			"These fields of {0} are set by the app's rules only and cannot be entered, imported or changed by hand: {1}. Use the record's actions instead."
		).format(_(doc.doctype), ", ".join(label(doc, field) for field in fields)),
		frappe.PermissionError,
		title=_("Set by the Rules"),
	)


def label(doc: Document, field: str) -> str:
	table, _dot, column = field.partition(".")
	df = doc.meta.get_field(table)
	if not column:
		return _(df.label)
	child = frappe.get_meta(df.options).get_field(column)
	return f"{_(child.label)} ({_(df.label)})"
