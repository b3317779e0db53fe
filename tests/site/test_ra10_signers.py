"""Who is given a record and who signs its reassignment, on a real site (RA-10, X-6): the new agent is an enabled
internal Sales User, never a portal user; the two signatures are by two different people, the new agent and the
receiving office's manager (or, when that office has no other manager, a Sales Manager who is neither the new
agent nor the requester), and the record moves only with both."""

import re

import frappe
import pytest
from conftest import as_user, leave_unworked, make_lead, make_partner, make_user, new_mobile

from ownership_policies.ownership import ledger
from ownership_policies.reassignment import requests
from ownership_policies.reassignment import rules as ra

ANNE, CARLA, DIEGO = "ra10.anne@example.com", "ra10.carla@example.com", "ra10.diego@example.com"
MANAGER_A, MANAGER_B = "ra10.manager.a@example.com", "ra10.manager.b@example.com"
MANAGER_C = "ra10.manager.c@example.com"  # a Sales Manager with no office
CARACAS, VALENCIA, MARACAY = "RA10 Caracas", "RA10 Valencia", "RA10 Maracay"  # Maracay has no manager
PARTNER = "ra10.partner@example.com"
REFUSED_AGENT = "must be an active internal user with the Sales User role"


@pytest.fixture(scope="module")
def people(site):
	for user in (ANNE, CARLA, DIEGO):
		make_user(user, "Sales User")
	for manager in (MANAGER_A, MANAGER_B, MANAGER_C):
		make_user(manager, "Sales Manager", "Sales User")
	for office in (CARACAS, VALENCIA, MARACAY):
		if not frappe.db.exists("Branch", office):
			frappe.get_doc({"doctype": "Branch", "branch": office}).insert()
	frappe.db.commit()


@pytest.fixture(autouse=True)
def office_agents(people, settings):
	"""Anne works in Caracas (manager B), Carla in Valencia (manager A), Diego in Maracay (no manager)."""
	settings(
		office_agents=[
			{"agent": ANNE, "office": CARACAS, "agent_type": "Junior"},
			{"agent": MANAGER_B, "office": CARACAS, "is_office_manager": 1},
			{"agent": CARLA, "office": VALENCIA, "agent_type": "Junior"},
			{"agent": MANAGER_A, "office": VALENCIA, "is_office_manager": 1},
			{"agent": DIEGO, "office": MARACAY, "agent_type": "Junior"},
		],
	)


def annes_dormant_lead():
	mobile = "+58 412 " + new_mobile().replace(" ", "")[-7:]
	lead = as_user(ANNE, make_lead, first_name="Rosa", last_name="Pérez", mobile_no=mobile)
	leave_unworked(lead.name, 31)
	return lead.name


def granted(new_agent=None, requester=MANAGER_A):
	"""Anne's dormant lead asked for by `requester` for `new_agent`, accepted by manager B."""
	lead = annes_dormant_lead()
	request = as_user(requester, requests.request_reassignment, "Lead", lead, ra.INACTIVITY, new_agent)
	assert as_user(MANAGER_B, requests.answer, request.name, True).status == "Awaiting Signatures"
	return lead, request.name


def refused_signature(user, request, message):
	with pytest.raises(frappe.PermissionError, match=message):
		as_user(user, requests.sign, request)


def owner(lead):
	return frappe.db.get_value("Lead", lead, "lead_owner")


def partner_user():
	make_partner("RA10 Agencia", PARTNER)
	return PARTNER


@pytest.fixture
def partner_with_sales_role():
	"""A partner's portal user who even holds the Sales User role (a row Frappe's form would not keep): the
	refusal is for being a portal user."""
	partner_user()
	row = {"doctype": "Has Role", "parent": PARTNER, "parenttype": "User", "parentfield": "roles"}
	frappe.get_doc({**row, "role": "Sales User"}).db_insert()
	frappe.clear_cache(user=PARTNER)
	assert "Sales User" in frappe.get_roles(PARTNER)
	yield PARTNER
	frappe.db.rollback()
	frappe.clear_cache(user=PARTNER)


def website_user():
	return make_user("ra10.website@example.com", website=True)


def disabled_user():
	make_user("ra10.gone@example.com", "Sales User")
	frappe.db.set_value("User", "ra10.gone@example.com", "enabled", 0)
	return "ra10.gone@example.com"


def clerk():
	return make_user("ra10.clerk@example.com", "Accounts User")  # a desk user, but no Sales User


