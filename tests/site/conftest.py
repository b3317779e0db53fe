"""Tests on a real ERPNext site (MariaDB, Redis): connect once, complete the setup wizard once through the
apps' `before_tests` hooks, and roll back after every test. Run with the bench's Python from the bench's
apps/ directory, or set OWNERSHIP_TEST_SITE and FRAPPE_BENCH_PATH."""

import os
import random
import threading
import time
from pathlib import Path

import frappe
import pytest

from ownership_policies.ownership.identity import forget_records
from ownership_policies.ownership.partners import grant_membership

# an agent on shift at any hour (LQ-2, LQ-4, LQ-8)
ALL_WEEK = [
	{"weekday": day, "start_time": "00:00:00", "end_time": "23:59:59"}
	for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
]
SITE = os.environ.get("OWNERSHIP_TEST_SITE", "ownership-test.localhost")
BENCH = Path(os.environ.get("FRAPPE_BENCH_PATH") or Path(frappe.__file__).resolve().parents[3])


@pytest.fixture(scope="session", autouse=True)
def site():
	os.chdir(BENCH / "sites")  # as bench does: Frappe finds its logs and assets relative to it
	frappe.init(site=SITE, sites_path=str(BENCH / "sites"))
	frappe.connect()
	frappe.flags.in_test = True
	if not frappe.db.get_single_value("System Settings", "setup_complete"):
		for method in frappe.get_hooks("before_tests"):
			frappe.get_attr(method)()
		frappe.db.commit()
	fiscal_year_of_today()
	yield SITE
	frappe.destroy()


def fiscal_year_of_today():
	"""ERPNext's `before_tests` makes the fiscal year of the year it runs in, read before the site has its time
	zone: a site made on 31 December, or kept into the next year, has none for today's invoices."""
	today = frappe.utils.getdate()
	if not frappe.db.exists(
		"Fiscal Year", {"year_start_date": ("<=", today), "year_end_date": (">=", today)}
	):
		frappe.get_doc(
			{
				"doctype": "Fiscal Year",
				"year": str(today.year),
				"year_start_date": today.replace(month=1, day=1),
				"year_end_date": today.replace(month=12, day=31),
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()


@pytest.fixture(autouse=True)
def rollback(site, monkeypatch):
	# ERPNext commits inside some doc events (its Call Log hook, on every Lead or Contact with a phone);
	# holding commits keeps each test inside one transaction that is rolled back.
	monkeypatch.setattr(frappe.local.db, "commit", lambda *args, **kwargs: None)
	yield
	frappe.db.after_rollback.reset()  # what a failed request keeps (ownership/kept.py) is not this test's end
	frappe.db.rollback()
	frappe.set_user("Administrator")
	frappe.local.lang = "en"
	frappe.clear_document_cache("Ownership Settings", "Ownership Settings")


@pytest.fixture(scope="session")
def outgoing_email(site):
	"""An outgoing email account, so that emails are queued (kept on the test site, as a test record)."""
	if not frappe.db.exists("Email Account", {"default_outgoing": 1}):
		frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": "Test Outgoing",
				"email_id": "crm@example.com",
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"smtp_server": "localhost",
				"password": "unused",
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()


def emails_to(recipient, reference_name: str | None = None) -> list[str]:
	"""The messages queued for one recipient (about one document, if named)."""
	queue = frappe.qb.DocType("Email Queue")
	recipients = frappe.qb.DocType("Email Queue Recipient")
	query = (
		frappe.qb.from_(queue)
		.join(recipients)
		.on(recipients.parent == queue.name)
		.select(queue.message)
		.where(recipients.recipient == recipient)
	)
	if reference_name:
		query = query.where(queue.reference_name == reference_name)
	return query.run(pluck=True)


@pytest.fixture(scope="session")
def cast(site):
	"""The committed cast of the tests over real HTTP (X-6), made once and taken away at the end."""
	from http_cast import build, tear_down

	yield build()
	tear_down()


@pytest.fixture
def settings():
	"""The Ownership Settings, to change inside one test (rolled back after it)."""

	def change(**values):
		doc = frappe.get_single("Ownership Settings")
		doc.update(values)
		doc.save()
		return doc

	return change


@pytest.fixture
def sales_user():
	"""A desk user with the Sales User role only."""
	email = "ownership.sales@example.com"
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{"doctype": "User", "email": email, "first_name": "Sales", "send_welcome_email": 0}
		)
		user.insert(ignore_permissions=True)
		user.add_roles("Sales User")
	return email


@pytest.fixture
def outsider():
	"""A website user with no role on Leads."""
	email = "ownership.outsider@example.com"
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": "Outsider",
				"user_type": "Website User",
				"send_welcome_email": 0,
			}
		).insert(ignore_permissions=True)
	return email


