"""`frappe.client.get_count` with the permission check Frappe v15 leaves out (the override is in hooks.py).

Frappe v15 counts rows of any table for any logged-in user, filters included, and reads a name beginning with
two underscores as a table outside the doctype model. So any desk user could ask the identity index (X-1) or a
doctype they may not read whether a phone number is someone's client. Here a count is of what the user may
read, as the list view counts: the doctype's read permission, its permission query conditions and the user's
permissions apply, and a name that is no doctype is a 404."""

import frappe


@frappe.whitelist()
def get_count(doctype: str, filters=None, debug=False, cache=False) -> int:
	frappe.has_permission(doctype, "read", throw=True)
	rows = frappe.get_list(
		doctype, filters=frappe.parse_json(filters) if filters else None, fields=["count(*)"], as_list=True
	)
	return rows[0][0]
