from frappe.model.document import Document

from ownership_policies.reassignment import listing


class PropertyListing(Document):
	def before_insert(self):
		listing.register(self)

	def db_insert(self, *args, **kwargs):
		return listing.insert_first(self, lambda: super(PropertyListing, self).db_insert(*args, **kwargs))

	def validate(self):
		listing.follow_property(self)
		listing.record_decisions(self)

	def after_insert(self):
		listing.after_register(self)

	def on_update(self):
		listing.on_update(self)
