"""A home for each role (X-5): a sales user, a call-centre operator and a sales manager each land on their own
workspace when they open the desk, in English, French and Russian, with no card title cut; the Ownership
workspace opens for each of them."""

import pytest
from conftest import BASE, log_in, make_user, wait
from selenium.webdriver.common.by import By

HOMES = {  # role(s), the workspace's route, its title in en / fr / ru
	"agent": (("Sales User",), "my-clients", {"en": "My Clients", "fr": "Mes clients", "ru": "Мои клиенты"}),
	"operator": (
		("Call Centre Operator",),
		"call-centre",
		{"en": "Call Centre", "fr": "Centre d'appels", "ru": "Колл-центр"},
	),
	"manager": (
		("Sales Manager", "Sales User"),
		"sales-management",
		{"en": "Sales Management", "fr": "Direction commerciale", "ru": "Управление продажами"},
	),
}
# every widget's title on the page whose text does not fit its box
CUT_TITLES = """return [...document.querySelectorAll('.widget .widget-title, .widget .ellipsis.title, .widget .indicator-pill')]
	.filter(el => el.offsetParent && el.scrollWidth > el.clientWidth + 1).map(el => el.textContent.trim())"""


def workspace_shown(browser, title: str):
	wait(browser).until(
		lambda driver: driver.execute_script(
			"return frappe.get_route && frappe.get_route()[0] === 'Workspaces' && "
			"document.querySelectorAll('.layout-main-section .widget').length > 0"
		)
	)
	wait(browser).until(
		lambda driver: title in driver.find_element(By.CSS_SELECTOR, ".page-head .title-text").text
	)


@pytest.mark.parametrize("language", ["en", "fr", "ru"])
@pytest.mark.parametrize("role", list(HOMES))
def test_x5_each_role_lands_on_its_own_workspace_with_no_title_cut(site, browser, role, language):
	roles, route, titles = HOMES[role]
	user = make_user(f"e2e.home.{role}.{language}@example.com", *roles, language=language)
	log_in(browser, user)  # where the login leads
	wait(browser).until(lambda driver: driver.current_url.rstrip("/").endswith(f"/app/{route}"))
	workspace_shown(browser, titles[language])
	wait(browser, 10).until(lambda driver: not driver.find_elements(By.CSS_SELECTOR, ".widget .shimmer"))
	assert browser.execute_script(CUT_TITLES) == []


@pytest.mark.parametrize("role", list(HOMES))
def test_x5_the_ownership_workspace_opens_for_every_staff_role(site, browser, role):
	roles, _route, _titles = HOMES[role]
	log_in(browser, make_user(f"e2e.home.{role}.en@example.com", *roles))
	browser.get(f"{BASE}/app/ownership")
	workspace_shown(browser, "Ownership")
	assert "Page not found" not in browser.find_element(By.CSS_SELECTOR, ".layout-main-section").text


def test_lq2_the_leads_waiting_card_shows_the_queue_and_opens_it_in_the_lead_list(site, browser):
	roles, _route, titles = HOMES["agent"]
	log_in(browser, make_user("e2e.home.agent.en@example.com", *roles))
	workspace_shown(browser, titles["en"])
	number = wait(browser).until(
		lambda driver: driver.execute_script(
			"""const card = [...document.querySelectorAll('.number-widget-box')]
				.find(box => box.textContent.includes('In the Queue'));
			card && card.scrollIntoView();
			const number = card && card.querySelector('.widget-content .number');
			return number && number.innerText.trim();"""
		)
	)
	assert number.replace(",", "").replace(" ", "").isdigit(), number
	browser.execute_script(
		"""[...document.querySelectorAll('.number-widget-box')]
			.find(box => box.textContent.includes('In the Queue')).querySelector('.widget-body').click()"""
	)
	wait(browser).until(
		lambda driver: driver.execute_script("return frappe.get_route_str()") == "List/Lead/List"
	)
	filters = wait(browser).until(
		lambda driver: driver.execute_script(
			"return window.cur_list && cur_list.filter_area && cur_list.filter_area.get().map(f => [f[1], f[2]])"
		)
	)
	assert ["lead_owner", "is"] in filters and ["status", "in"] in filters, filters


def test_lq2_the_leads_waiting_chart_is_drawn_on_the_ownership_workspace(site, browser):
	roles, _route, _titles = HOMES["manager"]
	log_in(browser, make_user("e2e.home.manager.en@example.com", *roles))
	browser.get(f"{BASE}/app/ownership")
	workspace_shown(browser, "Ownership")
	wait(browser).until(
		lambda driver: driver.execute_script(
			"""const chart = [...document.querySelectorAll('.widget.dashboard-widget-box')]
				.find(box => box.textContent.includes('Leads Waiting by Tier'));
			chart && chart.scrollIntoView();
			return chart && chart.querySelector('.frappe-chart svg, svg.frappe-chart');"""
		)
	)
