"""Every change of who holds a client, applied in one place (X-2). The policies decide, in their pure rules;
they call `grant`, `extend`, `end` or `refuse`, and this module applies the decision:

- the record's owner field changes through the document, so that its controller, its Version, Frappe's
  assignment hooks and other apps' doc events see it;
- Frappe's own Assign To gives the new holder a ToDo when the policy asks for one, and the ToDo the previous
  holder had on the record is closed;
- the ledger line is a document insert (Webhooks and other apps see it);
- the holder who loses the record is told.

No policy module writes an owner field or a ledger line itself."""

import frappe
from frappe import _
from frappe.desk.form import assign_to
from frappe.model.document import Document
from frappe.utils import getdate

from ownership_policies.ownership import ledger, reasons
from ownership_policies.ownership.immutable import by_app
from ownership_policies.ownership.notify import tell_each
from ownership_policies.ownership.owners import owner_field
from ownership_policies.ownership.rules import OWNER


def decided(doc: Document, rule: str | None = None, since=None) -> Document:
	"""Mark a record whose owner a policy sets while it is being saved. A new record (a lead a policy inserts
	or decides in before_insert) gets its Owner line from the history under the policy's `rule` (from `since`,
	when the policy decided earlier); a change made by `grant` writes its own."""
	doc.flags.owner_decided = True
	doc.flags.owner_rule = rule
	doc.flags.owner_since = since
	return doc


def grant(
	record,
	holder: str,
	*,
	claim: str,
	rule: str,
	action: str = "Assign",
	holder_type: str = "User",
	owner: bool = True,
	values: dict | None = None,
	assign: str | None = None,
	valid_from=None,
	valid_until=None,
	before: dict | None = None,
	after: dict | None = None,
	note: str | None = None,
	leaving: str | None = None,
	due=None,
):
	"""`holder` gets `claim` on `record` (a document being saved, or a (doctype, name) pair) under `rule`.
	With `owner`, the holder (a user) becomes the record's owner, with `values` saved alongside; `assign` is
	the description of the ToDo the holder gets, due on `due`. The agent the client leaves is told: the record's former
	owner, or `leaving` (a new lead of a client another agent had). Returns the ledger line."""
	doctype, name = reference(record)
	doc = previous = None
	if owner:
		doc = as_document(record)
		previous = doc.get(owner_field(doctype))
		set_owner(doc, holder, values, saving=doc is record)
		before = {owner_field(doctype): previous} if before is None else before
		if previous != holder and claim != OWNER:  # the owner field's own history, then the policy's claim
			ledger.record(
				doctype,
				name,
				claim=OWNER,
				action="Assign",
				rule=rule,
				holder=holder,
				holder_type=holder_type,
				valid_from=valid_from,
				before=before,
				after={owner_field(doctype): holder},
			)
	line = ledger.record(
		doctype,
		name,
		claim=claim,
		action=action,
		rule=rule,
		holder=holder,
		holder_type=holder_type,
		valid_from=valid_from,
		valid_until=valid_until,
		before=before,
		after=after,
		note=note,
	)
	if assign:
		give_todo(doctype, name, holder, assign, due)
	if (leaving := leaving or previous) and leaving != holder:
		leave(doc or as_document(record), leaving, holder, note)
	return line


def extend(record, holder: str, *, claim: str, rule: str, valid_until, holder_type="User", **line):
	"""The holder's claim runs on until `valid_until`."""
	doctype, name = reference(record)
	return ledger.record(
		doctype,
		name,
		claim=claim,
		action="Extend",
		rule=rule,
		holder=holder,
		holder_type=holder_type,
		valid_until=valid_until,
		**line,
	)


def end(
	record, holder: str | None, *, claim: str, rule: str, action: str = "Expire", holder_type="User", **line
):
	"""The holder's claim ends (`Expire` by itself, `Release` by a decision)."""
	doctype, name = reference(record)
	return ledger.record(
		doctype, name, claim=claim, action=action, rule=rule, holder=holder, holder_type=holder_type, **line
	)


def refuse(record, holder: str | None, *, claim: str, rule: str, holder_type="User", **line):
	"""A claim asked for and refused: holdings stay as they are, the ledger says who asked and why not."""
	doctype, name = reference(record)
	return ledger.record(
		doctype, name, claim=claim, action="Refuse", rule=rule, holder=holder, holder_type=holder_type, **line
	)


def set_owner(doc: Document, holder: str | None, values: dict | None = None, saving: bool = False):
	"""The owner field (and `values`) changed through the document. A document its own save's hooks give to
	someone (`saving`: a lead's after_insert, RA-9) changes as that save goes on, with db_set; any other is
	saved."""
	changes = {owner_field(doc.doctype): holder, **(values or {})}
	if all(doc.get(field) == value for field, value in changes.items()):
		return
	decided(by_app(doc))
	if saving:
		doc.db_set(changes, notify=True)
		return
	doc.update(changes)
	doc.save(ignore_permissions=True)


def give_todo(doctype: str, name: str, holder: str, description: str, due=None):
	"""Frappe's Assign To, with its hooks: the ToDo, the record's Assigned To, the share if needed."""
	assign_to.add(
		{
			"assign_to": [holder],
			"doctype": doctype,
			"name": name,
			"description": description,
			**({"date": getdate(due)} if due else {}),
		},
		ignore_permissions=True,
	)


def leave(doc: Document, previous: str, holder: str, reason: str | None):
	"""The holder who loses the record: their ToDo on it is closed and they are told who has it now."""
	if frappe.db.exists(
		"ToDo",
		{
			"reference_type": doc.doctype,
			"reference_name": doc.name,
			"allocated_to": previous,
			"status": "Open",
		},
	):
		assign_to.remove(doc.doctype, doc.name, previous, ignore_permissions=True)
	tell_each(
		doc,
		lambda: (
			_("{0} now belongs to {1}").format(doc.get_title(), full_name(holder)),
			reasons.render(reason) or _("Its ownership changed."),
		),
		users=[previous],
	)


def full_name(user: str) -> str:
	return frappe.utils.get_fullname(user)


def as_document(record) -> Document:
	return record if isinstance(record, Document) else frappe.get_doc(*record)


def reference(record) -> tuple[str, str]:
	return (record.doctype, record.name) if isinstance(record, Document) else tuple(record)
