import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, Max, Sum
from frappe.utils import add_days, getdate


def execute(filters=None):
	filters = frappe._dict(filters or {})
	rows = balances(filters)
	return columns(), rows, None, chart(rows)


def columns():
	return [
		{"fieldname": "agent", "label": _("Agent"), "fieldtype": "Link", "options": "User", "width": 220},
		{"fieldname": "balance", "label": _("Balance"), "fieldtype": "Int", "width": 100},
		{"fieldname": "bonus", "label": _("Bonus"), "fieldtype": "Int", "width": 100},
		{"fieldname": "malus", "label": _("Malus"), "fieldtype": "Int", "width": 100},
		{"fieldname": "lines", "label": _("Lines"), "fieldtype": "Int", "width": 80},
		{"fieldname": "last_posted_on", "label": _("Last Line"), "fieldtype": "Datetime", "width": 170},
	]


def balances(filters):
	entry = frappe.qb.DocType("Agent Score Entry")
	bonus = Sum(Case().when(entry.points > 0, entry.points).else_(0))
	malus = Sum(Case().when(entry.points < 0, entry.points).else_(0))
	query = (
		frappe.qb.from_(entry)
		.select(
			entry.agent,
			Sum(entry.points).as_("balance"),
			bonus.as_("bonus"),
			malus.as_("malus"),
			Count(entry.name).as_("lines"),
			Max(entry.posted_on).as_("last_posted_on"),
		)
		.groupby(entry.agent)
		.orderby(Sum(entry.points), order=frappe.qb.desc)
	)
	if filters.agent:
		query = query.where(entry.agent == filters.agent)
	if filters.from_date:
		query = query.where(entry.posted_on >= getdate(filters.from_date))
	if filters.to_date:
		query = query.where(entry.posted_on < add_days(getdate(filters.to_date), 1))
	return query.run(as_dict=True)


def chart(rows):
	if not rows:
		return None
	return {
		"data": {
			"labels": [row.agent for row in rows],
			"datasets": [{"name": _("Balance"), "values": [row.balance for row in rows]}],
		},
		"type": "bar",
		"colors": ["#7575ff"],
	}
