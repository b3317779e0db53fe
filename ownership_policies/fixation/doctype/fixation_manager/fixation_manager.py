from frappe.model.document import Document


class FixationManager(Document):
	pass
