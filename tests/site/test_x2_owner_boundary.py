"""X-2, LQ-2, RA-3, RA-10: what a red-team pass over HTTP found in the owner history, each closed. A sales user
cannot make themselves an owner by naming an Assignment Rule or by changing a queued lead's status; the
history stays right after a reassignment's protection lapses, after a deletion and after a merge; a request's
signatures cannot be deleted; a date `who_owns` cannot read is a 417."""

import frappe
import pytest
from conftest import make_lead, make_user, remove_committed_lead_names
from frappe.utils import add_days, now_datetime
from http_cast import MANAGER, PASSWORD, SALES, URL, Client, message_of

from ownership_policies.ownership import claims, ledger
from ownership_policies.ownership.immutable import by_app

QUEUED_PHONE = "+33 6 41 00 04 01"


@pytest.fixture
def queued_lead(cast):
	"""An unowned open lead in the queue, committed; taken away after."""
	frappe.db.rollback()
	lead = make_lead(first_name="Queued", last_name="X2", mobile_no=QUEUED_PHONE, lead_owner="").name
	frappe.db.sql("commit")
	yield lead
	remove_committed_lead_names([lead])


@pytest.fixture
def some_rule(cast):
	"""An Assignment Rule of another doctype, disabled: a name anyone may write into a ToDo."""
	frappe.db.rollback()
	rule = frappe.get_doc(
		{
			"doctype": "Assignment Rule",
			"name": "X2 Other Rule",
			"document_type": "Opportunity",
			"priority": 1,
			"disabled": 1,
			"rule": "Round Robin",
			"assign_condition": "1",
			"users": [{"user": SALES}],
			"assignment_days": [{"day": "Monday"}],
		}
	).insert(ignore_permissions=True, ignore_if_duplicate=True)
	frappe.db.sql("commit")
	yield rule.name
	frappe.db.rollback()
	frappe.delete_doc("Assignment Rule", rule.name, ignore_permissions=True, force=True)
	frappe.db.sql("commit")


def test_x2_lq2_naming_an_assignment_rule_by_hand_gives_no_lead(queued_lead, some_rule):
	sales = Client(SALES)
	for path, body in (
		(
			"/api/method/frappe.desk.form.assign_to.add",
			{"assign_to": [SALES], "doctype": "Lead", "name": queued_lead, "assignment_rule": some_rule},
		),
		(
			"/api/resource/ToDo",
			{
				"allocated_to": SALES,
				"reference_type": "Lead",
				"reference_name": queued_lead,
				"assignment_rule": some_rule,
				"description": "mine",
			},
		),
	):
		response = sales.post(path, json=body)
		assert response.status_code == 403 and "Next Lead" in message_of(response), path
	frappe.db.rollback()
	assert not frappe.db.get_value("Lead", queued_lead, "lead_owner")
	assert not frappe.db.exists(ledger.LEDGER, {"reference_name": queued_lead})


def test_x2_lq2_changing_a_queued_leads_status_is_no_way_to_take_it(queued_lead):
	sales = Client(SALES)
	taken = sales.session.put(
		f"{URL}/api/resource/Lead/{queued_lead}", json={"lead_owner": SALES, "status": "Replied"}
	)
	assert taken.status_code == 403 and "Next Lead" in message_of(taken)
	frappe.db.rollback()
	assert not frappe.db.get_value("Lead", queued_lead, "lead_owner")


def test_x2_lq2_working_a_queued_lead_out_of_the_queue_first_is_no_way_to_take_it(queued_lead):
	"""The pick in two saves: the status out of the queue (no owner yet), then the owner; or its tier raised, so
	that Next Lead gives it first."""
	sales = Client(SALES)
	worked = sales.call(
		"frappe.client.set_value", doctype="Lead", name=queued_lead, fieldname="status", value="Replied"
	)
	assert worked.status_code == 403 and "Next Lead" in message_of(worked)
	taken = sales.call(
		"frappe.client.set_value", doctype="Lead", name=queued_lead, fieldname="lead_owner", value=SALES
	)
	assert taken.status_code == 403 and "Next Lead" in message_of(taken)
	raised = sales.call(
		"frappe.client.set_value",
		doctype="Lead",
		name=queued_lead,
		fieldname="priority_tier",
		value="Platinum",
	)
	assert raised.status_code == 403 and "Next Lead" in message_of(raised)  # first in the queue, then taken
	frappe.db.rollback()
	owner, status, tier = frappe.db.get_value("Lead", queued_lead, ["lead_owner", "status", "priority_tier"])
	assert (owner, status, tier or None) == (None, "Lead", None)
	# a manager still may
	answer = Client(MANAGER).call(
		"frappe.client.set_value", doctype="Lead", name=queued_lead, fieldname="status", value="Replied"
	)
	assert answer.status_code == 200, message_of(answer)


def test_x2_lq2_a_user_who_may_not_read_leads_is_not_told_how_many_wait(cast):
	website = make_user("x2.website@example.com", website=True, password=PASSWORD)  # kept, as the cast
	frappe.db.sql("commit")
	for method in (
		"ownership_policies.lead_queue.waiting.count",
		"ownership_policies.lead_queue.dashboard_chart_source.leads_waiting_by_tier.leads_waiting_by_tier.get",
	):
		response = Client(website, PASSWORD).call(method)
		assert response.status_code == 403, (method, response.text)


