"""Red team of issue #15 over real HTTP (X-2, X-4, X-6): what a partner's staff, a sales user and a call centre
operator could do with the portal, the notes kept as reasons and the Ownership History report. Each test
reproduces one way in that was open, and passes once it is closed."""

import json
import random

import frappe
import pytest
from conftest import make_user, unused
from frappe.utils import escape_html
from http_cast import AGENCY_A, MANAGER, PARTNER_A, PASSWORD, SALES, Client

CALL_CENTRE = "x6.rt15.callcentre@example.com"
FIX = "ownership_policies.api.fix_client"
REPORT = "/api/method/frappe.desk.query_report.run"


@pytest.fixture(scope="module")
def call_centre(cast):
	make_user(CALL_CENTRE, "Call Centre Operator", password=PASSWORD)
	frappe.db.sql("commit")  # the test's commits are held; the web server must see the operator
	return Client(CALL_CENTRE)


@pytest.fixture(scope="module")
def manager(cast):
	return Client(MANAGER)


def known_phone() -> str:
	"""A phone of the cast's range (+33 6 41 …, taken away at the end) that the sales user works, committed."""
	phone = unused(lambda: f"+33 6 41 3{random.randrange(10**5):05d}")
	lead = frappe.get_doc(
		{"doctype": "Lead", "first_name": "Known", "last_name": "Client", "mobile_no": phone}
	)
	lead.lead_owner = SALES
	lead.insert(ignore_permissions=True)
	frappe.db.sql("commit")
	return phone


def lead_fixed_as_another_person(operator, name: str, reason: str) -> str:
	"""The call centre fixes another person on a phone the sales user works, saying why (X-6): the Lead the
	fixation made, whose ledger keeps that reason as the note of the agency's claim."""
	fixed = operator.call(
		FIX, agency=AGENCY_A, phone=known_phone(), full_name=name, other_person_reason=reason
	)
	assert fixed.status_code == 200, fixed.text
	frappe.db.rollback()  # read what the web server committed
	return frappe.db.get_value("Client Fixation", fixed.json()["message"]["fixation"], "lead")


def history_of(reader, lead: str):
	return reader.post(
		REPORT,
		json={
			"report_name": "Ownership History",
			"filters": {"reference_doctype": "Lead", "reference_name": lead},
			"ignore_prepared_report": 1,
		},
	)


def test_x2_x4_x6_a_typed_reason_shaped_like_a_kept_one_never_breaks_the_record_or_its_history(
	call_centre, manager
):
	# a sentence with two parameters, sent none: it used to raise IndexError on every read of the Lead
	typed = json.dumps({"rule": "PR-1", "reason": "remunerable", "params": []})
	lead = lead_fixed_as_another_person(call_centre, "Other Person Zed", typed)
	form = manager.get("/api/method/frappe.desk.form.load.getdoc", params={"doctype": "Lead", "name": lead})
	assert form.status_code == 200, form.text[:300]
	history = history_of(manager, lead)
	assert history.status_code == 200, history.text[:300]
	assert any("remunerable" in row["what"] for row in history.json()["message"]["result"])
	# a date that is no date, in a sentence that shows one: read as typed too
	typed = json.dumps({"rule": "PR-1", "reason": "already_attached", "params": ["not a date"]})
	lead = lead_fixed_as_another_person(call_centre, "Other Person Yan", typed)
	assert history_of(manager, lead).status_code == 200


def test_x2_x6_a_typed_reason_is_read_as_typed_and_never_as_a_decision_of_the_app(call_centre, manager):
	# well formed, it would read as "Signed by Administrator and …" in the record's history: a forged decision
	typed = json.dumps({"rule": "RA-10", "reason": "signed_by", "params": ["Administrator", MANAGER]})
	lead = lead_fixed_as_another_person(call_centre, "Other Person Xia", typed)
	rows = history_of(manager, lead).json()["message"]["result"]
	assert not any("Signed by" in row["what"] for row in rows)
	assert any(escape_html(typed) in row["what"] for row in rows)


def test_x2_x6_a_typed_reason_cannot_put_html_in_the_ownership_history_report(call_centre, manager):
	# the tag is written with JSON escapes, so the save's HTML sanitizer sees no "<"; the reason rendered it
	typed = (
		'{"rule": "RA-8", "reason": "duplicate_of", "params": ["\\u003cimg src=x onerror=alert(1)\\u003e"]}'
	)
	lead = lead_fixed_as_another_person(call_centre, "Other Person Xi", typed)
	history = history_of(manager, lead)
	assert history.status_code == 200, history.text[:300]
	shown = " ".join(row["what"] for row in history.json()["message"]["result"])
	assert "duplicate_of" in shown  # read as it was typed
	assert "<img" not in shown


def test_x6_fx4_a_partner_never_reads_a_managers_login_over_rest(cast):
	partner = Client(PARTNER_A)
	fixed = partner.call(FIX, agency=AGENCY_A, phone="+33 6 41 00 00 31", full_name="Login Hunt")
	assert fixed.status_code == 200, fixed.text
	fixation = fixed.json()["message"]["fixation"]
	frappe.db.rollback()
	login = frappe.db.get_value("Client Fixation", fixation, "manager")
	assert login and fixed.json()["message"]["manager"] != login  # the answer names the manager by name
	record = partner.get(f"/api/resource/Client Fixation/{fixation}")
	assert record.status_code == 200, record.text[:300]
	assert login not in record.text
	listed = partner.get("/api/resource/Client Fixation", params={"fields": json.dumps(["name", "manager"])})
	assert login not in listed.text
	by_filter = partner.get(
		"/api/resource/Client Fixation", params={"filters": json.dumps({"manager": login})}
	)
	assert by_filter.status_code == 403  # nor may it confirm a login by filtering on it


@pytest.mark.parametrize("junk", (["a"], {"$gt": ""}, 10**20))
def test_x6_the_ownership_history_report_reads_junk_filters_as_naming_nothing(manager, junk):
	for filters in ({"phone": junk}, {"email": junk}, {"reference_doctype": "Lead", "reference_name": junk}):
		answer = manager.post(
			REPORT,
			json={"report_name": "Ownership History", "filters": filters, "ignore_prepared_report": 1},
		)
		assert answer.status_code == 200, answer.text[:300]
		assert answer.json()["message"]["result"] == []
