"""The key flows in a real browser (X-4, X-5): the next lead, a fixation with its countdown, a reassignment granted
by the owning manager, a partner's free/busy check, and the same screens in French."""

import random
from datetime import datetime, timedelta

import frappe
import pytest
from conftest import BASE, PASSWORD, button, log_in, make_user, wait
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ready

from ownership_policies.ownership.partners import grant_membership

AGENT, OPERATOR = "e2e.agent@example.com", "e2e.operator@example.com"
MANAGER_A, MANAGER_B = "e2e.manager.a@example.com", "e2e.manager.b@example.com"
PARTNER_FR = "e2e.partner.fr@example.com"
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
	assert AGENCY in intro.text and " d " in intro.text


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


def partner_fr():
	"""A French-speaking member of the demo agency's staff: a website user whose Contact is the agency's."""
	make_user(PARTNER_FR, "Ownership Partner", language="fr", website=True)
	if not frappe.db.exists("Contact", {"user": PARTNER_FR}):
		frappe.get_doc(
			{
				"doctype": "Contact",
				"first_name": "Partenaire",
				"email_ids": [{"email_id": PARTNER_FR, "is_primary": 1}],
				"user": PARTNER_FR,
				"links": [{"link_doctype": "Sales Partner", "link_name": AGENCY}],
			}
		).insert(ignore_permissions=True)
	grant_membership(PARTNER_FR, AGENCY)
	frappe.db.commit()
	return PARTNER_FR


def check(browser, number):
	field = wait(browser).until(ready.visibility_of_element_located((By.ID, "check-phone")))
	field.clear()
	field.send_keys(number)
	browser.find_element(By.ID, "check-button").click()
	return wait(browser).until(
		lambda driver: (
			driver.find_element(By.ID, "check-answer").text and driver.find_element(By.ID, "check-answer")
		)
	)


@pytest.mark.parametrize(
	"language, free, busy, title",
	[("en", "Free", "Busy", "Check a Client"), ("fr", "Libre", "Occupé", "Vérifier un client")],
)
def test_fx2_x5_a_partner_sees_only_free_or_busy_and_no_desk(site, browser, language, free, busy, title):
	user = "agent@horizon.localhost" if language == "en" else partner_fr()
	log_in(browser, user, "Horizon-demo-2026" if language == "en" else PASSWORD)
	browser.get(f"{BASE}/client-check")
	assert title in browser.find_element(By.TAG_NAME, "h1").text
	answer = check(browser, phone())
	assert (answer.text, answer.get_attribute("data-status")) == (free, "free")
	in_work = frappe.db.get_value(
		"Lead", {"lead_name": "Chloé Durand"}, "mobile_no"
	)  # the broker's demo client
	answer = check(browser, in_work)
	assert (answer.text, answer.get_attribute("data-status")) == (busy, "busy")
	assert "Chloé" not in browser.page_source  # nothing about the client but the answer
	browser.get(f"{BASE}/app/lead")
	wait(browser).until(lambda driver: driver.execute_script("return document.readyState") == "complete")
	assert "Chloé" not in browser.page_source and "Lefèvre" not in browser.page_source  # no desk, no leads


def test_fx10_x6_a_partner_attaches_the_signed_act_on_its_portal(site, browser, tmp_path):
	from ownership_policies.api import fix_client

	fixation = fix_client(AGENCY, phone(), "E2E Act Client")["fixation"]  # as the call centre would
	frappe.db.commit()
	scan = tmp_path / "selection-act.pdf"
	scan.write_bytes(b"%PDF-1.4\n% signed selection act\n")
	log_in(browser, "agent@horizon.localhost", "Horizon-demo-2026")
	browser.get(f"{BASE}/client-check")
	form = wait(browser).until(
		ready.visibility_of_element_located(
			(By.CSS_SELECTOR, f'form.selection-act[data-fixation="{fixation}"]')
		)
	)
	form.find_element(By.NAME, "file").send_keys(str(scan))
	form.find_element(By.TAG_NAME, "button").click()
	said = wait(browser).until(lambda driver: form.find_element(By.CLASS_NAME, "act-answer").text)
	assert said == "Attached: the manager records the meeting with it."
	frappe.db.rollback()
	assert frappe.db.get_value("Client Fixation", fixation, "selection_act").startswith("/private/files/")
