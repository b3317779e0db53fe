"""Attaching referred contacts (PR-1 … PR-6). Setting a prescriber on a Lead or a Customer, on creation or
later, attaches the contact at once, dated by the server; the pure rules judge what the attachment is worth, and
the verdict is kept on the attachment, written to the ledger and told to those concerned."""

from dataclasses import replace
from datetime import datetime

import frappe
from frappe import _
from frappe.query_builder.functions import Min
from frappe.utils import get_datetime, now_datetime

from ownership_policies.ownership import claims, notify, reasons
from ownership_policies.ownership.identity import (
	display_name,
	find_by_keys,
	has_key,
	person_facts,
	record_keys,
)
from ownership_policies.ownership.keys import (
	EMAIL,
	NAME,
	PHONE,
	Key,
	name_key,
	strongest_key,
)
from ownership_policies.ownership.roles import ensure_may
from ownership_policies.ownership.rows import first_wins, key_holder
from ownership_policies.ownership.settings import get_settings
from ownership_policies.prescription import alerts
from ownership_policies.prescription import rules as pr

ATTACHMENT = "Prescriber Attachment"


def on_update(doc, method=None):
	"""Lead and Customer on_update (also after insert): only when the prescriber or the lead it came from is
	new or changed, so that everyday saves of a referred lead cost nothing. (On insert, a db_set by ERPNext may
	already have loaded the saved record as the one "before save", hence the insert flag.)"""
	if doc.doctype == "Customer" and doc.lead_name and changed(doc, "lead_name"):
		follow_conversion(doc)
	if doc.prescriber and changed(doc, "prescriber"):
		attach(doc, doc.prescriber)


def changed(doc, fieldname: str) -> bool:
	return bool(doc.flags.in_insert) or doc.has_value_changed(fieldname)


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
	keys = record_keys(doc)
	elsewhere = same_person(doc, keys, records.keys())
	attached = attachments_of(records.keys() - entered(doc) | elsewhere)
	if any(row.partner == partner and in_file(row, records) for row in attached):
		return
	settings, received_on = get_settings(), oldest_creation(records)
	facts = pr.ReferralFacts(
		partner=partner,
		attached_on=now_datetime(),
		known_before=known_before(elsewhere, received_on),
		holders=tuple(
			pr.Holder(row.name, row.partner, row.attached_on, row.holds_until)
			for row in attached
			if row.holds_until
		),
		conventions=conventions_of(partner),
		default_months=settings.prescriber_remuneration_months,
		file_created_on=received_on,
		late_attachment_days=settings.prescriber_late_attachment_days,
	)
	judgement = pr.judge(facts)
	attachment = new_attachment(doc, facts, keys, judgement)
	try:
		if insert_first(attachment):
			return  # the same referral saved twice at once: the other save attached it
	except frappe.UniqueValidationError:
		# a parallel referral of the same person took the holding first: that partner keeps the contact
		judgement = pr.judge(replace(facts, holders=(*facts.holders, *held_by(attachment.holding_key))))
		attachment = new_attachment(doc, facts, keys, judgement)  # its first read past the snapshot
		attachment.insert(ignore_permissions=True)
	record_and_tell(doc, attachment, judgement)


def new_attachment(doc, facts: pr.ReferralFacts, keys, judgement: pr.Judgement):
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
			"received_on": facts.file_created_on,
			"holds_until": judgement.holds_until,
			"remunerable_until": judgement.remunerable_until,
			"convention": judgement.convention,
			"first_attachment": judgement.first and judgement.first.attachment,
			"reason": reason(judgement, keys, facts),
			"attachment_key": f"{doc.doctype}/{doc.name}/{facts.partner}",
			"holding_key": strongest_key(keys) if judgement.holds else None,  # one partner holds it at a time
		}
	)
	attachment.flags.by_app = True  # the policy's own write (immutable.by_app)
	# the app's own references: the record being saved, the prescriber its save checked, a convention and a
	# first attachment read from their tables (as the ledger's lines, ledger.record)
	attachment.flags.ignore_links = True
	return attachment


