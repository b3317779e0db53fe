"""The queue's waiting leads per tier (LQ-2), the tiers in the order the queue works them, in the reader's
language."""

import frappe
from frappe import _

from ownership_policies.ownership.settings import tier_order


@frappe.whitelist()
def get(chart_name=None, chart=None, no_cache=None, filters=None, **_period):
	waiting = frappe.get_list(
		"Lead",
		filters={"lead_owner": ("is", "not set"), "status": ("in", ("Lead", "Open"))},
		fields=["priority_tier", "count(name) as leads"],
		group_by="priority_tier",
	)
	counts = {row.priority_tier or "": row.leads for row in waiting}
	tiers = tier_order() + ([""] if counts.get("") else [])
	return {
		"labels": [_(tier) if tier else _("No Tier") for tier in tiers],
		"datasets": [{"name": _("Leads Waiting"), "values": [counts.get(tier, 0) for tier in tiers]}],
	}
