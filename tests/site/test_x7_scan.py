"""Finding the old duplicates, on a real site (X-7): the background scan reads the identity index for the phones
and emails several records hold, among records entered in bulk (no doc events, indexed by the backfill) and
through the desk; a run again makes no second group; a stopped scan goes on from its last batch; a merge closes
its group; the Duplicates report lists the groups with its filters and a chart; managers only (a plain sales
user is refused, a partner is stopped at the door over HTTP)."""

import frappe
import pytest
from conftest import as_user, make_customer, make_lead, make_user, new_mobile
from frappe.utils import getdate
from http_cast import MANAGER as HTTP_MANAGER
from http_cast import PARTNER_A, SALES, Client, message_of

from ownership_policies import api
from ownership_policies.ownership import duplicate_scan
from ownership_policies.ownership.duplicate_scan import GROUP, GROUP_RECORD, SCAN_STATE
from ownership_policies.ownership.identity import rebuild_identity_keys
from ownership_policies.ownership.report.duplicates import duplicates as report
from ownership_policies.ownership.rows import insert_rows

MANAGER, AGENT = "x7.scan.manager@example.com", "x7.scan.agent@example.com"
SOURCE = "X7 Salon de l'habitat"
DOOR = "This is not open to partners."


@pytest.fixture(scope="module", autouse=True)
def scan_cast(site):
	make_user(MANAGER, "Sales Manager", "Sales User")
	make_user(AGENT, "Sales User")
	if not frappe.db.exists("Lead Source", SOURCE):
		frappe.get_doc({"doctype": "Lead Source", "source_name": SOURCE}).insert(ignore_permissions=True)
	frappe.db.commit()


@pytest.fixture(autouse=True)
def fresh_scan():
	frappe.db.set_single_value("Ownership Settings", "default_phone_region", "FR")
	frappe.cache.delete_value(SCAN_STATE)
	yield
	frappe.cache.delete_value(SCAN_STATE)


def bulk_leads(*leads: dict) -> list[str]:
	"""Leads written straight into their table, as a bulk import does (no doc event), then indexed by the
	backfill one runs after such an import."""
	fields = {field for lead in leads for field in lead}
	rows = [
		{
			"name": f"X7-BULK-{frappe.generate_hash(length=8)}",
			"naming_series": "CRM-LEAD-.YYYY.-",
			"status": "Lead",
			**dict.fromkeys(fields),
			**lead,
		}
		for lead in leads
	]
	names = insert_rows("Lead", rows)
	rebuild_identity_keys(doctypes=("Lead",), progress=lambda message: None)
	return names


def groups_of(doctype: str, name: str) -> list[frappe._dict]:
	parents = frappe.get_all(GROUP_RECORD, {"record_doctype": doctype, "record_name": name}, pluck="parent")
	return frappe.get_all(
		GROUP, {"name": ("in", parents or [""])}, ["name", "status", "matched_on", "phone", "email"]
	)


def members(group: str) -> set[tuple[str, str]]:
	rows = frappe.get_all(GROUP_RECORD, {"parent": group}, ["record_doctype", "record_name"])
	return {(row.record_doctype, row.record_name) for row in rows}


def scan(**kwargs):
	return duplicate_scan.scan(progress=kwargs.pop("progress", lambda done, total: None), **kwargs)


@pytest.fixture
def pairs():
	"""A person entered twice by phone (in bulk, then in the desk, written another way), and one by email (a
	bulk lead, and a customer entered in the desk, whose own Contact carries the email)."""
	phone, email = new_mobile(), f"anna.{frappe.generate_hash(length=6)}@example.com"
	(bulk_phone, bulk_email) = bulk_leads(
		{
			"lead_name": "Paul Martin",
			"first_name": "Paul",
			"last_name": "Martin",
			"mobile_no": phone,
			"lead_owner": AGENT,
			"source": SOURCE,
			"creation": "2026-11-03 10:00:00",
		},
		{
			"lead_name": "ANNA SCHMIDT",
			"first_name": "Anna",
			"last_name": "Schmidt",
			"email_id": email.upper(),
			"creation": "2026-11-10 10:00:00",
		},
	)
	desk = as_user(AGENT, make_lead, first_name="Paul", last_name="Martin", mobile_no="+33 " + phone[1:])
	customer = make_customer("Anna Schmidt")
	customer.email_id = email
	customer.save(ignore_permissions=True)
	return frappe._dict(
		phone=("Lead", bulk_phone),
		desk=("Lead", desk.name),
		email=("Lead", bulk_email),
		customer=("Customer", customer.name),
	)


