import frappe
from frappe.model.document import Document


class IdentityKey(Document):
	pass


def on_doctype_update():
	frappe.db.add_index("Identity Key", ["key_value", "key_type"], "key_value_key_type_index")
	frappe.db.add_index("Identity Key", ["reference_doctype", "reference_name"], "reference_index")
