import frappe


def execute():
	"""RA-8: only an active listing holds its property; listings withdrawn before this rule free theirs."""
	frappe.db.set_value(
		"Property Listing",
		{"status": ("!=", "Active"), "property_key": ("is", "set")},
		"property_key",
		None,
		update_modified=False,
	)
