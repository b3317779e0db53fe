"""The app on a fresh site: custom fields, roles and settings with the seeds' defaults (X-3, X-5)."""

import frappe

from ownership_policies.setup.install import ROLES

SEED_DEFAULTS = {
	"prescriber_remuneration_months": 12,  # PR-6
	"fixation_days": 3,  # FX-3
	"fixation_day_basis": "Working Days",  # FX-3
	"fixation_meeting_days": 7,  # FX-6
	"fixation_remote_days": 14,  # FX-7
	"fixation_repeat_meeting_days": 7,  # FX-9
	"client_protection_days": 30,  # RA-1, RA-2
	"listing_protection_months": 3,  # RA-3
	"reassignment_response_hours": 24,  # RA-3, RA-4
	"duplicate_listing_penalty": 50,  # RA-8
	"unregistered_property_commission_cut": 5,  # RA-11
	"tier_order": "Platinum\nGold\nSilver\nBronze",  # LQ-2
	"no_show_callback_hours": 72,  # LQ-4
	"text_claim_minutes": 3,  # LQ-9
	"feedback_days": 7,  # AR-5
	"check_client_hourly_limit": 60,  # FX-2 (rate limit the issue sets)
	"financing_request_types": "Credit D/E\nPre-approval\nDealerTrack",  # LQ-6
	"client_request_types": "Surrender\nStop Payments\nArbitrage\nPerformance Complaint\nRetirement Benefit\nOther",  # AR-1
	# AR-7 gives no figures: bonus/malus defaults are the project's choice
	"feedback_on_time_points": 1,
	"money_pitch_points": 2,
	"overdue_feedback_points": -1,
	"contract_replacement_points": -3,
}


def test_x3_every_window_tier_and_point_value_is_a_setting_with_the_seed_default():
	settings = frappe.get_single("Ownership Settings")
	assert {field: settings.get(field) for field in SEED_DEFAULTS} == SEED_DEFAULTS
	assert settings.feedback_sentence.startswith("Merci de nous faire un retour sous 7 jours")


def test_x3_settings_filled_again_after_a_migrate_keep_what_the_administrator_chose(settings):
	from ownership_policies.setup.install import fill_setting_defaults

	settings(client_protection_days=45)
	frappe.db.delete("Singles", {"doctype": "Ownership Settings", "field": "fixation_days"})
	fill_setting_defaults()
	assert frappe.db.get_single_value("Ownership Settings", "fixation_days") == 3
	assert frappe.db.get_single_value("Ownership Settings", "client_protection_days") == 45


def test_contract_custom_fields_exist_on_lead_and_customer():
	lead, customer = frappe.get_meta("Lead"), frappe.get_meta("Customer")
	assert lead.get_field("prescriber").options == "Sales Partner"
	assert customer.get_field("prescriber").options == "Sales Partner"
	assert lead.get_field("priority_tier").options.split() == ["Platinum", "Gold", "Silver", "Bronze"]


def test_x5_roles_exist_and_partners_have_no_desk():
	for role in ROLES:
		assert frappe.db.exists("Role", role)
	assert frappe.db.get_value("Role", "Ownership Partner", "desk_access") == 0
	assert frappe.db.get_value("Role", "Call Centre Operator", "desk_access") == 1


def test_x3_invalid_settings_are_refused_and_nothing_is_saved(settings):
	for bad in ({"fixation_days": 0}, {"default_phone_region": "XX"}, {"tier_order": " \n "}):
		try:
			settings(**bad)
		except frappe.ValidationError:
			pass
		else:
			raise AssertionError(f"{bad} was accepted")
		frappe.db.rollback()
		frappe.clear_document_cache("Ownership Settings", "Ownership Settings")
	saved = frappe.get_single("Ownership Settings")
	assert (saved.fixation_days, saved.default_phone_region, saved.tier_order.split()[0]) == (
		3,
		None,
		"Platinum",
	)


def test_x5_the_call_centre_operator_may_read_the_agencies_it_fixes_clients_for(site):
	from conftest import make_user

	operator = make_user("ownership.operator@example.com", "Call Centre Operator")
	assert frappe.has_permission("Sales Partner", "read", user=operator)


def test_fx8_ra9_the_series_of_records_made_first_one_wins_exist_before_any_record(site):
	"""Two first-ever fixations (or listings) made at once would deadlock creating their naming series' row,
	and one would fail for nothing instead of hearing "busy": the install makes the rows."""
	from ownership_policies.setup.install import RACE_SERIES

	assert {"FIX-", "LST-"} <= set(RACE_SERIES)
	for series in RACE_SERIES:
		assert frappe.db.sql("select count(*) from `tabSeries` where name = %s", series)[0][0] == 1, series
