"""X-6 over real HTTP, logged in as the partner users themselves: membership is staff's, the door refuses every
request not on its list, checks and fixes share one limit and one log, free/busy ignores the name, and errors tell
a partner nothing. Each test reproduces one way a partner used to get through (issue #13)."""

import frappe
import pytest
import requests
from conftest import make_user
from http_cast import (
	AGENCY_A,
	AGENCY_B,
	FIXED_PHONE,
	MANAGER,
	PARTNER_A,
	PARTNER_B,
	PARTNER_RACE,
	PASSWORD,
	SALES,
	URL,
	WORKED_NAME,
	WORKED_PHONE,
	Client,
	message_of,
)

from ownership_policies.fixation.fixing import pick_manager
from ownership_policies.fixation.portal import manager_key
from ownership_policies.ownership.partners import grant_membership, partners_of
from ownership_policies.ownership.reasons import render

DOOR = "This is not open to partners."
API = "/api/method/ownership_policies.api."


@pytest.fixture(scope="module")
def partner_a(cast):
	return Client(PARTNER_A)


def refused_at_the_door(response) -> bool:
	return response.status_code == 403 and DOOR in message_of(response)


def fixed_for_agency_a(partner, phone: str) -> str:
	fixed = partner.call(
		"ownership_policies.api.fix_client", agency=AGENCY_A, phone=phone, full_name="Act Client"
	)
	assert fixed.status_code == 200, fixed.text
	return fixed.json()["message"]["fixation"]


def attach(partner, fixation: str, file: tuple):
	"""The signed act (file name, bytes, type) sent to a fixation, as the portal sends it."""
	return partner.post(API + "attach_selection_act", data={"fixation": fixation}, files={"file": file})


def fresh():
	"""Read what the web server committed: a new snapshot for this connection."""
	frappe.db.rollback()


def test_x6_a_partner_cannot_join_another_partner_through_a_contact(cast, partner_a):
	response = partner_a.post(
		"/api/resource/Contact",
		json={
			"first_name": "X",
			"user": PARTNER_A,
			"links": [{"link_doctype": "Sales Partner", "link_name": AGENCY_B}],
		},
	)
	assert refused_at_the_door(response)
	# and a Contact made by anyone else does not make a member either: staff grant memberships
	contact = frappe.get_doc(
		{
			"doctype": "Contact",
			"first_name": "X6 Alpha",
			"user": PARTNER_A,
			"links": [{"link_doctype": "Sales Partner", "link_name": AGENCY_B}],
		}
	).insert(ignore_permissions=True)
	assert partners_of(PARTNER_A) == [AGENCY_A]
	contact.delete(ignore_permissions=True)
	listed = partner_a.get("/api/resource/Client Fixation", params={"fields": '["agency"]'}).json()["data"]
	assert AGENCY_B not in {row["agency"] for row in listed}
	fix = partner_a.call(
		"ownership_policies.api.fix_client", agency=AGENCY_B, phone="+33 6 41 00 00 09", full_name="A B"
	)
	assert fix.status_code == 403


def test_x6_a_partner_cannot_rewrite_a_lead_phone_through_a_contact(cast, partner_a):
	response = partner_a.post(
		"/api/resource/Contact",
		json={
			"first_name": "X",
			"mobile_no": "+33 6 41 00 00 99",
			"phone_nos": [{"phone": "+33 6 41 00 00 99", "is_primary_mobile_no": 1}],
			"links": [{"link_doctype": "Lead", "link_name": cast["lead"]}],
		},
	)
	assert refused_at_the_door(response)
	fresh()
	assert frappe.db.get_value("Lead", cast["lead"], "mobile_no") == WORKED_PHONE
	assert partner_a.call("ownership_policies.api.check_client", phone=WORKED_PHONE).json()["message"] == {
		"status": "busy"
	}


