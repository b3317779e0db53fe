import frappe

from ownership_policies.ownership.doctype.ownership_settings.ownership_settings import split_lines


def get_settings():
	return frappe.get_cached_doc("Ownership Settings")


def setting_lines(fieldname: str) -> list[str]:
	"""A one-per-line setting (tiers, request types) as a list."""
	return split_lines(get_settings().get(fieldname))
