"""Two records of one person merged, and the merge undone (X-7). A sales manager merges a Lead into a Lead, a
Lead into a Customer, or a Contact into a Contact:

- every document that points at the merged record points at the kept one (merge_links finds them through the
  meta and moves them by direct updates);
- the kept record gets the merged one's values where its own are empty, written through the document with its
  new owner (claims: its change hooks and the identity index see them);
- the merged record is disabled, not deleted: a Lead's own Disabled (ERPNext leaves disabled records out of
  every link search), and Converted when it was merged into a Customer (as ERPNext marks a lead that became
  one); a Contact, which has no Disabled, becomes Passive and unsubscribed;
- who holds the person is decided by the rules (merge_rules) and written by `claims` under X-7, the merged
  record's claim released;
- two running referrals of the person, one on each record: the first keeps the contact, the later one is made
  a double prescription (PR-4; PR-2 for the same partner) by the app, in the ledger too, and those concerned
  are told;
- the records' Assigned To follows the ToDos that moved;
- a Lead merged into a Customer whose From Lead is another lead: the kept timeline names the links that can
  point at a Lead only and stayed on the merged one;
- both timelines say so, and a Merge Log keeps exactly what changed.

The undo puts back every value that is still as the merge left it, and names, with the reason, each one
changed since, which it leaves as it is. Two managers merging the same records at once: the records' rows are
locked in a fixed order, and the second one finds the first one's Merge Log."""

import frappe
from frappe import _
from frappe.utils import cstr, get_link_to_form, now_datetime

from ownership_policies.ownership import claims, identity, merge_links, notify, reasons
from ownership_policies.ownership.immutable import by_app
from ownership_policies.ownership.keys import person_keys
from ownership_policies.ownership.merge_rules import (
	DOUBLE_PRESCRIPTION,
	Referral,
	Side,
	owner_after_merge,
	referrals_after_merge,
)
from ownership_policies.ownership.owners import OWNER_FIELDS
from ownership_policies.ownership.roles import ensure_may
from ownership_policies.ownership.rows import insert_rows
from ownership_policies.ownership.rules import OWNER

MERGE_LOG, MERGE_LOG_CHANGE = "Merge Log", "Merge Log Change"
ATTACHMENT = "Prescriber Attachment"
ASSIGNED = "_assign"  # the desk's Assigned To, from the record's open ToDos
# An attachment's fields a later referral's demotion changes (PR-4, PR-2), as attaching.new_attachment sets
# them for an attachment that holds nothing.
DEMOTED_FIELDS = (
	"verdict",
	"rule",
	"holds_until",
	"remunerable_until",
	"first_attachment",
	"reason",
	"holding_key",
)
# merged doctype, kept doctype
PAIRS = (("Lead", "Lead"), ("Lead", "Customer"), ("Contact", "Contact"))
# The kept record's field: the merged record's field it takes when empty ("name": the merged record itself).
COPIED = {
	("Lead", "Lead"): {
		field: field
		for field in (
			"mobile_no",
			"phone",
			"whatsapp_no",
			"email_id",
			"company_name",
			"city",
			"state",
			"country",
		)
	},
	("Lead", "Customer"): {"lead_name": "name"},  # ERPNext's "From Lead"
	("Contact", "Contact"): {field: field for field in ("company_name", "designation", "department")},
}


