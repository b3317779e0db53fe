from frappe.model.document import Document


class CompetenceTerritory(Document):
	pass