def make_lead(**values):
	lead = frappe.get_doc({"doctype": "Lead", "first_name": "Jean", "last_name": "Dupont", **values})
	return lead.insert(ignore_permissions=True)


def leave_unworked(lead: str, days: int):
	"""The lead's agent last worked it `days` ago: its protection (RA-1) ran out if that is more than the
	protection days."""
	from frappe.utils import add_days, now_datetime

	from ownership_policies.reassignment.activity import protected_until

	worked = add_days(now_datetime(), -days)
	frappe.db.set_value(
		"Lead", lead, {"last_activity_on": worked, "protected_until": protected_until("Lead", worked)}
	)


def make_customer(customer_name: str):
	return frappe.get_doc(
		{
			"doctype": "Customer",
			"customer_name": customer_name,
			"customer_group": "All Customer Groups",
			"territory": "All Territories",
		}
	).insert(ignore_permissions=True)


def make_item(item_code: str) -> str:
	"""A service item (no stock), kept on the test site."""
	if not frappe.db.exists("Item", item_code):
		frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": item_code,
				"item_group": "All Item Groups",
				"stock_uom": "Nos",
				"is_stock_item": 0,
			}
		).insert(ignore_permissions=True)
	return item_code


DRAWN = set()


def unused(draw) -> str:
	"""A phone number `draw` makes that no earlier call in this run made. The numbers are random, and the ones
	a test commits stay on the site until the run ends: a repeat would make a new person known."""
	while (key := national(number := draw())) in DRAWN:
		pass
	DRAWN.add(key)
	return number


def national(number: str) -> str:
	digits = "".join(filter(str.isdigit, number))
	return "0" + digits[2:] if digits.startswith("33") else digits


def new_mobile() -> str:
	"""A French mobile number no earlier test used, written the way people type it."""

	def draw():
		digits = f"1{random.randrange(10**7):07d}"  # 06 1x: metropolitan (06 9x belongs to overseas regions)
		return "06 " + " ".join(digits[i : i + 2] for i in range(0, 8, 2))

	return unused(draw)


def make_employee(user: str, first_name: str, **values):
	"""The user's Employee in the default company (Active unless `values` say otherwise)."""
	return frappe.get_doc(
		{
			"doctype": "Employee",
			"first_name": first_name,
			"gender": "Female",
			"date_of_birth": "1980-01-01",
			"date_of_joining": "2010-01-01",
			"company": frappe.defaults.get_global_default("company"),
			"user_id": user,
			**values,
		}
	).insert()


def make_user(email: str, *roles: str, website: bool = False, password: str | None = None) -> str:
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": email.split("@")[0].replace(".", " ").title(),
				"user_type": "Website User" if website else "System User",
				"send_welcome_email": 0,
				**({"new_password": password} if password else {}),
			}
		).insert(ignore_permissions=True)
		user.add_roles(*roles)
	return email


def as_user(user, action, *args, **kwargs):
	"""`action` done as `user`, then Administrator again."""
	frappe.set_user(user)
	try:
		return action(*args, **kwargs)
	finally:
		frappe.set_user("Administrator")


def make_partner(name: str, staff: str | None = None) -> str:
	"""A Sales Partner and, if `staff` is given, a partner user who is its member (X-6) and whose Contact is
	linked to it (for mail)."""
	if not frappe.db.exists("Sales Partner", name):
		frappe.get_doc(
			{
				"doctype": "Sales Partner",
				"partner_name": name,
				"territory": "All Territories",
				"commission_rate": 2,
			}
		).insert(ignore_permissions=True)
	if staff and not frappe.db.exists("Contact", {"user": staff}):
		make_user(staff, "Ownership Partner", website=True)
		frappe.get_doc(
			{
				"doctype": "Contact",
				"first_name": staff.split("@")[0],
				"email_ids": [{"email_id": staff, "is_primary": 1}],
				"user": staff,
				"links": [{"link_doctype": "Sales Partner", "link_name": name}],
			}
		).insert(ignore_permissions=True)
	if staff:
		grant_membership(staff, name)
	return name


