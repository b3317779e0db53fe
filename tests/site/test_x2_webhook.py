"""X-2 on a real site: ownership changes leave the building. Frappe's own Webhook (doctype Ownership Ledger Entry,
doc event after_insert) posts every ledger line, with the rule that fired, to another system: here a local HTTP
receiver. A fixation (FX-3), a granted and signed reassignment (RA-4) and a queue hand-out (LQ-2) are each
delivered exactly once.

These tests commit, as a real request does: Frappe holds a webhook's delivery until the transaction commits
(frappe.db.after_commit), then enqueues Frappe's enqueue_webhook; under frappe.flags.in_test (set by conftest)
frappe.enqueue runs that job at once, in this process, and it makes the HTTP POST itself. Everything a test
commits is taken away after it (ledger lines with raw SQL: the controller refuses to delete them); the cast
(users, an agency, an office, a shift) is reference data kept on the site, as the other modules keep theirs."""

import base64
import hashlib
import hmac
import json
import threading
from contextlib import contextmanager
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import frappe
import pytest
from conftest import (
	ALL_WEEK,
	as_user,
	make_lead,
	make_partner,
	make_user,
	new_mobile,
	remove_committed_lead_names,
)
from frappe.utils import get_datetime
from frappe.utils.password import delete_all_passwords_for

from ownership_policies import api
from ownership_policies.ownership.settings import tier_order
from ownership_policies.reassignment import requests
from ownership_policies.reassignment import rules as ra

LEDGER = "Ownership Ledger Entry"
AGENCY = "X2 Webhook Agence"
OPERATOR, FX_MANAGER = "x2.webhook.operator@example.com", "x2.webhook.fxmanager@example.com"
ANNE, CARLA = "x2.webhook.anne@example.com", "x2.webhook.carla@example.com"
MANAGER_A, MANAGER_B = "x2.webhook.manager.a@example.com", "x2.webhook.manager.b@example.com"
AGENT = "x2.webhook.agent@example.com"
OFFICE = "X2 Webhook Office"
SECRET = "x2-webhook-test-secret"
LONG_AGO = datetime(1990, 1, 1, 8, 0)  # a queued lead older than anything else on the test site

# The body the other system receives, as an administrator would write it in the Webhook's JSON Request Body:
# tojson quotes each value and writes an empty one as null.
BODY = """{
	"line": {{ doc.name | tojson }},
	"reference_doctype": {{ doc.reference_doctype | tojson }},
	"reference_name": {{ doc.reference_name | tojson }},
	"claim": {{ doc.claim | tojson }},
	"action": {{ doc.action | tojson }},
	"rule": {{ doc.rule | tojson }},
	"holder_type": {{ doc.holder_type | tojson }},
	"holder": {{ doc.holder | tojson }},
	"actor": {{ doc.actor | tojson }},
	"valid_from": {{ doc.valid_from | tojson }},
	"valid_until": {{ doc.valid_until | tojson }},
	"before": {{ doc.before | tojson }},
	"after": {{ doc.after | tojson }}
}"""
FIELDS = ("claim", "action", "rule", "holder_type", "holder", "actor", "valid_from", "valid_until")


def commit():
	"""A real commit (conftest holds frappe.db.commit for the tests that roll back): Frappe then runs its
	after-commit callbacks, the webhooks' flush among them."""
	type(frappe.local.db).commit(frappe.local.db)


def mobile() -> str:
	"""A new French mobile with its country code, whatever the site's phone region."""
	return "+33 " + new_mobile()[1:]


