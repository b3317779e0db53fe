"""Attaching referred contacts (PR-1 … PR-6). Setting a prescriber on a Lead or a Customer, on creation or
later, attaches the contact at once, dated by the server; the pure rules judge what the attachment is worth, and
the verdict is kept on the attachment, written to the ledger and told to those concerned."""

from dataclasses import replace

import frappe
from frappe import _
from frappe.utils import format_date, get_datetime, now_datetime

from ownership_policies.ownership import ledger
from ownership_policies.ownership.identity import display_name, find_by_keys, person_facts, phone_region
from ownership_policies.ownership.keys import EMAIL, NAME, PHONE, person_keys
from ownership_policies.ownership.settings import get_settings
from ownership_policies.prescription import alerts
from ownership_policies.prescription import rules as pr

ATTACHMENT = "Prescriber Attachment"


def on_update(doc, method=None):
	"""Lead and Customer on_update (also after insert)."""
	if doc.doctype == "Customer" and doc.lead_name:
		follow_conversion(doc)
	if doc.prescriber:
		attach(doc, doc.prescriber)


def follow_conversion(customer):
	"""The lead's attachments follow it when it becomes a customer (PR-7 counts them; PR-6 credits its sales)."""
	frappe.db.set_value(
		ATTACHMENT,
		{"reference_doctype": "Lead", "reference_name": customer.lead_name, "customer": ("is", "not set")},
		"customer",
		customer.name,
	)


def attach(doc, partner: str):
	"""PR-1: attach, whatever the file's state or the partner's convention; once per record and partner (a
	converted lead's customer shares its lead's attachments)."""
	records = contact_file(doc)
	if attachments_of(records, partner):
		return
	keys = person_keys(*person_facts(doc), phone_region())
	now = now_datetime()
	received_on = get_datetime(doc.creation) if doc.creation else now
	facts = pr.ReferralFacts(
		partner=partner,
		attached_on=now,
		known_before=known_before(keys, records, received_on),
		holders=holders(keys, records),
		conventions=conventions_of(partner),
		default_months=get_settings().prescriber_remuneration_months,
	)
	judgement = pr.judge(facts)
	attachment = new_attachment(doc, facts, keys, received_on, judgement)
	if not insert_first(attachment):
		if frappe.db.get_value(ATTACHMENT, {"attachment_key": attachment.attachment_key}, for_update=True):
			return  # the same referral saved twice at once: the other save attached it
		# another partner's referral of the same person took the holding in the same moment: it came first
		judgement = pr.judge(replace(facts, holders=(*facts.holders, *held_by(keys))))
		attachment = new_attachment(doc, facts, keys, received_on, judgement)
		attachment.flags.ignore_links = True  # the first attachment was read past this transaction's snapshot
		attachment.insert(ignore_permissions=True)
	record_and_tell(doc, attachment, judgement)


def new_attachment(doc, facts: pr.ReferralFacts, keys, received_on, judgement: pr.Judgement):
	attachment = frappe.get_doc(
		{
			"doctype": ATTACHMENT,
			"partner": facts.partner,
			"person_name": display_name(person_facts(doc)),
			"reference_doctype": doc.doctype,
			"reference_name": doc.name,
			"customer": doc.name if doc.doctype == "Customer" else None,
			"verdict": judgement.verdict,
			"rule": judgement.rule,
			"attached_on": facts.attached_on,  # PR-2: server time, never edited
			"received_on": received_on,
			"holds_until": judgement.holds_until,
			"remunerable_until": judgement.remunerable_until,
			"convention": judgement.convention,
			"first_attachment": judgement.first and judgement.first.attachment,
			"reason": reason(judgement, keys),
			"attachment_key": f"{doc.doctype}/{doc.name}/{facts.partner}",
			"holding_key": holding_key(keys) if judgement.holds else None,
		}
	)
	attachment.flags.by_policy = True
	return attachment


def insert_first(attachment) -> bool:
	"""Insert unless a parallel save took the record's attachment key or the person's holding key first (the
	database's unique keys decide who was first; the loser writes nothing)."""
	if attachment.holding_key:
		release_lapsed_holding(attachment.holding_key)
	frappe.db.savepoint("prescriber_attachment")
	try:
		attachment.insert(ignore_permissions=True)
	except frappe.UniqueValidationError:
		frappe.db.rollback(save_point="prescriber_attachment")
		return False
	return True


