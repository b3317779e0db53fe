"""X-2 over real HTTP: the fields the rules decide are the rules' alone. On the seven policy doctypes a status, a
deadline, a signature, a verdict, a key, a routed advisor or a scored flag sent by REST (insert or update),
frappe.client.set_value, frappe.client.insert_many, the desk's Save or a Data Import is refused with 403 and a
message naming the field, and nothing changes: a Reassignment Request cannot skip the protection check by
arriving "Awaiting Signatures" (RA-1, RA-2) nor carry a forged signature (RA-10), a Client Request cannot skip
its routing (AR-1 … AR-5). The app's own flows still write them: a manager's request with just the record and
the reason, the answer and the two signatures; a request staff enter, routed by the app; a listing an agent
registers; a partner's fixation."""

import json
import random
from datetime import timedelta

import frappe
import pytest
from conftest import data_import, leave_unworked, make_customer, make_user, unused
from frappe.utils import now_datetime, nowdate
from http_cast import AGENCY_A, AGENCY_B, MANAGER, PARTNER_A, PASSWORD, SALES, URL, Client, message_of

from ownership_policies.advisor_routing.doctype.client_request.client_request import ClientRequest
from ownership_policies.fixation.doctype.client_fixation.client_fixation import ClientFixation
from ownership_policies.ownership.identity import forget_records
from ownership_policies.ownership.immutable import by_app
from ownership_policies.ownership.rows import insert_row
from ownership_policies.prescription.doctype.prescriber_attachment.prescriber_attachment import (
	PrescriberAttachment,
)
from ownership_policies.reassignment.doctype.client_registration.client_registration import ClientRegistration
from ownership_policies.reassignment.doctype.commission_eligibility.commission_eligibility import (
	CommissionEligibility,
)
from ownership_policies.reassignment.doctype.property_listing.property_listing import PropertyListing
from ownership_policies.reassignment.doctype.reassignment_request.reassignment_request import (
	ReassignmentRequest,
)

REQUEST, CLIENT_REQUEST, LISTING = "Reassignment Request", "Client Request", "Property Listing"
ELIGIBILITY, REGISTRATION, FIXATION, ATTACHMENT = (
	"Commission Eligibility",
	"Client Registration",
	"Client Fixation",
	"Prescriber Attachment",
)
DOCTYPES = (REQUEST, CLIENT_REQUEST, LISTING, ELIGIBILITY, REGISTRATION, FIXATION, ATTACHMENT)
ADMIN = "x2.rules.admin@example.com"  # Ownership Administrator
MANAGER_2 = "x2.rules.manager@example.com"  # a second Sales Manager, who asks for a client (manager A)
OFFICE = "X2 Rules Office"
REFUSED = "set by the app's rules only"
# who writes each doctype over HTTP: a user with create and write permission where any role has them
WRITER = {
	REQUEST: MANAGER,
	CLIENT_REQUEST: SALES,
	LISTING: SALES,
	ELIGIBILITY: MANAGER,
	REGISTRATION: ADMIN,
	FIXATION: MANAGER,
	ATTACHMENT: ADMIN,
}
FORGED_TEXT = "x2-forged"
FORGED_MOMENT, FORGED_DAY = "2031-03-04 05:06:07", "2031-03-04"


def mobile() -> str:
	"""A new mobile in the cast's range (+33 6 41 …): the cast's tear-down takes its leads away."""
	return unused(lambda: "+33 6 41 " + f"{random.randrange(10**6):06d}")


CONTROLLERS = {
	REQUEST: ReassignmentRequest,
	CLIENT_REQUEST: ClientRequest,
	LISTING: PropertyListing,
	ELIGIBILITY: CommissionEligibility,
	REGISTRATION: ClientRegistration,
	FIXATION: ClientFixation,
	ATTACHMENT: PrescriberAttachment,
}


