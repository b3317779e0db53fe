"""LQ-1: before an agent works a lead, the same person's other open files in every department: leads,
opportunities, appointments and customers, found through the identity index."""

import frappe

from ownership_policies.ownership.identity import find_by_keys, person_facts, record_keys
from ownership_policies.ownership.keys import NAME

OPEN_LEAD_STATUSES = ("Lead", "Open", "Replied", "Opportunity", "Quotation", "Interested")
OPEN_OPPORTUNITY_STATUSES = ("Open", "Quotation", "Replied")


def other_open_files(lead_name: str) -> list[dict]:
	lead = frappe.get_doc("Lead", lead_name)
	lead.check_permission("read")
	leads, customers = same_client(lead)
	parties = [lead.name, *leads, *customers]
	files = [
		*_open("Lead", {"name": ("in", leads), "status": ("in", OPEN_LEAD_STATUSES)}, "lead_name"),
		*_open("Customer", {"name": ("in", customers), "disabled": 0}, "customer_name"),
		*_open(
			"Opportunity",
			{"party_name": ("in", parties), "status": ("in", OPEN_OPPORTUNITY_STATUSES)},
			"title",
		),
		*_open("Appointment", {"party": ("in", parties), "status": "Open"}, "customer_name"),
	]
	return files


def same_client(doc) -> tuple[list[str], list[str]]:
	"""The other Leads and the Customers of the person a Lead or Customer describes, by phone or email: a
	shared name alone is not the same client."""
	name = person_facts(doc)[2][0]
	keys = {key for key in record_keys(doc) if key.kind != NAME}
	matches = find_by_keys(keys, name, skip=own_new_contact(doc)) if keys else []
	if doc.is_new():  # PR-1, after the insert, may not need to look again (attaching.looked_up_on_entry)
		doc.flags.person_lookup = ((frozenset(keys), name), matches)
	others = [
		(m["doctype"], m["name"]) for m in matches if (m["doctype"], m["name"]) != (doc.doctype, doc.name)
	]
	return (
		list(dict.fromkeys(name for doctype, name in others if doctype == "Lead")),
		list(dict.fromkeys(name for doctype, name in others if doctype == "Customer")),
	)


def own_new_contact(doc) -> set[tuple[str, str]]:
	"""A Lead being entered has its Contact already (ERPNext makes it in before_insert), linked to no one yet: it
	stands for no other record, so the look-up need not ask whom it is linked to. (An existing customer's contact
	that ERPNext takes instead has its links.)"""
	contact = doc.get("contact_doc") if doc.doctype == "Lead" and doc.is_new() else None
	return {("Contact", contact.name)} if contact and not contact.get("links") else set()


def _open(doctype: str, filters: dict, title_field: str) -> list[dict]:
	if any(value[0] == "in" and not value[1] for value in filters.values() if isinstance(value, tuple)):
		return []
	return [
		{"doctype": doctype, "name": row.name, "title": row.get(title_field), "status": row.get("status")}
		for row in frappe.get_list(
			doctype,
			filters=filters,
			fields=["name", title_field, *(["status"] if doctype != "Customer" else [])],
			limit_page_length=20,
		)
	]
