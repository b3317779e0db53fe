import frappe

from ownership_policies.ownership.immutable import WrittenByApp


class IdentityKey(WrittenByApp):
	"""Written by identity.insert_keys, straight to its table."""


def on_doctype_update():
	frappe.db.add_index("Identity Key", ["key_value", "key_type"], "key_value_key_type_index")
	# one row per key of a record; also serves look-ups by record
	frappe.db.add_unique(
		"Identity Key", ["reference_doctype", "reference_name", "key_type", "key_value"], "record_key_unique"
	)