def holding_key(keys) -> str | None:
	"""The person's first key by strength (phone, then email, then name): one partner holds it at a time."""
	for kind in (PHONE, EMAIL, NAME):
		if values := sorted(key.value for key in keys if key.kind == kind):
			return f"{kind}:{values[0]}"
	return None


def release_lapsed_holding(key: str):
	table = frappe.qb.DocType(ATTACHMENT)
	(
		frappe.qb.update(table)
		.set(table.holding_key, None)
		.where((table.holding_key == key) & (table.holds_until <= now_datetime()))
		.run()
	)


def held_by(keys) -> list[pr.Holder]:
	"""The attachment holding the person's key, read past this transaction's snapshot (a locking read)."""
	table = frappe.qb.DocType(ATTACHMENT)
	rows = (
		frappe.qb.from_(table)
		.select(table.name, table.partner, table.attached_on, table.holds_until)
		.where(table.holding_key == holding_key(keys))
		.for_update()
		.run(as_dict=True)
	)
	return [pr.Holder(row.name, row.partner, row.attached_on, row.holds_until) for row in rows]


def contact_file(doc) -> set[tuple[str, str]]:
	"""The records that are this one contact's file: the record, the lead it came from or the customer it
	became, and their contacts. Matches among them are not 'known before'."""
	records = {(doc.doctype, doc.name)}
	if doc.doctype == "Customer" and doc.lead_name:
		records.add(("Lead", doc.lead_name))
	if doc.doctype == "Lead":
		records |= {
			("Customer", name) for name in frappe.get_all("Customer", {"lead_name": doc.name}, pluck="name")
		}
	link = frappe.qb.DocType("Dynamic Link")
	contacts = (
		frappe.qb.from_(link)
		.select(link.parent)
		.where(
			(link.parenttype == "Contact")
			& link.link_doctype.isin(["Lead", "Customer"])
			& link.link_name.isin([name for _doctype, name in records])
		)
		.run(pluck=True)
	)
	return records | {("Contact", name) for name in contacts}


def attachments_of(records, partner: str | None = None) -> list[dict]:
	table = frappe.qb.DocType(ATTACHMENT)
	condition = None
	for doctype, name in records:
		if doctype == "Contact":
			continue
		one = (table.reference_doctype == doctype) & (table.reference_name == name)
		if doctype == "Customer":
			one = one | (table.customer == name)
		condition = one if condition is None else condition | one
	query = (
		frappe.qb.from_(table)
		.select(table.name, table.partner, table.attached_on, table.holds_until)
		.where(condition & (table.status == "Active"))
	)
	if partner:
		query = query.where(table.partner == partner)
	return query.run(as_dict=True)


def same_person(keys, records) -> set[tuple[str, str]]:
	"""Leads, Contacts and Customers of the same person outside this contact's file (X-1): by phone and email,
	or by name when the record has neither (the reason then says so)."""
	strong = {key for key in keys if key.kind != NAME}
	name = next((key.value for key in keys if key.kind == NAME), None)
	if not (strong or keys):
		return set()
	return {(m["doctype"], m["name"]) for m in find_by_keys(strong or keys, name)} - records


def known_before(keys, records, received_on) -> bool:
	"""PR-3: the same person was a lead, contact or customer before the referral came in."""
	found = {}
	for doctype, name in same_person(keys, records):
		found.setdefault(doctype, []).append(name)
	return any(
		frappe.db.exists(doctype, {"name": ("in", names), "creation": ("<", received_on)})
		for doctype, names in found.items()
	)


def holders(keys, records) -> tuple[pr.Holder, ...]:
	"""Attachments of the same person (in this file or elsewhere) that hold it for their partner (PR-4)."""
	rows = attachments_of(records | same_person(keys, records))
	return tuple(
		pr.Holder(row.name, row.partner, row.attached_on, row.holds_until) for row in rows if row.holds_until
	)


def conventions_of(partner: str) -> tuple[pr.Convention, ...]:
	months = get_settings().prescriber_remuneration_months
	return tuple(
		pr.Convention(c.name, c.convention_type, c.valid_from, c.valid_to, c.remuneration_months or months)
		for c in frappe.get_all(
			"Prescriber Convention",
			filters={"partner": partner, "status": "Active"},
			fields=["name", "convention_type", "valid_from", "valid_to", "remuneration_months"],
		)
	)


