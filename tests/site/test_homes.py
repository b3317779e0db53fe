"""A home for each role: every staff role opens the desk on its own workspace, over real HTTP with a real
session (X-5); the Ownership workspace opens for every staff role; the demo's logins hold one role's permissions
each; the charts read in the reader's language and the queue's order (LQ-2); a percent setting is a percent."""

import json
import re

import frappe
import pytest
from conftest import make_user
from http_cast import PASSWORD, Client

from ownership_policies.lead_queue.dashboard_chart_source.leads_waiting_by_tier import leads_waiting_by_tier
from ownership_policies.ownership.dashboard_chart_source.client_requests_by_status import (
	client_requests_by_status,
)
from ownership_policies.ownership.roles import home_workspace
from ownership_policies.reassignment.commission_rules import commission_after_cut
from ownership_policies.setup import demo, install

AGENT, OPERATOR = "homes.agent@example.com", "homes.operator@example.com"
MANAGER, ADMINISTRATOR = "homes.manager@example.com", "homes.administrator@example.com"
HOMES = {  # each staff role's login, its roles and the workspace it lands on
	AGENT: (("Sales User",), "My Clients"),
	OPERATOR: (("Call Centre Operator",), "Call Centre"),
	MANAGER: (("Sales Manager", "Sales User"), "Sales Management"),
	ADMINISTRATOR: (("Ownership Administrator",), "Ownership"),
}
AUTOMATIC_ROLES = {"All", "Guest", "Desk User"}  # what Frappe gives every desk user


@pytest.fixture(scope="module")
def staff(site):
	for user, (roles, _home) in HOMES.items():
		make_user(user, *roles, password=PASSWORD)
		frappe.db.set_value("User", user, "default_workspace", None)
		frappe.get_doc("User", user).save(ignore_permissions=True)  # their home, as granting a role sets it
	frappe.db.commit()


def boot_of(client: Client) -> dict:
	"""The boot the desk page (/app) hands the browser."""
	page = client.get("/app")
	assert page.status_code == 200, page.text[:500]
	boot = re.search(r"frappe\.boot = (\{.*?\});\s*frappe\._messages", page.text, re.DOTALL)
	return json.loads(boot.group(1))


def desktop_page(client: Client, workspace: str):
	return client.get(
		"/api/method/frappe.desk.desktop.get_desktop_page",
		params={"page": json.dumps({"name": workspace, "title": workspace, "public": 1})},
	)


@pytest.mark.parametrize("user", list(HOMES))
def test_x5_each_staff_role_logs_in_to_its_own_workspace(staff, user):
	home = HOMES[user][1]
	client = Client()
	login = client.post("/api/method/login", data={"usr": user, "pwd": PASSWORD})
	assert login.json()["home_page"] == "/app/" + home.lower().replace(" ", "-")  # not ERPNext's Accounting
	assert boot_of(client)["user"]["default_workspace"]["name"] == home
	sidebar = client.get("/api/method/frappe.desk.desktop.get_workspace_sidebar_items").json()["message"]
	assert home in [page["name"] for page in sidebar["pages"]]
	page = desktop_page(client, home)
	assert page.status_code == 200, page.text[:500]
	assert page.json()["message"]["shortcuts"]["items"] or page.json()["message"]["number_cards"]["items"]


@pytest.mark.parametrize("user", list(HOMES))
def test_x5_the_ownership_workspace_opens_for_every_staff_role(staff, user):
	"""It was "Page not found" for a sales user and an operator: no doctype of its module was theirs to read."""
	page = desktop_page(Client(user), "Ownership")
	assert page.status_code == 200, page.text[:500]
	assert page.json()["message"]["cards"]["items"]


def test_x5_an_operator_sees_the_call_centre_and_no_other_roles_home(staff):
	sidebar = Client(OPERATOR).get("/api/method/frappe.desk.desktop.get_workspace_sidebar_items")
	pages = {page["name"] for page in sidebar.json()["message"]["pages"]}
	assert "Call Centre" in pages
	assert not pages & {"My Clients", "Sales Management"}


def test_x5_a_new_role_moves_the_home_and_a_workspace_the_user_chose_stays():
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": "homes.promoted@example.com",
			"first_name": "Promoted",
			"send_welcome_email": 0,
		}
	).insert(ignore_permissions=True)
	user.add_roles("Sales User")
	assert user.default_workspace == "My Clients"
	user.add_roles("Sales Manager")  # promoted
	assert frappe.db.get_value("User", user.name, "default_workspace") == "Sales Management"
	user.reload()
	user.default_workspace = "Selling"  # chosen in the User settings
	user.save(ignore_permissions=True)
	user.add_roles("Ownership Administrator")
	assert frappe.db.get_value("User", user.name, "default_workspace") == "Selling"
	# a home of the app chosen by the user stays too, on a save and on a migrate
	user.reload()
	user.default_workspace = "Ownership"
	user.save(ignore_permissions=True)
	user.reload()
	user.save(ignore_permissions=True)
	install.set_homes()
	assert frappe.db.get_value("User", user.name, "default_workspace") == "Ownership"


def test_x5_the_demo_logins_hold_one_roles_permissions_each():
	demo.ensure_staff()
	homes = set()
	for email, _first, _last, roles, _office, _heads in demo.STAFF:
		assert set(frappe.get_roles(email)) - AUTOMATIC_ROLES == set(roles)
		assert not {"System Manager", "Ownership Administrator"} & set(frappe.get_roles(email))
		homes.add(frappe.db.get_value("User", email, "default_workspace"))
		assert home_workspace(frappe.get_roles(email)) in homes
	assert homes == {"My Clients", "Call Centre", "Sales Management"}


def test_lq2_the_queue_chart_lists_the_tiers_in_the_queues_order_in_the_readers_language(settings):
	settings(tier_order="Gold\nPlatinum\nBronze\nSilver")
	frappe.local.lang = "ru"
	labels = leads_waiting_by_tier.get()["labels"]
	assert labels[:4] == [frappe._(tier) for tier in ("Gold", "Platinum", "Bronze", "Silver")]
	assert labels[0] != "Gold"  # in Russian


def test_ar1_the_client_request_chart_lists_the_statuses_in_their_order_in_french():
	frappe.local.lang = "fr"
	chart = client_requests_by_status.get()
	statuses = ("Open", "Forwarded", "Feedback Received", "Overdue", "Closed")
	assert chart["labels"] == [frappe._(status) for status in statuses]
	assert "Open" not in chart["labels"]
	assert len(chart["datasets"][0]["values"]) == len(statuses)


def test_ra11_the_commission_cut_is_entered_and_shown_as_a_percent():
	field = frappe.get_meta("Ownership Settings").get_field("unregistered_property_commission_cut")
	assert field.fieldtype == "Percent" and field.precision == "1"  # the form shows 5.0, not 5.000
	assert frappe.db.get_single_value("Ownership Settings", "unregistered_property_commission_cut") == 5
	assert commission_after_cut(1000, 5) == 950
