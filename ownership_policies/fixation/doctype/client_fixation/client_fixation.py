import frappe
from frappe import _
from frappe.model.document import Document

from ownership_policies.fixation import fixing

# Set by the policy only (opening, meetings, expiry), never by a form or an API write.
POLICY_FIELDS = (
	"status",
	"stage",
	"fixed_on",
	"expires_on",
	"active_client_key",
	"client_key",
	"lead",
	"company",
)


class ClientFixation(Document):
	def before_insert(self):
		fixing.open_fixation(self)

	def after_insert(self):
		fixing.attach_lead(self)

	def validate(self):
		if not self.is_new() and not self.flags.by_policy:
			self.refuse_policy_changes()

	def refuse_policy_changes(self):
		before = self.get_doc_before_save()
		changed = [f for f in POLICY_FIELDS if self.has_value_changed(f)]
		if changed or len(self.stages) != len(before.stages):
			frappe.throw(
				_(
					"The status, dates and stages of a fixation change only through its actions (Record Meeting)."
				),
				frappe.PermissionError,
			)

	def show_unique_validation_message(self, e):
		# another fixation of the same client became active between the check and this insert
		fixing.raise_busy()

	@frappe.whitelist()
	def record_meeting(self, remote: int = 0):
		return fixing.record_meeting(self.name, bool(int(remote)))


def on_doctype_update():
	frappe.db.add_index("Client Fixation", ["status", "expires_on"])
