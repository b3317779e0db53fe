"""Who must act is told, in a real browser (RA-3, RA-4, RA-10): manager B finds the request among their ToDos
and answers it from there; Sign is offered only to those who may sign; the last signature says what changed;
the agent who loses the client reads it under the notification bell, in French."""

from datetime import datetime, timedelta

import frappe
import pytest
from conftest import BASE, button, log_in, make_user, wait
from frappe.desk.form import assign_to
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ready

AGENT, NEW_AGENT = "e2e.nt.agent@example.com", "e2e.nt.new.agent@example.com"
MANAGER_A, MANAGER_B = "e2e.nt.manager.a@example.com", "e2e.nt.manager.b@example.com"
NORTH, SOUTH = "E2E NT North", "E2E NT South"


@pytest.fixture(scope="module")
def offices(site):
	"""The agent works in North (manager B), the new agent in South (manager A). The agent reads French."""
	for manager in (MANAGER_A, MANAGER_B):
		make_user(manager, "Sales Manager", "Sales User")
	make_user(AGENT, "Sales User", language="fr")
	make_user(NEW_AGENT, "Sales User")
	for branch in (NORTH, SOUTH):
		if not frappe.db.exists("Branch", branch):
			frappe.get_doc({"doctype": "Branch", "branch": branch}).insert(ignore_permissions=True)
	settings = frappe.get_single("Ownership Settings")
	known = {row.agent for row in settings.office_agents}
	for row in (
		{"agent": AGENT, "office": NORTH, "agent_type": "Junior"},
		{"agent": MANAGER_B, "office": NORTH, "is_office_manager": 1},
		{"agent": NEW_AGENT, "office": SOUTH, "agent_type": "Junior"},
		{"agent": MANAGER_A, "office": SOUTH, "is_office_manager": 1},
	):
		if row["agent"] not in known:
			settings.append("office_agents", row)
	settings.save(ignore_permissions=True)
	frappe.db.commit()


def requested(last_name: str):
	"""A dormant lead of the agent, asked for by manager A for the new agent; committed for the desk to see."""
	from ownership_policies.reassignment import requests

	lead = frappe.get_doc(
		{"doctype": "Lead", "first_name": "E2E", "last_name": last_name, "lead_owner": AGENT}
	).insert(ignore_permissions=True)
	assign_to.add({"assign_to": [AGENT], "doctype": "Lead", "name": lead.name, "description": "Call back"})
	worked = datetime.now() - timedelta(days=40)  # after the ToDo, which is activity
	frappe.db.set_value("Lead", lead.name, {"last_activity_on": worked, "protected_until": worked.date()})
	frappe.set_user(MANAGER_A)
	try:
		request = requests.request_reassignment("Lead", lead.name, "Inactivity", NEW_AGENT)
	finally:
		frappe.set_user("Administrator")
	frappe.db.commit()
	return lead.name, request.name


def as_user(user, action, *args):
	frappe.set_user(user)
	try:
		return action(*args)
	finally:
		frappe.set_user("Administrator")


def alert(browser, text: str):
	"""The green confirmation Frappe shows after an act."""
	return wait(browser).until(
		ready.visibility_of_element_located(
			(By.XPATH, f"//*[@id='alert-container']//*[contains(normalize-space(), '{text}')]")
		)
	)


def test_ra3_manager_b_finds_the_request_in_their_todo_and_accepts_it_from_there(offices, browser):
	lead, request = requested(f"Todo {frappe.generate_hash(length=6)}")
	client = frappe.db.get_value("Lead", lead, "lead_name")
	log_in(browser, MANAGER_B)
	browser.get(f"{BASE}/app/todo?status=Open&reference_name={request}")
	row = wait(browser).until(
		ready.visibility_of_element_located(
			(By.XPATH, f"//*[contains(@class,'list-row')][contains(., '{client}')]")
		)
	)
	assert "Inactivity" in row.text  # the ToDo says why
	row.find_element(By.XPATH, ".//button[normalize-space()='Open']").click()
	wait(browser).until(lambda driver: driver.current_url.endswith(f"/app/reassignment-request/{request}"))
	headline = wait(browser).until(
		ready.visibility_of_element_located(
			(By.XPATH, "//*[contains(@class,'form-message')][contains(., 'answers by')]")
		)
	)
	assert "e2e.nt.manager.b answers by" in headline.text  # B by name (their first name here)
	button(browser, "Accept").click()
	assert "Still to sign" in alert(browser, client).text
	wait(browser).until(
		ready.visibility_of_element_located(
			(By.XPATH, "//*[contains(@class,'indicator-pill')][contains(., 'Awaiting Signatures')]")
		)
	)
	frappe.db.rollback()
	assert (
		frappe.db.get_value("ToDo", {"reference_name": request, "allocated_to": MANAGER_B}, "status")
		== "Closed"
	)