def merge_records(doctype: str, keep: str, merge: str, keep_doctype: str | None = None) -> dict:
	"""Merge `merge` (a `doctype`) into `keep` (a `keep_doctype`, by default the same doctype)."""
	merged, kept = (doctype, merge), (keep_doctype or doctype, keep)
	ensure_may_merge(merged, kept)
	lock(merged, kept)
	ensure_not_merged(merged, kept)
	kept_doc, merged_doc = frappe.get_doc(*kept), frappe.get_doc(*merged)
	decision = owner_after_merge(side(kept_doc), side(merged_doc))
	attachments = referrals_of(kept_doc, merged_doc)
	referral = referrals_after_merge(
		[Referral(row.name, row.partner, row.attached_on, row.holds_until) for row in attachments.values()],
		now_datetime(),
	)
	moves = merge_links.links_to(merged, kept) + demotions(referral, attachments)
	copies = copied_values(kept_doc, merged_doc)
	state = merged_state(merged_doc, kept_doc.doctype)
	log = write_log(kept_doc, merged_doc, decision, moves, copies, state)
	values = {field: new for field, _old, new in copies}
	if kept_doc.doctype not in OWNER_FIELDS:  # a Contact, saved before rows move to it (a save rewrites them)
		save_values(kept_doc, values)
	assigned = assignments(merged, kept)
	merge_links.apply(moves)
	reindex(kept)
	merged_doc.db_set({field: new for field, _old, new in state})
	write_owner(kept_doc, merged_doc, decision, values)
	if referral:
		write_referral(kept_doc, referral, attachments, decision.holder)
	log_changes(log, link_rows(refresh_assignments(assigned)))
	kept_doc.add_comment(
		"Info",
		_("{0} was merged into this record.").format(get_link_to_form(*merged, merged_doc.get_title())),
	)
	if stayed := merge_links.staying(merged, kept):
		say_what_stayed(kept_doc, merged_doc, stayed)
	merged_doc.add_comment(
		"Info", _("Merged into {0}.").format(get_link_to_form(*kept, kept_doc.get_title()))
	)
	return {"merge_log": log.name, "kept": keep}


def say_what_stayed(kept_doc, merged_doc, stayed: list[tuple[str, str]]):
	"""A Lead's links that only a Lead may hold stay on it: reached through the customer's From Lead when it
	names the merged lead (as a conversion does); when it names another lead, the kept record's timeline names
	them, so that nobody takes them for lost."""
	if kept_doc.get("lead_name") == merged_doc.name:
		return
	kept_doc.add_comment(
		"Info",
		_(
			"These documents can point at a Lead only, and stay on {0} (this customer's From Lead is another lead): {1}."
		).format(
			get_link_to_form(merged_doc.doctype, merged_doc.name, merged_doc.get_title()),
			", ".join(get_link_to_form(doctype, name) for doctype, name in stayed),
		),
	)


def unmerge_records(merge_log: str) -> dict:
	"""Undo a merge: each value it changed and nobody changed since is put back; the others are named, with
	the reason, and left as they are."""
	ensure_manager()
	log = existing_log(merge_log)
	merged, kept = (log.merged_doctype, log.merged_name), (log.kept_doctype, log.kept_name)
	ensure_may_merge(merged, kept)
	lock(merged, kept)  # first, as a merge does: an undo and a merge of the same records wait for each other
	ensure_not_undone(merge_log)
	ensure_not_merged(kept)
	restored, refused = put_back_links(log)
	kept_doc, merged_doc = frappe.get_doc(*kept), frappe.get_doc(*merged)
	save_values(kept_doc, restorable(kept_doc, rows_of(log, "Field"), restored, refused))
	reindex(kept)
	if state := restorable(merged_doc, rows_of(log, "State"), restored, refused):
		merged_doc.db_set(state)
	reverse_owner(log, kept_doc, merged_doc, refused)
	restore_referrals(log, kept_doc, restored)
	refresh_assignments(assignments(merged, kept) | assigned_before(log))
	by_app(log).db_set({"status": "Undone", "undone_by": frappe.session.user, "undone_on": now_datetime()})
	kept_doc.add_comment(
		"Info", _("The merge of {0} into this record was undone.").format(get_link_to_form(*merged))
	)
	merged_doc.add_comment(
		"Info", _("The merge of this record into {0} was undone.").format(get_link_to_form(*kept))
	)
	return {"restored": restored, "refused": refused}


def ensure_manager():
	"""Checked in tests too (frappe.only_for is not)."""
	ensure_may("manage", _("Only a sales manager merges records and undoes a merge."))


