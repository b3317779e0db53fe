"""What a partner is told about an attachment, at once: an existing client (PR-3). A double prescription's words
(PR-4) are the core's (notify.double_prescription), said on an attachment and on a merge alike."""

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
