import frappe
from frappe import _
from frappe.model.document import Document

from ownership_policies.advisor_routing import routing
from ownership_policies.ownership.doctype.ownership_settings.ownership_settings import split_lines
from ownership_policies.ownership.settings import get_settings


class CompetenceMatrix(Document):
	def validate(self):
		known = split_lines(get_settings().client_request_types)
		if unknown := [kind for kind in split_lines(self.request_types) if kind not in known]:
			frappe.throw(
				_(
					"Unknown request types: {0}. Use the Client Request Types of Ownership Settings: {1}."
				).format(", ".join(unknown), ", ".join(known)),
				title=_("Unknown Request Type"),
			)
		self.request_types = "\n".join(dict.fromkeys(split_lines(self.request_types)))

	def on_update(self):
		routing.route_waiting()