def cases(kind: str) -> list[tuple[str, str]]:
	"""(doctype, field) for every rule field each controller declares; on update, its set-on-insert fields too."""
	return [
		(doctype, field)
		for doctype, controller in CONTROLLERS.items()
		for field in controller.RULE_FIELDS + (controller.SET_ON_INSERT if kind == "update" else ())
	]


def scalar(kind: str) -> list[tuple[str, str]]:
	"""The cases of a field of the record itself (no child table), for frappe.client.set_value."""
	return [(doctype, field) for doctype, field in cases(kind) if "." not in field and field != "stages"]


def label(doctype: str, field: str) -> str:
	"""The field's label as the refusal names it."""
	table, _dot, column = field.partition(".")
	df = frappe.get_meta(doctype).get_field(table)
	return f"{frappe.get_meta(df.options).get_field(column).label} ({df.label})" if column else df.label


def named(response, doctype: str, field: str) -> bool:
	"""The refusal lists the field among the ones it names."""
	message = message_of(response)
	listed = message.partition("by hand: ")[2].rpartition(". Use the record")[0]
	return REFUSED in message and label(doctype, field) in listed.split(", ")


def forged(df, current=None):
	"""A value of the field's type that is neither blank, nor its default, nor `current`."""
	if df.fieldtype == "Select":
		options = [o for o in (df.options or "").split("\n") if o and o != current]
		return ([o for o in options if o != df.default] or options)[-1]
	if df.fieldtype == "Check":
		return 0 if current else 1
	if df.fieldtype in ("Int", "Float", "Currency", "Percent"):
		return (current or 0) + 7
	if df.fieldtype == "Datetime":
		return FORGED_MOMENT
	if df.fieldtype == "Date":
		return FORGED_DAY
	if df.fieldtype == "Link":  # a record that exists: nothing but the rule refuses it
		names = frappe.get_all(df.options, pluck="name", limit=3, order_by="creation")
		return next((name for name in names if name != current), FORGED_TEXT)
	return FORGED_TEXT


def fresh(doctype: str, name: str) -> dict:
	"""The record as the database holds it now (a new snapshot: the web server commits on its own)."""
	frappe.db.rollback()
	return frappe.get_doc(doctype, name).as_dict(convert_dates_to_str=True)


def count(doctype: str) -> int:
	frappe.db.rollback()
	return frappe.db.count(doctype)


def put(client: Client, doctype: str, name: str, data: dict):
	"""PUT /api/resource/<doctype>/<name>: Frappe's REST update."""
	return client.session.put(f"{URL}/api/resource/{doctype}/{name}", json=data, timeout=30)


def commit():
	"""Commit for the web server to see it (a test's own commits are held, conftest.rollback)."""
	frappe.db.sql("commit")


def as_json(value) -> str:
	return json.dumps(value, default=str)


@pytest.fixture(scope="module")
def clients(cast):
	make_user(ADMIN, "Ownership Administrator", password=PASSWORD)
	make_user(MANAGER_2, "Sales Manager", "Sales User", password=PASSWORD)
	commit()
	users = {SALES, MANAGER, ADMIN, MANAGER_2, PARTNER_A}
	return {user: Client(user) for user in users}


@pytest.fixture(scope="module")
def offices(cast):
	"""The sales user works in an office the cast's manager manages (manager B); committed, then restored."""
	if not frappe.db.exists("Branch", OFFICE):
		frappe.get_doc({"doctype": "Branch", "branch": OFFICE}).insert()
	settings = frappe.get_single("Ownership Settings")
	kept = [row.as_dict() for row in settings.office_agents]
	settings.office_agents = [row for row in settings.office_agents if row.agent not in (SALES, MANAGER)]
	settings.append("office_agents", {"agent": SALES, "office": OFFICE, "agent_type": "Junior"})
	settings.append("office_agents", {"agent": MANAGER, "office": OFFICE, "is_office_manager": 1})
	settings.save()
	commit()
	yield
	frappe.db.rollback()
	settings = frappe.get_single("Ownership Settings")
	settings.set("office_agents", [{k: v for k, v in row.items() if k != "name"} for row in kept])
	settings.save()
	commit()