# the scan


def test_x7_the_scan_finds_a_group_by_phone_and_one_by_email_among_bulk_and_desk_records(pairs):
	found = scan()
	(by_phone,) = groups_of(*pairs.phone)
	assert members(by_phone.name) == {pairs.phone, pairs.desk}
	assert by_phone.status == "Open" and by_phone.matched_on == "Phone" and by_phone.phone.startswith("+33")
	(by_email,) = groups_of(*pairs.email)
	assert members(by_email.name) == {pairs.email, pairs.customer}  # the customer's Contact stands for it
	assert (
		by_email.matched_on == "Email"
		and by_email.email == frappe.db.get_value("Lead", pairs.email[1], "email_id").lower()
	)
	assert found["groups"] >= 2 and found["records"] > 0 and found["records_per_second"] > 0


def test_x7_a_household_sharing_a_phone_under_another_name_is_no_group():
	phone = new_mobile()
	(lead,) = bulk_leads({"lead_name": "Jean Dupont", "first_name": "Jean", "mobile_no": phone})
	as_user(AGENT, make_lead, first_name="Zoé", last_name="Karimova", mobile_no=phone)
	scan()
	assert groups_of("Lead", lead) == []


def test_x7_a_lead_its_contact_and_the_customer_made_from_it_are_no_group():
	phone = new_mobile()
	lead = as_user(AGENT, make_lead, first_name="Inès", last_name="Faure", mobile_no=phone)
	customer = make_customer("Inès Faure")
	customer.db_set("lead_name", lead.name)
	customer.mobile_no = phone
	customer.save(ignore_permissions=True)
	scan()
	assert groups_of("Lead", lead.name) == [] and groups_of("Customer", customer.name) == []


def test_x7_a_run_again_makes_no_second_group(pairs):
	scan()
	(first,) = groups_of(*pairs.phone)
	scan()
	assert groups_of(*pairs.phone) == [first]
	assert len(groups_of(*pairs.email)) == 1


def test_x7_a_person_sharing_phone_and_email_is_one_group_matched_on_both():
	phone, email = new_mobile(), f"luc.{frappe.generate_hash(length=6)}@example.com"
	(bulk,) = bulk_leads(
		{"lead_name": "Luc Bernard", "first_name": "Luc", "mobile_no": phone, "email_id": email}
	)
	contact = frappe.get_doc(
		{
			"doctype": "Contact",
			"first_name": "Luc",
			"last_name": "Bernard",
			"email_ids": [{"email_id": email.upper(), "is_primary": 1}],
			"phone_nos": [{"phone": phone, "is_primary_mobile_no": 1}],
		}
	).insert(ignore_permissions=True)
	scan()
	(group,) = groups_of("Lead", bulk)
	assert group.matched_on == "Phone, Email" and members(group.name) == {
		("Lead", bulk),
		("Contact", contact.name),
	}


class Stopped(Exception):
	pass


def test_x7_a_stopped_scan_goes_on_from_its_last_batch(pairs):
	def stop(done, total):
		raise Stopped

	with pytest.raises(Stopped):
		scan(batch_size=1, progress=stop)
	stopped = frappe.cache.get_value(SCAN_STATE)
	assert stopped["done"] == 1 and stopped["after"]
	told = []
	scan(batch_size=50, progress=lambda done, total: told.append((done, total)))
	assert told[0][0] > 1 and told[0][1] == stopped["total"]  # it went on from the batch it had committed
	assert frappe.cache.get_value(SCAN_STATE) is None  # done: the next one starts over
	assert len(groups_of(*pairs.phone)) == 1 and len(groups_of(*pairs.email)) == 1


