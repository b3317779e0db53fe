"""The key flows in a real browser (X-4, X-5): the next lead, a fixation with its countdown, a reassignment granted
by the owning manager, and the same screens in French. The partner's portal is test_portal.py's."""

import random
from datetime import datetime, timedelta

import frappe
import pytest
from conftest import BASE, button, log_in, make_user, wait
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ready

AGENT, OPERATOR = "e2e.agent@example.com", "e2e.operator@example.com"
MANAGER_A, MANAGER_B = "e2e.manager.a@example.com", "e2e.manager.b@example.com"
AGENCY = "Agence Horizon"  # the demo agency
ALL_WEEK = [
	{"weekday": day, "start_time": "00:00:00", "end_time": "23:59:59"}
	for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
]


def phone():
	return f"+33 6 2{random.randrange(10**7):07d}"


def on_shift(agent):
	if not frappe.db.exists("Agent Schedule", agent):
		frappe.get_doc({"doctype": "Agent Schedule", "agent": agent, "shifts": ALL_WEEK}).insert(
			ignore_permissions=True
		)


@pytest.mark.parametrize("language, label", [("en", "Next Lead"), ("fr", "Piste suivante")])
def test_lq2_a_sales_user_pressing_next_lead_gets_the_platinum_lead(site, browser, language, label):
	agent = make_user(f"e2e.agent.{language}@example.com", "Sales User", language=language)
	on_shift(agent)
	lead_table = frappe.qb.DocType("Lead")  # an earlier run's lead left in the queue would come first
	frappe.qb.update(lead_table).set(lead_table.lead_owner, "Administrator").where(
		(lead_table.first_name == "E2E") & lead_table.lead_owner.isnull()
	).run()
	lead = frappe.get_doc(
		{
			"doctype": "Lead",
			"first_name": "E2E",
			"last_name": f"Platinum {language}",
			"priority_tier": "Platinum",
		}
	).insert(ignore_permissions=True)
	frappe.db.set_value("Lead", lead.name, {"lead_owner": None, "creation": datetime(1999, 1, 1)})
	frappe.db.commit()
	log_in(browser, agent)
	browser.get(f"{BASE}/app/lead")
	button(browser, label).click()
	wait(browser).until(lambda driver: driver.current_url.endswith(f"/app/lead/{lead.name}"))
	assert frappe.db.get_value("Lead", lead.name, "lead_owner") == agent


def test_fx3_a_call_centre_operator_fixes_a_client_for_an_agency_and_sees_the_countdown(site, browser):
	make_user(OPERATOR, "Call Centre Operator")
	log_in(browser, OPERATOR)
	browser.get(f"{BASE}/app/client-fixation/new")
	wait(browser).until(
		lambda driver: driver.execute_script(
			"return window.cur_frm && cur_frm.doc.doctype === 'Client Fixation'"
		)
	)
	browser.execute_script(
		"cur_frm.set_value({agency: arguments[0], client_name: 'Élodie Marchand', phone: arguments[1]})"
		".then(() => cur_frm.save())",
		AGENCY,
		phone(),
	)
	intro = wait(browser).until(
		ready.visibility_of_element_located(
			(
				By.XPATH,
				"//*[contains(@class,'form-intro-area') or contains(@class,'form-message')][contains(., 'left')]",
			)
		)
	)
	assert AGENCY in intro.text and " days" in intro.text  # "3 days and 4 hours left", in words


def test_ra10_the_owning_manager_grants_a_reassignment_from_the_request_form(site, browser):
	from ownership_policies.reassignment import requests

	for manager in (MANAGER_A, MANAGER_B):
		make_user(manager, "Sales Manager", "Sales User")
	make_user(AGENT, "Sales User")
	settings = frappe.get_single("Ownership Settings")
	known = {row.agent for row in settings.office_agents}
	for branch in ("E2E North", "E2E South"):
		if not frappe.db.exists("Branch", branch):
			frappe.get_doc({"doctype": "Branch", "branch": branch}).insert(ignore_permissions=True)
	for row in (
		{"agent": AGENT, "office": "E2E North", "agent_type": "Junior"},
		{"agent": MANAGER_B, "office": "E2E North", "is_office_manager": 1},
		{"agent": MANAGER_A, "office": "E2E South", "is_office_manager": 1},
	):
		if row["agent"] not in known:
			settings.append("office_agents", row)
	settings.save(ignore_permissions=True)
	lead = frappe.get_doc(
		{"doctype": "Lead", "first_name": "E2E", "last_name": "Dormant", "lead_owner": AGENT}
	).insert(ignore_permissions=True)
	worked = datetime.now() - timedelta(days=40)
	frappe.db.set_value("Lead", lead.name, {"last_activity_on": worked, "protected_until": worked.date()})
	frappe.set_user(MANAGER_A)
	request = requests.request_reassignment("Lead", lead.name, "Inactivity")
	frappe.set_user("Administrator")
	frappe.db.commit()
	log_in(browser, MANAGER_B)
	browser.get(f"{BASE}/app/reassignment-request/{request.name}")
	button(browser, "Accept").click()
	wait(browser).until(
		ready.visibility_of_element_located(
			(By.XPATH, "//*[contains(@class,'indicator-pill')][contains(., 'Awaiting Signatures')]")
		)
	)
	frappe.db.rollback()
	assert frappe.db.get_value("Reassignment Request", request.name, ["status", "answered_by"]) == (
		"Awaiting Signatures",
		MANAGER_B,
	)
