import frappe

# The Lead's Priority Tier options (a custom field, setup/install.py); Ownership Settings' Tier Order ranks them.
PRIORITY_TIERS = ("Platinum", "Gold", "Silver", "Bronze")


def get_settings():
	return frappe.get_cached_doc("Ownership Settings")


def tier_order() -> list[str]:
	"""LQ-2: the tiers in the order the queue hands leads out, as the settings hold them (each tier once)."""
	from ownership_policies.ownership.doctype.ownership_settings.ownership_settings import split_lines

	return split_lines(get_settings().tier_order)
