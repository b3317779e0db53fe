from frappe.model.document import Document


class DuplicateGroupRecord(Document):
	pass
