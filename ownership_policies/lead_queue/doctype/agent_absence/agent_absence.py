from frappe.model.document import Document


class AgentAbsence(Document):
	pass
