import re

import frappe
import phonenumbers
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, escape_html, flt, fmt_money

from ownership_policies.ownership.roles import sales_managers
from ownership_policies.ownership.settings import PRIORITY_TIERS

# bad input is a clear refusal, never a server error. Every number of the settings has its range here, by
# what it counts (one table, read by validate_bounds and by the tests).
DAYS = (1, 365)
MONTHS = (1, 120)
HOURS = (1, 720)  # 30 days
MINUTES = (1, 1440)  # one day
PERCENT = (0, 100)
POINTS = (-10_000, 10_000)
PENALTY = (0, 10_000)  # points lost, entered as a positive number
LIMIT = (1, 100_000)
BOUNDS = {
	"name_match_threshold": PERCENT,  # a similarity score, 0–100
	"prescriber_remuneration_months": MONTHS,
	"prescriber_late_attachment_days": DAYS,
	"fixation_days": DAYS,
	"check_client_hourly_limit": LIMIT,
	"fixation_meeting_days": DAYS,
	"fixation_remote_days": DAYS,
	"fixation_repeat_meeting_days": DAYS,
	"client_protection_days": DAYS,
	"listing_protection_months": MONTHS,
	"reassignment_response_hours": HOURS,
	"duplicate_listing_penalty": PENALTY,
	"unregistered_property_commission_cut": PERCENT,  # stored and shown as percent (5 is 5 %)
	"no_show_callback_hours": HOURS,
	"text_claim_minutes": MINUTES,
	"feedback_days": DAYS,
	"feedback_on_time_points": POINTS,
	"money_pitch_points": POINTS,
	"overdue_feedback_points": POINTS,
	"contract_replacement_points": POINTS,
}
LIST_FIELDS = ("tier_order", "financing_request_types", "client_request_types")


class OwnershipSettings(Document):
	def validate(self):
		self.validate_bounds()
		self.validate_lists()
		self.validate_tier_order()
		self.validate_phone_region()
		self.validate_other_phone_regions()
		self.validate_fixation_managers()

	def on_update(self):
		regions_changed = any(map(self.has_value_changed, ("default_phone_region", "other_phone_regions")))
		if regions_changed and not frappe.flags.in_install:
			# numbers written without a country code now read differently: index everyone again (an install
			# indexes everyone itself, once its table is there)
			frappe.enqueue(
				"ownership_policies.ownership.identity.rebuild_identity_keys",
				queue="long",
				enqueue_after_commit=True,
				now=frappe.flags.in_test,
			)

	def validate_bounds(self):
		for fieldname, (lowest, highest) in BOUNDS.items():
			df = self.meta.get_field(fieldname)
			value = (flt if df.fieldtype in ("Float", "Percent") else cint)(self.get(fieldname))
			if not lowest <= value <= highest:
				frappe.throw(
					_("{0} must be between {1} and {2}.").format(
						frappe.bold(_(df.label)), shown(lowest, df), shown(highest, df)
					),
					title=_("Value Out of Range"),
				)

	def validate_lists(self):
		for fieldname in LIST_FIELDS:
			if not split_lines(self.get(fieldname)):
				frappe.throw(_("{0} needs at least one line.").format(_(self.meta.get_label(fieldname))))

	def validate_tier_order(self):
		"""LQ-2: the four tiers of the Lead's Priority Tier field, each once, in the order they are worked. The
		tiers are named as the field stores them; a line typed in another case is written as the field's."""
		label = frappe.bold(_(self.meta.get_label("tier_order")))
		tiers, known = ", ".join(PRIORITY_TIERS), {tier.casefold(): tier for tier in PRIORITY_TIERS}
		order = []
		for line in split_lines(self.tier_order):
			tier = known.get(line.casefold())
			if not tier:
				frappe.throw(
					_("{0}: {1} is not a tier. Use only {2}.").format(
						label, frappe.bold(escape_html(line)), tiers
					)
				)
			if tier in order:
				frappe.throw(
					_("{0} lists {1} more than once. List each of {2} once.").format(label, tier, tiers)
				)
			order.append(tier)
		missing = [tier for tier in PRIORITY_TIERS if tier not in order]
		if missing:
			frappe.throw(
				_("{0} is missing {1}. List each of {2} once.").format(label, ", ".join(missing), tiers)
			)
		self.tier_order = "\n".join(order)

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

	def validate_other_phone_regions(self):
		"""X-1: the countries a number is read in when it is not one of the default region, each once, in the
		order given; the default region itself is left out (its numbers are read in it first)."""
		regions = []
		for code in split_codes(self.other_phone_regions):
			if code not in phonenumbers.SUPPORTED_REGIONS:
				frappe.throw(
					_(
						"{0}: {1} is not a country code phone numbers can be read with. Send two-letter codes separated by commas, such as RU, ES."
					).format(
						frappe.bold(_(self.meta.get_label("other_phone_regions"))),
						frappe.bold(escape_html(code)),
					)
				)
			if code not in regions and code != self.default_phone_region:
				regions.append(code)
		self.other_phone_regions = ", ".join(regions)

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


def split_codes(value: str | None) -> list[str]:
	"""Country codes as typed ('ru, ES;BE'), in capitals."""
	return re.findall(r"[^\s,;]+", (value or "").upper())


def shown(bound: int, df) -> str:
	"""A bound as the form shows the field: 10,000 in the system's number format, a percentage with its sign."""
	return fmt_money(bound, precision=0) + ("%" if df.fieldtype == "Percent" else "")
