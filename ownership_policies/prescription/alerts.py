"""What partners and advisors are told about an attachment, at once: an existing client (PR-3) and a double
prescription (PR-4). The partner that sent the contact first is never named to the second."""

from frappe import _
from frappe.utils import format_date

from ownership_policies.ownership import notify


def existing_client(attachment):
	"""PR-3: the partner learns at once that this contact cannot be remunerated, and why."""
	subject = _("{0} was already our client").format(attachment.person_name)
	message = _(
		"Thank you for sending us {0}. This person was already known to us before your referral, so this "
		"contact cannot be remunerated (rule PR-3). It is attached to you all the same, dated {1}."
	).format(attachment.person_name, format_date(attachment.attached_on))
	notify.tell(attachment, subject, message, partner=attachment.partner)


def double_prescription(attachment, advisors):
	"""PR-4: the second partner and the advisors who own the contact are told; the first partner keeps it."""
	subject = _("{0} was already sent by another partner").format(attachment.person_name)
	message = _(
		"Thank you for sending us {0}. Another partner sent us this person first, and keeps the contact while "
		"its window runs, so this contact cannot be remunerated (rule PR-4)."
	).format(attachment.person_name)
	notify.tell(attachment, subject, message, partner=attachment.partner)
	advisor_message = _(
		"{0} sent {1}, who is already attached to another partner ({2}): a double prescription. The first "
		"partner keeps the contact; {0} is not remunerated (rule PR-4)."
	).format(attachment.partner, attachment.person_name, attachment.first_attachment)
	notify.tell(
		attachment, _("Double prescription: {0}").format(attachment.person_name), advisor_message, advisors
	)
