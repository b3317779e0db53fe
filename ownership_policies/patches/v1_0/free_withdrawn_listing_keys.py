import frappe

from ownership_policies.patches import ran_as


def execute():
	"""RA-8: only an active listing holds its property; listings withdrawn before this rule free theirs. (Run
	again it would change nothing: no listing that is not active holds its key any more.)"""
	if ran_as("ownership_policies.patches.free_withdrawn_listing_keys"):
		return
	frappe.db.set_value(
		"Property Listing",
		{"status": ("!=", "Active"), "property_key": ("is", "set")},
		"property_key",
		None,
		update_modified=False,
	)