def reason(judgement: pr.Judgement, keys) -> str:
	first = judgement.first
	text = {
		pr.REMUNERABLE: lambda: _(
			"Remunerable until {0} under the convention {1}: the partner sent a contact new to us."
		).format(format_date(judgement.remunerable_until), judgement.convention),
		pr.NOT_REMUNERABLE: lambda: (
			_(
				"Attached and kept for this partner until {0}, but not remunerable: the convention {1} in force does not pay per contact."
			).format(format_date(judgement.holds_until), judgement.convention)
			if judgement.convention
			else _(
				"Attached and kept for this partner until {0}, but not remunerable: the partner has no convention in force."
			).format(format_date(judgement.holds_until))
		),
		pr.EXISTING_CLIENT: lambda: _(
			"Not remunerable: this person was already known to us (a lead, contact or customer) before the referral."
		),
		pr.DOUBLE_PRESCRIPTION: lambda: _(
			"Not remunerable: another partner sent this person on {0}; that partner keeps the contact until {1}."
		).format(format_date(first.attached_on), format_date(first.until)),
		pr.ALREADY_ATTACHED: lambda: _(
			"This partner already sent this person on {0}; that first attachment and its date stand."
		).format(format_date(first.attached_on)),
	}[judgement.verdict]()
	if not any(key.kind in (PHONE, EMAIL) for key in keys):
		text += " " + _("The record has no phone and no email: the person was recognised by name only.")
	return text


def record_and_tell(doc, attachment, judgement: pr.Judgement):
	"""The ledger on the referred record: a holding attachment is a Referral claim; the others are refusals."""
	ledger.record(
		doc.doctype,
		doc.name,
		claim="Referral",
		action="Attach" if judgement.holds else "Refuse",
		rule=judgement.rule,
		holder=attachment.partner,
		holder_type="Sales Partner",
		valid_from=attachment.attached_on,
		valid_until=judgement.holds_until,
		after={"attachment": attachment.name, "verdict": judgement.verdict},
		note=attachment.reason,
	)
	if judgement.verdict == pr.EXISTING_CLIENT:
		alerts.existing_client(attachment)
	elif judgement.verdict == pr.DOUBLE_PRESCRIPTION:
		alerts.double_prescription(attachment, advisors=[owner_of(doc), first_owner(judgement.first)])


def owner_of(doc) -> str | None:
	return doc.get("lead_owner") if doc.doctype == "Lead" else doc.get("account_manager")


def first_owner(first: pr.Holder) -> str | None:
	"""The advisor who owns the first partner's record (locking reads: it may have been committed by a
	parallel referral after this transaction's snapshot)."""
	doctype, name = frappe.db.get_value(
		ATTACHMENT, first.attachment, ["reference_doctype", "reference_name"], for_update=True
	)
	field = "lead_owner" if doctype == "Lead" else "account_manager"
	return frappe.db.get_value(doctype, name, field, for_update=True)


def cancel(attachment_name: str, cancellation_reason: str):
	"""An attachment is never deleted; a manager cancels it with a reason, and its claim ends."""
	if not set(frappe.get_roles()) & {"Sales Manager", "Ownership Administrator", "System Manager"}:
		frappe.throw(_("Only a Sales Manager can cancel an attachment."), frappe.PermissionError)
	if not (cancellation_reason or "").strip():
		frappe.throw(_("Say why the attachment is cancelled."), title=_("Reason Missing"))
	attachment = frappe.get_doc(ATTACHMENT, attachment_name, for_update=True)
	if attachment.status == "Cancelled":
		frappe.throw(_("This attachment is already cancelled."))
	attachment.update(
		{"status": "Cancelled", "cancellation_reason": cancellation_reason, "holding_key": None}
	)
	attachment.flags.by_policy = True
	attachment.save(ignore_permissions=True)
	ledger.record(
		attachment.reference_doctype,
		attachment.reference_name,
		claim="Referral",
		action="Release",
		rule=attachment.rule,
		holder=attachment.partner,
		holder_type="Sales Partner",
		note=cancellation_reason,
		after={"attachment": attachment.name},
	)
	return attachment
