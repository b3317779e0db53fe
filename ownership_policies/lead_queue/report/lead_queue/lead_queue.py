"""The lead queue at a glance (LQ-2): per tier, in the queue's order, the leads waiting, how long the oldest
has waited, and the leads handed out on a day."""

import frappe
from frappe import _
from frappe.query_builder.functions import Count
from frappe.utils import add_days, getdate

from ownership_policies.lead_queue import waiting
from ownership_policies.ownership.settings import tier_order


def execute(filters=None):
	filters = frappe._dict(filters or {})
	rows = tiers(getdate(filters.date))
	return columns(), rows, None, chart(rows)


def columns():
	return [
		{"fieldname": "tier", "label": _("Priority Tier"), "fieldtype": "Data", "width": 140},
		{"fieldname": "waiting", "label": _("Waiting"), "fieldtype": "Int", "width": 100},
		{"fieldname": "oldest", "label": _("Oldest Waiting Since"), "fieldtype": "Datetime", "width": 180},
		{"fieldname": "handed_out", "label": _("Handed Out"), "fieldtype": "Int", "width": 110},
	]


def tiers(day):
	"""One row per tier in the queue's order; leads with no tier, or a tier no longer in the order, last."""
	order = tier_order()
	rows = {tier: {"tier": _(tier), "waiting": 0, "oldest": None, "handed_out": 0} for tier in order}
	rows[waiting.NO_TIER] = {"tier": _("No tier"), "waiting": 0, "oldest": None, "handed_out": 0}
	for tier, (leads, oldest) in waiting.by_tier().items():
		rows[tier].update(waiting=leads, oldest=oldest)
	lead, line = frappe.qb.DocType("Lead"), frappe.qb.DocType("Ownership Ledger Entry")
	for tier, handed_out in (
		frappe.qb.from_(line)
		.join(lead)
		.on(lead.name == line.reference_name)
		.select(lead.priority_tier, Count(line.name))
		.where(
			(line.reference_doctype == "Lead")
			& (line.rule == "LQ-2")
			& (line.claim == "Lead Queue")  # not the Owner line of the same hand-out
			& (line.valid_from >= day)
			& (line.valid_from < add_days(day, 1))
		)
		.groupby(lead.priority_tier)
		.run()
	):
		rows[tier if tier in order else waiting.NO_TIER]["handed_out"] += handed_out
	return list(rows.values())


def chart(rows):
	return {
		"data": {
			"labels": [row["tier"] for row in rows],
			"datasets": [
				{"name": _("Waiting"), "values": [row["waiting"] for row in rows]},
				{"name": _("Handed Out"), "values": [row["handed_out"] for row in rows]},
			],
		},
		"type": "bar",
		"colors": ["#f5a623", "#28a745"],
	}