@pytest.mark.parametrize(
	"method, data",
	[
		("erpnext.crm.doctype.lead.lead.get_lead_details", {"lead": "CRM-LEAD-2026-00001"}),
		("frappe.client.get_count", {"doctype": "Lead", "filters": '{"mobile_no": ["like", "+33%"]}'}),
		("frappe.client.get_count", {"doctype": "__ownership_identity_key"}),
		(
			"frappe.client.get_count",
			{"doctype": "Client Fixation", "filters": '{"agency": "X6 Agence Beta"}'},
		),
		("frappe.client.get_count", {"doctype": "Client Check Log"}),
		("frappe.client.get_count", {"doctype": "Ownership Ledger Entry"}),
		("frappe.client.get_list", {"doctype": "Lead"}),
		("frappe.client.get_value", {"doctype": "Lead", "fieldname": "mobile_no"}),
		("frappe.desk.reportview.get_count", {"doctype": "Lead"}),
		("frappe.desk.reportview.get", {"doctype": "Customer"}),
		("frappe.desk.search.search_link", {"doctype": "Lead", "txt": "a"}),
		("frappe.desk.form.load.getdoc", {"doctype": "Lead", "name": "x"}),
		("frappe.desk.query_report.run", {"report_name": "Lead Details"}),
		("ownership_policies.api.who_owns", {"reference_doctype": "Lead", "reference_name": "x"}),
		("ownership_policies.api.request_reassignment", {"reference_doctype": "Lead"}),
		("run_doc_method", {"method": "record_meeting", "dt": "Client Fixation", "dn": "x"}),
		("upload_file", {"doctype": "Client Fixation", "docname": "x"}),
	],
)
def test_x6_standard_endpoints_refuse_partners_before_they_run(cast, partner_a, method, data):
	for path in (f"/api/method/{method}", f"/api/v2/method/{method}"):
		assert refused_at_the_door(partner_a.post(path, data=data)), path
		assert refused_at_the_door(partner_a.get(path, params=data)), path
	assert refused_at_the_door(partner_a.post("/", data={"cmd": method, **data}))


@pytest.mark.parametrize(
	"method, path",
	[
		("GET", "/api/resource/Lead"),
		("GET", "/api/resource/Customer"),
		("GET", "/api/resource/Contact"),
		("GET", "/api/resource/Communication"),
		("GET", "/api/resource/File"),
		("GET", "/api/resource/Sales Partner"),
		("GET", "/api/resource/Partner Member"),
		("GET", "/api/v2/document/Lead"),
		("GET", "/api/v2/doctype/Lead/count"),
		("GET", "/api/v2/doctype/Client Fixation/meta"),
		("POST", "/api/resource/Client Fixation"),
		("PUT", "/api/resource/Client Fixation/x"),
		("DELETE", "/api/resource/Prescriber Attachment/x"),
		("POST", "/api/resource/Address"),
		("GET", "/app/lead"),
		("GET", "/printview"),
	],
)
def test_x6_the_door_refuses_every_other_path(cast, partner_a, method, path):
	assert partner_a.session.request(method, f"{URL}{path}", timeout=30).status_code == 403


def test_x6_a_partner_reaches_its_portal_and_own_records(cast, partner_a):
	fixed = partner_a.call(
		"ownership_policies.api.fix_client",
		agency=AGENCY_A,
		phone="+33 6 41 00 00 03",
		full_name="Jean Alpha",
	)
	assert fixed.status_code == 200, fixed.text
	name = fixed.json()["message"]["fixation"]
	assert partner_a.get("/client-check").status_code == 200
	own = partner_a.get(f"/api/resource/Client Fixation/{name}")
	assert own.status_code == 200
	assert own.json()["data"]["client_name"] == "Jean Alpha"
	assert not {"lead", "client_key", "owner", "modified_by"} & set(own.json()["data"])  # staff's
	listed = partner_a.get("/api/resource/Client Fixation", params={"fields": '["name", "agency"]'}).json()[
		"data"
	]
	assert {row["agency"] for row in listed} == {AGENCY_A}
	# staff's fields are neither shown nor usable to filter: a filter would tell them letter by letter
	for params in ({"filters": '[["lead", "like", "CRM%"]]'}, {"order_by": "client_key asc"}):
		assert refused_at_the_door(partner_a.get("/api/resource/Client Fixation", params=params))
	report = {"report_name": "Prescriber Attribution", "filters": "{}"}
	assert partner_a.call("frappe.desk.query_report.run", **report).status_code == 200
	with_columns = {**report, "custom_columns": '[{"doctype": "Lead", "fieldname": "mobile_no"}]'}
	assert refused_at_the_door(partner_a.call("frappe.desk.query_report.run", **with_columns))


