from frappe.model.document import Document


class AgentShift(Document):
	pass