@pytest.fixture(scope="module")
def base(cast, clients):
	"""A valid input of each doctype, without any rule field: what a form or an API client sends."""
	frappe.db.rollback()
	contact = frappe.get_doc(
		{
			"doctype": "Contact",
			"first_name": "X2",
			"last_name": "Propietario",
			"phone_nos": [{"phone": mobile(), "is_primary_mobile_no": 1}],
		}
	).insert(ignore_permissions=True)
	customer = make_customer(f"X2 Rules Client {frappe.generate_hash(length=6)}")
	request_type = frappe.db.get_single_value("Ownership Settings", "client_request_types").split("\n")[0]
	commit()
	yield {
		REQUEST: {
			"reference_doctype": "Lead",
			"reference_name": cast["lead"],
			"reason": "Client's Wish",
			"client_wish_confirmed": 1,
		},
		CLIENT_REQUEST: {
			"customer": customer.name,
			"channel": "Phone",
			"request_type": request_type,
			"description": "Le client demande un rachat partiel.",
		},
		LISTING: {
			"address": f"Calle X2 {frappe.generate_hash(length=6)}",
			"city": "Caracas",
			"owner_contact": contact.name,
		},
		ELIGIBILITY: {"sales_invoice": None},
		REGISTRATION: {},
		FIXATION: {"agency": AGENCY_A, "phone": mobile(), "client_name": "Client Forgé"},
		ATTACHMENT: {},
	}
	frappe.db.rollback()
	for table, filters in (
		("Contact Phone", {"parent": contact.name}),
		("Contact", {"name": contact.name}),
		("Ownership Ledger Entry", {"reference_name": customer.name}),
		("Customer", {"name": customer.name}),
	):
		frappe.db.delete(table, filters)
	forget_records("Contact", [contact.name])
	forget_records("Customer", [customer.name])
	commit()


