"""What the agency and the manager are told about a fixation: its expiry (FX-5), another party's interest in
the client (FX-8) and the agency's question (FX-11). Emails go through Frappe's queue; the manager also gets a
desk notification."""

import frappe
from frappe import _
from frappe.desk.form import assign_to
from frappe.utils import format_datetime

from ownership_policies.ownership import notify


def fixation_expired(fixation):
	"""FX-5: the time ran out; said apart from a manager's cancellation and from a meeting's extension, subject
	and all."""
	tell(
		fixation,
		lambda: (
			_("Fixation of {0} expired").format(fixation.client_name),
			_(
				"No meeting with a signed selection act was recorded before {0}, so the fixation of {1} to {2} has "
				"expired and the client is free again (rule FX-5)."
			).format(format_datetime(fixation.expires_on), fixation.client_name, fixation.agency),
		),
	)


def fixation_cancelled(fixation):
	manager = frappe.utils.get_fullname()
	tell(
		fixation,
		lambda: (
			_("Fixation of {0} cancelled").format(fixation.client_name),
			_("{0} cancelled the fixation of {1} to {2}: {3}. The client is free again.").format(
				manager,
				fixation.client_name,
				fixation.agency,
				frappe.utils.escape_html(fixation.cancellation_reason),
			),
		),
		manager=fixation.manager != frappe.session.user,  # not told of their own act
	)


def fixation_extended(fixation):
	"""FX-6, FX-7, FX-9: a meeting was recorded and the agency keeps its client longer."""
	stage = fixation.stages[-1]
	tell(
		fixation,
		lambda: (
			_("Fixation of {0} extended until {1}").format(
				fixation.client_name, format_datetime(fixation.expires_on)
			),
			_(
				"{0} recorded a meeting with {1} on {2}, with the signed selection act: the fixation to {3} is "
				"extended until {4} ({5} stage, rule {6})."
			).format(
				frappe.utils.get_fullname(stage.confirmed_by),
				fixation.client_name,
				format_datetime(stage.recorded_on),
				fixation.agency,
				format_datetime(fixation.expires_on),
				_(stage.stage),
				stage.rule,
			),
		),
		manager=fixation.manager != frappe.session.user,
	)


def client_sought(fixation_name: str, source: str):
	"""FX-8: the client asked for by someone else while the fixation runs. `source` says who, in words the
	holding agency may read; the second agency is never named to it."""
	fixation = frappe.get_doc("Client Fixation", fixation_name)
	tell(
		fixation,
		lambda: (
			_("Your client {0} was asked about").format(fixation.client_name),
			_("{0}, fixed to {1} until {2}: {3}. The fixation stands (rule FX-8).").format(
				fixation.client_name, fixation.agency, format_datetime(fixation.expires_on), source
			),
		),
	)


def question_left(fixation, question: str):
	"""FX-11: the manager is told in the desk and given one open task for the fixation's questions, in their
	language."""

	def words():
		return (
			_("Question from {0} about {1}").format(fixation.agency, fixation.client_name),
			_("{0} asks, about the client {1}: {2}").format(
				fixation.agency, fixation.client_name, frappe.utils.escape_html(question)
			),
		)

	notify.tell_each(fixation, words, [fixation.manager])
	open_task = {"reference_name": fixation.name, "allocated_to": fixation.manager, "status": "Open"}
	if fixation.manager and not frappe.db.exists("ToDo", open_task):  # FX-11: a task of the manager's
		with notify.in_language(notify.language_of(fixation.manager)):
			assign_to.add(
				{
					"assign_to": [fixation.manager],
					"doctype": fixation.doctype,
					"name": fixation.name,
					"description": words()[1],
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


def tell(fixation, words, manager: bool = True):
	"""The agency (by email) and the fixation's manager (in the desk), each in their own language."""
	notify.tell_each(fixation, words, [fixation.manager] if manager else [], fixation.agency)
