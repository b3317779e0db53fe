import frappe


def get_settings():
	return frappe.get_cached_doc("Ownership Settings")
