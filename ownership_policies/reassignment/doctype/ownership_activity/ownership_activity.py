import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import format_datetime, get_datetime, now_datetime

from ownership_policies.ownership.owners import PROTECTED
from ownership_policies.reassignment import activity


class OwnershipActivity(Document):
	def before_insert(self):
		self.agent = frappe.session.user

	def validate(self):
		if self.reference_doctype not in PROTECTED:
			frappe.throw(
				_("Activity is recorded on a Lead, a Customer or a Property Listing, not on {0}.").format(
					_(self.reference_doctype)
				)
			)
		self.validate_date()

	def validate_date(self):
		"""RA-1, X-6: the date is what protects the client, so it is the date the work was done: not ahead of
		now (a few minutes allowed for clocks), not before the record existed (to the minute, as the form
		enters it)."""
		if not self.activity_on:
			return  # mandatory: Frappe refuses it
		when = get_datetime(self.activity_on)
		if when > now_datetime() + activity.CLOCK_SKEW:
			frappe.throw(
				_("An activity cannot be dated in the future ({0}): enter when the work was done.").format(
					format_datetime(when)
				),
				title=_("Invalid Date"),
			)
		created = frappe.db.get_value(self.reference_doctype, self.reference_name, "creation")
		if created and when < get_datetime(created).replace(second=0, microsecond=0):
			frappe.throw(
				_("An activity cannot be dated {0}, before {1} {2} was created ({3}).").format(
					format_datetime(when),
					_(self.reference_doctype),
					frappe.bold(self.reference_name),
					format_datetime(created),
				),
				title=_("Invalid Date"),
			)

	def after_insert(self):
		activity.on_ownership_activity(self)