def test_x6_absent_and_another_partners_records_look_alike(cast, partner_a):
	for ask in (
		lambda name: partner_a.get(f"/api/resource/Client Fixation/{name}"),
		lambda name: partner_a.call("ownership_policies.api.leave_question", fixation=name, question="Q?"),
	):
		other, absent = ask(cast["fixation_b"]), ask("CF-NOPE-0001")
		assert other.status_code == absent.status_code == 404
		assert message_of(other).replace(cast["fixation_b"], "N") == message_of(absent).replace(
			"CF-NOPE-0001", "N"
		)
	for agency in (AGENCY_B, "No Such Agency"):
		response = partner_a.call(
			"ownership_policies.api.fix_client", agency=agency, phone="+33 6 41 00 00 04", full_name="A B"
		)
		assert response.status_code == 403
		assert message_of(response) == "You can act only for your own agency."


def test_x6_no_traceback_reaches_a_partner(cast, partner_a):
	for response in (
		partner_a.call("frappe.client.get_count", doctype="Lead"),
		partner_a.call("ownership_policies.api.check_client", phone="not a phone"),
		partner_a.call("ownership_policies.api.check_client"),
	):
		body = response.json()
		assert response.status_code in (403, 417), response.text
		assert not {"exc", "exception", "_debug_messages", "_exc_source"} & set(body), body


def test_x6_fx2_busy_by_phone_whatever_the_name(cast, partner_a):
	for name in (WORKED_NAME, "Павлова Е. А.", "Someone Else Entirely", None):
		data = {"phone": WORKED_PHONE, **({"full_name": name} if name else {})}
		assert partner_a.call("ownership_policies.api.check_client", **data).json()["message"] == {
			"status": "busy"
		}
	refused = partner_a.call(
		"ownership_policies.api.fix_client", agency=AGENCY_A, phone=WORKED_PHONE, full_name="Павлова Е. А."
	)
	assert refused.status_code == 417
	fresh()
	assert not frappe.db.exists("Client Fixation", {"phone": WORKED_PHONE, "status": "Active"})


def test_x6_staff_fix_another_person_on_a_known_phone_with_a_reason(cast, partner_a):
	refused = partner_a.call(
		"ownership_policies.api.fix_client",
		agency=AGENCY_A,
		phone=WORKED_PHONE,
		full_name="Marc Durand",
		other_person_reason="her husband",
	)
	assert refused.status_code == 403
	manager = Client(MANAGER)
	fixed = manager.call(
		"ownership_policies.api.fix_client",
		agency=AGENCY_A,
		phone=WORKED_PHONE,
		full_name="Marc Durand",
		other_person_reason="Her husband, who calls from her phone",
	)
	assert fixed.status_code == 200, fixed.text
	fresh()
	fixation = frappe.get_doc("Client Fixation", fixed.json()["message"]["fixation"])
	line = frappe.get_all(
		"Ownership Ledger Entry",
		{"reference_name": fixation.lead, "rule": "FX-3", "action": "Fix"},
		["note", "actor", "after"],
	)
	assert len(line) == 1 and '"other_person_on_known_phone": 1' in line[0].after
	assert (render(line[0].note), line[0].actor) == ("Her husband, who calls from her phone", MANAGER)
	assert frappe.db.exists("Notification Log", {"for_user": SALES, "document_name": fixation.name})


def test_x6_checks_and_fixes_share_one_limit_and_one_log(cast):
	partner = Client(PARTNER_B)
	logged = lambda: frappe.db.count("Client Check Log", {"user": PARTNER_B})  # noqa: E731
	fresh()
	before = logged()
	refused = partner.call(
		"ownership_policies.api.fix_client", agency=AGENCY_B, phone=WORKED_PHONE, full_name="X Y"
	)
	assert refused.status_code == 417
	fresh()
	assert logged() == before + 1  # a refused fix is a check, logged
	limit = frappe.db.get_single_value("Ownership Settings", "check_client_hourly_limit")
	for _ in range(limit - logged()):
		assert partner.call("ownership_policies.api.check_client", phone=FIXED_PHONE).status_code == 200
	for response in (
		partner.call(
			"ownership_policies.api.fix_client", agency=AGENCY_B, phone="+33 6 41 00 00 05", full_name="X Y"
		),
		partner.call("ownership_policies.api.check_client", phone="+33 6 41 00 00 05"),
	):
		assert response.status_code == 417
		assert "the most allowed" in message_of(response)
	fresh()
	assert logged() == limit
	assert not frappe.db.exists("Client Fixation", {"phone": "+33 6 41 00 00 05"})


