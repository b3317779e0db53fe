import frappe
from frappe import _
from frappe.model.document import Document

from ownership_policies.ownership.roles import PARTNER_ROLE


class PartnerMember(Document):
	"""X-6: a user's membership of a partner, held by staff. The user's Contact plays no part in it."""

	def before_insert(self):
		self.granted_by = frappe.session.user

	def validate(self):
		if frappe.db.get_value("User", self.user, "user_type") != "Website User":
			frappe.throw(
				_("{0} is a desk user. A partner's staff are website users: they have no desk.").format(
					frappe.bold(self.user)
				),
				title=_("Not a Partner's Staff"),
			)
		others = frappe.get_all(
			"Partner Member",
			filters={"user": self.user, "name": ("!=", self.name)},
			pluck="partner",
		)
		if self.partner in others:
			frappe.throw(
				_("{0} is already a member of {1}.").format(frappe.bold(self.user), frappe.bold(self.partner))
			)
		if others and not self.member_of_several:
			frappe.throw(
				_(
					"{0} is already a member of {1}. Tick Member of Several Partners if this user really works for both."
				).format(frappe.bold(self.user), frappe.bold(others[0])),
				title=_("Member of Another Partner"),
			)

	def after_insert(self):
		if PARTNER_ROLE not in frappe.get_roles(self.user):
			frappe.get_doc("User", self.user).add_roles(PARTNER_ROLE)