class Receiver:
	"""The other system: an HTTP server on 127.0.0.1 that keeps what each POST carried."""

	def __init__(self):
		self.posts, self.lock = [], threading.Lock()
		receiver = self

		class Handler(BaseHTTPRequestHandler):
			def do_POST(self):
				raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
				with receiver.lock:
					receiver.posts.append(
						{
							"path": self.path,
							"content_type": self.headers.get("Content-Type"),
							"signature": self.headers.get("X-Frappe-Webhook-Signature"),
							"raw": raw,
							"body": json.loads(raw),
						}
					)
				self.send_response(200)
				self.send_header("Content-Type", "application/json")
				self.send_header("Content-Length", "2")
				self.end_headers()
				self.wfile.write(b"{}")

			def log_message(self, *args):
				pass

		self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
		self.url = f"http://127.0.0.1:{self.server.server_address[1]}/ownership-changes"
		self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
		self.thread.start()

	def about(self, reference_doctype: str, reference_name: str) -> list[dict]:
		"""The posts about one record (another test on the site may commit ledger lines meanwhile)."""
		with self.lock:
			return [
				post
				for post in self.posts
				if (post["body"]["reference_doctype"], post["body"]["reference_name"])
				== (reference_doctype, reference_name)
			]

	def stop(self):
		self.server.shutdown()
		self.server.server_close()
		self.thread.join(5)


@pytest.fixture(scope="module")
def receiver(site):
	receiver = Receiver()
	yield receiver
	receiver.stop()


@pytest.fixture(scope="module")
def cast(site):
	make_user(OPERATOR, "Call Centre Operator")
	make_user(
		FX_MANAGER, "Sales Manager"
	)  # no Sales User role: the fixation's lead registers no client (RA-9)
	make_partner(AGENCY)
	for user in (ANNE, CARLA, AGENT):
		make_user(user, "Sales User")
	for manager in (MANAGER_A, MANAGER_B):
		make_user(manager, "Sales Manager")
	if not frappe.db.exists("Branch", OFFICE):
		frappe.get_doc({"doctype": "Branch", "branch": OFFICE}).insert()
	if not frappe.db.exists("Agent Schedule", AGENT):
		frappe.get_doc({"doctype": "Agent Schedule", "agent": AGENT, "shifts": ALL_WEEK}).insert()
	frappe.db.commit()  # module fixtures run before conftest holds commits


@pytest.fixture
def webhook(cast, receiver):
	"""The Webhook as an administrator sets it up in the desk, committed for the length of one test."""
	assert frappe.flags.in_test  # so frappe.enqueue runs Frappe's delivery job now, in this process
	hook = frappe.get_doc(
		{
			"doctype": "Webhook",
			"name": f"X2 Ownership Changes {frappe.generate_hash(length=6)}",
			"webhook_doctype": LEDGER,
			"webhook_docevent": "after_insert",
			"request_url": receiver.url,
			"request_method": "POST",
			"request_structure": "JSON",
			"webhook_json": BODY,
			"webhook_headers": [{"key": "Content-Type", "value": "application/json"}],
			"enable_security": 1,
			"webhook_secret": SECRET,
			"enabled": 1,
		}
	).insert()
	commit()
	try:
		yield hook
	finally:
		frappe.db.rollback()
		# a rolled-back transaction leaves Frappe's webhook queue behind (rollback drops its flush, not the
		# queue): were it kept, the next insert would join it and no commit would flush it
		if hasattr(frappe.local, "_webhook_queue"):
			del frappe.local._webhook_queue
		frappe.db.delete("Webhook Request Log", {"webhook": hook.name})
		frappe.db.delete("Webhook Header", {"parent": hook.name, "parenttype": "Webhook"})
		frappe.db.delete("Webhook", {"name": hook.name})
		delete_all_passwords_for("Webhook", hook.name)
		frappe.db.sql("commit")  # the test's commit is held; this one is the clean-up's own
		frappe.cache.delete_value("webhooks")