def test_x6_x2_nobody_writes_a_ledger_line_by_hand(cast):
	admin = Client("Administrator", "admin")
	line = {
		"reference_doctype": "Lead",
		"reference_name": cast["lead"],
		"claim": "Fixation",
		"action": "Fix",
		"rule": "FX-3",
		"holder_type": "Sales Partner",
		"holder": AGENCY_A,
		"actor": SALES,
		"valid_from": "2020-01-01 00:00:00",
	}
	assert admin.post("/api/resource/Ownership Ledger Entry", json=line).status_code == 403
	many = admin.call("frappe.client.insert_many", docs=[{"doctype": "Ownership Ledger Entry", **line}])
	assert many.status_code in (403, 417)
	owner = admin.call(
		"ownership_policies.api.who_owns",
		reference_doctype="Lead",
		reference_name=cast["lead"],
		on="2020-06-01",
	)
	assert owner.json()["message"]["holder"] is None


@pytest.mark.parametrize(
	"user, method, data, status",
	[
		(PARTNER_A, "check_client", {"phone": "+33 6 41 00 00 06", "full_name": "x" * 141}, 417),
		(PARTNER_A, "check_client", {"full_name": "Jean"}, 417),
		(PARTNER_A, "check_client", {"phone": ["+33 6 41 00 00 06"]}, 417),
		(PARTNER_A, "check_client", {"phone": "+33 6 41 00 00 06", "extra": 1}, 417),
		(PARTNER_A, "check_client", {"phone": "\ud800"}, 417),
		(MANAGER, "cancel_fixation", {"fixation": "CF-NOPE", "reason": "r" * 100_000}, 417),
		(MANAGER, "cancel_attachment", {"attachment": "PA-NOPE", "reason": "r" * 100_000}, 417),
		(MANAGER, "who_owns", {"reference_doctype": "Lead", "on": "2026-12-01"}, 417),
		(
			MANAGER,
			"who_owns",
			{"reference_doctype": "Lead", "reference_name": "{lead}", "on": "0000-00-00"},
			417,
		),
		(MANAGER, "record_meeting", {"fixation": "CF-NOPE", "remote": -1}, 417),
		(MANAGER, "record_meeting", {"fixation": "CF-NOPE", "remote": "yes"}, 417),
		(MANAGER, "answer_reassignment", {"request": "RR-NOPE"}, 417),
		(SALES, "next_lead", {"lead": "x"}, 417),
	],
)
def test_x6_bad_input_is_a_clear_refusal(cast, user, method, data, status):
	data = {key: value.format(**cast) if value == "{lead}" else value for key, value in data.items()}
	response = Client(user).call(f"ownership_policies.api.{method}", **data)
	assert response.status_code == status, response.text
	assert message_of(response)
	assert not {"exc", "exception", "_debug_messages"} & set(response.json())


def test_x6_who_owns_reads_a_moment_with_a_time_zone(cast):
	manager = Client(MANAGER)
	for on in ("2026-12-01T20:00:00Z", "2026-12-01T20:00:00+03:00", "2026-12-01 20:00"):
		response = manager.call(
			"ownership_policies.api.who_owns", reference_doctype="Lead", reference_name=cast["lead"], on=on
		)
		assert response.status_code == 200, (on, response.text)


def test_x6_a_name_with_html_is_logged_sanitised(cast):
	partner = Client(PARTNER_A)
	partner.call(
		"ownership_policies.api.check_client",
		phone="+33 6 41 00 00 07",
		full_name="<img src=x onerror=alert(1)>Jo",
	)
	fresh()
	logged = frappe.get_all(
		"Client Check Log", {"user": PARTNER_A}, pluck="client_name", order_by="creation desc", limit=1
	)
	assert logged and "onerror" not in logged[0]


def test_x6_ra10_a_partner_user_is_never_the_new_agent(cast):
	manager = Client(MANAGER)
	response = manager.call(
		"ownership_policies.api.request_reassignment",
		reference_doctype="Lead",
		reference_name=cast["lead"],
		reason="Client's Wish",
		new_agent=PARTNER_A,
		client_wish_confirmed=1,
	)
	assert response.status_code == 417, response.text
	assert PARTNER_A not in message_of(response)
	fresh()
	assert not frappe.db.exists("Reassignment Request", {"reference_name": cast["lead"]})


