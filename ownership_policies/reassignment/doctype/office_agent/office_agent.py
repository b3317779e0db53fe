from frappe.model.document import Document


class OfficeAgent(Document):
	pass
