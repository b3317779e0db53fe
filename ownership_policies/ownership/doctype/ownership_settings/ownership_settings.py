import frappe
import phonenumbers
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint

from ownership_policies.fixation.fixing import sales_managers

WINDOW_FIELDS = (
	"prescriber_remuneration_months",
	"prescriber_late_attachment_days",
	"fixation_days",
	"fixation_meeting_days",
	"fixation_remote_days",
	"fixation_repeat_meeting_days",
	"client_protection_days",
	"listing_protection_months",
	"reassignment_response_hours",
	"no_show_callback_hours",
	"text_claim_minutes",
	"feedback_days",
)
LIST_FIELDS = ("tier_order", "financing_request_types", "client_request_types")


class OwnershipSettings(Document):
	def validate(self):
		self.validate_windows()
		self.validate_lists()
		self.validate_phone_region()
		self.validate_fixation_managers()

	def on_update(self):
		if self.has_value_changed("default_phone_region"):
			# numbers written without a country code now read differently: index everyone again
			frappe.enqueue(
				"ownership_policies.ownership.identity.rebuild_identity_keys",
				queue="long",
				enqueue_after_commit=True,
				now=frappe.flags.in_test,
			)

	def validate_windows(self):
		for fieldname in WINDOW_FIELDS:
			if cint(self.get(fieldname)) < 1:
				frappe.throw(
					_("{0} must be at least 1.").format(_(self.meta.get_label(fieldname))),
					title=_("Invalid Window"),
				)
		if not 0 <= cint(self.name_match_threshold) <= 100:
			frappe.throw(_("Name Match Threshold must be between 0 and 100."))

	def validate_lists(self):
		for fieldname in LIST_FIELDS:
			if not split_lines(self.get(fieldname)):
				frappe.throw(_("{0} needs at least one line.").format(_(self.meta.get_label(fieldname))))

	def validate_phone_region(self):
		if not self.default_phone_region:
			return
		self.default_phone_region = self.default_phone_region.strip().upper()
		if self.default_phone_region not in phonenumbers.SUPPORTED_REGIONS:
			frappe.throw(
				_(
					"{0} is not a country code phone numbers can be read with. Use two letters such as FR, ES or RU."
				).format(frappe.bold(self.default_phone_region))
			)

	def validate_fixation_managers(self):
		managers = sales_managers()
		for row in self.fixation_managers:
			if row.user not in managers:
				frappe.throw(
					_(
						"Row {0}: {1} is not an enabled Sales Manager and cannot be on duty for fixations."
					).format(row.idx, frappe.bold(row.user))
				)


def split_lines(value: str | None) -> list[str]:
	return [line.strip() for line in (value or "").splitlines() if line.strip()]
