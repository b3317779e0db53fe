import frappe
from frappe import _

from ownership_policies.ownership import reasons
from ownership_policies.ownership.immutable import WrittenByApp
from ownership_policies.ownership.rule_fields import RuleFields


class PrescriberAttachment(RuleFields, WrittenByApp):
	"""Made by the policy when a prescriber is set on a Lead or Customer; never edited or deleted (PR-2): every
	field is the rules' (X-2), and a save not marked `by_app` is refused even when it changes none."""

	RULE_FIELDS = (
		"partner",
		"person_name",
		"reference_doctype",
		"reference_name",
		"customer",
		"verdict",
		"rule",
		"status",
		"attached_on",
		"received_on",
		"holds_until",
		"remunerable_until",
		"convention",
		"first_attachment",
		"reason",
		"cancellation_reason",
		"attachment_key",
		"holding_key",
	)

	def onload(self):
		self.set_onload("reason", reasons.render(self.reason))  # in the reader's language

	def on_trash(self):
		frappe.throw(
			_("A prescriber attachment cannot be deleted (PR-2). Cancel it with a reason instead."),
			frappe.PermissionError,
		)

	def before_rename(self, old, new, merge=False):
		frappe.throw(_("A prescriber attachment cannot be renamed."), frappe.PermissionError)

	def show_unique_validation_message(self, e):
		# a parallel save attached the same referral, or another partner's referral took the person first
		raise frappe.UniqueValidationError(self.doctype, self.name, e)


def on_doctype_update():
	frappe.db.add_index("Prescriber Attachment", ["reference_doctype", "reference_name"])
	frappe.db.add_index("Prescriber Attachment", ["partner", "attached_on"])
