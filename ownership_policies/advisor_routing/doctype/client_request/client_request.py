from ownership_policies.advisor_routing import feedback, routing
from ownership_policies.ownership import reasons
from ownership_policies.ownership.doctype.ownership_settings.ownership_settings import split_lines
from ownership_policies.ownership.rule_fields import RuleFields
from ownership_policies.ownership.settings import get_settings


class ClientRequest(RuleFields):
	# X-2, AR-1 … AR-7: the routing, the forwarding, the feedback clock and its points are the policy's
	KEPT_ROWS = ("feedback",)  # a recorded feedback (AR-6, AR-7) stands as it was written
	RULE_FIELDS = (
		"status",
		"forwarded_on",
		"due_date",
		"advisor_status",
		"routed_advisor",
		"routing_rule",
		"routing_reason",
		"feedback_scored",
		"money_pitch_scored",
		"overdue_scored",
		"feedback.recorded_by",
	)
	SET_ON_INSERT = ("customer",)

	def onload(self):
		self.set_onload("request_types", split_lines(get_settings().client_request_types))
		# the "Why" in the reader's language
		self.set_onload("routing_reason", reasons.render(self.routing_reason))

	def validate(self):
		routing.validate_customer(self)
		routing.validate_request_type(self)
		if self.status == "Open" and not self.routed_advisor:
			routing.route(self)
		feedback.check_new_feedback(self)

	def on_update(self):
		if self.status == "Open" and self.routed_advisor:
			routing.forward(self)
		elif self.flags.in_insert and not self.routed_advisor:
			routing.alert_unrouted(self)
		feedback.score_feedback(self)
