import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import format_date, getdate

from ownership_policies.ownership.settings import get_settings
from ownership_policies.prescription.rules import overlaps


class PrescriberConvention(Document):
	"""PR-5: a partner's convention, with its type and dates; one active convention per partner at a time."""

	def validate(self):
		if getdate(self.valid_to) < getdate(self.valid_from):
			frappe.throw(
				_("The convention ends on {0}, before it starts on {1}. Correct the dates.").format(
					format_date(self.valid_to), format_date(self.valid_from)
				),
				title=_("Invalid Dates"),
			)
		self.remuneration_months = self.remuneration_months or get_settings().prescriber_remuneration_months
		if self.status == "Active":
			self.refuse_overlap()

	def refuse_overlap(self):
		for other in frappe.get_all(
			"Prescriber Convention",
			filters={"partner": self.partner, "status": "Active", "name": ("!=", self.name)},
			fields=["name", "valid_from", "valid_to"],
		):
			if overlaps(getdate(self.valid_from), getdate(self.valid_to), other.valid_from, other.valid_to):
				frappe.throw(
					_(
						"{0} already has the active convention {1} from {2} to {3}. A partner has one convention "
						"at a time: terminate that one or change the dates."
					).format(
						frappe.bold(self.partner),
						other.name,
						format_date(other.valid_from),
						format_date(other.valid_to),
					),
					title=_("Overlapping Conventions"),
				)
