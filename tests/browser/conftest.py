"""End-to-end tests in headless Chromium (Debian's chromium and chromedriver, driven by Selenium) against the dev
site that dev/up serves. Test data is made through Frappe on that site and committed, since the desk server must
see it; every user and record here is named e2e.* and made again on each run. A failing test leaves a
screenshot in E2E_SHOTS."""

import os
from pathlib import Path
from urllib.parse import unquote

import frappe
import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import WebDriverWait

SITE = os.environ.get("OWNERSHIP_DEV_SITE", "ownership.localhost")
PORT = os.environ.get("PORT", "8000")
BASE = f"http://{SITE}:{PORT}"
BENCH = Path(os.environ.get("FRAPPE_BENCH_PATH") or Path(frappe.__file__).resolve().parents[3])
SHOTS = Path(os.environ.get("E2E_SHOTS") or BENCH / "logs" / "e2e")
PASSWORD = "E2e-Ownership-2026"


@pytest.fixture(scope="session")
def site():
	os.chdir(BENCH / "sites")
	frappe.init(site=SITE, sites_path=str(BENCH / "sites"))
	frappe.connect()
	yield SITE
	frappe.destroy()


@pytest.fixture(scope="session")
def chrome():
	options = Options()
	options.binary_location = "/usr/bin/chromium"
	for argument in (
		"--headless=new",
		"--no-sandbox",
		"--disable-dev-shm-usage",
		"--window-size=1400,1000",
		f"--host-resolver-rules=MAP {SITE} 127.0.0.1",
	):
		options.add_argument(argument)
	driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
	driver.implicitly_wait(0)
	yield driver
	driver.quit()


@pytest.fixture
def browser(chrome, request):
	"""A browser with no one logged in; a screenshot of the page if the test fails."""
	yield chrome
	if getattr(request.node, "failed", False):
		SHOTS.mkdir(parents=True, exist_ok=True)
		chrome.save_screenshot(str(SHOTS / f"{request.node.name}.png"))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
	report = (yield).get_result()
	if report.when == "call" and report.failed:
		item.failed = True


def make_user(email: str, *roles: str, language: str = "en", website: bool = False) -> str:
	"""A user with the test password, made once and kept on the dev site."""
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": email.split("@")[0],
				"send_welcome_email": 0,
				"user_type": "Website User" if website else "System User",
			}
		).insert(ignore_permissions=True)
		user.add_roles(*roles)
	frappe.db.set_value("User", email, "language", language)
	from frappe.utils.password import update_password

	update_password(email, PASSWORD)
	frappe.db.commit()
	return email


def log_in(browser, user: str, password: str = PASSWORD):
	"""Through the login page, as a person would, after the previous test's user has logged out; done once the
	session is this user's and the page the login leads to has loaded."""
	for attempt in range(3):  # a request of the previous page still under way can land after the logout
		browser.get(f"{BASE}/api/method/logout")
		browser.delete_all_cookies()
		browser.get(f"{BASE}/login")
		try:
			form = wait(browser, 10).until(ready.visibility_of_element_located((By.ID, "login_email")))
			break
		except TimeoutException:
			if attempt == 2:
				raise
	form.send_keys(user)
	browser.find_element(By.ID, "login_password").send_keys(password)
	browser.find_element(By.CSS_SELECTOR, "button.btn-primary.btn-login").click()
	wait(browser).until(lambda driver: unquote((driver.get_cookie("user_id") or {}).get("value", "")) == user)
	wait(browser).until(
		lambda driver: (
			"/login" not in driver.current_url
			and driver.execute_script("return document.readyState") == "complete"
		)
	)


def wait(browser, seconds: int = 20):
	"""A wait that looks again when the page re-rendered the element it had found."""
	return WebDriverWait(browser, seconds, ignored_exceptions=(StaleElementReferenceException,))


def button(browser, label: str):
	"""A visible button of the page with this label."""
	return wait(browser).until(
		ready.element_to_be_clickable(
			(
				By.XPATH,
				f"//button[not(ancestor::*[contains(@style,'display: none')])][normalize-space()='{label}']",
			)
		)
	)