def test_x7_a_merge_closes_its_group_and_an_undo_reopens_it_at_the_next_scan(pairs):
	scan()
	(group,) = groups_of(*pairs.phone)
	merged = as_user(MANAGER, api.merge_records, doctype="Lead", keep=pairs.phone[1], merge=pairs.desk[1])
	assert groups_of(*pairs.phone)[0].status == "Closed"  # at once, by the merge
	scan()
	assert [g.status for g in groups_of(*pairs.phone)] == ["Closed"]  # no group for the merged record
	as_user(MANAGER, api.unmerge_records, merge_log=merged["merge_log"])
	scan()
	assert groups_of(*pairs.phone) == [frappe._dict(group, status="Open")]


def test_x7_a_deleted_record_closes_its_group_at_the_next_scan(pairs):
	scan()
	(group,) = groups_of(*pairs.phone)
	frappe.delete_doc("Lead", pairs.desk[1], force=True, ignore_permissions=True)
	scan()
	assert frappe.db.get_value(GROUP, group.name, "status") == "Closed"
	assert [g.status for g in groups_of(*pairs.phone)] == ["Closed"]


# the report


def run_report(**filters):
	_columns, rows, message, chart = as_user(MANAGER, report.execute, frappe._dict(filters))
	return rows, message, chart


def listed(rows) -> set[tuple[str, str]]:
	return {(row["record_doctype"], row["record"]) for row in rows}


def test_x7_the_report_lists_each_group_with_its_records_and_a_chart(pairs):
	scan()
	rows, _message, chart = run_report(status="Open")
	assert {pairs.phone, pairs.desk, pairs.email, pairs.customer} <= listed(rows)
	bulk = next(row for row in rows if (row["record_doctype"], row["record"]) == pairs.phone)
	assert bulk["title"] == "Paul Martin" and bulk["owner"] == AGENT and bulk["source"] == SOURCE
	assert bulk["week"] == getdate("2026-11-02") and bulk["status"] == "Lead"
	assert [target["name"] for target in bulk["merge_into"]] == [pairs.desk[1]]
	by_email = next(row for row in rows if (row["record_doctype"], row["record"]) == pairs.email)
	assert [target["doctype"] for target in by_email["merge_into"]] == ["Customer"]  # a Lead into a Customer
	customer = next(
		row for row in rows if row["record_doctype"] == "Customer" and row["record"] == pairs.customer[1]
	)
	assert customer["merge_into"] == []  # a Customer is not merged into a Lead
	assert chart and sum(chart["data"]["datasets"][0]["values"]) >= 2
	by_source = run_report(status="Open", chart_by="Source")[2]
	assert SOURCE in by_source["data"]["labels"]


@pytest.mark.parametrize(
	("filters", "phone_group", "email_group"),
	[
		({"owner": AGENT}, True, False),
		({"owner": MANAGER}, False, False),
		({"source": SOURCE}, True, False),
		({"record_doctype": "Customer"}, False, True),
		({"matched_on": "Email"}, False, True),
		({"from_date": "2026-11-01", "to_date": "2026-11-05"}, True, False),
		({"from_date": "2026-11-09", "to_date": "2026-11-11"}, False, True),
	],
)
def test_x7_the_report_filters_by_agent_source_type_key_and_week(pairs, filters, phone_group, email_group):
	scan()
	shown = listed(run_report(status="Open", **filters)[0])
	assert (pairs.phone in shown) is phone_group and (pairs.desk in shown) is phone_group
	assert (pairs.email in shown) is email_group and (pairs.customer in shown) is email_group


def test_x7_a_merged_group_is_listed_among_the_closed_ones(pairs):
	scan()
	as_user(MANAGER, api.merge_records, doctype="Lead", keep=pairs.phone[1], merge=pairs.desk[1])
	assert pairs.phone not in listed(run_report(status="Open")[0])
	rows = run_report(status="Closed")[0]
	merged = next(row for row in rows if (row["record_doctype"], row["record"]) == pairs.desk)
	assert pairs.phone[1] in merged["status"] and merged["merge_into"] == []


# who may


