import frappe


def ran_as(old_path: str) -> bool:
	"""A patch moved into a versioned folder has a new dotted path, which Frappe's Patch Log has not recorded, so
	it would run once more: the log's line under its old path says it already ran."""
	return bool(frappe.db.exists("Patch Log", {"patch": old_path}))
