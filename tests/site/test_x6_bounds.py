"""X-6 bad input is a clear refusal, never a server error: every number of the Ownership Settings has a range,
checked on save, and a refusal names the field and its range; the tier order is the four tiers (LQ-2); an
Ownership Activity is dated when the work was done, neither ahead of now nor before its record existed, and no
date ahead protects a client longer (RA-1)."""

import re
from datetime import timedelta

import frappe
import pytest
from conftest import make_lead, make_user, new_mobile
from frappe.utils import add_days, get_datetime, getdate, now_datetime

from ownership_policies.ownership.doctype.ownership_settings.ownership_settings import BOUNDS

AGENT = "x6.agent@example.com"
NUMERIC = ("Int", "Float", "Percent", "Currency")
# each kind of number and its range, read from the field's name (the table's classes, checked independently)
KINDS = (
	("_days", (1, 365)),
	("_months", (1, 120)),
	("_hours", (1, 720)),
	("_minutes", (1, 1440)),
	("_points", (-10_000, 10_000)),
	("_penalty", (0, 10_000)),  # points lost, entered positive
	("_cut", (0, 100)),
	("_threshold", (0, 100)),
	("_limit", (1, 100_000)),
)


def label(fieldname: str) -> str:
	return frappe.get_meta("Ownership Settings").get_label(fieldname)


def refused(settings, match: str, **values):
	with pytest.raises(frappe.ValidationError, match=match):
		settings(**values)
	frappe.clear_document_cache("Ownership Settings", "Ownership Settings")


def test_x6_every_number_of_the_settings_has_the_range_of_its_kind():
	numbers = {df.fieldname for df in frappe.get_meta("Ownership Settings").fields if df.fieldtype in NUMERIC}
	assert numbers == set(BOUNDS)
	for fieldname, bounds in BOUNDS.items():
		kinds = [kind_bounds for suffix, kind_bounds in KINDS if fieldname.endswith(suffix)]
		assert kinds == [bounds], fieldname


@pytest.mark.parametrize("fieldname", sorted(BOUNDS))
def test_x6_settings_refuse_a_number_outside_its_range_naming_the_field_and_range(settings, fieldname):
	lowest, highest = BOUNDS[fieldname]
	message = re.escape(f"{label(fieldname)}</strong> must be between ")
	for bad in (lowest - 1, highest + 1, -(10**10), 10**10):
		refused(settings, message, **{fieldname: bad})
	for good in (lowest, highest):
		assert settings(**{fieldname: good}).get(fieldname) == good
	assert frappe.db.get_single_value("Ownership Settings", fieldname) == highest


def test_x6_settings_refuse_fixation_days_over_365(settings):
	refused(
		settings,
		re.escape("Fixation Period (Days)</strong> must be between 1 and 365."),
		fixation_days=5000000,
	)
	refused(settings, re.escape("must be between 1 and 365."), fixation_days=366)
	assert frappe.db.get_single_value("Ownership Settings", "fixation_days") == 3


def test_x6_settings_refuse_a_commission_cut_over_100_percent_shown_as_percent(settings):
	assert frappe.get_meta("Ownership Settings").get_field(
		"unregistered_property_commission_cut"
	).fieldtype == ("Percent")
	for bad in (500, 100.5, -1):
		refused(
			settings,
			re.escape("Unregistered Property Commission Cut</strong> must be between 0% and 100%."),
			unregistered_property_commission_cut=bad,
		)
	assert settings(unregistered_property_commission_cut=2.5).unregistered_property_commission_cut == 2.5


@pytest.mark.parametrize(
	"fieldname, bad, bounds",
	[
		("money_pitch_points", 10**10, "-10,000 and 10,000"),
		("overdue_feedback_points", -(10**10), "-10,000 and 10,000"),
		("contract_replacement_points", -10_001, "-10,000 and 10,000"),
		("duplicate_listing_penalty", 10_001, "0 and 10,000"),
	],
)
def test_x6_settings_refuse_points_beyond_10000(settings, fieldname, bad, bounds):
	refused(settings, re.escape(f"{label(fieldname)}</strong> must be between {bounds}."), **{fieldname: bad})


@pytest.mark.parametrize(
	"fieldname, bad, bounds",
	[
		("prescriber_remuneration_months", 121, "1 and 120"),
		("reassignment_response_hours", 721, "1 and 720"),
		("text_claim_minutes", 1441, "1 and 1,440"),
		("check_client_hourly_limit", 0, "1 and 100,000"),
		("check_client_hourly_limit", 100_001, "1 and 100,000"),
		("name_match_threshold", 101, "0 and 100"),
	],
)
def test_x6_settings_refuse_months_hours_minutes_limits_and_thresholds_out_of_range(
	settings, fieldname, bad, bounds
):
	refused(settings, re.escape(f"{label(fieldname)}</strong> must be between {bounds}."), **{fieldname: bad})


