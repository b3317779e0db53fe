"""X-6: membership of a partner used to be read from the user's Contact. Each link staff made becomes a Partner
Member row, once. A link on a Contact the user made for itself is not carried over: a partner could have
joined another partner that way; staff grant such a membership again if it is real."""

import frappe

from ownership_policies.ownership.partners import MEMBER
from ownership_policies.ownership.roles import PARTNER_ROLE
from ownership_policies.patches import ran_as


def execute():
	if ran_as("ownership_policies.patches.partner_members_from_contacts"):
		return  # once only: run again, it would give back a membership staff have since taken away
	carry_over()


def carry_over():
	link, contact = frappe.qb.DocType("Dynamic Link"), frappe.qb.DocType("Contact")
	rows = (
		frappe.qb.from_(contact)
		.join(link)
		.on((link.parent == contact.name) & (link.parenttype == "Contact"))
		.select(contact.user, link.link_name.as_("partner"), contact.owner)
		.distinct()
		.where((link.link_doctype == "Sales Partner") & contact.user.isnotnull() & (contact.user != ""))
		.orderby(contact.creation)
		.run(as_dict=True)
	)
	website_users = set(frappe.get_all("User", {"user_type": "Website User"}, pluck="name"))
	partners_by_user = {}
	for row in rows:
		if row.owner == row.user:
			print(f"Partner Member: not carried over, {row.user} linked itself to {row.partner}")
		elif row.user in website_users and PARTNER_ROLE in frappe.get_roles(row.user):
			partners_by_user.setdefault(row.user, []).append(row.partner)
	for user, partners in partners_by_user.items():
		for partner in dict.fromkeys(partners):
			if not frappe.db.exists(MEMBER, {"user": user, "partner": partner}):
				frappe.get_doc(
					{
						"doctype": MEMBER,
						"user": user,
						"partner": partner,
						"member_of_several": int(len(set(partners)) > 1),
					}
				).insert(ignore_permissions=True)
