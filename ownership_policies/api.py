"""REST methods (POST /api/method/ownership_policies.api.<name>): thin, permission-checked wrappers."""

import frappe

from ownership_policies.ownership import ledger


@frappe.whitelist()
def who_owns(reference_doctype: str, reference_name: str, on: str | None = None) -> dict:
	"""Who held the record at `on` (default now), under which claim and rule, from the ownership ledger."""
	# The doctype first: a user who may not read Leads at all learns nothing, not even whether one exists.
	frappe.has_permission(reference_doctype, "read", throw=True)
	frappe.has_permission(reference_doctype, "read", reference_name, throw=True)
	return ledger.who_owns(reference_doctype, reference_name, on)
