"""Commission eligibility per agent (RA-11): the sales of the period, how many may be paid, how many are blocked,
and what most often blocks them, so that agents know which client records to complete."""

from collections import Counter

import frappe
from frappe import _
from frappe.utils import get_fullname

from ownership_policies.ownership.doctype.ownership_settings.ownership_settings import split_lines
from ownership_policies.reassignment import commission_rules as rules
from ownership_policies.reassignment.commission import block_label


def execute(filters=None):
	filters = frappe._dict(filters or {})
	rows = agents(decisions(filters.from_date, filters.to_date))
	return columns(), rows, None, chart(rows)


def columns():
	return [
		{"fieldname": "agent", "label": _("Agent"), "fieldtype": "Link", "options": "User", "width": 220},
		{"fieldname": "invoices", "label": _("Invoices"), "fieldtype": "Int", "width": 100},
		{"fieldname": "eligible", "label": _("Eligible"), "fieldtype": "Int", "width": 100},
		{"fieldname": "blocked", "label": _("Blocked"), "fieldtype": "Int", "width": 100},
		{
			"fieldname": "top_reason",
			"label": _("Most Frequent Block Reason"),
			"fieldtype": "Data",
			"width": 220,
		},
	]


def decisions(from_date=None, to_date=None) -> list:
	"""The decisions on sales posted in the period (either end may be left open)."""
	eligibility = frappe.qb.DocType("Commission Eligibility")
	invoice = frappe.qb.DocType("Sales Invoice")
	query = (
		frappe.qb.from_(eligibility)
		.join(invoice)
		.on(invoice.name == eligibility.sales_invoice)
		.select(eligibility.agent, eligibility.status, eligibility.reason_codes)
		.orderby(eligibility.agent)
	)
	if from_date:
		query = query.where(invoice.posting_date >= from_date)
	if to_date:
		query = query.where(invoice.posting_date <= to_date)
	return query.run(as_dict=True)


def agents(rows) -> list[dict]:
	"""One row per agent; the most frequent reason among their blocked sales (ties: in the seed's order)."""
	found = {}
	for row in rows:
		agent = found.setdefault(
			row.agent, {"agent": row.agent, "invoices": 0, "eligible": 0, "blocked": 0, "reasons": Counter()}
		)
		agent["invoices"] += 1
		agent["eligible" if row.status == rules.ELIGIBLE else "blocked"] += 1
		if row.status == rules.BLOCKED:
			agent["reasons"].update(split_lines(row.reason_codes))
	for agent in found.values():
		reasons = agent.pop("reasons")
		top = max(rules.BLOCK_REASONS, key=lambda code: reasons[code]) if reasons else None
		agent["top_reason"] = block_label(top) if top else ""
	return list(found.values())


def chart(rows):
	return {
		"data": {
			"labels": [get_fullname(row["agent"]) for row in rows],
			"datasets": [
				{"name": _("Eligible"), "values": [row["eligible"] for row in rows]},
				{"name": _("Blocked"), "values": [row["blocked"] for row in rows]},
			],
		},
		"type": "bar",
		"colors": ["#28a745", "#f5a623"],
	}
