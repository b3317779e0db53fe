from frappe.model.document import Document


class ClientRegistration(Document):
	"""Written by the app when an agent registers a new client (reassignment/registration.py)."""
