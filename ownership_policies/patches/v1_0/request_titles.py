"""RA-3: a reassignment request is named by its client and record; the requests made before the title existed
get theirs, once. A request whose record is gone keeps its own name."""

import frappe

from ownership_policies.reassignment.requests import title_of


def execute():
	for request in frappe.get_all(
		"Reassignment Request",
		filters={"title": ("is", "not set")},
		fields=["name", "reference_doctype", "reference_name"],
	):
		try:
			title = title_of(request)
		except frappe.DoesNotExistError:
			title = request.name
		frappe.db.set_value("Reassignment Request", request.name, "title", title, update_modified=False)
