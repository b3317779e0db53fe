from frappe.model.document import Document

from ownership_policies.reassignment import listing


class PropertyListing(Document):
	def before_insert(self):
		listing.register(self)

	def validate(self):
		listing.record_decisions(self)

	def after_insert(self):
		listing.after_register(self)

	def on_update(self):
		listing.on_update(self)
