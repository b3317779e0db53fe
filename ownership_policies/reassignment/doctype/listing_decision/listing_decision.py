from frappe.model.document import Document


class ListingDecision(Document):
	pass
