"""Partners (agencies and prescribers) are ERPNext Sales Partners. Which partner a user belongs to is a Partner
Member row that staff grant (X-6); a Contact, which a user might write, never makes anyone a member."""

import frappe
from frappe import _

from ownership_policies.ownership.roles import PARTNER_ROLE, acts_for_any_partner

MEMBER = "Partner Member"


def partners_of(user: str | None = None) -> list[str]:
	"""The Sales Partners this user is a member of."""
	member = frappe.qb.DocType(MEMBER)
	return (
		frappe.qb.from_(member)
		.select(member.partner)
		.where(member.user == (user or frappe.session.user))
		.run(pluck=True)
	)


def grant_membership(user: str, partner: str, member_of_several: bool = False):
	"""Make `user` a member of `partner` (as a sales manager does in the desk); nothing if it is already."""
	if frappe.db.exists(MEMBER, {"user": user, "partner": partner}):
		return
	frappe.get_doc(
		{"doctype": MEMBER, "user": user, "partner": partner, "member_of_several": int(member_of_several)}
	).insert(ignore_permissions=True)


def sales_partner_dashboard(data):
	"""The Sales Partner form's connections: its members (X-6), fixations and referrals."""
	data = frappe._dict(data or {})
	data.fieldname = data.fieldname or "partner"
	data.setdefault("non_standard_fieldnames", {})["Client Fixation"] = "agency"
	data.setdefault("transactions", []).append(
		{
			"label": _("Ownership"),
			"items": [MEMBER, "Client Fixation", "Prescriber Attachment", "Prescriber Convention"],
		}
	)
	return data


def is_partner_user(user: str | None = None) -> bool:
	"""A partner's staff member, who sees only what concerns their own partner (X-5): the Ownership Partner
	role or a membership makes one (X-6), unless a role acts for every partner."""
	if acts_for_any_partner(user):
		return False
	return PARTNER_ROLE in frappe.get_roles(user) or bool(partners_of(user))


def ensure_may_act_for(partner: str, user: str | None = None):
	"""A partner user acts only for their own partner; the call centre and managers act for any. A partner user
	learns nothing of other partners, not even whether one exists (X-6)."""
	if acts_for_any_partner(user):
		if not frappe.db.exists("Sales Partner", partner):
			frappe.throw(
				_("{0} is not a Sales Partner. Choose an agency from the Sales Partner list.").format(
					frappe.bold(partner)
				),
				title=_("Unknown Partner"),
			)
		return
	if partner not in partners_of(user):
		frappe.throw(_("You can act only for your own agency."), frappe.PermissionError)


def partner_record(doctype: str, name: str):
	"""The record, if this user may read it."""
	if is_partner_user():
		ensure_own_record(doctype, name)
		return frappe.get_doc(doctype, name)
	doc = frappe.get_doc(doctype, name)
	doc.check_permission("read")
	return doc


def ensure_own_record(doctype: str, name: str):
	"""To a partner's staff, an absent record and another partner's look the same: one status, one message
	(X-6). The permission query conditions keep the list to the partner's own records."""
	if not frappe.get_list(doctype, filters={"name": name}, pluck="name", limit_page_length=1):
		frappe.throw(
			_("{0} {1} was not found among your records.").format(
				_(doctype), frappe.bold(frappe.utils.escape_html(name))
			),
			frappe.DoesNotExistError,
		)


def partner_recipients(partner: str) -> list[str]:
	"""The email addresses of the partner's members and of the contacts staff keep for it, to tell the partner
	of a decision."""
	member, user = frappe.qb.DocType(MEMBER), frappe.qb.DocType("User")
	members = (
		frappe.qb.from_(member)
		.join(user)
		.on(user.name == member.user)
		.select(user.email)
		.where((member.partner == partner) & (user.enabled == 1))
		.run(pluck=True)
	)
	link, contact = frappe.qb.DocType("Dynamic Link"), frappe.qb.DocType("Contact")
	contacts = (
		frappe.qb.from_(contact)
		.join(link)
		.on((link.parent == contact.name) & (link.parenttype == "Contact"))
		.select(contact.email_id)
		.where(
			(link.link_doctype == "Sales Partner")
			& (link.link_name == partner)
			& contact.email_id.isnotnull()
			& (contact.email_id != "")
		)
		.run(pluck=True)
	)
	return sorted({email for email in (*members, *contacts) if email})
