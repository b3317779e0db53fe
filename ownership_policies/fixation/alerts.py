"""What the agency and the manager are told about a fixation: its expiry (FX-5), another party's interest in
the client (FX-8) and the agency's question (FX-11). Emails go through Frappe's queue; the manager also gets a
desk notification."""

import frappe
from frappe import _
from frappe.desk.doctype.notification_log.notification_log import make_notification_logs
from frappe.utils import format_datetime

from ownership_policies.ownership.partners import partner_recipients


def fixation_expired(fixation):
	subject = _("Fixation of {0} cancelled").format(fixation.client_name)
	message = _(
		"No meeting with a signed selection act was recorded before {0}, so the fixation of {1} to {2} has "
		"expired and the client is free again (rule FX-5)."
	).format(format_datetime(fixation.expires_on), fixation.client_name, fixation.agency)
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


def tell(fixation, subject: str, message: str, agency: bool = True):
	"""Email the agency's contacts; the manager gets a desk notification, which also emails them unless their
	notification settings say otherwise."""
	if fixation.manager:
		make_notification_logs(
			{
				"subject": subject,
				"email_content": message,
				"document_type": fixation.doctype,
				"document_name": fixation.name,
				"type": "Alert",
			},
			[fixation.manager],
		)
	if agency and (recipients := partner_recipients(fixation.agency)):
		try:
			frappe.sendmail(
				recipients=recipients,
				subject=subject,
				message=message,
				reference_doctype=fixation.doctype,
				reference_name=fixation.name,
			)
		except frappe.OutgoingEmailError:
			# the decision stands; the administrator learns that the agency could not be told
			frappe.log_error(_("Set up an outgoing Email Account to tell agencies: {0}").format(subject))