def ensure_may_merge(merged: tuple[str, str], kept: tuple[str, str]):
	ensure_manager()
	if (merged[0], kept[0]) not in PAIRS:
		frappe.throw(
			_(
				"A {0} cannot be merged into a {1}. Merge a Lead into a Lead or a Customer, or a Contact into a Contact."
			).format(_(merged[0]), _(kept[0])),
			title=_("Cannot Merge"),
		)
	if merged == kept:
		frappe.throw(
			_("A record cannot be merged into itself. Choose the record to keep."), title=_("Cannot Merge")
		)
	for doctype, name in (merged, kept):
		if not frappe.db.exists(doctype, name):
			frappe.throw(
				_("{0} {1} does not exist.").format(_(doctype), frappe.bold(frappe.utils.escape_html(name))),
				frappe.DoesNotExistError,
			)
		frappe.has_permission(doctype, "write", doc=name, throw=True)


def lock(*records: tuple[str, str]):
	"""Both records' rows, locked in one order whoever merges them: a second merge of the same records waits
	for the first one's end."""
	for doctype, name in sorted(records):
		frappe.db.sql(f"select name from `tab{doctype}` where name = %s for update", (name,))


def ensure_not_merged(*records: tuple[str, str]):
	"""Neither record is merged into another already (a locking read: the latest merge, even one committed
	while this request waited for the lock)."""
	for doctype, name in records:
		found = frappe.db.sql(
			"""select name, kept_doctype, kept_name from `tabMerge Log`
			where merged_doctype = %s and merged_name = %s and status = 'Merged' for update""",
			(doctype, name),
			as_dict=True,
		)
		if found:
			frappe.throw(
				_("{0} {1} is already merged into {2} {3} (Merge Log {4}). Undo that merge first.").format(
					_(doctype), name, _(found[0].kept_doctype), found[0].kept_name, found[0].name
				),
				title=_("Already Merged"),
			)


def side(doc) -> Side:
	owner = doc.get(OWNER_FIELDS[doc.doctype]) if doc.doctype in OWNER_FIELDS else None
	registered = None
	if doc.doctype == "Lead":
		registered = frappe.db.get_value("Client Registration", {"lead": doc.name}, "registered_on")
	fixed = doc.doctype == "Lead" and bool(
		frappe.db.exists("Client Fixation", {"lead": doc.name, "status": "Active"})
	)
	return Side(doc.doctype, doc.name, owner, registered or doc.creation, fixed)


def referrals_of(*docs) -> dict[str, dict]:
	"""The active attachments of these Leads and Customers (a Customer's include its lead's), by name, with
	the fields a demotion changes."""
	conditions, values = [], []
	for doc in docs:
		if doc.doctype in ("Lead", "Customer"):
			conditions.append("(reference_doctype = %s and reference_name = %s)")
			values += [doc.doctype, doc.name]
		if doc.doctype == "Customer":
			conditions.append("customer = %s")
			values.append(doc.name)
	if not conditions:
		return {}
	rows = frappe.db.sql(
		f"""select name, partner, attached_on, {", ".join(DEMOTED_FIELDS)} from `tab{ATTACHMENT}`
		where status = 'Active' and ({" or ".join(conditions)})""",
		values,
		as_dict=True,
	)
	return {row.name: row for row in rows}


def demotions(referral, attachments: dict) -> list[merge_links.Move]:
	"""Each later attachment made one that holds nothing (PR-4, PR-2), as a move of its rule fields: written
	by the app in the same direct updates as the links, kept in the Merge Log and put back by the undo."""
	if not referral:
		return []
	first, moves = referral.first, []
	for demotion in referral.later:
		row = attachments[demotion.referral.attachment]
		now = {
			"verdict": demotion.verdict,
			"rule": demotion.rule,
			"holds_until": None,
			"remunerable_until": None,
			"first_attachment": first.attachment,
			"reason": demotion_reason(demotion, first),
			"holding_key": None,  # the first attachment holds the person
		}
		changes = tuple(
			(field, row[field], now[field]) for field in DEMOTED_FIELDS if row[field] != now[field]
		)
		moves.append(merge_links.Move(ATTACHMENT, row.name, changes))
	return moves