def delivered_once(receiver, reference_doctype: str, reference_name: str, rule: str) -> dict:
	"""Every committed ledger line of the record was posted exactly once, signed, with its values; the
	decision's line of `rule` is one of them (its own claim; an owner change also has its Owner line under
	the same rule). Returns that post's body."""
	lines = frappe.get_all(
		LEDGER,
		filters={"reference_doctype": reference_doctype, "reference_name": reference_name},
		fields=["name", *FIELDS],
	)
	posts = receiver.about(reference_doctype, reference_name)
	assert sorted(post["body"]["line"] for post in posts) == sorted(line.name for line in lines), (
		f"ledger lines {[(line.name, line.rule) for line in lines]}, posts {[post['body'] for post in posts]}"
	)
	(line,) = [line for line in lines if line.rule == rule and line.claim != "Owner"]
	(post,) = [post for post in posts if post["body"]["line"] == line.name]
	body = post["body"]
	assert (body["reference_doctype"], body["reference_name"], body["rule"]) == (
		reference_doctype,
		reference_name,
		rule,
	)
	for field in FIELDS:
		expected, sent = line[field], body[field]
		if isinstance(expected, datetime):
			sent = get_datetime(sent)
		assert sent == expected, field
	assert post["content_type"] == "application/json"
	signature = base64.b64encode(hmac.new(SECRET.encode(), post["raw"], hashlib.sha256).digest()).decode()
	assert post["signature"] == signature  # the other system can tell it came from this site
	log = frappe.get_all(
		"Webhook Request Log", filters={"reference_document": line.name}, fields=["response", "error"]
	)
	assert [row.response for row in log] == ["{}"]  # one request, answered; no retry
	return body


def settled(receiver, reference_doctype, reference_name, rule) -> dict:
	"""Commit the decision, then check its delivery; a later commit sends nothing again."""
	commit()
	body = delivered_once(receiver, reference_doctype, reference_name, rule)
	commit()
	assert len(receiver.about(reference_doctype, reference_name)) == len(
		frappe.get_all(
			LEDGER, filters={"reference_doctype": reference_doctype, "reference_name": reference_name}
		)
	)
	return body


def leads_of(phone: str) -> list[str]:
	return frappe.get_all("Lead", {"mobile_no": ("in", (phone, phone.replace(" ", "")))}, pluck="name")


def remove_committed(phone: str, related: dict[str, list[str]] | None = None, *first):
	"""Take away the committed leads of this phone with what the app and Frappe made for them and for the
	`related` records ({doctype: names}): registrations, comments, versions, shares, mails and notifications;
	after the (table, filters) pairs in `first`."""
	frappe.db.rollback()
	leads = leads_of(phone)
	records = {"Lead": leads, **(related or {})}
	about = []
	for doctype, names in records.items():
		names = names or [""]
		mails = frappe.get_all(
			"Email Queue", {"reference_doctype": doctype, "reference_name": ("in", names)}, pluck="name"
		)
		about += [
			("Email Queue Recipient", {"parent": ("in", mails or [""])}),
			("Email Queue", {"name": ("in", mails or [""])}),
			("Notification Log", {"document_type": doctype, "document_name": ("in", names)}),
			("Comment", {"reference_doctype": doctype, "reference_name": ("in", names)}),
			("Version", {"ref_doctype": doctype, "docname": ("in", names)}),
			("DocShare", {"share_doctype": doctype, "share_name": ("in", names)}),
		]
	remove_committed_lead_names(
		leads, *first, *about, ("Client Registration", {"lead": ("in", leads or [""])})
	)


def test_x2_fx3_a_fixation_is_posted_once_with_its_rule(webhook, receiver):
	phone = mobile()
	written = phone.replace(" ", "")
	try:
		fixed = as_user(OPERATOR, api.fix_client, AGENCY, phone, "Ivan Webhook", manager=FX_MANAGER)
		lead = frappe.db.get_value("Client Fixation", fixed["fixation"], "lead")
		body = settled(receiver, "Lead", lead, "FX-3")
		assert (body["claim"], body["action"], body["holder_type"], body["holder"]) == (
			"Fixation",
			"Fix",
			"Sales Partner",
			AGENCY,
		)
		assert get_datetime(body["valid_until"]) == get_datetime(fixed["expires_on"])
		assert json.loads(body["after"])["fixation"] == fixed["fixation"]
	finally:
		frappe.set_user("Administrator")
		frappe.db.rollback()
		fixations = frappe.get_all("Client Fixation", {"phone": written}, pluck="name")
		remove_committed(
			phone,
			{"Client Fixation": fixations},
			("Client Check Log", {"client_key": written}),
			("Client Fixation Stage", {"parent": ("in", fixations or [""])}),
			("Client Fixation", {"name": ("in", fixations or [""])}),
		)


