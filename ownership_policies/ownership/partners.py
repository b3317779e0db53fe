"""Partners (agencies and prescribers) are ERPNext Sales Partners; their staff are users whose Contact is
linked to the Sales Partner, as ERPNext links portal users to customers and suppliers."""

import frappe
from frappe import _

PARTNER_ROLE = "Ownership Partner"
# Roles that act for any partner: the call centre, sales management, administrators.
ACTING_ROLES = ("Call Centre Operator", "Sales Manager", "Ownership Administrator", "System Manager")


def partners_of(user: str | None = None) -> list[str]:
	"""The Sales Partners whose Contact is this user."""
	link = frappe.qb.DocType("Dynamic Link")
	contact = frappe.qb.DocType("Contact")
	return (
		frappe.qb.from_(contact)
		.join(link)
		.on((link.parent == contact.name) & (link.parenttype == "Contact"))
		.select(link.link_name)
		.distinct()
		.where((contact.user == (user or frappe.session.user)) & (link.link_doctype == "Sales Partner"))
		.run(pluck=True)
	)


def acts_for_any_partner(user: str | None = None) -> bool:
	return bool(set(frappe.get_roles(user)) & set(ACTING_ROLES))


def is_partner_user(user: str | None = None) -> bool:
	"""A partner's staff member, who sees only what concerns their own partner (X-5)."""
	return PARTNER_ROLE in frappe.get_roles(user) and not acts_for_any_partner(user)


def ensure_may_act_for(partner: str, user: str | None = None):
	"""A partner user acts only for their own partner; the call centre and managers act for any."""
	if not frappe.db.exists("Sales Partner", partner):
		frappe.throw(
			_("{0} is not a Sales Partner. Choose an agency from the Sales Partner list.").format(
				frappe.bold(partner)
			),
			title=_("Unknown Partner"),
		)
	if acts_for_any_partner(user) or partner in partners_of(user):
		return
	frappe.throw(_("You can act only for your own agency."), frappe.PermissionError)


def partner_recipients(partner: str) -> list[str]:
	"""The email addresses of the partner's contacts, to tell the partner of a decision."""
	link = frappe.qb.DocType("Dynamic Link")
	contact = frappe.qb.DocType("Contact")
	return (
		frappe.qb.from_(contact)
		.join(link)
		.on((link.parent == contact.name) & (link.parenttype == "Contact"))
		.select(contact.email_id)
		.distinct()
		.where(
			(link.link_doctype == "Sales Partner")
			& (link.link_name == partner)
			& contact.email_id.isnotnull()
			& (contact.email_id != "")
		)
		.run(pluck=True)
	)
