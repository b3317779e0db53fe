"""X-5: a partner's staff see only their own partner's fixations, conventions and attachments, read only; the
call centre, sales users and managers see all, as their roles allow."""

import frappe

from ownership_policies.ownership.partners import is_partner_user, partners_of

# The field that names the partner on each doctype partners' staff may read.
PARTNER_FIELDS = {
	"Client Fixation": "agency",
	"Prescriber Convention": "partner",
	"Prescriber Attachment": "partner",
}


def partner_conditions(user: str | None = None, doctype: str | None = None) -> str:
	if not is_partner_user(user):
		return ""
	partners = partners_of(user)
	if not partners:
		return "1=0"
	return "`tab{}`.`{}` in ({})".format(
		doctype, PARTNER_FIELDS[doctype], ", ".join(frappe.db.escape(partner) for partner in partners)
	)


def partner_permission(doc, ptype=None, user=None) -> bool | None:
	if not is_partner_user(user):
		return None  # the role permissions decide
	return ptype == "read" and doc.get(PARTNER_FIELDS[doc.doctype]) in partners_of(user)
