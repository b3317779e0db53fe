"""LQ-6: a lead asking for financing (the request types are a setting) makes the client a financing client;
a client who already has an appointment or a contract/deposit has the appointment cancelled, the opportunity
marked lost as invalid, and the assistant directors alerted at once."""

import frappe
from frappe import _
from frappe.utils.user import get_users_with_role

from ownership_policies.lead_queue import rules as lq
from ownership_policies.lead_queue.open_files import OPEN_OPPORTUNITY_STATUSES, same_client
from ownership_policies.ownership import claims, reasons
from ownership_policies.ownership.doctype.ownership_settings.ownership_settings import split_lines
from ownership_policies.ownership.notify import tell
from ownership_policies.ownership.roles import ASSISTANT_DIRECTOR_ROLE
from ownership_policies.ownership.settings import get_settings

FINANCING_LOST_REASON = "Financing client"


def request_types() -> list[str]:
	return split_lines(get_settings().financing_request_types)


def offer_request_types(lead, method=None):
	"""Lead onload: the request types for the form's choice list (agents cannot read the settings)."""
	lead.set_onload("request_types", request_types())


def validate_request_type(lead, method=None):
	"""Lead validate: a request type must be one the settings list."""
	if lead.request_type and not lq.is_financing_request(lead.request_type, request_types()):
		frappe.throw(
			_("{0} is not a known request type. Choose one of: {1} (Ownership Settings lists them).").format(
				frappe.bold(lead.request_type), ", ".join(request_types())
			),
			title=_("Unknown Request Type"),
		)


def on_lead_update(lead, method=None):
	"""Lead on_update, when the request type is new or changed."""
	if lead.financing_client or not (lead.flags.in_insert or lead.has_value_changed("request_type")):
		return
	financing_types = request_types()
	if not lq.is_financing_request(lead.request_type, financing_types):
		return
	leads, customers = same_client(lead)
	parties = [lead.name, *leads, *customers]
	appointments = frappe.get_all(
		"Appointment", filters={"party": ("in", parties), "status": "Open"}, pluck="name"
	)
	decision = lq.financing_decision(
		lead.request_type, financing_types, bool(appointments), has_contract(customers)
	)
	for name in [lead.name, *leads]:
		frappe.db.set_value("Lead", name, "financing_client", 1)
	lead.financing_client = 1
	claims.end(
		lead,
		None,
		claim="Lead Queue",
		action="Release",  # to the financing department
		rule=decision.rule,
		after={"financing_client": 1, "request_type": lead.request_type, "leads": [lead.name, *leads]},
		note=reasons.kept(reasons.reason("LQ-6", "financing", lead.request_type)),
	)
	if decision.cancel_appointments:
		escalate(lead, appointments, parties)


def has_contract(customers: list[str]) -> bool:
	"""A signed contract (a submitted Sales Order) or a deposit (a submitted Payment Entry) of the client."""
	if not customers:
		return False
	return bool(
		frappe.db.exists("Sales Order", {"customer": ("in", customers), "docstatus": 1})
		or frappe.db.exists(
			"Payment Entry",
			{"party_type": "Customer", "party": ("in", customers), "docstatus": 1},
		)
	)


def escalate(lead, appointments: list[str], parties: list[str]):
	reason = _("The client became a financing client: {0} (LQ-6).").format(lead.request_type)
	for name in appointments:
		cancel_appointment(name, reason)
	lost, kept = [], []
	for name in frappe.get_all(
		"Opportunity",
		filters={"party_name": ("in", parties), "status": ("in", OPEN_OPPORTUNITY_STATUSES)},
		pluck="name",
	):
		opportunity = frappe.get_doc("Opportunity", name)
		if opportunity.has_active_quotation():
			kept.append(name)  # ERPNext keeps an opportunity with a live quotation open
			continue
		opportunity.flags.ignore_permissions = True
		opportunity.declare_enquiry_lost([{"lost_reason": FINANCING_LOST_REASON}], [], reason)
		lost.append(name)
	message = _(
		"{0} asked for {1} and is now a financing client. Cancelled appointments: {2}. Opportunities marked lost: {3}. Opportunities with a quotation, left for you: {4}."
	).format(
		frappe.bold(lead.lead_name),
		lead.request_type,
		", ".join(appointments) or _("none"),
		", ".join(lost) or _("none"),
		", ".join(kept) or _("none"),
	)
	tell(
		lead,
		_("Financing client: see {0} now (LQ-6)").format(lead.lead_name),
		message,
		users=get_users_with_role(ASSISTANT_DIRECTOR_ROLE),
	)
	frappe.msgprint(message, title=_("Financing Client"), indicator="orange", alert=True)


def cancel_appointment(name: str, reason: str):
	"""ERPNext's Appointment has no cancelled status: it is closed, its calendar event cancelled, and the reason
	left on its timeline."""
	appointment = frappe.get_doc("Appointment", name)
	appointment.db_set("status", "Closed")
	if appointment.calendar_event:
		frappe.db.set_value("Event", appointment.calendar_event, "status", "Cancelled")
	appointment.add_comment("Comment", reason)
	claims.end(
		("Appointment", name),
		appointment.booking_agent,
		claim="Lead Queue",
		action="Release",
		rule="LQ-6",
		note=reasons.typed(reason),
	)
