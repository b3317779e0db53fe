"""Who owns a client who comes back (LQ-3, LQ-4, LQ-5, LQ-7, LQ-8, LQ-9): the facts of the client's earlier
appointments, files, follow-ups and text messages, read into the pure rules; the decision applied to the new
appointment or lead, written to the ledger, and told to the agent who loses the client."""

import frappe
from frappe import _
from frappe.desk.form.assign_to import add as add_assignment
from frappe.utils import get_datetime, now_datetime

from ownership_policies.lead_queue import rules as lq
from ownership_policies.lead_queue.open_files import same_client
from ownership_policies.lead_queue.shifts import is_on_shift
from ownership_policies.ownership import claims, reasons
from ownership_policies.ownership.owners import owner_field, owner_of
from ownership_policies.ownership.roles import is_manager
from ownership_policies.ownership.settings import get_settings

CLIENT_DOCTYPES = ("Lead", "Customer")


# the reason each re-contact rule keeps (ownership/reasons.py), read in the reader's language
REASONS = {
	"LQ-3": "moved_appointment",
	"LQ-4": "missed_and_followed_up",
	"LQ-5": "missed_and_never_followed_up",
	"LQ-7": "file_lost",
	"LQ-8": "known_client_lead",
	"LQ-9": "answered_by_text",
}


def reason_of(rule: str) -> str:
	return reasons.kept(reasons.reason(rule, REASONS[rule]))


# Appointments: LQ-3, LQ-4, LQ-5, LQ-7, LQ-9


def decide_booking(appointment, method=None):
	"""Appointment before_insert: the booking agent is who books, unless a rule gives the client to another.
	Only a manager books in another agent's name (LQ-3): an agent's booking is theirs, whoever it names."""
	named = appointment.booking_agent if is_manager() else None
	booker = named or (None if frappe.session.user == "Guest" else frappe.session.user)
	appointment.booking_agent = booker
	if not booker or appointment.appointment_with not in CLIENT_DOCTYPES or not appointment.party:
		return
	client = frappe.get_doc(appointment.appointment_with, appointment.party)
	leads, customers = same_client(client)
	parties = [client.name, *leads, *customers]
	settings = get_settings()
	decision = lq.booking_owner(
		previous_booking(parties),
		text_thread(client, parties),
		booker,
		now_datetime(),
		settings.no_show_callback_hours,
		settings.text_claim_minutes,
	)
	if decision:
		appointment.booking_agent = decision.owner
		appointment.flags.ownership_decision = decision


def apply_booking(appointment, method=None):
	"""Appointment after_insert: assign the appointment and its client to the owner the rules chose."""
	owner = appointment.booking_agent
	if owner and owner not in frappe.parse_json(appointment.get("_assign") or "[]"):
		add_assignment({"doctype": "Appointment", "name": appointment.name, "assign_to": [owner]})
	if decision := appointment.flags.ownership_decision:
		doctype, name = appointment.appointment_with, appointment.party
		give_client(doctype, name, decision, appointment, owner_of(doctype, name))


def keep_booking_agent(appointment, method=None):
	"""Appointment validate (LQ-3): moving an appointment keeps its booking agent; only a manager may change it."""
	before = None if appointment.is_new() else appointment.get_doc_before_save()
	if not before:
		return
	if appointment.booking_agent != before.booking_agent and not is_manager():
		frappe.throw(
			_("{0} Ask a sales manager to hand the appointment to someone else.").format(
				reasons.render(reason_of("LQ-3"))
			),
			frappe.PermissionError,
			title=_("Booking Agent Kept"),
		)
	if get_datetime(appointment.scheduled_time) != get_datetime(before.scheduled_time):
		decision = lq.moved_appointment_owner(appointment.booking_agent)
		claims.grant(
			appointment,
			decision.owner,
			owner=False,
			claim="Lead Queue",
			action="Keep",
			rule=decision.rule,
			before={"scheduled_time": before.scheduled_time},
			after={"scheduled_time": appointment.scheduled_time},
			note=reason_of(decision.rule),
		)


