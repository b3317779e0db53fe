"""X-2 on a real site: ledger lines are immutable for everyone, and who_owns answers from them."""

from datetime import timedelta

import frappe
import pytest
from conftest import make_lead
from frappe.utils import now_datetime

from ownership_policies import api
from ownership_policies.ownership import ledger


@pytest.fixture
def partner():
	name = "Ownership Test Agency"
	if not frappe.db.exists("Sales Partner", name):
		frappe.get_doc(
			{
				"doctype": "Sales Partner",
				"partner_name": name,
				"territory": "All Territories",
				"commission_rate": 2,
			}
		).insert(ignore_permissions=True)
	return name


def test_x2_who_owns_answers_for_now_and_for_a_past_date(partner):
	lead = make_lead()
	start = now_datetime() - timedelta(days=10)
	ledger.record(
		"Lead",
		lead.name,
		claim="Fixation",
		action="Fix",
		rule="FX-3",
		holder=partner,
		holder_type="Sales Partner",
		valid_from=start,
		valid_until=start + timedelta(days=3),
	)
	ledger.record(
		"Lead",
		lead.name,
		claim="Fixation",
		action="Extend",
		rule="FX-6",
		holder=partner,
		holder_type="Sales Partner",
		valid_from=start + timedelta(days=2),
		valid_until=start + timedelta(days=30),
		before={"until": str(start + timedelta(days=3))},
		after={"until": str(start + timedelta(days=30))},
	)
	now = api.who_owns("Lead", lead.name)
	assert (now["holder"], now["holder_type"], now["claim"], now["rule"]) == (
		partner,
		"Sales Partner",
		"Fixation",
		"FX-6",
	)
	assert now["since"] == start and now["until"] == start + timedelta(days=30)

	on_day_one = api.who_owns("Lead", lead.name, on=str(start + timedelta(days=1)))
	assert (on_day_one["rule"], on_day_one["until"]) == ("FX-3", start + timedelta(days=3))
	assert api.who_owns("Lead", lead.name, on=str(start - timedelta(days=1)))["holder"] is None


def test_x2_a_line_keeps_actor_time_and_before_after():
	lead = make_lead()
	entry = ledger.record(
		"Lead",
		lead.name,
		claim="Lead Queue",
		action="Assign",
		rule="LQ-2",
		holder="Administrator",
		before={"lead_owner": None},
		after={"lead_owner": "Administrator"},
		note="first in queue",
	)
	assert entry.actor == "Administrator" and entry.holder_type == "User"
	assert frappe.parse_json(entry.after) == {"lead_owner": "Administrator"}
	assert entry.valid_from <= now_datetime()


def test_x2_nobody_may_edit_or_delete_a_ledger_line_not_even_administrator():
	lead = make_lead()
	entry = ledger.record(
		"Lead", lead.name, claim="Lead Queue", action="Assign", rule="LQ-2", holder="Administrator"
	)
	assert frappe.session.user == "Administrator"
	entry.rule = "LQ-8"
	with pytest.raises(frappe.PermissionError):
		entry.save(ignore_permissions=True)
	with pytest.raises(frappe.PermissionError):
		frappe.delete_doc("Ownership Ledger Entry", entry.name, ignore_permissions=True, force=True)
	assert frappe.db.get_value("Ownership Ledger Entry", entry.name, "rule") == "LQ-2"


def test_x2_who_owns_needs_read_permission_on_the_record(outsider):
	lead = make_lead()
	frappe.set_user(outsider)
	with pytest.raises(frappe.PermissionError):
		api.who_owns("Lead", lead.name)


def test_x2_who_owns_is_a_whitelisted_method_for_rest_calls():
	assert frappe.is_whitelisted(api.who_owns) is None  # raises PermissionError when it is not