@pytest.fixture(scope="module")
def records(cast, clients, base):
	"""One committed record of each doctype, as the app wrote it (a listing and its decision through the
	agent's own REST calls), to forge changes on; taken away at the end."""
	frappe.db.rollback()
	now = now_datetime()
	made = {}
	made[REQUEST] = (
		by_app(
			frappe.get_doc(
				{
					"doctype": REQUEST,
					"reference_doctype": "Lead",
					"reference_name": cast["lead"],
					"reason": "Inactivity",
					"new_agent": MANAGER,
					"status": "Rejected",
					"respond_by": now + timedelta(days=1),
					"rule": "RA-2",
					"current_agent": SALES,
					"owning_manager": MANAGER,
					"requesting_manager": MANAGER,
					"answered_by": MANAGER,
					"answered_on": now,
					"guarantee": "La llamamos hoy.",
				}
			)
		)
		.insert(ignore_permissions=True)
		.name
	)
	made[CLIENT_REQUEST] = (
		by_app(
			frappe.get_doc(
				{
					"doctype": CLIENT_REQUEST,
					**base[CLIENT_REQUEST],
					"status": "Closed",
					"routed_advisor": MANAGER,
					"routing_rule": "AR-3",
					"feedback": [{"feedback_date": nowdate(), "action": "Call made", "notes": "Rappelé."}],
				}
			)
		)
		.insert(ignore_permissions=True)
		.name
	)
	eligibility = frappe.get_doc(
		{"doctype": ELIGIBILITY, "sales_invoice": "X2-SINV-FORGED", "status": "Blocked", "reasons": "x"}
	)
	eligibility.flags.ignore_links = True
	made[ELIGIBILITY] = by_app(eligibility).insert(ignore_permissions=True).name
	made[REGISTRATION] = insert_row(
		REGISTRATION,
		{"client_key": "Phone:" + mobile().replace(" ", ""), "agent": SALES, "registered_on": now},
	)
	made[FIXATION] = cast["fixation_b"]
	made[ATTACHMENT] = (
		by_app(
			frappe.get_doc(
				{
					"doctype": ATTACHMENT,
					"partner": AGENCY_B,
					"person_name": "X2 Referral",
					"reference_doctype": "Lead",
					"reference_name": cast["lead"],
					"verdict": "Not Remunerable",
					"rule": "PR-3",
					"status": "Cancelled",
					"attached_on": now,
					"cancellation_reason": "X2 fixture",
				}
			)
		)
		.insert(ignore_permissions=True)
		.name
	)
	commit()
	registered = clients[SALES].post(f"/api/resource/{LISTING}", json=base[LISTING])
	assert registered.status_code == 200, message_of(registered)
	made[LISTING] = registered.json()["data"]["name"]
	decided = put(
		clients[SALES],
		LISTING,
		made[LISTING],
		{"decisions": [{"decided_by": "Owner", "decision": "Vender a 100k", "decided_on": str(now)}]},
	)
	assert decided.status_code == 200, message_of(decided)
	yield made
	frappe.db.rollback()
	names = [made[d] for d in (REQUEST, CLIENT_REQUEST, LISTING, ELIGIBILITY, ATTACHMENT)]
	for table, filters in (
		("Client Request Feedback", {"parent": made[CLIENT_REQUEST]}),
		("Listing Decision", {"parent": made[LISTING]}),
		("Agent Score Entry", {"reference_name": made[LISTING]}),
		("Ownership Ledger Entry", {"reference_name": ("in", names)}),
		("Comment", {"reference_name": ("in", names)}),
		("Notification Log", {"document_name": ("in", names)}),
		("Version", {"docname": ("in", names)}),
		(REGISTRATION, {"name": made[REGISTRATION]}),
		*((doctype, {"name": made[doctype]}) for doctype in (REQUEST, CLIENT_REQUEST, LISTING)),
		*((doctype, {"name": made[doctype]}) for doctype in (ELIGIBILITY, ATTACHMENT)),
	):
		frappe.db.delete(table, filters)
	commit()


def insert_payload(doctype: str, field: str, base: dict) -> dict:
	"""A valid input of the doctype, with the rule field sent too."""
	data = {key: value for key, value in base[doctype].items() if value is not None}
	table, _dot, column = field.partition(".")
	df = frappe.get_meta(doctype).get_field(table)
	if column:
		row = {"decided_by": "Owner", "decision": "Vender", "decided_on": FORGED_MOMENT}
		if table == "feedback":
			row = {"feedback_date": nowdate(), "action": "Call made", "notes": "Rappelé."}
		child = frappe.get_meta(df.options).get_field(column)
		data[table] = [{**row, column: forged(child)}]
	elif df.fieldtype == "Table":
		data[table] = [{"stage": "Meeting", "recorded_on": FORGED_MOMENT, "expires_on": FORGED_MOMENT}]
	else:
		data[field] = forged(df)
	return data


def update_payload(doctype: str, name: str, field: str) -> dict:
	"""The change of one rule field of the record, as a REST client sends it."""
	current = fresh(doctype, name)
	table, _dot, column = field.partition(".")
	df = frappe.get_meta(doctype).get_field(table)
	if column:
		rows = current[table]
		child = frappe.get_meta(df.options).get_field(column)
		rows[0][column] = forged(child, rows[0][column])
		return {table: rows}
	if df.fieldtype == "Table":
		return {table: [*current[table], {"stage": "Meeting", "recorded_on": FORGED_MOMENT, "rule": "FX-6"}]}
	return {field: forged(df, current[field])}