def previous_booking(parties: list[str]) -> lq.PreviousBooking | None:
	appointments = frappe.get_all(
		"Appointment",
		filters={"party": ("in", parties), "booking_agent": ("is", "set")},
		fields=["name", "booking_agent", "no_show", "scheduled_time"],
		order_by="scheduled_time desc",
		limit=1,
	)
	if not appointments:
		return None
	last = appointments[0]
	agent = last.booking_agent
	follow_up = frappe.get_all(
		"Communication",
		filters={
			"reference_doctype": ("in", ["Appointment", *CLIENT_DOCTYPES]),
			"reference_name": ("in", [last.name, *parties]),
			"owner": agent,
			"communication_date": (">", last.scheduled_time),
		},
		pluck="communication_date",
		order_by="communication_date desc",
		limit=1,
	)
	lost = frappe.db.exists(
		"Opportunity",
		{"party_name": ("in", parties), "status": "Lost", "modified_by": agent},
	) or frappe.db.exists(
		"Opportunity", {"party_name": ("in", parties), "status": "Lost", "opportunity_owner": agent}
	)
	return lq.PreviousBooking(
		booking_agent=agent,
		no_show=bool(last.no_show),
		last_follow_up=get_datetime(follow_up[0]) if follow_up else None,
		file_lost=bool(lost),
		booking_agent_on_shift=is_on_shift(agent),
	)


def text_thread(client, parties: list[str]) -> lq.TextThread | None:
	"""LQ-9: the client's text messages; an agent's message counts as answering for an absent colleague when
	the client's owner was off shift at the time."""
	owner = client.get("lead_owner") or client.get("account_manager")
	messages = frappe.get_all(
		"Communication",
		filters={
			"communication_medium": "SMS",
			"reference_doctype": ("in", CLIENT_DOCTYPES),
			"reference_name": ("in", parties),
		},
		fields=["communication_date", "sent_or_received", "owner"],
		order_by="communication_date",
	)
	return lq.text_thread(
		lq.TextMessage(
			get_datetime(m.communication_date),
			None if m.sent_or_received == "Received" else m.owner,
			m.sent_or_received == "Sent"
			and bool(owner)
			and m.owner != owner
			and not is_on_shift(owner, get_datetime(m.communication_date)),
		)
		for m in messages
	)


# Leads: LQ-8


def decide_known_client_lead(lead, method=None):
	"""Lead before_insert (LQ-8): a new lead of a known client keeps the owner and tier of the client's latest
	lead, or goes to its new handler: whoever entered it, or the next agent from the queue."""
	leads, _customers = same_client(lead)
	if not leads:
		return
	table = frappe.qb.DocType("Lead")  # on a Lead insert: a direct query, not get_all's filter building
	original = (
		frappe.qb.from_(table)
		.select(table.name, table.lead_owner, table.priority_tier, table.creation)
		.where(table.name.isin(leads))
		.orderby(table.creation, order=frappe.qb.desc)
		.limit(1)
		.run(as_dict=True)
	)[0]
	decision = lq.known_client_lead_owner(
		original.lead_owner,
		get_datetime(original.creation),
		now_datetime(),
		bool(original.lead_owner) and is_on_shift(original.lead_owner),
		lead.lead_owner or None,  # no one entered it: the agent the queue hands it to next
	)
	if decision.owner and decision.owner == original.lead_owner:
		lead.priority_tier = original.priority_tier or lead.priority_tier
	lead.lead_owner = decision.owner
	claims.decided(lead, decision.rule)
	lead.flags.ownership_decision = decision
	lead.flags.original_lead = original


def record_known_client_lead(lead, method=None):
	"""Lead after_insert: the LQ-8 decision in the ledger."""
	if decision := lead.flags.ownership_decision:
		original = lead.flags.original_lead
		source = frappe._dict(doctype="Lead", name=original.name)
		give_client("Lead", lead.name, decision, source, original.lead_owner)


def give_client(doctype: str, name: str, decision: lq.Decision, source, previous: str | None):
	"""Apply a decision to a Lead or Customer held by `previous`: its owner and the ledger line (the agent it
	leaves is told)."""
	field = owner_field(doctype)
	line = {
		"claim": "Lead Queue",
		"rule": decision.rule,
		"before": {field: previous},
		"after": {field: decision.owner, source.doctype: source.name},
		"note": reason_of(decision.rule),
	}
	if not decision.owner:
		claims.end((doctype, name), None, action="Release", **line)
		return
	action = "Keep" if decision.owner == previous else "Assign"
	claims.grant((doctype, name), decision.owner, action=action, leaving=previous, **line)
