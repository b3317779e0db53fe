from frappe.model.document import Document


class ReassignmentRequest(Document):
	pass
