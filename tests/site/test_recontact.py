"""Who owns a client who comes back, on a real site (LQ-3 … LQ-9): appointments booked, moved and missed, lost
files, a known client's new lead, text replies for an absent colleague, and financing requests."""

from datetime import timedelta

import frappe
import pytest
from conftest import ALL_WEEK, make_customer, make_item, make_lead, make_user, new_mobile
from frappe.utils import add_months, get_datetime, get_first_day, now_datetime

from ownership_policies.ownership import ledger, reasons

FIRST, BOOKER = "rc.first@example.com", "rc.booker@example.com"
REPLIER, OFF_SHIFT = "rc.replier@example.com", "rc.offshift@example.com"
DIRECTOR = "rc.director@example.com"


@pytest.fixture(scope="module")
def agents(site):
	"""Three agents on shift all week, one with no schedule (never on shift), an assistant director."""
	for agent in (FIRST, BOOKER, REPLIER, OFF_SHIFT):
		make_user(agent, "Sales User")
	make_user(DIRECTOR, "Assistant Director", "Sales Manager")
	for agent in (FIRST, BOOKER, REPLIER):
		if not frappe.db.exists("Agent Schedule", agent):
			frappe.get_doc({"doctype": "Agent Schedule", "agent": agent, "shifts": ALL_WEEK}).insert()
	frappe.db.commit()


@pytest.fixture(autouse=True)
def french_phones():
	# set directly, inside the test's transaction: saving a new region would index every record again
	frappe.db.set_single_value("Ownership Settings", "default_phone_region", "FR")


def client(owner=None, **values):
	lead = make_lead(first_name="Sophie", last_name="Gagnon", mobile_no=new_mobile(), **values)
	if owner:
		frappe.db.set_value("Lead", lead.name, "lead_owner", owner)
	return lead.name


def book(lead, agent, hours_from_now=24, **values):
	"""An appointment for the lead, booked by `agent`."""
	frappe.set_user(agent)
	try:
		return frappe.get_doc(
			{
				"doctype": "Appointment",
				"appointment_with": "Lead",
				"party": lead,
				"customer_name": "Sophie Gagnon",
				"customer_email": "sophie.gagnon@example.com",
				"scheduled_time": now_datetime() + timedelta(hours=hours_from_now),
				"status": "Open",
				**values,
			}
		).insert()
	finally:
		frappe.set_user("Administrator")


def missed(lead, agent, hours_ago=100):
	"""An appointment the client did not come to, booked by `agent`."""
	appointment = book(lead, agent)
	appointment.db_set({"no_show": 1, "scheduled_time": now_datetime() - timedelta(hours=hours_ago)})
	return appointment


def message(lead, agent, when, medium="Phone", received=False):
	"""A call, email or text with the client, logged by `agent` (None: the client wrote it)."""
	communication = frappe.get_doc(
		{
			"doctype": "Communication",
			"communication_type": "Communication",
			"communication_medium": medium,
			"sent_or_received": "Received" if received else "Sent",
			"subject": "Sophie Gagnon",
			"content": "Bonjour",
			"reference_doctype": "Lead",
			"reference_name": lead,
			"communication_date": when,
		}
	).insert(ignore_permissions=True)
	if agent:
		communication.db_set("owner", agent)


def decision_on(doctype, name):
	owner = ledger.who_owns(doctype, name)
	return owner["holder"], owner["rule"]


def test_lq3_an_agent_books_in_their_own_name_whoever_they_name(agents):
	"""Naming another agent as the booking agent would count as that agent's activity (RA-1) and give them the
	client (LQ-3): only a manager books for someone else."""
	lead = client(owner=FIRST)
	appointment = book(lead, BOOKER, booking_agent=FIRST)
	assert appointment.booking_agent == BOOKER


def test_lq3_moving_an_appointment_keeps_its_booking_agent_and_only_a_manager_changes_it(agents):
	lead = client()
	appointment = book(lead, FIRST)
	assert appointment.booking_agent == FIRST
	assert FIRST in frappe.parse_json(frappe.db.get_value("Appointment", appointment.name, "_assign"))
	frappe.set_user(BOOKER)
	moved = frappe.get_doc("Appointment", appointment.name)
	moved.scheduled_time = get_datetime(moved.scheduled_time) + timedelta(days=2)
	moved.save()
	assert frappe.db.get_value("Appointment", appointment.name, "booking_agent") == FIRST
	assert decision_on("Appointment", appointment.name) == (FIRST, "LQ-3")
	# its reason is kept as the rule's, and reads in the reader's language
	note = frappe.get_all(
		"Ownership Ledger Entry",
		filters={"reference_name": appointment.name, "rule": "LQ-3", "action": "Keep"},
		pluck="note",
	)[0]
	frappe.local.lang = "fr"
	assert reasons.render(note) == "Un rendez-vous déplacé reste à l'agent qui l'a pris (LQ-3)."
	frappe.local.lang = "en"
	moved.reload()
	moved.booking_agent = BOOKER
	with pytest.raises(frappe.PermissionError, match="LQ-3"):
		moved.save()
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Appointment", appointment.name, "booking_agent") == FIRST


