"""What the agency and the manager are told about a fixation: its expiry (FX-5), another party's interest in
the client (FX-8) and the agency's question (FX-11). Emails go through Frappe's queue; the manager also gets a
desk notification."""

import frappe
from frappe import _
from frappe.desk.form import assign_to
from frappe.utils import format_datetime

from ownership_policies.ownership import notify


def fixation_expired(fixation):
	"""FX-5: the time ran out; said apart from a manager's cancellation (fixation_cancelled), subject and all."""
	subject = _("Fixation of {0} expired").format(fixation.client_name)
	message = _(
		"No meeting with a signed selection act was recorded before {0}, so the fixation of {1} to {2} has "
		"expired and the client is free again (rule FX-5)."
	).format(format_datetime(fixation.expires_on), fixation.client_name, fixation.agency)
	tell(fixation, subject, message)


def fixation_cancelled(fixation):
	subject = _("Fixation of {0} cancelled").format(fixation.client_name)
	message = _("{0} cancelled the fixation of {1} to {2}: {3}. The client is free again.").format(
		frappe.utils.get_fullname(),
		fixation.client_name,
		fixation.agency,
		frappe.utils.escape_html(fixation.cancellation_reason),
	)
	tell(fixation, subject, message)


def client_sought(fixation_name: str, source: str):
	"""FX-8: the client asked for by someone else while the fixation runs. `source` says who, in words the
	holding agency may read; the second agency is never named to it."""
	fixation = frappe.get_doc("Client Fixation", fixation_name)
	subject = _("Your client {0} was asked about").format(fixation.client_name)
	message = _("{0}, fixed to {1} until {2}: {3}. The fixation stands (rule FX-8).").format(
		fixation.client_name, fixation.agency, format_datetime(fixation.expires_on), source
	)
	tell(fixation, subject, message)


def question_left(fixation, question: str):
	subject = _("Question from {0} about {1}").format(fixation.agency, fixation.client_name)
	message = _("{0} asks, about the client {1}: {2}").format(
		fixation.agency, fixation.client_name, frappe.utils.escape_html(question)
	)
	tell(fixation, subject, message, agency=False)
	open_task = {"reference_name": fixation.name, "allocated_to": fixation.manager, "status": "Open"}
	if fixation.manager and not frappe.db.exists("ToDo", open_task):  # FX-11: a task of the manager's
		assign_to.add(
			{
				"assign_to": [fixation.manager],
				"doctype": fixation.doctype,
				"name": fixation.name,
				"description": message,
			},
			ignore_permissions=True,
		)


def other_person_fixed(fixation, holders: list[str]):
	"""X-6: staff fixed another person on a phone the company already works; whoever holds that phone is told."""
	subject = _("Another person fixed on the phone of your client")
	message = _(
		"{0} fixed {1} to {2} on a phone you work with another client, as another person: {3}."
	).format(
		frappe.utils.get_fullname(),
		fixation.client_name,
		fixation.agency,
		frappe.utils.escape_html(fixation.flags.other_person_reason),
	)
	notify.tell(fixation, subject, message, holders)


def tell(fixation, subject: str, message: str, agency: bool = True):
	notify.tell(fixation, subject, message, [fixation.manager], fixation.agency if agency else None)