def race(*attempts, timeout=120):
	"""Run each attempt at the same moment in its own thread and database connection, each committing its
	work (or rolling back on error). Returns each attempt's result or the exception it raised. An attempt that
	cannot connect breaks the start for all (none waits for it), and a race still running after `timeout`
	seconds fails the test rather than leaving threads writing into the next one."""
	barrier = threading.Barrier(len(attempts), timeout=timeout)
	results = [None] * len(attempts)

	def run(index, attempt):
		frappe.init(site=SITE, sites_path=str(BENCH / "sites"))
		try:
			frappe.connect()
			barrier.wait()
			results[index] = attempt()
			frappe.db.commit()
		except Exception as e:
			barrier.abort()  # a no-op once every attempt has started
			if frappe.local.db:
				frappe.db.rollback()
			results[index] = e
		finally:
			frappe.destroy()

	threads = [threading.Thread(target=run, args=item) for item in enumerate(attempts)]
	for thread in threads:
		thread.start()
	deadline = time.monotonic() + timeout
	for thread in threads:
		thread.join(max(0, deadline - time.monotonic()))
	assert not any(thread.is_alive() for thread in threads), f"the race was still running after {timeout} s"
	return results


def remove_committed_leads(phone, *first):
	"""Race tests commit: take away the leads with this mobile number, their contacts, keys and ledger lines,
	after the (table, filters) pairs in `first`."""
	frappe.db.rollback()
	remove_committed_lead_names(frappe.get_all("Lead", {"mobile_no": phone}, pluck="name"), *first)


def remove_committed_lead_names(leads, *first):
	"""Take away these committed leads with what Frappe and the app made for them: contacts, identity keys,
	ledger lines, assignments and their notifications; after the (table, filters) pairs in `first`."""
	frappe.db.rollback()
	contacts = frappe.get_all(
		"Dynamic Link", {"link_doctype": "Lead", "link_name": ("in", leads or [""])}, pluck="parent"
	)
	for table, filters in (
		*first,
		("ToDo", {"reference_type": "Lead", "reference_name": ("in", leads or [""])}),
		("Notification Log", {"document_type": "Lead", "document_name": ("in", leads or [""])}),
		("Ownership Ledger Entry", {"reference_name": ("in", leads or [""])}),
		("Contact Phone", {"parent": ("in", contacts or [""])}),
		("Contact Email", {"parent": ("in", contacts or [""])}),
		("Dynamic Link", {"parent": ("in", contacts or [""])}),
		("Contact", {"name": ("in", contacts or [""])}),
		("Lead", {"name": ("in", leads or [""])}),
	):
		frappe.db.delete(table, filters)
	forget_records("Lead", leads)
	forget_records("Contact", contacts)
	frappe.db.sql("commit")  # the test's commit is held; this one is the clean-up's own


def data_import(doctype: str, columns: list[str], rows: list[list[str]]):
	"""A Data Import of these rows (Insert New Records), as the desk runs it (in a test Frappe runs it at once;
	a failed row is rolled back): the import and its log line."""
	content = "".join(",".join(line) + "\n" for line in (columns, *rows))
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"import-{frappe.generate_hash(length=8)}.csv",
			"content": content,
			"is_private": 1,
		}
	).insert(ignore_permissions=True)
	path = file.get_full_path()
	try:
		made = frappe.get_doc(
			{
				"doctype": "Data Import",
				"reference_doctype": doctype,
				"import_type": "Insert New Records",
				"import_file": file.file_url,
			}
		).insert()
		made.start_import()
	finally:
		if os.path.exists(path):
			os.remove(path)
	(log,) = frappe.get_all(
		"Data Import Log", {"data_import": made.name}, ["success", "exception", "messages"]
	)
	return made, log
