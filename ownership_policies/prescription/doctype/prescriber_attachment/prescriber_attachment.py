import frappe
from frappe import _
from frappe.model.document import Document


class PrescriberAttachment(Document):
	"""Made by the policy when a prescriber is set on a Lead or Customer; never edited or deleted (PR-2)."""

	def validate(self):
		if not self.flags.by_policy:
			frappe.throw(
				_(
					"A prescriber attachment is made by setting the Prescriber on a Lead or Customer, and never "
					"changes: its date is what remuneration counts from (PR-2). Cancel it with a reason instead."
				),
				frappe.PermissionError,
			)

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
