"""Where each record names the agent who owns it: a Lead's Lead Owner, a Customer's Account Manager, a Property
Listing's agent."""

import frappe

OWNER_FIELDS = {"Lead": "lead_owner", "Customer": "account_manager", "Property Listing": "agent"}


def owner_field(doctype: str) -> str:
	return OWNER_FIELDS[doctype]


def owner_of(doctype: str, name: str) -> str | None:
	return frappe.db.get_value(doctype, name, owner_field(doctype))
