from frappe.model.document import Document

from ownership_policies.advisor_routing import feedback, routing
from ownership_policies.ownership.doctype.ownership_settings.ownership_settings import split_lines
from ownership_policies.ownership.settings import get_settings


class ClientRequest(Document):
	def onload(self):
		self.set_onload("request_types", split_lines(get_settings().client_request_types))

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
