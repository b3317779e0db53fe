"""X-2, X-4 in a real browser: a Lead's ownership history on its form's timeline, in French and in plain words,
and the Ledger button opening the Ownership History report."""

import random

import frappe
from conftest import BASE, button, log_in, make_user, wait
from selenium.webdriver.common.by import By

AGENT_FR = "e2e.history.agent.fr@example.com"
MANAGER_FR = "e2e.history.manager.fr@example.com"


def owned_lead(owner: str) -> str:
	lead = frappe.get_doc(
		{
			"doctype": "Lead",
			"first_name": "E2E",
			"last_name": "Historique",
			# 06 30 to 06 38: 06 39 is not an allocated range, and the app refuses a number no one can have
			"mobile_no": f"+33 6 3{random.randrange(9 * 10**6):07d}",
			"lead_owner": owner,
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	return lead.name


def shown(browser, css_class: str, text: str):
	"""The innermost element of that class showing that text on the page, if any."""
	xpath = f"//*[contains(@class,'{css_class}')][contains(., '{text}')][not(.//*[contains(@class,'{css_class}')])]"
	return next(
		(element for element in browser.find_elements(By.XPATH, xpath) if element.is_displayed()), None
	)


def test_x2_x4_a_french_agent_reads_the_lead_ownership_history_on_its_timeline(site, browser):
	agent = make_user(AGENT_FR, "Sales User", language="fr")
	lead = owned_lead(agent)
	log_in(browser, agent)
	browser.get(f"{BASE}/app/lead/{lead}")
	# ERPNext keeps a Lead's timeline under its Activities tab
	wait(browser).until(lambda driver: shown(driver, "nav-link", "Activités")).click()
	item = wait(browser).until(lambda driver: shown(driver, "timeline-item", "Détenu par"))
	assert f"Détenu par {frappe.utils.get_fullname(agent)} depuis le" in item.text
	assert "indiqué sur la fiche" in item.text and "(X-2)" in item.text
	assert "@example.com" not in item.text  # a user by name, never by email


def test_x2_x4_the_ledger_button_opens_the_ownership_history_in_french(site, browser):
	manager = make_user(MANAGER_FR, "Sales Manager", "Sales User", language="fr")
	lead = owned_lead(manager)
	log_in(browser, manager)
	browser.get(f"{BASE}/app/lead/{lead}")
	button(browser, "Registre de propriété").click()
	wait(browser).until(lambda driver: "/app/query-report/Ownership%20History" in driver.current_url)
	# the report's table renders more than once: read the cell's text while it is on the page
	text = wait(browser).until(
		lambda driver: getattr(shown(driver, "dt-cell__content", "Détenu par"), "text", None)
	)
	assert frappe.utils.get_fullname(manager) in text