def insert_first(attachment) -> tuple | None:
	"""Insert unless a parallel save took a unique key first (the database's unique keys decide who was first;
	the loser writes nothing): None when inserted; the attachment holding the record's attachment key when the
	same referral was saved twice at once; frappe.UniqueValidationError when another referral of the person took
	its holding key."""
	if attachment.holding_key:
		release_stale_holding(attachment.holding_key)
	return first_wins(
		lambda: attachment.insert(ignore_permissions=True),
		ATTACHMENT,
		"attachment_key",
		attachment.attachment_key,
	)


def release_stale_holding(key: str):
	"""Free a holding key whose window has lapsed, or whose record no longer carries it (its phone was
	changed). Plain reads, then an update by name: no range locks that a parallel referral could deadlock on."""
	held = frappe.db.sql(  # on every referral: a plain statement, not the query builder's
		f"""select name, reference_doctype, reference_name, holds_until from `tab{ATTACHMENT}`
		where holding_key = %s""",
		key,
		as_dict=True,
	)
	if held and (held[0].holds_until <= now_datetime() or not carries_key(held[0], key)):
		frappe.db.set_value(ATTACHMENT, held[0].name, "holding_key", None, update_modified=False)


def carries_key(attachment, key: str) -> bool:
	kind, value = key.split(":", 1)
	return has_key(attachment.reference_doctype, attachment.reference_name, Key(kind, value))


def held_by(key: str) -> list[pr.Holder]:
	"""The attachment holding the person's key, read past this transaction's snapshot."""
	row = key_holder(ATTACHMENT, "holding_key", key, ("name", "partner", "attached_on", "holds_until"))
	return [pr.Holder(*row)] if row else []


def contact_file(doc) -> dict[tuple[str, str], datetime | None]:
	"""The records that are this one contact's file, with their creation where it is read along (None: not
	yet): the record, the lead it came from or the customer it became, and their contacts. Matches among them
	are not 'known before'."""
	records = {(doc.doctype, doc.name): doc.creation}
	if doc.doctype == "Lead" and doc.flags.in_insert and (own := doc.get("contact_doc")):
		# ERPNext made the Lead's Contact (or took its customer's) as it was entered, and linked it to the
		# Lead just before this (Lead.link_to_contact): the file is the two of them, with nothing to read
		return records | {("Contact", own.name): own.creation}
	if doc.doctype == "Customer" and doc.lead_name:
		records[("Lead", doc.lead_name)] = None
	if doc.doctype == "Lead" and not doc.flags.in_insert:  # a Lead being entered has no customer yet
		customer = frappe.qb.DocType("Customer")
		converted = (
			frappe.qb.from_(customer)
			.select(customer.name, customer.creation)
			.where(customer.lead_name == doc.name)
		)
		records.update((("Customer", name), created) for name, created in converted.run())
	link, contact = frappe.qb.DocType("Dynamic Link"), frappe.qb.DocType("Contact")
	contacts = (
		frappe.qb.from_(link)
		.join(contact)
		.on(contact.name == link.parent)
		.select(link.parent, contact.creation)
		.where(
			(link.parenttype == "Contact")
			& link.link_doctype.isin(["Lead", "Customer"])
			& link.link_name.isin([name for _doctype, name in records])
		)
		.run()
	)
	return records | {("Contact", name): created for name, created in contacts}


def entered(doc) -> set[tuple[str, str]]:
	"""A Lead being entered has no attachments yet: nothing to read for it."""
	return {(doc.doctype, doc.name)} if doc.doctype == "Lead" and doc.flags.in_insert else set()


def in_file(row, records) -> bool:
	return (row.reference_doctype, row.reference_name) in records or ("Customer", row.customer) in records


def attachments_of(records) -> list[dict]:
	"""The active attachments of these Leads and Customers (a Customer's include its lead's, once linked)."""
	table = frappe.qb.DocType(ATTACHMENT)
	condition = None
	for doctype, name in records:
		if doctype == "Contact":
			continue
		one = (table.reference_doctype == doctype) & (table.reference_name == name)
		if doctype == "Customer":
			one = one | (table.customer == name)
		condition = one if condition is None else condition | one
	if condition is None:
		return []
	return (
		frappe.qb.from_(table)
		.select(
			table.name,
			table.partner,
			table.reference_doctype,
			table.reference_name,
			table.customer,
			table.attached_on,
			table.holds_until,
		)
		.where(condition & (table.status == "Active"))
		.run(as_dict=True)
	)