def demotion_reason(demotion, first: Referral) -> str:
	"""The reason attaching.reason gives the same verdict."""
	if demotion.verdict == DOUBLE_PRESCRIPTION:
		return reasons.kept(
			reasons.reason(demotion.rule, "double_prescription", first.attached_on, first.holds_until)
		)
	return reasons.kept(reasons.reason(demotion.rule, "already_attached", first.attached_on))


def write_referral(kept_doc, referral, attachments: dict, advisor: str | None):
	"""The ledger: each later referral refused, then the first one's claim confirmed last, so that it answers
	for the person (the later one's grant, moved along, was recorded after it); those concerned told."""
	first = referral.first
	for demotion in referral.later:
		claims.refuse(
			kept_doc,
			demotion.referral.partner,
			claim="Referral",
			rule=demotion.rule,
			holder_type="Sales Partner",
			after={"attachment": demotion.referral.attachment, "verdict": demotion.verdict},
			note=demotion_reason(demotion, first),
		)
		if demotion.verdict == DOUBLE_PRESCRIPTION:
			tell_double_prescription(demotion.referral.attachment, first, advisor)
	claims.grant(
		kept_doc,
		first.partner,
		owner=False,
		claim="Referral",
		rule=referral.rule,
		action="Keep",
		holder_type="Sales Partner",
		valid_until=first.holds_until,
		after={"attachment": first.attachment, "verdict": attachments[first.attachment].verdict},
		note=demotion_reason(referral.later[0], first),
	)


def tell_double_prescription(name: str, first: Referral, advisor: str | None):
	"""PR-4's words (notify.double_prescription, as on an attachment): the later partner learns its contact
	is not remunerated, the advisor who owns the person that it is a double prescription; the first partner,
	never named to the later, that it keeps the contact."""
	attachment = frappe.get_doc(ATTACHMENT, name)
	notify.double_prescription(attachment, [advisor])
	notify.tell(
		frappe.get_doc(ATTACHMENT, first.attachment),
		_("{0} stays attached to you").format(attachment.person_name),
		_(
			"{0}, whom you sent us, was also sent by another partner later. You keep the contact while your "
			"window runs (rule PR-4)."
		).format(attachment.person_name),
		partner=first.partner,
	)


def restore_referrals(log, kept_doc, restored: list):
	"""Each demoted attachment put back holds its contact again: when it is the kept record's own, its claim
	is granted again there (its earlier grant answers no more, the first one's having been confirmed after it);
	one that went back to the merged record answers there with its own lines."""
	put_back = {item["name"] for item in restored if item["doctype"] == ATTACHMENT}
	demoted = {
		row.reference_name
		for row in rows_of(log, "Link")
		if row.reference_doctype == ATTACHMENT and row.fieldname == "verdict"
	}
	note = reasons.kept(reasons.reason("X-7", "merge_undone", log.merged_name, log.kept_name))
	for name in sorted(demoted & put_back):
		row = frappe.db.get_value(
			ATTACHMENT,
			name,
			["partner", "reference_doctype", "reference_name", "verdict", "rule", "holds_until"],
			as_dict=True,
		)
		if (row.reference_doctype, row.reference_name) != (kept_doc.doctype, kept_doc.name):
			continue
		if row.holds_until and row.holds_until > now_datetime():
			claims.grant(
				kept_doc,
				row.partner,
				owner=False,
				claim="Referral",
				rule=row.rule,
				action="Attach",
				holder_type="Sales Partner",
				valid_until=row.holds_until,
				after={"attachment": name, "verdict": row.verdict},
				note=note,
			)


