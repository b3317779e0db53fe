"""Telling people of an ownership decision: desk users get a notification (an Alert, which Frappe does not
email; `email` sends them the same words by mail too); a partner's contacts get an email through Frappe's
queue. `tell_each` words the notice in each reader's own language."""

from collections.abc import Callable
from contextlib import contextmanager

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
		mail(doc, subject, message, recipients)


def tell_each(
	doc,
	words: Callable[[], tuple[str, str]],
	users=(),
	partner: str | None = None,
	email: bool = False,
):
	"""`words()` gives the subject and the message in the current language: each reader (a desk user, or a
	partner's recipient) is told in their own. With `email`, desk users also get the words by mail."""
	users = [user for user in dict.fromkeys(users) if user]
	for language, group in by_language(users, "name").items():
		with in_language(language):
			subject, message = words()
		tell(doc, subject, message, users=group)
		if email:
			mail(
				doc,
				subject,
				message,
				frappe.get_all("User", {"name": ("in", group), "enabled": 1}, pluck="email"),
			)
	recipients = partner_recipients(partner) if partner else []
	for language, group in by_language(recipients, "email").items():
		with in_language(language):
			subject, message = words()
		mail(doc, subject, message, group)


def language_of(user: str) -> str:
	return by_language([user], "name").popitem()[0]


def by_language(people: list[str], key: str) -> dict[str, list[str]]:
	"""People (users by name, or email addresses) by the language of their user, else the site's."""
	default = frappe.get_system_settings("language") or "en"
	known = dict(frappe.get_all("User", {key: ("in", people or [""])}, [key, "language"], as_list=True))
	groups: dict[str, list[str]] = {}
	for person in people:
		groups.setdefault(known.get(person) or default, []).append(person)
	return groups


@contextmanager
def in_language(language: str):
	"""Frappe's `_()` (and the templates) in `language` for a while, as Frappe prints a document in one."""
	previous, jenv = frappe.local.lang, frappe.local.jenv
	frappe.local.lang, frappe.local.jenv = language, None
	try:
		yield
	finally:
		frappe.local.lang, frappe.local.jenv = previous, jenv


def mail(doc, subject: str, message: str, recipients: list[str]):
	if not recipients:
		return
	try:
		frappe.sendmail(
			recipients=recipients,
			subject=subject,
			message=message,
			reference_doctype=doc.doctype,
			reference_name=doc.name,
		)
	except frappe.OutgoingEmailError:
		# the decision stands; the administrator learns that the reader could not be told
		frappe.log_error(title=_("Set up an outgoing Email Account to tell people by email"), message=subject)


def double_prescription(attachment, advisors):
	"""PR-4's words, said when a partner's contact is attached while another partner's holds it and when a
	merge makes two referrals one: the later partner and the advisors who own the contact are told; the first
	partner keeps it, and is never named to the later one."""
	subject = _("{0} was already sent by another partner").format(attachment.person_name)
	message = _(
		"Thank you for sending us {0}. Another partner sent us this person first, and keeps the contact while "
		"its window runs, so this contact cannot be remunerated (rule PR-4)."
	).format(attachment.person_name)
	tell(attachment, subject, message, partner=attachment.partner)
	advisor_message = _(
		"{0} sent {1}, who is already attached to another partner ({2}): a double prescription. The first "
		"partner keeps the contact; {0} is not remunerated (rule PR-4)."
	).format(attachment.partner, attachment.person_name, attachment.first_attachment)
	tell(attachment, _("Double prescription: {0}").format(attachment.person_name), advisor_message, advisors)