def test_x7_a_manager_starts_the_scan_in_the_background(monkeypatch):
	queued = []
	monkeypatch.setattr(frappe, "enqueue", lambda method, **kwargs: queued.append((method, kwargs)))
	answer = as_user(MANAGER, api.scan_duplicates)
	assert queued == [
		(
			"ownership_policies.ownership.duplicate_scan.scan",
			{"queue": "long", "timeout": 4 * 3600, "job_id": duplicate_scan.JOB, "deduplicate": True},
		)
	]
	assert answer["job"] == duplicate_scan.JOB and answer["message"]


def test_x7_a_plain_sales_user_neither_scans_nor_reads_the_report(monkeypatch):
	monkeypatch.setattr(frappe, "enqueue", lambda *args, **kwargs: pytest.fail("queued for a sales user"))
	with pytest.raises(frappe.PermissionError):
		as_user(AGENT, api.scan_duplicates)
	_columns, rows, message = as_user(AGENT, report.execute, frappe._dict(status="Open"))
	assert rows == [] and "Only sales managers" in message
	from frappe.desk.query_report import run

	with pytest.raises(frappe.PermissionError):
		as_user(AGENT, run, "Duplicates", filters={"status": "Open"})


def test_x7_a_partner_is_stopped_at_the_door_and_a_sales_user_refused_over_http(cast):
	partner = Client(PARTNER_A)
	for response in (
		partner.call("ownership_policies.api.scan_duplicates"),
		partner.call("frappe.desk.query_report.run", report_name="Duplicates", filters={"status": "Open"}),
	):
		assert response.status_code == 403 and DOOR in message_of(response), response.text
	sales = Client(SALES)
	response = sales.call("ownership_policies.api.scan_duplicates")
	assert response.status_code == 403 and "Only a sales manager" in message_of(response), response.text
	assert "Traceback" not in response.text  # a refusal, not a fault
	response = sales.call(
		"frappe.desk.query_report.run", report_name="Duplicates", filters={"status": "Open"}
	)
	assert response.status_code == 403, response.text  # Frappe's own check of the report's roles


# not the same person


def mark(group: str, reason: str | None = None, user: str = MANAGER) -> dict:
	return as_user(user, duplicate_scan.mark_not_same_person, group=group, reason=reason)


def infos(doctype: str, name: str) -> list[str]:
	return frappe.get_all(
		"Comment",
		{"reference_doctype": doctype, "reference_name": name, "comment_type": "Info"},
		pluck="content",
	)


def test_x7_a_manager_marks_a_group_not_the_same_person_with_who_when_and_why(pairs):
	scan()
	(group,) = groups_of(*pairs.phone)
	answer = mark(group.name, "  Father and son, one landline  ")
	assert answer == {"group": group.name, "status": "Not the Same Person"}
	marked = frappe.db.get_value(
		GROUP, group.name, ["status", "marked_by", "marked_on", "mark_reason"], as_dict=True
	)
	assert (marked.status, marked.marked_by, marked.mark_reason) == (
		"Not the Same Person",
		MANAGER,
		"Father and son, one landline",
	)
	assert marked.marked_on
	(said,) = infos(GROUP, group.name)
	assert "Not the Same Person by" in said and "Father and son" in said
	(on_lead,) = [note for note in infos(*pairs.phone) if "Not the same person as" in note]
	assert f"/app/lead/{pairs.desk[1]}" in on_lead


def test_x7_a_scan_keeps_a_marked_group_and_makes_none_of_a_part_of_it_but_one_with_a_newcomer():
	phone = new_mobile()
	namesakes = bulk_leads(*({"lead_name": "Paul Martin", "first_name": "Paul", "mobile_no": phone},) * 3)
	scan()
	(group,) = groups_of("Lead", namesakes[0])
	mark(group.name)
	scan()
	assert groups_of("Lead", namesakes[0]) == [frappe._dict(group, status="Not the Same Person")]
	frappe.delete_doc("Lead", namesakes[2], force=True, ignore_permissions=True)
	scan()  # the two left are marked apart: no group of them
	assert [g.name for g in groups_of("Lead", namesakes[0])] == [group.name]
	assert frappe.db.get_value(GROUP, group.name, "status") == "Not the Same Person"
	newcomer = as_user(AGENT, make_lead, first_name="Paul", last_name="Martin", mobile_no=phone)
	scan()  # a new record of the phone may be either of them: a group, open
	(new_group,) = [g for g in groups_of("Lead", newcomer.name)]
	assert new_group.status == "Open"
	assert members(new_group.name) == {
		("Lead", namesakes[0]),
		("Lead", namesakes[1]),
		("Lead", newcomer.name),
	}