@pytest.mark.parametrize("doctype, field", cases("insert"))
def test_x2_ra1_ra2_ar1_a_rest_insert_with_a_rule_field_is_refused_naming_it(doctype, field, clients, base):
	"""X-2: POST /api/resource with a status, deadline, signature, verdict or key: 403 naming the field,
	nothing created (a request cannot arrive "Awaiting Signatures" past RA-1/RA-2, nor a client request
	already routed past AR-3/AR-4)."""
	before = count(doctype)
	response = clients[WRITER[doctype]].post(
		f"/api/resource/{doctype}", json=insert_payload(doctype, field, base)
	)
	assert response.status_code == 403, (response.status_code, message_of(response))
	assert named(response, doctype, field), message_of(response)
	assert count(doctype) == before


@pytest.mark.parametrize("doctype, field", cases("update"))
def test_x2_ra1_ra10_ar1_a_rest_update_of_a_rule_field_is_refused_and_changes_nothing(
	doctype, field, clients, records
):
	"""X-2: PUT /api/resource changing a rule field (a signature, RA-10; the record a request is about, RA-1;
	the routed advisor, AR-3): 403 naming the field, the record as it was."""
	name = records[doctype]
	before = fresh(doctype, name)
	response = put(clients[WRITER[doctype]], doctype, name, update_payload(doctype, name, field))
	assert response.status_code == 403, (response.status_code, message_of(response))
	assert named(response, doctype, field), message_of(response)
	assert fresh(doctype, name) == before


@pytest.mark.parametrize("doctype, field", scalar("update"))
def test_x2_frappe_client_set_value_of_a_rule_field_is_refused(doctype, field, clients, records):
	"""X-2: POST /api/method/frappe.client.set_value on a rule field: 403 naming it, nothing changed."""
	name = records[doctype]
	before = fresh(doctype, name)
	value = update_payload(doctype, name, field)[field]
	response = clients[WRITER[doctype]].call(
		"frappe.client.set_value", doctype=doctype, name=name, fieldname=field, value=value
	)
	assert response.status_code == 403, (response.status_code, message_of(response))
	assert named(response, doctype, field), message_of(response)
	assert fresh(doctype, name) == before


@pytest.mark.parametrize("doctype", DOCTYPES)
def test_x2_frappe_client_insert_many_with_a_rule_field_is_refused(doctype, clients, base):
	field = CONTROLLERS[doctype].RULE_FIELDS[0]
	before = count(doctype)
	docs = [{"doctype": doctype, **insert_payload(doctype, field, base)}]
	response = clients[WRITER[doctype]].call("frappe.client.insert_many", docs=as_json(docs))
	assert response.status_code == 403, (response.status_code, message_of(response))
	assert named(response, doctype, field), message_of(response)
	assert count(doctype) == before


DESK_CHANGES = {  # one rule field each, and a field a person may change (None: nothing is theirs to change)
	REQUEST: ("agent_signed_by", None),
	CLIENT_REQUEST: ("routed_advisor", ("description", "Le client rappelle : rachat total.")),
	LISTING: ("protected_until", ("price", 125000)),
	ELIGIBILITY: ("status", None),
	REGISTRATION: ("agent", None),
	FIXATION: ("expires_on", ("question", "¿Hay un piso con terraza?")),
	ATTACHMENT: ("verdict", None),
}


def desk_save(client: Client, doc: dict):
	"""The form's Save button: the whole document, as the desk loaded it."""
	return client.call("frappe.desk.form.save.savedocs", doc=as_json(doc), action="Save")


@pytest.mark.parametrize("doctype", DOCTYPES)
def test_x2_the_desks_save_of_a_changed_rule_field_is_refused_and_of_a_persons_field_passes(
	doctype, clients, records
):
	"""X-2: the desk sends the whole form back: a rule field changed in it is refused; the same form with only
	a person's field changed saves (no false refusal from dates, numbers or blanks read back)."""
	name = records[doctype]
	rule_field, own = DESK_CHANGES[doctype]
	before = fresh(doctype, name)
	df = frappe.get_meta(doctype).get_field(rule_field)
	response = desk_save(clients[WRITER[doctype]], {**before, rule_field: forged(df, before[rule_field])})
	assert response.status_code == 403, (response.status_code, message_of(response))
	assert named(response, doctype, rule_field), message_of(response)
	assert fresh(doctype, name) == before
	if own:
		field, value = own
		saved = desk_save(clients[WRITER[doctype]], {**before, field: value})
		assert saved.status_code == 200, message_of(saved)
		after = fresh(doctype, name)
		assert after[field] == value and after["status"] == before["status"]