def same_person(doc, keys, records) -> set[tuple[str, str]]:
	"""Leads, Contacts and Customers of the same person outside this contact's file (X-1): by phone and email,
	or by name when the record has neither (the reason then says so). A Lead being entered was looked up by
	LQ-8 just before (open_files.same_client): that answer stands when it found no one outside the file."""
	strong = {key for key in keys if key.kind != NAME}
	name = next((key.value for key in keys if key.kind == NAME), None)
	if not keys:
		return set()
	if (earlier := looked_up_on_entry(doc, strong or keys, name, records)) is not None:
		return earlier
	return {(m["doctype"], m["name"]) for m in find_by_keys(strong or keys, name)} - records


def looked_up_on_entry(doc, keys, name, records) -> set[tuple[str, str]] | None:
	"""What the same look-up made earlier in this insert found outside the file, when it stands: with the same
	keys and name; or with the same keys and no name, when it found no one (a name only narrows the answer: a
	phone match of a clearly different name is another person)."""
	if not (doc.flags.in_insert and doc.flags.person_lookup):
		return None
	(looked_up, looked_up_name), matches = doc.flags.person_lookup
	if looked_up != frozenset(keys):
		return None
	found = {(m["doctype"], m["name"]) for m in matches} - records
	earlier_name = name_key(looked_up_name) if looked_up_name else None  # as names are compared
	return found if (earlier_name or None) == (name or None) or (not earlier_name and not found) else None


def oldest_creation(records: dict) -> datetime:
	"""When the contact was received: the creation of the oldest record of its file (read for those whose
	creation contact_file did not read along)."""
	created = [moment for moment in records.values() if moment]
	unread = [record for record, moment in records.items() if not moment]
	for doctype, names in by_doctype(unread).items():
		table = frappe.qb.DocType(doctype)
		created += (
			frappe.qb.from_(table).select(Min(table.creation)).where(table.name.isin(names)).run(pluck=True)
		)
	return min((get_datetime(moment) for moment in created if moment), default=None) or now_datetime()


def by_doctype(records) -> dict[str, list[str]]:
	names = {}
	for doctype, name in records:
		names.setdefault(doctype, []).append(name)
	return names


def known_before(records, received_on) -> bool:
	"""PR-3: one of these records of the same person existed before the referral came in."""
	for doctype, names in by_doctype(records).items():
		table = frappe.qb.DocType(doctype)
		earlier = (
			frappe.qb.from_(table)
			.select(table.name)
			.where(table.name.isin(names) & (table.creation < received_on))
			.limit(1)
		)
		if earlier.run():
			return True
	return False


def conventions_of(partner: str) -> tuple[pr.Convention, ...]:
	months = get_settings().prescriber_remuneration_months
	rows = frappe.db.sql(  # on every referral: a plain statement, not the query builder's
		"""select name, convention_type, valid_from, valid_to, remuneration_months
		from `tabPrescriber Convention` where partner = %s and status = 'Active'""",
		partner,
		as_dict=True,
	)
	return tuple(
		pr.Convention(c.name, c.convention_type, c.valid_from, c.valid_to, c.remuneration_months or months)
		for c in rows
	)


def reason(judgement: pr.Judgement, keys, facts: pr.ReferralFacts) -> str:
	"""The verdict's reason, kept as its rule and parameters and read in the reader's language (X-4)."""
	first, rule = judgement.first, judgement.rule
	why = {
		pr.REMUNERABLE: lambda: reasons.reason(
			rule, "remunerable", judgement.remunerable_until, judgement.convention
		),
		pr.NOT_REMUNERABLE: lambda: (
			reasons.reason(rule, "kept_convention_unpaid", judgement.holds_until, judgement.convention)
			if judgement.convention
			else reasons.reason(rule, "kept_no_convention", judgement.holds_until)
		),
		pr.EXISTING_CLIENT: lambda: (
			reasons.reason(rule, "known_late", facts.file_created_on, facts.late_attachment_days)
			if judgement.late
			else reasons.reason(rule, "known_before")
		),
		pr.DOUBLE_PRESCRIPTION: lambda: reasons.reason(
			rule, "double_prescription", first.attached_on, first.until
		),
		pr.ALREADY_ATTACHED: lambda: reasons.reason(rule, "already_attached", first.attached_on),
	}[judgement.verdict]()
	if not any(key.kind in (PHONE, EMAIL) for key in keys):
		return reasons.kept(why, reasons.reason("X-1", "by_name_only"))
	return reasons.kept(why)


