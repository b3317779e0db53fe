from frappe.model.document import Document


class MergeLogChange(Document):
	pass