@pytest.mark.parametrize(
	"on", ["2026-12-01T20:00:00+24:00", "2026-12-01T20:00:00+99:00", "9999-12-31T23:59:59-05:00"]
)
def test_x2_a_moment_who_owns_cannot_read_is_a_417_never_a_500(cast, on):
	response = Client(MANAGER).call(
		"ownership_policies.api.who_owns", reference_doctype="Lead", reference_name=cast["lead"], on=on
	)
	assert response.status_code == 417 and "is not a date and time" in message_of(response)


def test_x2_ra4_the_new_owner_stays_the_owner_once_the_protection_lapses(cast):
	lead = make_lead(first_name="Reassigned", last_name="X2", lead_owner=SALES)
	until = add_days(now_datetime(), 30)
	claims.grant(
		lead, MANAGER, claim="Activity Protection", action="Reassign", rule="RA-4", valid_until=until
	)
	assert frappe.db.get_value("Lead", lead.name, "lead_owner") == MANAGER
	assert ledger.who_owns("Lead", lead.name)["claim"] == "Activity Protection"
	later = ledger.who_owns("Lead", lead.name, add_days(until, 10))
	assert (later["holder"], later["claim"], later["rule"]) == (MANAGER, "Owner", "RA-4")


def test_x2_a_deleted_records_history_ends_and_a_merged_record_answers_with_its_own_owner(cast):
	gone = make_lead(first_name="Gone", last_name="X2", lead_owner=SALES)
	gone.delete(ignore_permissions=True)
	assert ledger.who_owns("Lead", gone.name)["holder"] is None  # a record given this name starts afresh
	kept = make_lead(first_name="Kept", last_name="X2", lead_owner=MANAGER)
	merged = make_lead(first_name="Merged", last_name="X2", lead_owner=SALES)
	frappe.rename_doc("Lead", merged.name, kept.name, merge=True, force=True)
	assert ledger.who_owns("Lead", kept.name)["holder"] == MANAGER


def test_x2_ra10_a_reassignment_request_and_its_signatures_cannot_be_deleted(cast):
	make_user("x2.deleter@example.com", "Sales Manager", "System Manager")
	lead = make_lead(first_name="Signed", last_name="X2", lead_owner=SALES)
	request = by_app(
		frappe.get_doc(
			{
				"doctype": "Reassignment Request",
				"reference_doctype": "Lead",
				"reference_name": lead.name,
				"reason": "Inactivity",
				"status": "Granted",
				"new_agent": MANAGER,
				"requesting_manager": MANAGER,
			}
		)
	).insert(ignore_permissions=True)
	frappe.set_user("x2.deleter@example.com")
	with pytest.raises(frappe.PermissionError, match="cannot be deleted"):
		frappe.delete_doc("Reassignment Request", request.name)
	frappe.set_user("Administrator")
	assert frappe.db.exists("Reassignment Request", request.name)


def test_x2_ra2_an_agent_cannot_take_another_agents_client_by_hand_but_may_give_their_own(cast):
	frappe.db.rollback()
	other = make_user("x2.other.sales@example.com", "Sales User", password=PASSWORD)  # kept, as the cast
	lead = make_lead(first_name="Held", last_name="X2", mobile_no="+33 6 41 00 04 02", lead_owner=SALES).name
	frappe.db.sql("commit")
	try:
		taken = Client(other, PASSWORD).session.put(
			f"{URL}/api/resource/Lead/{lead}", json={"lead_owner": other}
		)
		assert taken.status_code == 403 and "only a sales manager hands it" in message_of(taken)
		given = Client(SALES).session.put(f"{URL}/api/resource/Lead/{lead}", json={"lead_owner": other})
		assert given.status_code == 200, message_of(given)
		frappe.db.rollback()
		assert frappe.db.get_value("Lead", lead, "lead_owner") == other
	finally:
		remove_committed_lead_names([lead])


def test_x2_an_agent_cannot_take_another_agents_opportunity_by_hand(cast):
	frappe.db.rollback()
	other = make_user("x2.other.sales@example.com", "Sales User", password=PASSWORD)
	lead = make_lead(
		first_name="Opportune", last_name="X2", mobile_no="+33 6 41 00 04 03", lead_owner=SALES
	).name
	opportunity = frappe.get_doc(
		{
			"doctype": "Opportunity",
			"opportunity_from": "Lead",
			"party_name": lead,
			"company": frappe.defaults.get_global_default("company"),
			"opportunity_owner": SALES,
		}
	).insert(ignore_permissions=True)
	frappe.db.sql("commit")
	try:
		taken = Client(other, PASSWORD).call(
			"frappe.client.set_value",
			doctype="Opportunity",
			name=opportunity.name,
			fieldname="opportunity_owner",
			value=other,
		)
		assert taken.status_code == 403 and "only a sales manager hands it" in message_of(taken)
		frappe.db.rollback()
		assert frappe.db.get_value("Opportunity", opportunity.name, "opportunity_owner") == SALES
		assert ledger.who_owns("Opportunity", opportunity.name)["holder"] == SALES
	finally:  # a deletion would give the name back to the next opportunity, with these ledger lines
		remove_committed_lead_names(
			[lead],
			(
				"Ownership Ledger Entry",
				{"reference_doctype": "Opportunity", "reference_name": opportunity.name},
			),
			("Opportunity", {"name": opportunity.name}),
		)