@pytest.mark.parametrize(
	"follow_up_hours_ago, booking_agent, owner",
	[(71, FIRST, FIRST), (73, FIRST, BOOKER), (71, OFF_SHIFT, BOOKER)],
)
def test_lq4_a_no_show_calling_back_within_72_hours_of_the_follow_up_goes_back_to_the_booking_agent_on_shift(
	agents, follow_up_hours_ago, booking_agent, owner
):
	lead = client(owner=booking_agent)
	missed(lead, booking_agent)
	message(lead, booking_agent, now_datetime() - timedelta(hours=follow_up_hours_ago))
	appointment = book(lead, BOOKER)
	assert appointment.booking_agent == owner
	assert frappe.db.get_value("Lead", lead, "lead_owner") == owner
	assert decision_on("Lead", lead) == (owner, "LQ-4")


def test_lq5_a_no_show_never_followed_up_goes_to_the_agent_who_books_and_the_first_agent_is_told(agents):
	lead = client(owner=FIRST)
	missed(lead, FIRST)
	message(lead, BOOKER, now_datetime() - timedelta(hours=1))  # someone else's call is not a follow-up
	appointment = book(lead, BOOKER)
	assert (appointment.booking_agent, frappe.db.get_value("Lead", lead, "lead_owner")) == (BOOKER, BOOKER)
	assert decision_on("Lead", lead) == (BOOKER, "LQ-5")
	assert frappe.db.exists(
		"Notification Log", {"for_user": FIRST, "document_type": "Lead", "document_name": lead}
	)


def test_lq5_a_no_show_coming_back_through_a_new_lead_goes_to_the_agent_who_books(agents):
	lead = client(owner=FIRST)
	missed(lead, FIRST)
	phone = frappe.db.get_value("Lead", lead, "mobile_no")
	new_lead = make_lead(first_name="Sophie", last_name="Gagnon", mobile_no=phone, email_id=None)
	appointment = book(new_lead.name, BOOKER)
	assert appointment.booking_agent == BOOKER
	assert decision_on("Lead", new_lead.name) == (BOOKER, "LQ-5")


def test_lq7_a_file_its_agent_marked_lost_goes_to_the_new_agent(agents):
	lead = client(owner=FIRST)
	book(lead, FIRST, hours_from_now=-48)
	opportunity = frappe.get_doc(
		{"doctype": "Opportunity", "opportunity_from": "Lead", "party_name": lead}
	).insert(ignore_permissions=True)
	opportunity.db_set({"status": "Lost", "opportunity_owner": FIRST})
	appointment = book(lead, BOOKER)
	assert appointment.booking_agent == BOOKER
	assert decision_on("Lead", lead) == (BOOKER, "LQ-7")


def test_lq4_a_client_who_came_to_the_appointment_is_simply_booked_by_the_new_agent(agents):
	lead = client(owner=FIRST)
	book(lead, FIRST, hours_from_now=-48)
	assert book(lead, BOOKER).booking_agent == BOOKER
	assert frappe.db.get_value("Lead", lead, "lead_owner") == FIRST  # no rule moved the client
	assert decision_on("Lead", lead)[1] != "LQ-4"


def known_client(owner, created):
	lead = make_lead(first_name="Paul", last_name="Morin", mobile_no=new_mobile(), priority_tier="Platinum")
	frappe.db.set_value("Lead", lead.name, {"lead_owner": owner, "creation": created})
	return lead


def new_lead_of(original, entered_by=BOOKER):
	frappe.set_user(entered_by)
	try:
		return make_lead(
			first_name="Paul", last_name="Morin", mobile_no=original.mobile_no, priority_tier="Bronze"
		)
	finally:
		frappe.set_user("Administrator")


def test_lq8_a_known_clients_new_lead_in_the_same_month_keeps_the_owner_and_tier(agents):
	original = known_client(OFF_SHIFT, get_first_day(now_datetime()))  # midnight on the 1st: this month
	lead = new_lead_of(original)
	assert (lead.lead_owner, lead.priority_tier) == (OFF_SHIFT, "Platinum")
	assert decision_on("Lead", lead.name) == (OFF_SHIFT, "LQ-8")


