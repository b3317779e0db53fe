"""The leads waiting in the queue (LQ-2), among those the reader may read: the workspaces' card and chart and
the Lead Queue report count them here. A waiting lead's owner is NULL (queue.normalise_owner) and is tested
with `is null`, so that the count reads the queue's own index alone (queue.QUEUE_INDEX) and costs what the
queue holds, not what the Lead table does. Frappe's filter for an empty field, `ifnull(lead_owner, '') = ''`,
cannot use an index: with it the card read every lead and the chart looked every one up (0.6 s and 13 s at
1,000,000 leads, 10,000 of them queued; 3 and 4 ms now: see the README)."""

from datetime import datetime

import frappe
from frappe.desk.reportview import build_match_conditions

from ownership_policies.lead_queue.queue import QUEUE_STATUSES
from ownership_policies.ownership.settings import tier_order

NO_TIER = ""  # leads with no tier, or a tier no longer in the settings' order


def by_tier() -> dict[str, tuple[int, datetime]]:
	"""{tier: (leads waiting, when the oldest of them came in)}, the tiers in the queue's order; leads with no
	tier, or one no longer in the order, under NO_TIER. Raises frappe.PermissionError for a reader who may not
	read leads."""
	# the reader's user permissions, as a list of Leads applies them
	readable = build_match_conditions("Lead")
	order = tier_order()
	waiting = {}
	for tier, leads, oldest in frappe.db.sql(
		f"""select priority_tier, count(*), min(creation) from `tabLead`
		where lead_owner is null and status in %(statuses)s {f"and ({readable})" if readable else ""}
		group by priority_tier""",
		{"statuses": QUEUE_STATUSES},
	):
		tier = tier if tier in order else NO_TIER
		counted, since = waiting.get(tier, (0, oldest))
		waiting[tier] = (counted + leads, min(since, oldest))
	return {tier: waiting[tier] for tier in [*order, NO_TIER] if tier in waiting}


@frappe.whitelist()
def count(filters=None) -> dict:
	"""The workspaces' "Leads Waiting" card; a click opens them in the Lead list."""
	return {
		"value": sum(leads for leads, _oldest in by_tier().values()),
		"fieldtype": "Int",
		"route": ["List", "Lead"],
		"route_options": {"lead_owner": ["is", "not set"], "status": ["in", list(QUEUE_STATUSES)]},
	}
