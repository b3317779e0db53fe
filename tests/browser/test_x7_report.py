"""X-7 in a real browser, the Duplicates report: a sales manager finds a group a scan made, merges one record
into the other from its row through the report's dialog and sees the group closed with the kept record; then
marks another group, two namesakes sharing a phone, Not the Same Person with a reason, sees it listed so, and
reopens it from the group's form. Each run has its own names and phones; screenshots of the report after the
merge and after the mark are kept in E2E_SHOTS."""

import random
from urllib.parse import quote, urlencode

import frappe
from conftest import BASE, SHOTS, button, log_in, make_user, wait
from selenium.webdriver.common.by import By

from ownership_policies.ownership import duplicate_scan

MANAGER, AGENT = "e2e.x7.report.manager@example.com", "e2e.x7.report.agent@example.com"
APART = "Not the Same Person"


def twice_entered(last_name: str) -> list[str]:
	"""One name on one new phone, entered twice: the leads' names."""
	mobile = f"+33 6 1{random.randrange(10**7):07d}"  # 06 1x: metropolitan mobiles, all allocated
	leads = []
	for _time in range(2):
		lead = frappe.get_doc(
			{"doctype": "Lead", "first_name": "E2E", "last_name": last_name, "mobile_no": mobile}
		)
		lead.lead_owner = AGENT
		leads.append(lead.insert(ignore_permissions=True).name)
	return leads


def group_of(lead: str) -> str:
	(group,) = frappe.get_all(
		duplicate_scan.GROUP_RECORD, {"record_doctype": "Lead", "record_name": lead}, pluck="parent"
	)
	return group


def open_report(browser, status: str, *shown: str):
	"""The report for the run's agent and a status, once its rows, loaded and shown, say every one of `shown`
	(the page keeps its last rows hidden while it loads the next ones)."""
	browser.get(f"{BASE}/app/query-report/Duplicates?{urlencode({'status': status, 'owner': AGENT})}")
	wait(browser, 30).until(lambda driver: all(text in rows_html(driver) for text in shown))


def rows_html(browser) -> str:
	return "".join(
		e.get_attribute("innerHTML")
		for e in browser.find_elements(By.CSS_SELECTOR, ".dt-scrollable")
		if e.is_displayed()
	)


def visible(browser, selector: str):
	"""The visible element the selector names, once there (the report re-renders its rows as it loads)."""
	return wait(browser).until(
		lambda driver: next(
			(e for e in driver.find_elements(By.CSS_SELECTOR, selector) if e.is_displayed()), None
		)
	)


def click(browser, selector: str):
	"""Click the visible element the selector names, found again if the report re-rendered it meanwhile."""

	def clicked(driver):
		element = visible(driver, selector)
		driver.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'center'})", element)
		element.click()
		return True

	wait(browser).until(clicked)


def test_x7_a_manager_merges_from_the_report_and_marks_namesakes_not_the_same_person(site, browser):
	manager = make_user(MANAGER, "Sales Manager", "Sales User")
	make_user(AGENT, "Sales User")
	run = frappe.generate_hash(length=6)
	kept, merged = twice_entered(f"Report Twice {run}")
	father, son = twice_entered(f"Report Namesake {run}")
	frappe.cache.delete_value(duplicate_scan.SCAN_STATE)  # a scan from the start, not the rest of an old one
	duplicate_scan.scan(progress=lambda done, total: None)
	frappe.db.commit()
	twice, namesakes = group_of(kept), group_of(father)

	log_in(browser, manager)
	open_report(browser, "Open", kept, merged, father, son)
	click(browser, f"button.x7-merge[data-record='{quote(merged, safe='')}']")
	dialog = visible(browser, ".modal.show")
	assert kept in dialog.text, dialog.text  # the record it is merged into, the group's other one
	button(browser, "Merge").click()
	wait(browser, 30).until(
		lambda driver: (
			frappe.db.rollback() or frappe.db.get_value(duplicate_scan.GROUP, twice, "status") == "Closed"
		)
	)
	assert frappe.db.get_value("Merge Log", {"merged_name": merged, "status": "Merged"}, "kept_name") == kept
	open_report(
		browser, "Closed", merged, f"Merged into {kept}"
	)  # the kept record, named on the merged one's row
	SHOTS.mkdir(parents=True, exist_ok=True)
	browser.save_screenshot(str(SHOTS / "x7_report_merged.png"))

	open_report(browser, "Open", father, son)
	click(browser, f"button.x7-mark[data-group='{quote(namesakes, safe='')}']")
	visible(browser, ".modal.show textarea[data-fieldname='reason']").send_keys(
		"Father and son, one landline"
	)
	button(browser, "Mark Not the Same Person").click()
	wait(browser, 30).until(
		lambda driver: (
			frappe.db.rollback() or frappe.db.get_value(duplicate_scan.GROUP, namesakes, "status") == APART
		)
	)
	marked = frappe.db.get_value(duplicate_scan.GROUP, namesakes, ["marked_by", "mark_reason"], as_dict=True)
	assert marked == {"marked_by": manager, "mark_reason": "Father and son, one landline"}
	open_report(browser, APART, father, son, "Father and son, one landline", "x7-reopen")
	browser.save_screenshot(str(SHOTS / "x7_report_not_the_same_person.png"))

	browser.get(f"{BASE}/app/duplicate-group/{namesakes}")  # the mark taken back, from the group's form
	button(browser, "Reopen").click()
	button(browser, "Yes").click()
	wait(browser, 30).until(
		lambda driver: (
			frappe.db.rollback() or frappe.db.get_value(duplicate_scan.GROUP, namesakes, "status") == "Open"
		)
	)
