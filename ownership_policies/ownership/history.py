"""The owner history (X-2): the claim "Owner" follows a record's owner field, whoever sets it. A change no
policy decided (the desk, a Data Import, the REST API, an Assignment Rule, another app) is a line under X-2,
with the actor and the owner before and after; an owner a policy chose as the record was saved is written
under the policy's rule (claims.decided); `claims.grant` writes its own. A new record has its line from its
creation, a deleted one a last line, a merged one the owner it keeps, and records owned before the app was
installed get one at install, so that `who_owns` answers for every owned record."""

import json

import frappe
from frappe import _
from frappe.utils import now_datetime

from ownership_policies.ownership import ledger, reasons
from ownership_policies.ownership.owners import OWNER_FIELDS, owner_field
from ownership_policies.ownership.rows import insert_rows
from ownership_policies.ownership.rules import OWNER

BACKFILL_NOTE = "owner at install"


def on_insert(doc, method=None):
	"""after_insert, before the policies' own hooks: the owner the record was created with, under the rule of
	the policy that chose it (claims.decided) or X-2."""
	if owner := doc.get(owner_field(doc.doctype)):
		record(doc, None, owner, doc.flags.owner_rule, doc.flags.owner_since)


def on_change(doc, method=None):
	"""on_change (after a save, and after a db_set): a changed owner, under the rule of the policy that chose
	it (claims.decided, e.g. a request routed again) or X-2. `claims.grant` writes its own lines; an insert's
	line is on_insert's."""
	decided, rule = doc.flags.owner_decided, doc.flags.owner_rule
	doc.flags.owner_decided = doc.flags.owner_rule = None
	if doc.flags.in_insert or (decided and not rule):
		return
	field = owner_field(doc.doctype)
	before = doc.get_doc_before_save()
	if before and before.get(field) != doc.get(field):
		record(doc, before.get(field), doc.get(field), rule)


def record(doc, previous: str | None, owner: str | None, rule: str | None = None, since=None):
	field = owner_field(doc.doctype)
	ledger.record(
		doc.doctype,
		doc.name,
		claim=OWNER,
		action="Assign" if owner else "Release",
		rule=rule or "X-2",
		valid_from=since,
		holder=owner or previous,
		holder_type="User",
		before={field: previous},
		after={field: owner},
		note=doc.flags.owner_note,
	)


def on_trash(doc, method=None):
	"""The record is deleted: its lines stay, as its history, and end here, so that a record given the same
	name later (a naming series reused) starts with no holder."""
	ledger.record(doc.doctype, doc.name, claim=OWNER, action="Delete", rule="X-2", holder_type="User")


def after_merge(doc, method=None, old=None, new=None, merge=False):
	"""after_rename: a record merged into this one brought its lines along; the owner it keeps is written
	last, so that it answers."""
	if merge and (owner := doc.get(owner_field(doc.doctype))):
		doc.flags.owner_note = reasons.kept(reasons.reason("X-7", "merged_with", old))
		record(doc, None, owner)


def on_rule_assignment(todo, method=None):
	"""ToDo after_insert: an Assignment Rule's assignment of a record nobody owns makes the assignee its owner,
	through the document (db_set, so that the form being saved is not outdated by it). Client Requests are
	routed by their own rules (AR-1 … AR-4), never by an assignment."""
	if todo.reference_type not in OWNER_FIELDS or todo.reference_type == "Client Request":
		return
	if not by_assignment_rule(todo):
		return
	doc = frappe.get_doc(todo.reference_type, todo.reference_name)
	if doc.get(owner_field(doc.doctype)):
		return
	doc.flags.owner_note = reasons.kept(reasons.reason("X-2", "assignment_rule", todo.assignment_rule))
	doc.db_set(owner_field(doc.doctype), todo.allocated_to, update_modified=False)


def by_assignment_rule(todo) -> bool:
	"""A ToDo that an Assignment Rule would make: the rule is enabled, for this doctype, its users include the
	assignee and its condition holds for the record. Anyone may name a rule when assigning by hand."""
	if not todo.assignment_rule or not frappe.db.exists("Assignment Rule", todo.assignment_rule):
		return False
	rule = frappe.get_cached_doc("Assignment Rule", todo.assignment_rule)
	if rule.disabled or rule.document_type != todo.reference_type:
		return False
	if todo.allocated_to not in {row.user for row in rule.users}:
		return False
	record = frappe.get_doc(todo.reference_type, todo.reference_name).as_dict()  # as the rule reads it
	return bool(rule.safe_eval("assign_condition", record))


def backfill(batch_size: int = 10_000, progress=print) -> int:
	"""Each owned record without a ledger line gets one, "owner at install", in batches committed one by one:
	restartable, as a record that has its line is not read again."""
	written = 0
	for doctype, field in OWNER_FIELDS.items():
		if not frappe.db.table_exists(doctype) or not frappe.db.has_column(doctype, field):
			continue
		last = ""
		while rows := unrecorded(doctype, field, last, batch_size):
			insert_lines(doctype, field, rows)
			written += len(rows)
			last = rows[-1][0]
			frappe.db.commit()
			progress(_("Ownership history: {0} lines written").format(written))
	return written


def unrecorded(doctype: str, field: str, after: str, limit: int) -> list[tuple]:
	return frappe.db.sql(
		f"""select record.name, record.`{field}` from `tab{doctype}` record
		where record.name > %(after)s and ifnull(record.`{field}`, '') != ''
		and not exists (select 1 from `tab{ledger.LEDGER}` line
			where line.reference_name = record.name and line.reference_doctype = %(doctype)s)
		order by record.name limit %(limit)s""",
		{"after": after, "doctype": doctype, "limit": limit},
	)


def insert_lines(doctype: str, field: str, rows: list[tuple]):
	moment, user = now_datetime(), frappe.session.user
	insert_rows(
		ledger.LEDGER,
		[
			{
				"reference_doctype": doctype,
				"reference_name": name,
				"claim": OWNER,
				"action": "Assign",
				"rule": "X-2",
				"holder_type": "User",
				"holder": owner,
				"actor": user,
				"valid_from": moment,
				"after": json.dumps({field: owner}),
				"note": BACKFILL_NOTE,
			}
			for name, owner in rows
		],
	)
