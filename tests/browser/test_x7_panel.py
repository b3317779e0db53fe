"""X-7 in a real browser: a sales user typing a known phone on a new Lead sees, before saving, the panel naming
the lead the identity index knows for that phone, marked as the same person, with who holds it."""

import random

import frappe
from conftest import BASE, log_in, make_user, wait
from selenium.webdriver.common.by import By

AGENT = "e2e.x7.agent@example.com"


def test_x7_typing_a_known_phone_on_a_new_lead_shows_the_panel(site, browser):
	agent = make_user(AGENT, "Sales User")
	mobile = f"+33 6 2{random.randrange(10**7):07d}"
	known = frappe.get_doc(
		{"doctype": "Lead", "first_name": "E2E", "last_name": "Known Person", "mobile_no": mobile}
	)
	known.lead_owner = agent
	known.insert(ignore_permissions=True)
	frappe.db.commit()
	log_in(browser, agent)
	browser.get(f"{BASE}/app/lead/new")
	field = wait(browser).until(
		lambda driver: next(
			(
				element
				for element in driver.find_elements(By.CSS_SELECTOR, "input[data-fieldname='mobile_no']")
				if element.is_displayed()
			),
			None,
		)
	)
	field.send_keys(mobile)  # typed, not saved: the field's input event sets it in the form
	panel = wait(browser).until(
		lambda driver: next(
			(
				element
				for element in driver.find_elements(By.CSS_SELECTOR, "[data-ownership-fact='duplicates']")
				if element.is_displayed() and known.name in element.get_attribute("innerHTML")
			),
			None,
		)
	)
	text = panel.text
	assert "E2E Known Person" in text and "Same person" in text, text
	assert frappe.utils.get_fullname(agent) in text, text
	assert "/app/lead/new" in browser.current_url  # nothing was saved