def test_x6_settings_and_activities_without_bounds_are_refused_over_rest(cast):
	admin = Client("Administrator", "admin")
	for values in ({"fixation_days": 5_000_000}, {"unregistered_property_commission_cut": 500}):
		response = admin.session.put(f"{URL}/api/resource/Ownership Settings/Ownership Settings", json=values)
		assert response.status_code == 417, response.text
	fresh()
	assert frappe.db.get_single_value("Ownership Settings", "fixation_days") <= 365
	year_ahead = frappe.utils.add_to_date(frappe.utils.now_datetime(), years=1)
	response = Client(SALES).post(
		"/api/resource/Ownership Activity",
		json={
			"activity_type": "Call",
			"reference_doctype": "Lead",
			"reference_name": cast["lead"],
			"activity_on": str(year_ahead),
		},
	)
	assert response.status_code == 417, response.text
	fresh()
	protected = frappe.db.get_value("Lead", cast["lead"], "protected_until")
	assert not protected or frappe.utils.getdate(protected) < frappe.utils.getdate(year_ahead)


def test_x6_fx10_a_partner_attaches_the_signed_act_to_its_own_running_fixation(cast, partner_a):
	name = fixed_for_agency_a(partner_a, "+33 6 41 00 00 08")
	scan = ("selection-act.pdf", b"%PDF-1.4 signed", "application/pdf")
	attached = attach(partner_a, name, scan)
	assert attached.status_code == 200, attached.text
	url = attached.json()["message"]["selection_act"]
	assert url.startswith("/private/files/")
	assert partner_a.get(url).content == b"%PDF-1.4 signed"  # its own file, through Frappe's permission
	fresh()
	assert frappe.db.get_value("Client Fixation", name, "selection_act") == url
	assert attach(partner_a, cast["fixation_b"], scan).status_code == 404
	assert attach(partner_a, name, ("act.html", b"<script>alert(1)</script>", "text/html")).status_code == 417
	assert Client(PARTNER_B).get(url).status_code in (403, 404)


def test_x6_parallel_checks_never_pass_the_hourly_limit(cast):
	"""Real parallel requests of one partner user, a few checks short of the limit: exactly those few answer."""
	from concurrent.futures import ThreadPoolExecutor

	from ownership_policies.ownership.rows import insert_row

	limit = frappe.db.get_single_value("Ownership Settings", "check_client_hourly_limit")
	fresh()
	for _ in range(limit - 3 - frappe.db.count("Client Check Log", {"user": PARTNER_RACE})):
		insert_row(
			"Client Check Log",
			{"user": PARTNER_RACE, "checked_on": frappe.utils.now_datetime(), "client_key": "+33641000099"},
		)
	frappe.db.sql("commit")  # the test's commits are held; the web server must see these lines
	clients = [Client(PARTNER_RACE) for _ in range(4)]
	with ThreadPoolExecutor(max_workers=12) as pool:
		statuses = list(
			pool.map(
				lambda i: (
					clients[i % 4].call("ownership_policies.api.check_client", phone=FIXED_PHONE).status_code
				),
				range(12),
			)
		)
	assert sorted(statuses) == [200] * 3 + [417] * 9, statuses
	fresh()
	assert frappe.db.count("Client Check Log", {"user": PARTNER_RACE}) == limit


@pytest.mark.parametrize(
	"params",
	[
		{"fields": '["name", "\\u0066irst_attachment.partner"]'},  # a linked record's field, JSON-escaped
		{"fields": '["name", "manager.email"]'},
		{"filters": '[["\\u0072eason", "like", "%01/12/2026%"]]'},
		{"filters": '{"first_attachment": "PRA-00001"}'},
		{"filters": "not json"},
		{"order_by": "LEAD desc"},
		{"order_by": "case when substr(lead, 1, 1) = 'C' then 1 else 2 end"},
		{"group_by": "agency"},
		{"fields": '["*"]'},
		{"limit_page_length": "99999999999999999999"},
		{"fields": '["count(*)"]'},
		{"debug": "1"},
		{"run_method": "add_comment"},
	],
)
def test_x6_a_partner_lists_only_plain_fields_it_may_read(cast, partner_a, params):
	for doctype in ("Client Fixation", "Prescriber Attachment"):
		assert refused_at_the_door(partner_a.get(f"/api/resource/{doctype}", params=params)), (
			doctype,
			params,
		)
	fixed = partner_a.get("/api/resource/Client Fixation", params={"fields": '["name"]'}).json()["data"]
	if fixed:
		one = f"/api/resource/Client Fixation/{fixed[0]['name']}"
		assert refused_at_the_door(partner_a.get(one, params={"run_method": "add_comment", "text": "x"}))


