"""PR-6: a Sales Order or Sales Invoice of a referred customer, dated inside the remuneration window of its
attachment, names the partner as its Sales Partner, so that ERPNext's own commission reports count it."""

import frappe
from frappe.utils import getdate

from ownership_policies.prescription import rules as pr


def credit_partner(doc, method=None):
	"""Before validate, so that ERPNext computes the commission from the partner's rate. A Sales Partner
	already chosen on the document is left as it is."""
	if doc.sales_partner or not doc.customer or doc.docstatus != 0:
		return
	day = getdate(doc.get("transaction_date") or doc.get("posting_date"))
	for attachment in frappe.get_all(
		"Prescriber Attachment",
		filters={"customer": doc.customer, "verdict": pr.REMUNERABLE, "status": "Active"},
		fields=["partner", "attached_on", "remunerable_until"],
		order_by="attached_on asc",
	):
		if pr.remunerable_on(attachment.attached_on, attachment.remunerable_until, day):
			doc.sales_partner = attachment.partner
			doc.commission_rate = doc.commission_rate or frappe.get_cached_value(
				"Sales Partner", attachment.partner, "commission_rate"
			)
			return