def test_lq8_from_an_earlier_month_the_lead_goes_to_its_new_handler_when_the_owner_is_off_shift(agents):
	last_second_of_last_month = get_datetime(get_first_day(now_datetime())) - timedelta(seconds=1)
	original = known_client(OFF_SHIFT, last_second_of_last_month)
	lead = new_lead_of(original)
	assert (lead.lead_owner, lead.priority_tier) == (BOOKER, "Bronze")
	assert decision_on("Lead", lead.name) == (BOOKER, "LQ-8")
	original = known_client(OFF_SHIFT, last_second_of_last_month)
	queued = make_lead(first_name="Paul", last_name="Morin", mobile_no=original.mobile_no, lead_owner="")
	assert frappe.db.get_value("Lead", queued.name, "lead_owner") is None  # the queue's next agent handles it
	line = frappe.get_last_doc("Ownership Ledger Entry", {"reference_name": queued.name})
	assert (line.action, line.rule, line.holder) == ("Release", "LQ-8", None)


def test_lq8_from_an_earlier_month_an_owner_on_shift_keeps_the_client(agents):
	original = known_client(FIRST, add_months(now_datetime(), -2))
	assert new_lead_of(original).lead_owner == FIRST


@pytest.mark.parametrize(
	"answered_after, owner",
	[(timedelta(minutes=2, seconds=59), REPLIER), (timedelta(minutes=3, seconds=1), BOOKER)],
)
def test_lq9_answering_an_absent_colleagues_client_by_text_holds_only_for_three_minutes(
	agents, answered_after, owner
):
	lead = client(owner=OFF_SHIFT)
	start = now_datetime() - timedelta(hours=1)
	message(lead, REPLIER, start, medium="SMS")
	reply = start + timedelta(minutes=10)
	message(lead, None, reply, medium="SMS", received=True)
	message(lead, REPLIER, reply + answered_after, medium="SMS")
	assert book(lead, BOOKER).booking_agent == owner
	assert decision_on("Lead", lead) == (owner, "LQ-9")


def test_lq6_a_financing_request_cancels_the_appointment_marks_the_opportunity_lost_and_alerts_a_director(
	agents,
):
	lead = client(owner=FIRST)
	appointment = book(lead, FIRST)
	opportunity = frappe.get_doc(
		{"doctype": "Opportunity", "opportunity_from": "Lead", "party_name": lead}
	).insert(ignore_permissions=True)
	doc = frappe.get_doc("Lead", lead)
	doc.request_type = "DealerTrack"
	doc.save(ignore_permissions=True)
	assert frappe.db.get_value("Lead", lead, "financing_client") == 1
	assert frappe.db.get_value("Appointment", appointment.name, "status") == "Closed"
	assert frappe.db.get_value("Opportunity", opportunity.name, "status") == "Lost"
	assert frappe.get_doc("Opportunity", opportunity.name).lost_reasons[0].lost_reason == "Financing client"
	alert = frappe.get_last_doc("Notification Log", {"for_user": DIRECTOR, "document_name": lead})
	assert appointment.name in alert.email_content
	line = frappe.get_last_doc(
		"Ownership Ledger Entry", {"reference_name": lead, "reference_doctype": "Lead"}
	)
	assert (line.rule, line.action) == ("LQ-6", "Release")


def test_lq6_a_financing_request_without_appointment_or_contract_only_marks_the_client(agents):
	lead = client()
	other = make_lead(
		first_name="Sophie", last_name="Gagnon", mobile_no=frappe.db.get_value("Lead", lead, "mobile_no")
	)
	new = make_lead(
		first_name="Sophie",
		last_name="Gagnon",
		mobile_no=frappe.db.get_value("Lead", lead, "mobile_no"),
		request_type="pre-approval",
	)
	assert frappe.db.get_all(
		"Lead", {"name": ("in", [lead, other.name, new.name])}, pluck="financing_client"
	) == [
		1,
		1,
		1,
	]
	assert not frappe.db.exists("Notification Log", {"for_user": DIRECTOR, "document_name": new.name})


def test_lq6_a_signed_contract_counts_like_an_appointment(agents):
	customer = make_customer("Sophie Gagnon")
	customer.db_set("mobile_no", new_mobile())
	customer.run_method("on_change")  # index the phone as a save does
	make_item("LQ Car Loan")
	today = now_datetime().date()
	frappe.get_doc(
		{
			"doctype": "Sales Order",
			"customer": customer.name,
			"company": frappe.defaults.get_global_default("company"),
			"transaction_date": today,
			"delivery_date": today,
			"items": [{"item_code": "LQ Car Loan", "qty": 1, "rate": 15000, "delivery_date": today}],
		}
	).insert(ignore_permissions=True).submit()
	lead = make_lead(
		first_name="Sophie", last_name="Gagnon", mobile_no=customer.mobile_no, request_type="Credit D/E"
	)
	assert frappe.db.exists("Notification Log", {"for_user": DIRECTOR, "document_name": lead.name})


def test_lq6_an_unknown_request_type_is_refused_and_nothing_changes(agents):
	lead = client()
	doc = frappe.get_doc("Lead", lead)
	doc.request_type = "Free Car"
	with pytest.raises(frappe.ValidationError, match="not a known request type"):
		doc.save(ignore_permissions=True)
	assert frappe.db.get_value("Lead", lead, ["request_type", "financing_client"]) == (None, 0)
