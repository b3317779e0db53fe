"""Client requests per status (AR-*), the statuses in the order a request goes through them, in the reader's
language."""

import frappe
from frappe import _


@frappe.whitelist()
def get(chart_name=None, chart=None, no_cache=None, filters=None, **_period):
	rows = frappe.get_list("Client Request", fields=["status", "count(name) as requests"], group_by="status")
	counts = {row.status: row.requests for row in rows}
	statuses = [
		status for status in frappe.get_meta("Client Request").get_options("status").split("\n") if status
	]
	return {
		"labels": [_(status) for status in statuses],
		"datasets": [
			{"name": _("Client Requests"), "values": [counts.get(status, 0) for status in statuses]}
		],
	}
