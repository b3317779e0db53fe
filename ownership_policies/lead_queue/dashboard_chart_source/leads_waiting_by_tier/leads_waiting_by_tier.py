"""The queue's waiting leads per tier (LQ-2), the tiers in the order the queue works them, in the reader's
language."""

import frappe
from frappe import _

from ownership_policies.lead_queue import waiting
from ownership_policies.ownership.settings import tier_order


@frappe.whitelist()
def get(chart_name=None, chart=None, no_cache=None, filters=None, **_period):
	leads = waiting.by_tier()
	tiers = tier_order() + ([waiting.NO_TIER] if waiting.NO_TIER in leads else [])
	return {
		"labels": [_(tier) if tier else _("No Tier") for tier in tiers],
		"datasets": [
			{"name": _("Leads Waiting"), "values": [leads.get(tier, (0, None))[0] for tier in tiers]}
		],
	}