def test_x7_a_mark_taken_back_opens_the_group_again(pairs):
	scan()
	(group,) = groups_of(*pairs.phone)
	mark(group.name, "namesakes")
	answer = as_user(MANAGER, duplicate_scan.reopen_group, group=group.name)
	assert answer == {"group": group.name, "status": "Open"}
	reopened = frappe.db.get_value(
		GROUP, group.name, ["status", "marked_by", "marked_on", "mark_reason"], as_dict=True
	)
	assert reopened == {"status": "Open", "marked_by": None, "marked_on": None, "mark_reason": None}
	assert any("Reopened by" in note for note in infos(GROUP, group.name))
	scan()
	assert groups_of(*pairs.phone) == [frappe._dict(group, status="Open")]


def test_x7_only_an_open_group_is_marked_and_only_a_marked_one_reopened(pairs):
	scan()
	(group,) = groups_of(*pairs.phone)
	with pytest.raises(frappe.ValidationError, match="Only a group marked"):
		as_user(MANAGER, duplicate_scan.reopen_group, group=group.name)
	as_user(MANAGER, api.merge_records, doctype="Lead", keep=pairs.phone[1], merge=pairs.desk[1])
	with pytest.raises(frappe.ValidationError, match="Only an open duplicate group"):
		mark(group.name)
	with pytest.raises(frappe.DoesNotExistError):
		mark("DG-000000000000")


def test_x7_a_plain_sales_user_neither_marks_nor_reopens(pairs):
	scan()
	(group,) = groups_of(*pairs.phone)
	with pytest.raises(frappe.PermissionError, match="Only a sales manager"):
		mark(group.name, user=AGENT)
	mark(group.name)
	with pytest.raises(frappe.PermissionError, match="Only a sales manager"):
		as_user(AGENT, duplicate_scan.reopen_group, group=group.name)
	assert frappe.db.get_value(GROUP, group.name, "status") == "Not the Same Person"


def test_x7_marking_is_closed_to_partners_and_sales_users_over_http(cast):
	methods = [f"ownership_policies.api.{name}" for name in ("mark_not_same_person", "reopen_group")]
	partner, sales, manager = Client(PARTNER_A), Client(SALES), Client(HTTP_MANAGER)
	for method in methods:
		response = partner.call(method, group="DG-000000000000")
		assert response.status_code == 403 and DOOR in message_of(response), response.text
		response = sales.call(method, group="DG-000000000000")
		assert response.status_code == 403 and "Only a sales manager" in message_of(response), response.text
		response = manager.call(method, group="DG-000000000000")
		assert response.status_code == 404 and "does not exist" in message_of(response), response.text
		response = manager.call(method)
		assert response.status_code == 417 and "Send group" in message_of(response), response.text
		assert "Traceback" not in response.text


def test_x7_the_report_lists_a_marked_group_apart_with_who_and_why_and_offers_its_reopening(pairs):
	scan()
	(group,) = groups_of(*pairs.phone)
	open_rows = [row for row in run_report(status="Open")[0] if row["group"] == group.name]
	assert [row["group_action"] for row in open_rows] == ["mark", None]
	mark(group.name, "father and son")
	assert group.name not in {row["group"] for row in run_report(status="Open")[0]}
	rows = [row for row in run_report(status="Not the Same Person")[0] if row["group"] == group.name]
	assert [row["group_action"] for row in rows] == ["reopen", None]
	assert all(row["merge_into"] == [] for row in rows)  # different people are not merged
	status = rows[0]["group_status"]
	assert "Not the Same Person" in status and "father and son" in status
	assert frappe.utils.get_fullname(MANAGER) in status