def copied_values(kept_doc, merged_doc) -> list[tuple[str, str | None, str]]:
	"""(field, kept value, new value) for each empty field of the kept record the merged one fills. A Lead's
	email is left when ERPNext keeps Lead emails unique (CRM Settings): the merged lead still has it."""
	copied = []
	for field, source in COPIED[(merged_doc.doctype, kept_doc.doctype)].items():
		value = merged_doc.name if source == "name" else merged_doc.get(source)
		if not value or kept_doc.get(field):
			continue
		if field == "email_id" and kept_doc.doctype == "Lead" and not lead_emails_may_repeat():
			continue
		copied.append((field, kept_doc.get(field), value))
	return copied


def lead_emails_may_repeat() -> bool:
	return bool(frappe.db.get_single_value("CRM Settings", "allow_lead_duplication_based_on_emails"))


def merged_state(merged_doc, kept_doctype: str) -> list[tuple[str, object, object]]:
	if merged_doc.doctype == "Contact":
		state = {"status": "Passive", "unsubscribed": 1}
	else:
		state = {"disabled": 1, **({"status": "Converted"} if kept_doctype == "Customer" else {})}
	return [(field, merged_doc.get(field), value) for field, value in state.items()]


def write_log(kept_doc, merged_doc, decision, moves, copies, state):
	rows = link_rows(moves)
	rows += [change_row("Field", kept_doc.doctype, kept_doc.name, *copy) for copy in copies]
	rows += [change_row("State", merged_doc.doctype, merged_doc.name, *change) for change in state]
	log = frappe.get_doc(
		{
			"doctype": MERGE_LOG,
			"merged_doctype": merged_doc.doctype,
			"merged_name": merged_doc.name,
			"kept_doctype": kept_doc.doctype,
			"kept_name": kept_doc.name,
			"status": "Merged",
			"merged_by": frappe.session.user,
			"merged_on": now_datetime(),
			"kept_owner": owner_of(kept_doc),
			"merged_owner": owner_of(merged_doc),
			"decided_owner": decision.holder,
			"owner_reason": reasons.render(decision_note(decision, merged_doc)),
		}
	)
	log.flags.ignore_links = True  # the app's own references, read from the records it merges
	by_app(log).insert(ignore_permissions=True)
	log_changes(log, rows)
	return log


def log_changes(log, rows: list[dict]):
	"""One statement for the log's rows, however many links moved (a document insert writes them one by one),
	numbered on from those it has."""
	if not rows:
		return
	after = frappe.db.sql(f"select count(*) from `tab{MERGE_LOG_CHANGE}` where parent = %s", log.name)[0][0]
	insert_rows(
		MERGE_LOG_CHANGE,
		[
			{"parent": log.name, "parenttype": MERGE_LOG, "parentfield": "changes", "idx": idx, **row}
			for idx, row in enumerate(rows, start=after + 1)
		],
	)


def link_rows(moves) -> list[dict]:
	return [
		change_row("Link", move.doctype, move.name, field, before, after)
		for move in moves
		for field, before, after in move.changes
	]


def change_row(change, doctype, name, field, before, after) -> dict:
	return {
		"change": change,
		"reference_doctype": doctype,
		"reference_name": name,
		"fieldname": field,
		"old_value": None if before is None else cstr(before),
		"new_value": None if after is None else cstr(after),
	}


def owner_of(doc) -> str | None:
	return doc.get(OWNER_FIELDS[doc.doctype]) if doc.doctype in OWNER_FIELDS else None


def decision_note(decision, merged_doc) -> str:
	params = (merged_doc.name, decision.side.name) if decision.side else (merged_doc.name,)
	return reasons.kept(reasons.reason(decision.rule, decision.reason, *params))


def save_values(doc, values: dict):
	if values:
		doc.update(values)
		doc.save(ignore_permissions=True)


def assignments(*records: tuple[str, str]) -> dict[tuple[str, str], str | None]:
	"""Each record's Assigned To as it is (`_assign`, which the desk shows and its list filters on)."""
	return {record: frappe.db.get_value(*record, ASSIGNED) for record in records}


