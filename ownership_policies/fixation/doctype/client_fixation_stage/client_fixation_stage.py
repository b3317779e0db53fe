from frappe.model.document import Document


class ClientFixationStage(Document):
	pass
