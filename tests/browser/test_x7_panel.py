"""X-7 in a real browser: a sales user typing a known phone on a new Lead sees, before saving, the panel naming
the lead the identity index knows for that phone, marked as the same person, with who holds it."""

import random

import frappe
from conftest import BASE, button, log_in, make_user, wait
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


MANAGER = "e2e.x7.manager@example.com"


def test_x7_a_manager_merges_a_lead_from_its_form_and_undoes_it_from_the_merge_log(site, browser):
	"""X-7: on a saved lead the panel offers a manager "Merge into this" for the other lead of the same phone;
	the merge lands on the kept lead, and Undo Merge on the Merge Log puts the merged lead back."""
	manager = make_user(MANAGER, "Sales Manager", "Sales User")
	mobile = f"+33 6 2{random.randrange(10**7):07d}"
	kept, merged = (  # one person entered twice
		frappe.get_doc(
			{"doctype": "Lead", "first_name": "E2E", "last_name": "Twice Entered", "mobile_no": mobile}
		).insert(ignore_permissions=True)
		for _time in range(2)
	)
	frappe.db.commit()
	log_in(browser, manager)
	browser.get(f"{BASE}/app/lead/{merged.name}")
	offer = wait(browser).until(
		lambda driver: next(
			(
				element
				for element in driver.find_elements(By.CSS_SELECTOR, "[data-merge-into]")
				if element.is_displayed()
				and kept.name in element.find_element(By.XPATH, "./..").get_attribute("innerHTML")
			),
			None,
		)
	)
	offer.click()
	button(browser, "Yes").click()
	wait(browser).until(lambda driver: f"/app/lead/{kept.name}" in driver.current_url)
	log = wait(browser).until(
		lambda driver: (
			frappe.db.get_value("Merge Log", {"merged_name": merged.name, "status": "Merged"})
			or frappe.db.rollback()
		)
	)
	assert frappe.db.get_value("Lead", merged.name, "disabled") == 1
	browser.get(f"{BASE}/app/merge-log/{log}")
	button(browser, "Undo Merge").click()
	button(browser, "Yes").click()
	wait(browser).until(lambda driver: "Merge Undone" in driver.page_source)
	frappe.db.rollback()  # read what the web server committed
	assert frappe.db.get_value("Merge Log", log, "status") == "Undone"
	assert frappe.db.get_value("Lead", merged.name, "disabled") == 0
