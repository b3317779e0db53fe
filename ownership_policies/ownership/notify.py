"""Telling people of an ownership decision: desk users get a notification (which also emails them unless their
notification settings say otherwise); a partner's contacts get an email through Frappe's queue."""

import frappe
from frappe import _
from frappe.desk.doctype.notification_log.notification_log import make_notification_logs

from ownership_policies.ownership.partners import partner_recipients


def tell(doc, subject: str, message: str, users=(), partner: str | None = None):
	if users := [user for user in dict.fromkeys(users) if user]:
		make_notification_logs(
			{
				"subject": subject,
				"email_content": message,
				"document_type": doc.doctype,
				"document_name": doc.name,
				"type": "Alert",
			},
			users,
		)
	if partner and (recipients := partner_recipients(partner)):
		try:
			frappe.sendmail(
				recipients=recipients,
				subject=subject,
				message=message,
				reference_doctype=doc.doctype,
				reference_name=doc.name,
			)
		except frappe.OutgoingEmailError:
			# the decision stands; the administrator learns that the partner could not be told
			frappe.log_error(_("Set up an outgoing Email Account to tell partners: {0}").format(subject))
