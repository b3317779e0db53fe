import frappe
from frappe import _
from frappe.model.document import Document

from ownership_policies.ownership.owners import OWNER_FIELDS
from ownership_policies.reassignment import activity


class OwnershipActivity(Document):
	def before_insert(self):
		self.agent = frappe.session.user

	def validate(self):
		if self.reference_doctype not in OWNER_FIELDS:
			frappe.throw(
				_("Activity is recorded on a Lead, a Customer or a Property Listing, not on {0}.").format(
					_(self.reference_doctype)
				)
			)

	def after_insert(self):
		activity.on_ownership_activity(self)