def test_x2_ra1_a_data_import_of_requests_awaiting_signatures_imports_nothing(cast):
	"""X-2, RA-1: a Data Import of a reassignment request already "Awaiting Signatures" is refused, row by row."""
	before = count(REQUEST)
	columns = ["reference_doctype", "reference_name", "reason", "new_agent", "status"]
	row = ["Lead", cast["lead"], "Inactivity", MANAGER, "Awaiting Signatures"]
	_made, log = data_import(REQUEST, columns, [row])
	assert not log.success and REFUSED in log.messages and "Status" in log.messages
	assert frappe.db.count(REQUEST) == before


# The app's own flows still write the rule fields.


@pytest.fixture
def dormant_lead(cast):
	"""A lead of the sales user without activity for 31 days (RA-2), committed; taken away by the cast."""
	frappe.db.rollback()
	first, last = "Dormida", "X2"
	lead = frappe.get_doc({"doctype": "Lead", "first_name": first, "last_name": last, "mobile_no": mobile()})
	lead.lead_owner = SALES
	lead = lead.insert(ignore_permissions=True).name
	leave_unworked(lead, 31)
	commit()
	yield lead
	frappe.db.rollback()
	requests = frappe.get_all(REQUEST, {"reference_name": lead}, pluck="name")
	for table, filters in (
		("Comment", {"reference_name": ("in", requests or [""])}),
		("Notification Log", {"document_name": ("in", requests or [""])}),
		("Agent Score Entry", {"reference_name": lead}),
		(REQUEST, {"name": ("in", requests or [""])}),
	):
		frappe.db.delete(table, filters)
	commit()


def test_x2_ra2_ra10_a_managers_request_with_just_the_record_and_reason_is_admitted_answered_and_signed(
	clients, offices, dormant_lead
):
	"""RA-2, RA-10, X-2: manager A enters a request over REST with only the record and the reason; the rules
	fill in the rest. A forged status or signature is refused on the way; manager B's answer and the two
	signatures, through the app's methods, move the client."""
	entered = clients[MANAGER_2].post(
		f"/api/resource/{REQUEST}",
		json={"reference_doctype": "Lead", "reference_name": dormant_lead, "reason": "Inactivity"},
	)
	assert entered.status_code == 200, message_of(entered)
	request = entered.json()["data"]
	assert (request["status"], request["rule"], request["new_agent"]) == ("Pending", "RA-2", MANAGER_2)
	assert (request["owning_manager"], request["requesting_manager"]) == (MANAGER, MANAGER_2)
	assert request["current_agent"] == SALES and request["respond_by"]
	name = request["name"]

	forged_status = put(clients[MANAGER_2], REQUEST, name, {"status": "Awaiting Signatures"})
	assert forged_status.status_code == 403 and named(forged_status, REQUEST, "status")
	answered = clients[MANAGER].call("ownership_policies.api.answer_reassignment", request=name, accept=1)
	assert answered.status_code == 200, message_of(answered)
	assert answered.json()["message"]["status"] == "Awaiting Signatures"

	forged_signature = put(clients[MANAGER_2], REQUEST, name, {"manager_signed_by": MANAGER_2})
	assert forged_signature.status_code == 403 and named(forged_signature, REQUEST, "manager_signed_by")
	for signer, status in ((MANAGER_2, "Awaiting Signatures"), (MANAGER, "Granted")):
		signed = clients[signer].call("ownership_policies.api.sign_reassignment", request=name)
		assert signed.status_code == 200, message_of(signed)
		assert signed.json()["message"]["status"] == status
	granted = fresh(REQUEST, name)
	assert (granted["agent_signed_by"], granted["manager_signed_by"]) == (MANAGER_2, MANAGER)
	assert frappe.db.get_value("Lead", dormant_lead, "lead_owner") == MANAGER_2


