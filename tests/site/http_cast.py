"""A cast for tests over real HTTP (X-6): committed users, partners and clients on the test site served by
dev/test, and a client that logs in as one of them. What the cast makes is committed (the web server reads it
from its own connection) and taken away at the end of the session."""

import json
import os

import frappe
import requests
from conftest import make_partner, make_user, remove_committed_lead_names

URL = os.environ.get("OWNERSHIP_TEST_URL", "http://127.0.0.1:8010")
PASSWORD = "X6-boundary-2026!"
AGENCY_A, AGENCY_B = "X6 Agence Alpha", "X6 Agence Beta"
PARTNER_A, PARTNER_B = "x6.partner.a@example.com", "x6.partner.b@example.com"
PARTNER_RACE = "x6.partner.race@example.com"  # a second member of agency A, for the race on the hourly limit
SALES, MANAGER = "x6.sales@example.com", "x6.manager@example.com"
WORKED_PHONE, WORKED_NAME = "+33 6 41 00 00 01", "Елена Павлова"  # a lead the sales user works
FIXED_PHONE = "+33 6 41 00 00 02"  # fixed to agency B
USERS = (PARTNER_A, PARTNER_B, PARTNER_RACE, SALES, MANAGER)


class Client:
	"""A logged-in session: `post`/`get` return the response, never raise."""

	def __init__(self, user: str | None = None, password: str = PASSWORD):
		self.session = requests.Session()
		self.session.headers["Accept"] = "application/json"
		if user:
			response = self.session.post(f"{URL}/api/method/login", data={"usr": user, "pwd": password})
			assert response.status_code == 200, response.text

	def post(self, path: str, **kwargs):
		return self.session.post(URL + path, timeout=30, **kwargs)

	def get(self, path: str, **kwargs):
		return self.session.get(URL + path, timeout=30, **kwargs)

	def call(self, method: str, **data):
		return self.post(f"/api/method/{method}", json=data)


def message_of(response) -> str:
	"""The error message a response carries (Frappe's _server_messages), as one string."""
	body = response.json()
	if "errors" in body:  # API v2
		return " ".join(error.get("message", "") for error in body["errors"])
	messages = json.loads(body.get("_server_messages") or "[]")
	return " ".join(json.loads(m).get("message", "") for m in messages) or body.get("exception", "")


def build() -> dict:
	"""The cast, committed: two agencies with a member each, a sales user working a client, a sales manager on
	duty, and a client fixed to agency B."""
	frappe.set_user("Administrator")
	for partner, agency in ((PARTNER_A, AGENCY_A), (PARTNER_B, AGENCY_B), (PARTNER_RACE, AGENCY_A)):
		make_user(partner, "Ownership Partner", website=True, password=PASSWORD)
		make_partner(agency, staff=partner)
	make_user(SALES, "Sales User", password=PASSWORD)
	make_user(MANAGER, "Sales Manager", "Sales User", password=PASSWORD)
	lead = frappe.db.get_value("Lead", {"mobile_no": WORKED_PHONE})
	if not lead:
		first, last = WORKED_NAME.split()
		lead = frappe.get_doc(
			{"doctype": "Lead", "first_name": first, "last_name": last, "mobile_no": WORKED_PHONE}
		)
		lead.lead_owner = SALES
		lead = lead.insert(ignore_permissions=True).name
	fixation = frappe.db.get_value("Client Fixation", {"phone": FIXED_PHONE, "status": "Active"})
	if not fixation:
		fixation = frappe.get_doc(
			{
				"doctype": "Client Fixation",
				"agency": AGENCY_B,
				"phone": FIXED_PHONE,
				"client_name": "Client Beta",
				"manager": MANAGER,
			}
		)
		fixation = fixation.insert(ignore_permissions=True).name
	frappe.db.commit()
	return {"lead": lead, "fixation_b": fixation}


def tear_down():
	"""Take away what the cast and the tests made over HTTP (the users and partners stay, as the suite's own)."""
	frappe.db.rollback()
	fixations = frappe.get_all("Client Fixation", {"agency": ("in", (AGENCY_A, AGENCY_B))}, pluck="name")
	leads = frappe.get_all("Lead", {"mobile_no": ("like", "+33 6 41 %")}, pluck="name")
	leads += frappe.get_all("Client Fixation", {"name": ("in", fixations or [""])}, pluck="lead")
	records = fixations + leads or [""]
	remove_committed_lead_names(
		[lead for lead in dict.fromkeys(leads) if lead],
		("Client Check Log", {"user": ("in", USERS)}),
		("Client Fixation Stage", {"parent": ("in", fixations or [""])}),
		("Client Fixation", {"name": ("in", fixations or [""])}),
		("Client Registration", {"lead": ("in", leads or [""])}),
		("Comment", {"reference_name": ("in", records)}),
		("Email Queue", {"reference_name": ("in", records)}),
		("Notification Log", {"document_name": ("in", records)}),
		("File", {"attached_to_name": ("in", fixations or [""])}),
	)