@pytest.mark.parametrize(
	"tier_order, match",
	[
		("Platinum\nDiamond", "Diamond</strong> is not a tier"),  # invents one, drops two
		("Platinum\nGold\nSilver", "is missing Bronze"),
		("Platinum\nGold", "is missing Silver, Bronze"),
		("Platinum\nGold\nSilver\nBronze\nGold", "lists Gold more than once"),
		("Platinum\nGold\nSilver\nBronze\nIron", "Iron</strong> is not a tier"),
	],
)
def test_x6_lq2_the_tier_order_is_exactly_the_four_tiers(settings, tier_order, match):
	refused(settings, re.escape(match), tier_order=tier_order)
	assert frappe.db.get_single_value("Ownership Settings", "tier_order").split() == [
		"Platinum",
		"Gold",
		"Silver",
		"Bronze",
	]


def test_x6_a_valid_save_still_works_and_the_tier_order_is_written_as_the_tiers(settings):
	saved = settings(
		fixation_days=365,
		client_protection_days=30,
		unregistered_property_commission_cut=0,
		overdue_feedback_points=-10_000,
		check_client_hourly_limit=100_000,
		tier_order=" bronze \nPlatinum\n\nGOLD\nSilver",
	)
	assert saved.tier_order == "Bronze\nPlatinum\nGold\nSilver"
	fields = (
		"fixation_days",
		"unregistered_property_commission_cut",
		"overdue_feedback_points",
		"tier_order",
	)
	values = tuple(frappe.db.get_single_value("Ownership Settings", field) for field in fields)
	assert values == (365, 0, -10_000, "Bronze\nPlatinum\nGold\nSilver")


@pytest.fixture(scope="module")
def agent(site):
	make_user(AGENT, "Sales User")
	frappe.db.commit()  # kept on the test site, as the other tests' users are
	return AGENT


@pytest.fixture
def agent_lead(agent):
	frappe.set_user(AGENT)
	try:
		lead = make_lead(first_name="Ana", last_name="Ríos", mobile_no="+33 " + new_mobile()[1:])
	finally:
		frappe.set_user("Administrator")
	assert lead.lead_owner == AGENT
	return lead.name


def log_visit(lead: str, when):
	doc = frappe.get_doc(
		{
			"doctype": "Ownership Activity",
			"activity_type": "Visit",
			"reference_doctype": "Lead",
			"reference_name": lead,
			"activity_on": when,
		}
	)
	frappe.set_user(AGENT)
	try:
		return doc.insert(ignore_permissions=True)
	finally:
		frappe.set_user("Administrator")


def protection(lead: str):
	return frappe.db.get_value("Lead", lead, ["last_activity_on", "protected_until"])


def test_x6_ra1_an_activity_dated_a_year_ahead_is_refused_and_protects_nothing(agent_lead):
	before = protection(agent_lead)
	for ahead in (timedelta(days=365), timedelta(minutes=6)):
		with pytest.raises(frappe.ValidationError, match="cannot be dated in the future"):
			log_visit(agent_lead, now_datetime() + ahead)
	assert protection(agent_lead) == before
	assert not frappe.db.exists("Ownership Activity", {"reference_name": agent_lead})


def test_x6_ra1_an_activity_dated_before_its_record_existed_is_refused(agent_lead):
	created = get_datetime(frappe.db.get_value("Lead", agent_lead, "creation"))
	for before in (timedelta(days=400), timedelta(minutes=2)):
		with pytest.raises(frappe.ValidationError, match=f"before Lead .*{agent_lead}.* was created"):
			log_visit(agent_lead, created - before)
	assert not frappe.db.exists("Ownership Activity", {"reference_name": agent_lead})


def test_x6_ra1_an_activity_within_the_clock_allowance_protects_30_days_from_now_not_later(agent_lead):
	frappe.db.set_value("Lead", agent_lead, {"last_activity_on": None, "protected_until": None})
	log_visit(agent_lead, now_datetime() + timedelta(minutes=4))
	last, until = protection(agent_lead)
	assert get_datetime(last) <= now_datetime()
	assert getdate(until) == getdate(add_days(getdate(), 30))


def test_x6_ra1_an_activity_dated_now_still_protects(agent_lead):
	long_ago = now_datetime() - timedelta(days=40)
	frappe.db.set_value(
		"Lead", agent_lead, {"last_activity_on": long_ago, "protected_until": long_ago.date()}
	)
	assert log_visit(agent_lead, now_datetime()).name
	assert getdate(protection(agent_lead)[1]) == getdate(add_days(getdate(), 30))


def test_x6_ra1_a_communication_dated_a_year_ahead_protects_from_now_only(agent_lead):
	frappe.db.set_value("Lead", agent_lead, {"last_activity_on": None, "protected_until": None})
	communication = frappe.get_doc(
		{
			"doctype": "Communication",
			"communication_type": "Communication",
			"communication_medium": "Phone",
			"sent_or_received": "Sent",
			"subject": "Ana Ríos",
			"content": "Llamada",
			"reference_doctype": "Lead",
			"reference_name": agent_lead,
			"communication_date": now_datetime() + timedelta(days=365),
		}
	)
	frappe.set_user(AGENT)
	try:
		communication.insert(ignore_permissions=True)
	finally:
		frappe.set_user("Administrator")
	last, until = protection(agent_lead)
	assert get_datetime(last) <= now_datetime()
	assert getdate(until) == getdate(add_days(getdate(), 30))
