"""Who manages ownership: sales managers and the app's administrators may do by hand what the policies do."""

import frappe

MANAGING_ROLES = ("Sales Manager", "Ownership Administrator", "System Manager")


def is_manager(user: str | None = None) -> bool:
	return bool(set(MANAGING_ROLES) & set(frappe.get_roles(user)))
