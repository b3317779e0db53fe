"""The partners' portal in a real browser (FX-1, FX-2, FX-7, FX-10, FX-11, X-4, X-5): a partner's staff member
checks a client, fixes a free one and reads it as "yours, until …" with a running countdown, asks the manager a
question and attaches the signed act, in its own language, and sees no desk. Each run makes its own partner users
(members of an e2e agency), so that no earlier run's or person's checks count against the hourly limit (FX-2)."""

import json
import random

import frappe
import pytest
from conftest import BASE, log_in, make_user, wait
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import Select

from ownership_policies.ownership.partners import grant_membership

AGENCY = "E2E Agence Portail"


def phone() -> str:
	return f"+33 6 2{random.randrange(10**7):07d}"


def partner_member(language: str) -> str:
	"""A new member of the e2e agency's staff, speaking `language`: a website user no one has used yet."""
	if not frappe.db.exists("Sales Partner", AGENCY):
		frappe.get_doc(
			{
				"doctype": "Sales Partner",
				"partner_name": AGENCY,
				"territory": "All Territories",
				"commission_rate": 2,
			}
		).insert(ignore_permissions=True)
	user = make_user(
		f"e2e.portal.{language}.{frappe.generate_hash(length=8)}@example.com",
		"Ownership Partner",
		language=language,
		website=True,
	)
	grant_membership(user, AGENCY)
	frappe.db.commit()
	return user


def check(browser, number: str):
	"""The answer to a check of `number` on the portal, once it is in."""
	field = wait(browser).until(ready.visibility_of_element_located((By.ID, "check-phone")))
	field.clear()
	field.send_keys(number)
	browser.find_element(By.ID, "check-button").click()
	answer = browser.find_element(By.ID, "check-answer")
	wait(browser).until(lambda driver: answer.get_attribute("data-status"))
	return answer


def answered(browser, said) -> str:
	"""What the page said once the server answered (not the "Sending…" in between)."""
	words = json.loads(browser.find_element(By.ID, "client-portal").get_attribute("data-words"))
	return wait(browser).until(lambda driver: said.text not in ("", words["sending"]) and said.text)


@pytest.mark.parametrize(
	"language, free, busy, title",
	[("en", "Free", "Busy", "Check a Client"), ("fr", "Libre", "Occupé", "Vérifier un client")],
)
def test_fx2_x5_a_partner_sees_only_free_or_busy_and_no_desk(site, browser, language, free, busy, title):
	log_in(browser, partner_member(language))
	browser.get(f"{BASE}/client-check")
	assert title in browser.find_element(By.TAG_NAME, "h1").text
	answer = check(browser, phone())
	assert (answer.find_element(By.CLASS_NAME, "verdict").text, answer.get_attribute("data-status")) == (
		free,
		"free",
	)
	in_work = frappe.db.get_value("Lead", {"lead_name": "Chloé Durand"}, "mobile_no")  # a demo client
	answer = check(browser, in_work)
	assert (answer.find_element(By.CLASS_NAME, "verdict").text, answer.get_attribute("data-status")) == (
		busy,
		"busy",
	)
	assert answer.find_element(By.CLASS_NAME, "next").text  # and what the partner can do next
	assert "Chloé" not in browser.page_source  # nothing about the client but the answer
	assert "Get Updates" not in browser.page_source  # no newsletter footer on the portal
	browser.get(f"{BASE}/app/lead")
	wait(browser).until(lambda driver: driver.execute_script("return document.readyState") == "complete")
	assert "Chloé" not in browser.page_source and "Lefèvre" not in browser.page_source  # no desk, no leads


@pytest.mark.parametrize(
	"language, yours, asked",
	[("fr", "À vous jusqu'au ", "Envoyée à "), ("ru", "Ваш до ", "Отправлено: ")],
)
def test_fx1_fx11_x4_a_partner_fixes_a_free_client_from_the_portal_and_reads_it_as_yours(
	site, browser, language, yours, asked
):
	log_in(browser, partner_member(language))
	browser.get(f"{BASE}/client-check")
	number, name = phone(), f"Client Portail {language}"
	assert check(browser, number).get_attribute("data-status") == "free"
	# the free answer fills in the fix form; the partner writes the name and picks the manager it wants
	assert browser.find_element(By.ID, "fix-phone").get_attribute("value") == number
	browser.find_element(By.ID, "fix-name").send_keys(name)
	managers = Select(browser.find_element(By.ID, "fix-manager"))
	assert len(managers.options) > 1 and "@" not in browser.find_element(By.ID, "fix-manager").text
	managers.select_by_index(1)
	wanted = managers.first_selected_option.text
	browser.find_element(By.ID, "fix-button").click()
	fixed = wait(browser).until(ready.visibility_of_element_located((By.ID, "fixed-answer")))
	assert fixed.find_element(By.CLASS_NAME, "verdict").text.startswith(yours)
	assert wanted in fixed.text and name in fixed.text
	fixation = fixed.get_attribute("data-fixation")
	frappe.db.rollback()
	assert frappe.db.get_value("Client Fixation", fixation, ["agency", "status"]) == (AGENCY, "Active")
	assert frappe.utils.get_fullname(frappe.db.get_value("Client Fixation", fixation, "manager")) == wanted
	row = browser.find_element(By.CSS_SELECTOR, f'tr[data-fixation="{fixation}"]')
	assert row.find_element(By.CLASS_NAME, "stands").text.startswith(yours)
	# the countdown moves
	left = row.find_element(By.CLASS_NAME, "time-left")
	before = left.text
	wait(browser, 5).until(lambda driver: left.text and left.text != before)
	# checked again, the client is the agency's own, not busy
	answer = check(browser, number)
	assert answer.get_attribute("data-status") == "yours"
	assert answer.find_element(By.CLASS_NAME, "verdict").text.startswith(yours)
	# a question for the manager, on the fixation
	row = browser.find_element(By.CSS_SELECTOR, f'tr[data-fixation="{fixation}"]')
	row.find_element(By.CSS_SELECTOR, "details.question-box summary").click()
	question = row.find_element(By.CSS_SELECTOR, "form.question")
	question.find_element(By.NAME, "question").send_keys("Balcon ? Балкон?")
	question.find_element(By.TAG_NAME, "button").click()
	said = answered(browser, question.find_element(By.CLASS_NAME, "question-answer"))
	assert said.startswith(asked) and wanted in said, said
	frappe.db.rollback()
	assert frappe.db.exists("Comment", {"reference_name": fixation, "content": ("like", "%Балкон%")})


def test_fx7_fx10_x6_a_partner_attaches_the_signed_act_on_its_portal(site, browser, tmp_path):
	from ownership_policies.api import fix_client

	partner = partner_member("en")
	fixation = fix_client(AGENCY, phone(), "E2E Act Client")["fixation"]  # as the call centre would
	frappe.db.commit()
	scan = tmp_path / "selection-act.pdf"
	scan.write_bytes(b"%PDF-1.4\n% signed selection act\n")
	log_in(browser, partner)
	browser.get(f"{BASE}/client-check")
	form = wait(browser).until(
		ready.visibility_of_element_located(
			(By.CSS_SELECTOR, f'form.selection-act[data-fixation="{fixation}"]')
		)
	)
	form.find_element(By.NAME, "file").send_keys(str(scan))
	form.find_element(By.TAG_NAME, "button").click()
	said = answered(browser, form.find_element(By.CLASS_NAME, "act-answer"))
	assert said == "Attached. The manager records the meeting with it, and your fixation is then extended."
	frappe.db.rollback()
	assert frappe.db.get_value("Client Fixation", fixation, "selection_act").startswith("/private/files/")