@contextmanager
def office_agents(*rows):
	"""Office Agents rows in Ownership Settings for the length of one decision, never committed: written to
	their table and taken out again before the test commits, so that the site's settings stay as they were."""
	settings = frappe.get_single("Ownership Settings")
	added = [settings.append("office_agents", row) for row in rows]
	for row in added:
		row.db_insert()
	frappe.clear_document_cache("Ownership Settings", "Ownership Settings")
	try:
		yield
	finally:
		frappe.db.delete("Office Agent", {"name": ("in", [row.name for row in added])})
		frappe.clear_document_cache("Ownership Settings", "Ownership Settings")


def test_x2_ra4_a_granted_and_signed_reassignment_is_posted_once_with_its_rule(webhook, receiver):
	phone = mobile()
	try:
		lead = as_user(ANNE, make_lead, first_name="Rosa", last_name="Webhook", mobile_no=phone).name
		with office_agents(
			{"agent": ANNE, "office": OFFICE, "agent_type": "Junior"},
			{"agent": MANAGER_B, "office": OFFICE, "is_office_manager": 1},
		):
			# protected (just entered), so only the client's confirmed wish lets manager A ask (RA-4)
			request = as_user(
				MANAGER_A,
				requests.request_reassignment,
				"Lead",
				lead,
				ra.CLIENT_WISH,
				new_agent=CARLA,
				client_wish_confirmed=1,
			).name
			as_user(MANAGER_B, requests.answer, request, True)
			as_user(CARLA, requests.sign, request)
			granted = as_user(MANAGER_B, requests.sign, request)  # RA-10: the second signature moves it
		assert (granted.rule, granted.status) == ("RA-4", "Granted")
		assert not receiver.about("Lead", lead)  # nothing leaves before the commit
		body = settled(receiver, "Lead", lead, "RA-4")
		assert (body["claim"], body["action"], body["holder"]) == ("Activity Protection", "Reassign", CARLA)
		assert json.loads(body["before"]) == {"agent": ANNE}
		assert json.loads(body["after"]) == {"agent": CARLA, "request": request}
	finally:
		frappe.set_user("Administrator")
		frappe.db.rollback()
		requested = frappe.get_all(
			"Reassignment Request", {"reference_name": ("in", leads_of(phone) or [""])}, pluck="name"
		)
		remove_committed(
			phone,
			{"Reassignment Request": requested},
			("Reassignment Request", {"name": ("in", requested or [""])}),
		)


def test_x2_lq2_a_queue_hand_out_is_posted_once_with_its_rule(webhook, receiver):
	phone = mobile()
	first_tier = (tier_order() or [None])[0]
	lead = make_lead(first_name="Queue", last_name="Webhook", mobile_no=phone, priority_tier=first_tier).name
	try:
		frappe.db.set_value("Lead", lead, {"lead_owner": None, "creation": LONG_AGO})
		taken = as_user(AGENT, api.next_lead)["lead"]
		assert taken == lead  # checked before the commit: no other lead on the site is handed out for good
		body = settled(receiver, "Lead", lead, "LQ-2")
		assert (body["claim"], body["action"], body["holder_type"], body["holder"]) == (
			"Lead Queue",
			"Assign",
			"User",
			AGENT,
		)
		assert body["actor"] == AGENT
	finally:
		frappe.set_user("Administrator")
		frappe.db.rollback()
		remove_committed(phone)