@pytest.mark.parametrize(
	"params",
	[  # each was a server error (500) from the door's own reading or from Frappe's query builder after it
		{"fields": '[{"a": 1}]'},
		{"fields": '[["name"]]'},
		{"filters": '[[["name"], "=", "x"]]'},
		{"filters": '{"name": ["is", "garbage"]}'},
		{"filters": '{"name": ["in"]}'},
		{"filters": '[["name", "between", ["a", "b"]]]'},
		{"filters": '[["creation", ">", "not a date"]]'},
		{"filters": '[["creation", "like", "%2026%"]]'},
		{"filters": '[["creation", ">", "2026-01-01T10:00:00+05:00"]]'},
		{"filters": '[["name", "=", 1e400]]'},
	],
)
def test_x6_a_list_asked_in_a_shape_frappe_cannot_read_is_refused_never_a_500(cast, partner_a, params):
	for doctype in ("Client Fixation", "Prescriber Attachment"):
		for version in ("resource", "v2/document"):
			response = partner_a.get(f"/api/{version}/{doctype}", params=params)
			assert refused_at_the_door(response), (doctype, version, params, response.status_code)


def test_x6_the_shapes_a_list_may_take_still_answer(cast, partner_a):
	for filters in (
		'{"name": ["is", "set"]}',
		'{"creation": ["between", ["2020-01-01", "2099-12-31"]]}',
		'[["Client Fixation", "creation", ">=", "2020-01-01 00:00:00"]]',
		'[["name", "in", ["FIX-NONE", "FIX-OTHER"]]]',
	):
		response = partner_a.get("/api/resource/Client Fixation", params={"filters": filters})
		assert response.status_code == 200, (filters, message_of(response))


@pytest.mark.parametrize("body", [{"report_name": ["Prescriber Attribution"]}, {"cmd": ["x"]}])
def test_x6_a_method_or_report_named_by_a_list_is_refused_never_a_500(cast, partner_a, body):
	for path in ("/api/method/frappe.desk.query_report.run", "/client-check"):
		response = partner_a.post(path, json=body)
		assert response.status_code < 500, (path, body, response.status_code)
	assert refused_at_the_door(partner_a.post("/api/method/frappe.desk.query_report.run", json=body))


def test_x6_api_keys_do_not_open_a_side_door(cast):
	user = frappe.get_doc("User", PARTNER_A)
	secret = frappe.generate_hash(length=15)
	user.api_key, user.api_secret = user.api_key or frappe.generate_hash(length=15), secret
	user.save(ignore_permissions=True)
	frappe.db.sql("commit")  # the test's commits are held; the web server must see the keys
	try:
		headers = {"Authorization": f"token {user.api_key}:{secret}", "Accept": "application/json"}
		count = requests.get(
			f"{URL}/api/method/frappe.client.get_count?doctype=Lead", headers=headers, timeout=30
		)
		assert refused_at_the_door(count)
	finally:
		frappe.db.set_value("User", PARTNER_A, "api_key", None)
		frappe.db.sql("commit")


def test_x6_a_fix_refused_for_its_arguments_tells_no_free_from_busy(cast, partner_a):
	logged = lambda: frappe.db.count("Client Check Log", {"user": PARTNER_A})  # noqa: E731
	free, busy = "+33 6 41 00 00 11", WORKED_PHONE
	answers = [
		partner_a.call("ownership_policies.api.fix_client", agency=AGENCY_A, phone=phone, full_name="   ")
		for phone in (free, busy)
	]
	assert answers[0].status_code == answers[1].status_code == 417
	assert message_of(answers[0]) == message_of(answers[1])
	# a phone written so that only the form's own check would refuse it, after the verdict: counted and
	# logged whether free or busy
	fresh()
	before = logged()
	for phone in ("+33  6  41  00  00  13", "+33  6  41  00  00  01"):  # double spaces: free, then busy
		partner_a.call(
			"ownership_policies.api.fix_client", agency=AGENCY_A, phone=phone, full_name="Spaced Out"
		)
	fresh()
	assert logged() == before + 2