def refresh_assignments(before: dict[tuple[str, str], str | None]) -> list[merge_links.Move]:
	"""Each record's Assigned To computed again from its open ToDos, as Frappe's ToDo does on a save (the
	ToDos were moved by direct updates, which run no hook), and the changes, for the Merge Log. One assigned
	to nobody, as `before`, keeps the value it had (Frappe writes "" for none where a record never assigned
	has NULL): an undo leaves it exactly."""
	changes = []
	for (doctype, name), previous in before.items():
		frappe.get_doc(
			{"doctype": "ToDo", "reference_type": doctype, "reference_name": name}
		).update_in_reference()
		now = frappe.db.get_value(doctype, name, ASSIGNED)
		if not previous and not now:
			frappe.db.set_value(doctype, name, ASSIGNED, previous, update_modified=False)
		elif now != previous:
			changes.append(merge_links.Move(doctype, name, ((ASSIGNED, previous, now),)))
	return changes


def assigned_before(log) -> dict[tuple[str, str], str | None]:
	"""The records' Assigned To before the merge, as its log keeps them."""
	return {
		(row.reference_doctype, row.reference_name): row.old_value
		for row in rows_of(log, "Link")
		if row.fieldname == ASSIGNED
	}


def reindex(record: tuple[str, str]):
	"""A Contact's phones and emails moved to it or back, with no save (which would touch every row's
	`modified`, and an undo must leave them as they were): its identity keys follow them (X-1)."""
	if record[0] != "Contact":
		return
	doc = frappe.get_doc(*record)
	keys = frozenset(person_keys(*identity.person_facts(doc), identity.phone_region()))
	identity.sync_identity_keys(doc.doctype, doc.name, keys)


def write_owner(kept_doc, merged_doc, decision, values: dict):
	"""The kept record's owner, decided by the rules, written last on its history (the merged record's lines
	came along with its other links), with the copied `values` in the same write; the merged record's claim
	ends. Contacts have no owner."""
	if kept_doc.doctype not in OWNER_FIELDS:
		return
	if decision.holder:
		previous = owner_of(kept_doc)
		claims.grant(
			kept_doc,
			decision.holder,
			claim=OWNER,
			rule="X-7",
			action="Keep" if decision.holder == previous else "Assign",
			values=values,
			note=decision_note(decision, merged_doc),
		)
	else:
		save_values(kept_doc, values)
		claims.end(
			kept_doc,
			None,
			claim=OWNER,
			rule="X-7",
			action="Release",
			note=decision_note(decision, merged_doc),
		)
	note = reasons.kept(reasons.reason("X-7", "merged_into", kept_doc.name))
	claims.end(merged_doc, owner_of(merged_doc), claim=OWNER, rule="X-7", action="Release", note=note)


def existing_log(name: str):
	if not frappe.db.exists(MERGE_LOG, name):
		frappe.throw(
			_("Merge Log {0} does not exist.").format(frappe.bold(frappe.utils.escape_html(name))),
			frappe.DoesNotExistError,
		)
	return frappe.get_doc(MERGE_LOG, name)


def ensure_not_undone(name: str):
	"""A locking read: an undo committed while this one waited for the records is seen."""
	status, undone_by, undone_on = frappe.db.sql(
		"select status, undone_by, undone_on from `tabMerge Log` where name = %s for update", (name,)
	)[0]
	if status == "Undone":
		frappe.throw(
			_("This merge was already undone, by {0} on {1}.").format(
				frappe.utils.get_fullname(undone_by), frappe.utils.format_datetime(undone_on)
			),
			title=_("Already Undone"),
		)


def rows_of(log, change: str) -> list:
	return [row for row in log.changes if row.change == change]


