"""Where each owned record names who holds it: a Lead's Lead Owner, a Customer's Account Manager, an
Opportunity's Opportunity Owner, a Property Listing's agent, a Client Request's routed advisor. The records
protected by activity (RA-1, RA-7) are the first three that agents work."""

import frappe

OWNER_FIELDS = {
	"Lead": "lead_owner",
	"Customer": "account_manager",
	"Opportunity": "opportunity_owner",
	"Property Listing": "agent",
	"Client Request": "routed_advisor",
}
PROTECTED = ("Lead", "Customer", "Property Listing")


def owner_field(doctype: str) -> str:
	return OWNER_FIELDS[doctype]


def owner_of(doctype: str, name: str) -> str | None:
	return frappe.db.get_value(doctype, name, owner_field(doctype))
