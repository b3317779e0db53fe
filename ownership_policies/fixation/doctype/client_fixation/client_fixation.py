import frappe

from ownership_policies.fixation import fixing
from ownership_policies.ownership.rule_fields import RuleFields


class ClientFixation(RuleFields):
	# X-2, FX-3 … FX-10: set by the policy only (opening, meetings, expiry, cancellation)
	RULE_FIELDS = (
		"status",
		"stage",
		"fixed_on",
		"expires_on",
		"active_client_key",
		"client_key",
		"lead",
		"stages",
		"cancellation_reason",
	)
	SET_ON_INSERT = ("agency", "phone")

	def before_insert(self):
		fixing.open_fixation(self)

	def after_insert(self):
		fixing.attach_lead(self)

	def db_insert(self, *args, **kwargs):
		return fixing.insert_first(self, lambda: super(ClientFixation, self).db_insert(*args, **kwargs))

	@frappe.whitelist()
	def record_meeting(self, remote: int = 0):
		return fixing.record_meeting(self.name, bool(int(remote)))


def on_doctype_update():
	frappe.db.add_index("Client Fixation", ["status", "expires_on"])