def test_ra10_only_a_signer_is_offered_sign_and_the_losing_agent_is_told_under_the_bell(offices, browser):
	from ownership_policies.reassignment import requests

	lead, request = requested(f"Bell {frappe.generate_hash(length=6)}")
	client = frappe.db.get_value("Lead", lead, "lead_name")
	as_user(MANAGER_B, requests.answer, request, True)
	as_user(NEW_AGENT, requests.sign, request)
	frappe.db.commit()

	log_in(browser, MANAGER_B)  # not a signer: no dead button
	browser.get(f"{BASE}/app/reassignment-request/{request}")
	wait(browser).until(
		ready.visibility_of_element_located(
			(By.XPATH, "//*[contains(@class,'form-message')][contains(., 'Still to sign')]")
		)
	)
	assert not browser.find_elements(
		By.XPATH, "//button[normalize-space()='Sign'][not(ancestor::*[contains(@style,'display: none')])]"
	)

	log_in(browser, MANAGER_A)  # the new agent's office manager gives the second signature
	browser.get(f"{BASE}/app/reassignment-request/{request}")
	button(browser, "Sign").click()
	assert "now belongs to" in alert(browser, client).text

	log_in(browser, AGENT)
	browser.get(f"{BASE}/app")
	wait(browser).until(ready.element_to_be_clickable((By.CSS_SELECTOR, ".notifications-icon"))).click()
	told = "//*[contains(@class,'notification-item')][contains(., '{0}')][contains(., '{1}')]"
	# in the agent's French: who has the client now, and Frappe's own word that the ToDo was taken away
	wait(browser).until(
		ready.visibility_of_element_located((By.XPATH, told.format(client, "appartient désormais à")))
	)
	assert browser.find_element(By.XPATH, told.format(client, "supprimé"))
	frappe.db.rollback()
	assert frappe.db.get_value("Lead", lead, "lead_owner") == NEW_AGENT
	assert not frappe.db.exists("ToDo", {"reference_name": lead, "allocated_to": AGENT, "status": "Open"})


def test_x4_a_queued_lead_waits_in_the_queue_and_a_saved_customer_says_each_fact_once_in_blue(
	offices, browser
):
	queued = frappe.get_doc({"doctype": "Lead", "first_name": "E2E", "last_name": "Queued"}).insert(
		ignore_permissions=True
	)
	frappe.db.set_value("Lead", queued.name, "lead_owner", None)
	customer = frappe.get_doc(
		{
			"doctype": "Customer",
			"customer_name": f"E2E Client {frappe.generate_hash(length=6)}",
			"customer_group": "All Customer Groups",
			"territory": "All Territories",
			"account_manager": AGENT,
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	log_in(browser, MANAGER_A)
	fact = "//*[contains(@class,'form-message')]//*[@data-ownership-fact='{0}']"
	browser.get(f"{BASE}/app/lead/{queued.name}")
	waiting = wait(browser).until(ready.visibility_of_element_located((By.XPATH, fact.format("protection"))))
	assert "waits in the queue" in waiting.text and "its agent worked it" not in waiting.text
	browser.get(f"{BASE}/app/customer/{customer.name}")
	wait(browser).until(ready.visibility_of_element_located((By.XPATH, fact.format("advisor"))))
	browser.execute_script("cur_frm.dirty(); return cur_frm.save()")
	wait(browser).until(lambda driver: driver.execute_script("return !cur_frm.is_dirty() && !cur_frm.saving"))
	# a save refreshes the form, and so may the document's update coming back: two refreshes in a row, each
	# telling its facts again once its calls answer
	browser.execute_script("cur_frm.refresh(); cur_frm.refresh();")
	wait(browser).until(lambda driver: driver.execute_script("return !frappe.request.ajax_count"))
	for key in ("protection", "holder", "advisor"):
		assert len(browser.find_elements(By.XPATH, fact.format(key))) == 1, key
	message = browser.find_element(By.CSS_SELECTOR, ".form-message")
	assert "blue" in message.get_attribute("class").split()  # facts, no warning
	assert len(message.find_elements(By.CSS_SELECTOR, ".close-message")) == 1
