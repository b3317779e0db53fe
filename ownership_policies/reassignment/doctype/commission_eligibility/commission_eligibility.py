import frappe
from frappe.model.document import Document

from ownership_policies.reassignment.commission import recheck


class CommissionEligibility(Document):
	pass


@frappe.whitelist()
def check_again(name: str) -> str:
	"""RA-11, "Check Again": anyone who may read the decision may have it taken again once the client's record is
	complete; it only reads the CRM, so nothing is decided that the facts do not show. Returns the new status."""
	frappe.has_permission("Commission Eligibility", "read", name, throw=True)
	return recheck(name).status