def referrals(reference_doctype: str, reference_name: str) -> list[dict]:
	"""The active attachments of a Lead or Customer the user may read, as the user may read them, with their
	reasons rendered."""
	if reference_doctype not in ("Lead", "Customer"):
		frappe.throw(_("Send a Lead or a Customer."), frappe.ValidationError)
	frappe.get_doc(reference_doctype, reference_name).check_permission("read")
	filters = (
		{"customer": reference_name}
		if reference_doctype == "Customer"
		else {"reference_doctype": reference_doctype, "reference_name": reference_name}
	)
	attachments = frappe.get_list(
		ATTACHMENT,
		filters={**filters, "status": "Active"},
		fields=["name", "partner", "verdict", "rule", "attached_on", "reason"],
		order_by="attached_on asc",
	)
	for attachment in attachments:
		attachment.reason = reasons.render(attachment.reason)
	return attachments


def record_and_tell(doc, attachment, judgement: pr.Judgement):
	"""The ledger on the referred record: a holding attachment is a Referral claim; the others are refusals."""
	line = {
		"claim": "Referral",
		"rule": judgement.rule,
		"holder_type": "Sales Partner",
		"valid_from": attachment.attached_on,
		"after": {"attachment": attachment.name, "verdict": judgement.verdict},
		"note": attachment.reason,
	}
	if judgement.holds:
		claims.grant(
			doc, attachment.partner, owner=False, action="Attach", valid_until=judgement.holds_until, **line
		)
	else:
		claims.refuse(doc, attachment.partner, **line)
	if judgement.verdict == pr.EXISTING_CLIENT:
		alerts.existing_client(attachment)
	elif judgement.verdict == pr.DOUBLE_PRESCRIPTION:
		notify.double_prescription(attachment, advisors=[owner_of(doc), first_owner(judgement.first)])


def owner_of(doc) -> str | None:
	return doc.get("lead_owner") if doc.doctype == "Lead" else doc.get("account_manager")


def first_owner(first: pr.Holder) -> str | None:
	"""The advisor who owns the first partner's record. The attachment is read with a lock, as a parallel
	referral may have committed it after this transaction's snapshot; the record is not locked, so in that rare
	case its advisor may not be found, and only the record's own advisor is told."""
	doctype, name = key_holder(ATTACHMENT, "name", first.attachment, ("reference_doctype", "reference_name"))
	return frappe.db.get_value(doctype, name, "lead_owner" if doctype == "Lead" else "account_manager")


def cancel(attachment_name: str, cancellation_reason: str):
	"""An attachment is never deleted; a manager cancels it with a reason, and its claim ends."""
	ensure_may("cancel_attachment", _("Only a Sales Manager can cancel an attachment."))
	if not (cancellation_reason or "").strip():
		frappe.throw(_("Say why the attachment is cancelled."), title=_("Reason Missing"))
	attachment = frappe.get_doc(ATTACHMENT, attachment_name, for_update=True)
	if attachment.status == "Cancelled":
		frappe.throw(_("This attachment is already cancelled."))
	attachment.update(
		{
			"status": "Cancelled",
			"cancellation_reason": cancellation_reason,
			"holding_key": None,  # another partner may now hold the person
			"attachment_key": None,  # this partner may send the record again
		}
	)
	attachment.flags.by_app = True  # the policy's own write (immutable.by_app)
	attachment.save(ignore_permissions=True)
	claims.end(
		(attachment.reference_doctype, attachment.reference_name),
		attachment.partner,
		claim="Referral",
		action="Release",
		rule=attachment.rule,
		holder_type="Sales Partner",
		note=reasons.typed(cancellation_reason),
		after={"attachment": attachment.name},
	)
	return attachment