@pytest.mark.parametrize(
	"who, user_type, enabled",
	[
		(partner_user, "Website User", 1),
		(website_user, "Website User", 1),
		(disabled_user, "System User", 0),
		(clerk, "System User", 1),
		(lambda: "Administrator", "System User", 1),
		(lambda: "ra10.nobody@example.com", None, None),  # no such user: the same refusal
	],
)
def test_ra10_x6_only_an_enabled_internal_sales_user_is_given_a_record(who, user_type, enabled):
	new_agent = who()
	found = frappe.db.get_value("User", new_agent, ["user_type", "enabled"]) or (None, None)
	assert tuple(found) == (user_type, enabled)  # each refused for the reason named, and that one only
	lead = annes_dormant_lead()
	with pytest.raises(frappe.ValidationError, match=REFUSED_AGENT) as refusal:
		as_user(MANAGER_A, requests.request_reassignment, "Lead", lead, ra.INACTIVITY, new_agent)
	assert new_agent not in str(refusal.value)  # says what is needed, nothing about that user
	assert not frappe.db.exists("Reassignment Request", {"reference_name": lead})
	assert owner(lead) == ANNE


def test_ra10_x6_a_partners_portal_user_is_refused_even_with_the_sales_user_role(partner_with_sales_role):
	lead = annes_dormant_lead()
	with pytest.raises(frappe.ValidationError, match=REFUSED_AGENT):
		as_user(MANAGER_A, requests.request_reassignment, "Lead", lead, ra.INACTIVITY, PARTNER)
	assert not frappe.db.exists("Reassignment Request", {"reference_name": lead})


def test_ra10_the_office_manager_signs_and_the_record_moves_only_with_two_distinct_signatures():
	lead, request = granted(CARLA, requester=MANAGER_C)  # C has no office; Carla's is Valencia (manager A)
	refused_signature(
		MANAGER_C, request, re.escape(f"the office manager ({MANAGER_A})")
	)  # the requester with no office
	refused_signature(MANAGER_B, request, "office manager")  # another office's manager
	assert as_user(CARLA, requests.sign, request).status == "Awaiting Signatures"
	refused_signature(CARLA, request, "once each")  # the new agent cannot also sign as manager
	assert owner(lead) == ANNE
	done = as_user(MANAGER_A, requests.sign, request)
	assert (done.status, done.agent_signed_by, done.manager_signed_by) == ("Granted", CARLA, MANAGER_A)
	assert owner(lead) == CARLA
	assert ledger.who_owns("Lead", lead)["holder"] == CARLA


@pytest.mark.parametrize("office_row", [True, False])  # an office with no manager, or no office at all
def test_ra10_with_no_office_manager_a_sales_manager_who_is_neither_agent_nor_requester_signs(
	settings, office_row
):
	if not office_row:
		rows = frappe.get_single("Ownership Settings").office_agents
		settings(office_agents=[row.as_dict() for row in rows if row.agent != DIEGO])
	lead, request = granted(DIEGO, requester=MANAGER_C)
	refused_signature(MANAGER_C, request, "neither the new agent nor the requesting manager")
	refused_signature(ANNE, request, "neither the new agent nor the requesting manager")  # not a manager
	done = as_user(MANAGER_A, requests.sign, request)  # a Sales Manager who is neither
	assert (done.status, done.manager_signed_by, owner(lead)) == ("Awaiting Signatures", MANAGER_A, ANNE)
	refused_signature(MANAGER_B, request, "once each")  # the manager's signature is given
	done = as_user(DIEGO, requests.sign, request)
	assert (done.status, done.agent_signed_by, owner(lead)) == ("Granted", DIEGO, DIEGO)


def test_ra10_a_new_agent_who_manages_the_office_does_not_give_both_signatures():
	lead, request = granted()  # manager A asks for themself: new agent, requester and Valencia's manager
	assert frappe.db.get_value("Reassignment Request", request, "new_agent") == MANAGER_A
	assert as_user(MANAGER_A, requests.sign, request).agent_signed_by == MANAGER_A
	refused_signature(MANAGER_A, request, "neither the new agent nor the requesting manager")
	assert owner(lead) == ANNE
	refused_signature(CARLA, request, "neither the new agent nor the requesting manager")  # a sales user
	done = as_user(MANAGER_C, requests.sign, request)
	assert (done.status, done.agent_signed_by, done.manager_signed_by) == ("Granted", MANAGER_A, MANAGER_C)
	assert owner(lead) == MANAGER_A


def test_ra10_x6_a_portal_user_named_in_the_settings_does_not_sign():
	lead, request = granted(DIEGO, requester=MANAGER_C)
	rows = [row.as_dict() for row in frappe.get_single("Ownership Settings").office_agents]
	partner_user()
	frappe.get_single("Ownership Settings").update(
		{"office_agents": [*rows, {"agent": PARTNER, "office": MARACAY, "is_office_manager": 1}]}
	).save()
	refused_signature(PARTNER, request, "office manager")
	assert as_user(DIEGO, requests.sign, request).status == "Awaiting Signatures"
	assert owner(lead) == ANNE