def test_x2_ra1_a_request_entered_by_hand_is_still_checked_against_the_protection(clients, offices, cast):
	"""RA-1, X-2: the desk's or REST's request goes through the same admission as the API: the cast's lead was
	worked recently, so inactivity is no reason, and nothing is created."""
	before = count(REQUEST)
	refused = clients[MANAGER_2].post(
		f"/api/resource/{REQUEST}",
		json={"reference_doctype": "Lead", "reference_name": cast["lead"], "reason": "Inactivity"},
	)
	assert refused.status_code == 417 and "is protected until" in message_of(refused)
	assert count(REQUEST) == before


def test_x2_ra5_agent_departure_is_no_way_round_the_protection_and_the_answer(clients, offices, cast):
	"""RA-5: "Agent Departure" skips manager B's answer, so it is admitted only for an agent who has left; the
	sales user holding the cast's lead still works here."""
	before = count(REQUEST)
	refused = clients[MANAGER_2].post(
		f"/api/resource/{REQUEST}",
		json={"reference_doctype": "Lead", "reference_name": cast["lead"], "reason": "Agent Departure"},
	)
	assert refused.status_code == 417 and "has left" in message_of(refused)
	assert count(REQUEST) == before


def test_x2_ar3_ar4_a_client_request_staff_enter_is_routed_by_the_app(clients, base):
	"""AR-1, AR-4, X-2: a sales user enters a client request with the client's words only; the app routes it
	(its rule and reason), and the sales user can then still correct what the client asks."""
	entered = clients[SALES].post(f"/api/resource/{CLIENT_REQUEST}", json=base[CLIENT_REQUEST])
	assert entered.status_code == 200, message_of(entered)
	request = entered.json()["data"]
	try:
		assert request["routing_rule"] in ("AR-3", "AR-4") and request["routing_reason"]
		assert request["status"] in ("Open", "Forwarded")
		corrected = put(clients[SALES], CLIENT_REQUEST, request["name"], {"description": "Rachat total."})
		assert corrected.status_code == 200, message_of(corrected)
	finally:
		frappe.db.rollback()
		for table, filters in (
			("Communication", {"reference_name": request["name"]}),
			("Ownership Ledger Entry", {"reference_name": request["name"]}),
			("Notification Log", {"document_name": request["name"]}),
			("Comment", {"reference_name": request["name"]}),
			(CLIENT_REQUEST, {"name": request["name"]}),
		):
			frappe.db.delete(table, filters)
		commit()


def test_x2_a_listing_an_agent_registers_is_active_protected_and_withdrawn_through_its_action(
	clients, records
):
	"""RA-3, RA-8, X-2: the listing the agent registered over REST (the module's record) got its status, its
	registration time and its protection from the rules, and its decision row its recorder; its status then
	changes by its Withdraw action only."""
	name = records[LISTING]
	listing = fresh(LISTING, name)
	assert listing["status"] == "Active" and listing["registered_on"] and listing["protected_until"]
	assert listing["decisions"][0]["recorded_by"] == SALES
	refused = put(clients[SALES], LISTING, name, {"status": "Withdrawn"})
	assert refused.status_code == 403 and named(refused, LISTING, "status")
	make_user("x2.rules.other@example.com", "Sales User", password=PASSWORD)  # another agent
	commit()
	taken_off = Client("x2.rules.other@example.com").post(
		"/api/method/run_doc_method", json={"dt": LISTING, "dn": name, "method": "withdraw"}
	)
	assert taken_off.status_code == 403 and "agent or a sales manager" in message_of(taken_off)
	withdrawn = clients[SALES].post(
		"/api/method/run_doc_method",
		json={"dt": LISTING, "dn": name, "method": "withdraw"},
	)
	assert withdrawn.status_code == 200, message_of(withdrawn)
	assert fresh(LISTING, name)["status"] == "Withdrawn" and not fresh(LISTING, name)["property_key"]
	assert frappe.db.exists(
		"Ownership Ledger Entry", {"reference_name": name, "claim": "Listing", "action": "Release"}
	)


