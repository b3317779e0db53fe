import frappe

from ownership_policies.ownership.rule_fields import RuleFields
from ownership_policies.reassignment.commission import recheck


class CommissionEligibility(RuleFields):
	# X-2, RA-11: the decision on a sale is the policy's, taken again only by "Check Again"
	RULE_FIELDS = (
		"sales_invoice",
		"customer",
		"agent",
		"status",
		"checked_on",
		"commission_cut",
		"commission_amount",
		"property_listing",
		"property_registered",
		"reasons",
		"reason_codes",
	)


@frappe.whitelist()
def check_again(name: str) -> str:
	"""RA-11, "Check Again": anyone who may read the decision may have it taken again once the client's record is
	complete; it only reads the CRM, so nothing is decided that the facts do not show. Returns the new status."""
	frappe.has_permission("Commission Eligibility", "read", name, throw=True)
	return recheck(name).status
