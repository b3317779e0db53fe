import frappe
from frappe import _
from frappe.utils import get_fullname

from ownership_policies.ownership.rule_fields import RuleFields
from ownership_policies.reassignment import notices, requests

PARTIES = (
	"current_agent",
	"owning_manager",
	"requesting_manager",
	"new_agent",
	"answered_by",
	"agent_signed_by",
	"manager_signed_by",
)


class ReassignmentRequest(RuleFields):
	# X-2, RA-1 … RA-4, RA-10: the admission, the answer and the signatures are the policy's
	RULE_FIELDS = (
		"status",
		"respond_by",
		"rule",
		"current_agent",
		"owning_manager",
		"requesting_manager",
		"answered_by",
		"answered_on",
		"guarantee",
		"agent_signed_by",
		"agent_signed_on",
		"manager_signed_by",
		"manager_signed_on",
		"reminded_on",
	)
	SET_ON_INSERT = ("reference_doctype", "reference_name", "reason", "client_wish_confirmed", "new_agent")

	def before_insert(self):
		if not self.flags.by_app:  # entered in the desk or by REST: admitted as the API admits it
			requests.admit(self)

	def validate(self):
		self.title = requests.title_of(self)

	def onload(self):
		"""RA-10: the form says who still signs, and offers Sign only to who may sign now; the parties by name."""
		self.set_onload(
			"signing",
			{
				"still_to_sign": requests.still_to_sign(self),
				"may_sign": self.status == "Awaiting Signatures"
				and requests.signature_of(self, frappe.session.user).allowed,
			},
		)
		parties = {self.get(field) for field in PARTIES if self.get(field)}
		self.set_onload("names", {user: get_fullname(user) for user in parties})

	def on_update(self):
		notices.on_change(self, self.get_doc_before_save())

	def on_trash(self):
		frappe.throw(
			_(
				"A reassignment request is kept, with its answer and signatures (RA-3, RA-10): it cannot be deleted. Reject it, or let it lapse."
			),
			frappe.PermissionError,
		)