def test_x2_fx3_a_partners_fixation_through_fix_client_still_gets_its_status_and_dates(clients):
	"""FX-1, FX-3, X-2: the partner's fix_client fills the fixation's status, stage and dates by the rules."""
	fixed = clients[PARTNER_A].call(
		"ownership_policies.api.fix_client", agency=AGENCY_A, phone=mobile(), full_name="Client Gamma"
	)
	assert fixed.status_code == 200, message_of(fixed)
	fixation = fresh(FIXATION, fixed.json()["message"]["fixation"])
	assert (fixation["status"], fixation["stage"]) == ("Active", "Initial")
	assert fixation["fixed_on"] and fixation["expires_on"] and len(fixation["stages"]) == 1


def test_x2_every_policy_doctype_declares_its_rule_fields_in_one_place():
	"""X-2: the fields the rules decide, per doctype, are one declaration each; the desk shows them read-only
	and does not copy them into a duplicate."""
	expected = {
		REQUEST: {"status", "respond_by", "agent_signed_by", "manager_signed_by", "owning_manager"},
		CLIENT_REQUEST: {"status", "routed_advisor", "due_date", "feedback_scored", "overdue_scored"},
		LISTING: {"status", "property_key", "protected_until", "duplicate_of"},
		ELIGIBILITY: {"status", "commission_cut", "commission_amount", "agent"},
		REGISTRATION: {"client_key", "agent", "registered_on"},
		FIXATION: {"status", "expires_on", "active_client_key", "stages"},
		ATTACHMENT: {"verdict", "attached_on", "remunerable_until", "holding_key"},
	}
	for doctype, fields in expected.items():
		assert fields <= set(CONTROLLERS[doctype].RULE_FIELDS), doctype
		meta = frappe.get_meta(doctype)
		for field in CONTROLLERS[doctype].RULE_FIELDS:
			table, _dot, column = field.partition(".")
			df = meta.get_field(table)
			if column:
				df = frappe.get_meta(df.options).get_field(column)
			assert df.read_only and df.no_copy, (doctype, field)
		for field in CONTROLLERS[doctype].SET_ON_INSERT:
			assert meta.get_field(field).set_only_once, (doctype, field)


def test_x2_ra1_a_leads_protection_is_the_rules_alone(clients, cast):
	"""RA-1: the sales user may not push the protection of their own lead far ahead (the record would never
	be reassignable), nor enter a lead already protected for years: the sent dates are dropped, the rule's
	kept. Over REST, as the sales user who holds the lead."""
	sales, far = clients[SALES], "2099-01-01 00:00:00"
	before = frappe.db.get_value("Lead", cast["lead"], ["protected_until", "last_activity_on"], as_dict=True)
	for field in ("protected_until", "last_activity_on"):
		response = sales.session.put(f"{URL}/api/resource/Lead/{cast['lead']}", json={field: far})
		assert response.status_code == 403 and "set by the app's rules only" in message_of(response)
	frappe.db.rollback()
	assert (
		frappe.db.get_value("Lead", cast["lead"], ["protected_until", "last_activity_on"], as_dict=True)
		== before
	)
	made = sales.post(
		"/api/resource/Lead",
		json={"first_name": "Protegida", "mobile_no": "+33 6 41 00 03 01", "protected_until": far},
	)
	assert made.status_code == 200, message_of(made)
	frappe.db.rollback()
	until = frappe.db.get_value("Lead", made.json()["data"]["name"], "protected_until")
	assert until < (now_datetime() + timedelta(days=200)).date()
