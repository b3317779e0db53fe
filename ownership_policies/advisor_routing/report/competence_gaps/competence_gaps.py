"""Where the competence matrix falls short, for the trainers (AR-9): per territory and request type, the
requests no eligible volunteer could take; per advisor, how often feedback came late."""

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, Sum
from frappe.utils import add_days, flt, getdate

BY_ADVISOR = "Advisor"


def execute(filters=None):
	filters = frappe._dict(filters or {})
	by_advisor = filters.group_by == BY_ADVISOR
	rows = requests(filters, by_advisor)
	for row in rows:
		row["overdue_rate"] = flt(100 * row["overdue"] / row["requests"], 1) if row["requests"] else 0
	return columns(by_advisor), rows, None, chart(rows, by_advisor)


def columns(by_advisor: bool):
	if by_advisor:
		group = [
			{
				"fieldname": "advisor",
				"label": _("Advisor"),
				"fieldtype": "Link",
				"options": "User",
				"width": 220,
			}
		]
	else:
		group = [
			{
				"fieldname": "territory",
				"label": _("Territory"),
				"fieldtype": "Link",
				"options": "Territory",
				"width": 160,
			},
			{"fieldname": "request_type", "label": _("Request Type"), "fieldtype": "Data", "width": 170},
		]
	return [
		*group,
		{"fieldname": "requests", "label": _("Requests"), "fieldtype": "Int", "width": 100},
		{"fieldname": "unrouted", "label": _("No Eligible Volunteer"), "fieldtype": "Int", "width": 170},
		{"fieldname": "overdue", "label": _("Feedback Late"), "fieldtype": "Int", "width": 120},
		{"fieldname": "overdue_rate", "label": _("Late Rate (%)"), "fieldtype": "Percent", "width": 120},
	]


def requests(filters, by_advisor: bool) -> list[dict]:
	request = frappe.qb.DocType("Client Request")
	groups = (
		[request.routed_advisor.as_("advisor")] if by_advisor else [request.territory, request.request_type]
	)
	query = (
		frappe.qb.from_(request)
		.select(
			*groups,
			Count(request.name).as_("requests"),
			Sum(Case().when(request.routed_advisor.isnull(), 1).else_(0)).as_("unrouted"),
			Sum(request.overdue_scored).as_("overdue"),
		)
		.groupby(*groups)
		.orderby(Sum(Case().when(request.routed_advisor.isnull(), 1).else_(0)), order=frappe.qb.desc)
	)
	if by_advisor:
		query = query.where(request.routed_advisor.isnotnull())
	if filters.from_date:
		query = query.where(request.creation >= getdate(filters.from_date))
	if filters.to_date:
		query = query.where(request.creation < add_days(getdate(filters.to_date), 1))
	return [
		{**row, "unrouted": int(row.unrouted or 0), "overdue": int(row.overdue or 0)}
		for row in query.run(as_dict=True)
	]


def chart(rows, by_advisor: bool):
	if not rows:
		return None
	if by_advisor:
		labels = [row["advisor"] for row in rows]
		datasets = [{"name": _("Late Rate (%)"), "values": [row["overdue_rate"] for row in rows]}]
	else:
		labels = [f"{row['territory'] or _('No territory')} · {_(row['request_type'])}" for row in rows]
		datasets = [
			{"name": _("Requests"), "values": [row["requests"] for row in rows]},
			{"name": _("No Eligible Volunteer"), "values": [row["unrouted"] for row in rows]},
		]
	return {"data": {"labels": labels, "datasets": datasets}, "type": "bar", "colors": ["#7575ff", "#ff5858"]}