def put_back_links(log) -> tuple[list[dict], list[dict]]:
	"""Each moved row that still points where the merge pointed it goes back; a row changed or deleted since is
	named and left as it is."""
	moves = {}
	for row in rows_of(log, "Link"):
		if row.fieldname == ASSIGNED:
			continue  # computed again from the ToDos put back (refresh_assignments)
		moves.setdefault((row.reference_doctype, row.reference_name), []).append(
			(row.fieldname, row.old_value, row.new_value)
		)
	restored, refused, back = [], [], []
	by_doctype = {}
	for (doctype, name), changes in moves.items():
		by_doctype.setdefault(doctype, []).append(merge_links.Move(doctype, name, tuple(changes)))
	for doctype, doctype_moves in by_doctype.items():
		fields = sorted({field for move in doctype_moves for field, _old, _new in move.changes})
		now = merge_links.current(doctype, [move.name for move in doctype_moves], fields)
		for move in doctype_moves:
			if reason := changed_since(move, now.get(move.name)):
				refused.append({"doctype": doctype, "name": move.name, "reason": reason})
			else:
				back.append(move)
				restored.append({"doctype": doctype, "name": move.name})
	merge_links.apply(back, forward=False)
	return restored, refused


def changed_since(move, row) -> str | None:
	if row is None:
		return _("{0} {1} was deleted since the merge.").format(_(move.doctype), move.name)
	for field, _old, new in move.changes:
		if cstr(row.get(field)) != cstr(new):
			return _("{0} {1} was changed since the merge ({2} is now {3}): it is left as it is.").format(
				_(move.doctype), move.name, field, cstr(row.get(field)) or _("empty")
			)
	return held_since(move)


def held_since(move) -> str | None:
	"""A demoted attachment whose holding key another referral of the person took since the merge cannot hold
	it again (one partner holds a person at a time)."""
	key = next((old for field, old, _new in move.changes if field == "holding_key" and old), None)
	if key and frappe.db.exists(ATTACHMENT, {"holding_key": key, "name": ("!=", move.name)}):
		return _(
			"{0} {1} cannot hold its contact again: another referral took it since the merge. It is left as it is."
		).format(_(move.doctype), move.name)
	return None


def restorable(doc, rows, restored: list, refused: list) -> dict:
	"""The old values of the fields of `doc` still as the merge left them; the others named in `refused`."""
	values = {}
	for row in rows:
		if cstr(doc.get(row.fieldname)) == cstr(row.new_value):
			values[row.fieldname] = row.old_value
			restored.append({"doctype": doc.doctype, "name": doc.name, "field": row.fieldname})
		else:
			refused.append(
				{
					"doctype": doc.doctype,
					"name": doc.name,
					"field": row.fieldname,
					"reason": _("{0} of {1} was changed since the merge: it is left as it is.").format(
						row.fieldname, doc.name
					),
				}
			)
	return values


def reverse_owner(log, kept_doc, merged_doc, refused: list):
	"""The owner decision reversed under X-7: the kept record's owner before the merge, unless someone gave it
	to another since; the merged record holds its owner again (its lines came back with its links)."""
	if kept_doc.doctype not in OWNER_FIELDS:
		return
	note = reasons.kept(reasons.reason("X-7", "merge_undone", log.merged_name, log.kept_name))
	now = owner_of(kept_doc)
	if cstr(now) != cstr(log.decided_owner):
		refused.append(
			{
				"doctype": kept_doc.doctype,
				"name": kept_doc.name,
				"field": OWNER_FIELDS[kept_doc.doctype],
				"reason": _("The owner of {0} changed since the merge: the new owner stays.").format(
					kept_doc.name
				),
			}
		)
	elif log.kept_owner:
		action = "Keep" if log.kept_owner == now else "Assign"
		claims.grant(kept_doc, log.kept_owner, claim=OWNER, rule="X-7", action=action, note=note)
	else:
		claims.set_owner(kept_doc, None)
		claims.end(kept_doc, now, claim=OWNER, rule="X-7", action="Release", note=note)
	if log.merged_owner:
		claims.grant(merged_doc, log.merged_owner, claim=OWNER, rule="X-7", note=note)
