from frappe.model.document import Document


class ClientRequestFeedback(Document):
	pass
