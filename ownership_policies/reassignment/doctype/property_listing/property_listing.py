import frappe

from ownership_policies.ownership.rule_fields import RuleFields
from ownership_policies.reassignment import listing


class PropertyListing(RuleFields):
	# X-2, RA-3, RA-8: registration, protection and duplicates are the policy's
	KEPT_ROWS = ("decisions",)  # a recorded decision (RA-6) stands as it was written
	RULE_FIELDS = (
		"status",
		"registered_on",
		"duplicate_of",
		"property_key",
		"last_activity_on",
		"protected_until",
		"decisions.recorded_by",
	)

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

	@frappe.whitelist()
	def withdraw(self):
		return listing.withdraw(self.name)