def test_x6_fx4_a_partner_naming_no_manager_of_the_company_gets_the_one_on_duty(cast, partner_a):
	for named in (PARTNER_A, "ghost@nowhere.example"):
		fixed = partner_a.call(
			"ownership_policies.api.fix_client",
			agency=AGENCY_A,
			phone=f"+33 6 41 00 00 1{4 + (named == PARTNER_A)}",
			full_name="Named Manager",
			manager=named,
		)
		assert fixed.status_code == 200, fixed.text
		fresh()
		assert frappe.db.get_value("Client Fixation", fixed.json()["message"]["fixation"], "manager") != named
	# a manager's login, guessed, names no one: the fix would otherwise confirm whose login it is
	fresh()
	expected = pick_manager(None)
	on_duty = partner_a.call(
		"ownership_policies.api.fix_client",
		agency=AGENCY_A,
		phone="+33 6 41 00 00 17",
		full_name="Named Manager",
		manager=MANAGER,
	)
	assert on_duty.status_code == 200, on_duty.text
	fresh()
	assert (
		frappe.db.get_value("Client Fixation", on_duty.json()["message"]["fixation"], "manager") == expected
	)
	named = partner_a.call(
		"ownership_policies.api.fix_client",
		agency=AGENCY_A,
		phone="+33 6 41 00 00 16",
		full_name="Named Manager",
		manager=manager_key(MANAGER),
	)
	fresh()
	assert frappe.db.get_value("Client Fixation", named.json()["message"]["fixation"], "manager") == MANAGER
	# the partner is told the manager's name, not the login
	assert named.json()["message"]["manager"] == frappe.db.get_value("User", MANAGER, "full_name")


def test_x6_a_member_without_the_role_is_a_partner_all_the_same(cast):
	member = "x6.partner.norole@example.com"
	make_user(member, website=True, password=PASSWORD)
	grant_membership(member, AGENCY_A)
	frappe.get_doc("User", member).remove_roles("Ownership Partner")
	frappe.db.sql("commit")  # the test's commits are held; the web server must see the member
	assert refused_at_the_door(Client(member).call("frappe.client.get_count", doctype="Lead"))


def test_x6_no_traceback_on_a_failed_login_or_a_body_that_is_no_object(cast):
	for response in (
		requests.post(f"{URL}/api/method/login", data={"usr": PARTNER_A, "pwd": "wrong"}, timeout=30),
		requests.post(
			f"{URL}/api/method/login", data={"usr": "ghost@nowhere.example", "pwd": "x"}, timeout=30
		),
		Client(PARTNER_A).post(
			API + "check_client", data="null", headers={"Content-Type": "application/json"}
		),
	):
		assert response.status_code in (401, 403, 417), response.text
		assert not {"exc", "exception", "_debug_messages", "_exc_source"} & set(response.json()), (
			response.text
		)


def test_x6_a_partner_asks_a_password_reset_for_itself_only(cast, partner_a):
	reset = "frappe.core.doctype.user.user.reset_password"
	assert refused_at_the_door(partner_a.call(reset, user=SALES))
	assert not refused_at_the_door(partner_a.call(reset, user=PARTNER_A))


def test_x6_the_signed_act_keeps_no_name_the_partner_chose(cast, partner_a):
	name = fixed_for_agency_a(partner_a, "+33 6 41 00 00 12")
	attached = attach(partner_a, name, ("<img src=x onerror=alert(1)>.pdf", b"%PDF-1.4", "application/pdf"))
	assert attached.status_code == 200, attached.text
	assert attached.json()["message"]["selection_act"] == f"/private/files/selection-act-{name}.pdf"
	assert attach(partner_a, name, ("act.jpg", b"<html>not an image</html>", "image/jpeg")).status_code == 417


@pytest.mark.parametrize(
	"filters",
	[
		'{"partner": ["!=", "x"]}',
		"not json",
		'{"from_date": "yesterday"}',
		'{"customer": "x"}',
		'{"to_date": "9999-12-31"}',
		'{"to_date": "2026-02-31"}',
	],
)
def test_x6_the_report_takes_its_own_filters_only(cast, partner_a, filters):
	report = {"report_name": "Prescriber Attribution", "filters": filters}
	assert refused_at_the_door(partner_a.call("frappe.desk.query_report.run", **report))
