"""X-5: an agency's staff see only their own agency's fixations; the call centre and managers see all."""

import frappe

from ownership_policies.ownership.partners import is_partner_user, partners_of


def fixation_query_conditions(user: str | None = None) -> str:
	if not is_partner_user(user):
		return ""
	agencies = partners_of(user)
	if not agencies:
		return "1=0"
	return "`tabClient Fixation`.`agency` in ({})".format(", ".join(frappe.db.escape(a) for a in agencies))


def fixation_permission(doc, ptype=None, user=None) -> bool | None:
	if not is_partner_user(user):
		return None  # the role permissions decide
	return ptype == "read" and doc.agency in partners_of(user)
