"""An agent who leaves or is away (RA-5): each of their active listings is proposed to an agent of the same type
— same office first, then the fewest listings — or, with no such colleague, to the office manager; the listing's
points go with it once the reassignment is signed (RA-10)."""

import frappe
from frappe import _
from frappe.query_builder.functions import Count

from ownership_policies.reassignment import rules as ra
from ownership_policies.reassignment.offices import office_agents, office_manager, office_of
from ownership_policies.reassignment.requests import request_reassignment


def reasons() -> dict[str, str]:
	return {
		"same_type": _("An agent of the same type as the departing agent (RA-5)."),
		"office_manager": _(
			"No other agent of the departing agent's type: the office manager takes the listing (RA-5)."
		),
	}


def plan(agent: str) -> list[dict]:
	"""Who would take each of the agent's active listings: [{"listing", "address", "successor", "why"}]."""
	listings = frappe.get_all(
		ra.LISTING,
		filters={"agent": agent, "status": "Active"},
		fields=["name", "address"],
		order_by="creation",
	)
	row = office_of(agent) or frappe._dict(agent=agent)
	leaving = ra.Colleague(agent, row.agent_type, row.office, len(listings))
	table = frappe.qb.DocType(ra.LISTING)
	counts = dict(
		frappe.qb.from_(table)
		.select(table.agent, Count(table.name))
		.where(table.status == "Active")
		.groupby(table.agent)
		.run()
	)
	colleagues = [
		ra.Colleague(r.agent, r.agent_type, r.office, counts.get(r.agent, 0))
		for r in office_agents()
		if r.agent != agent
	]
	proposals = []
	for listing in listings:
		choice = ra.successor(leaving, colleagues, office_manager(row.office))
		if not choice.agent:
			frappe.throw(
				_(
					"{0} has no colleague of the same type and their office has no manager in Ownership Settings > Office Agents."
				).format(agent),
				title=_("No Successor"),
			)
		proposals.append(
			{
				"listing": listing.name,
				"address": listing.address,
				"successor": choice.agent,
				"why": reasons()[choice.reason],
			}
		)
		colleagues = [
			c if c.agent != choice.agent else ra.Colleague(c.agent, c.agent_type, c.office, c.listings + 1)
			for c in colleagues
		]
	return proposals


def depart(agent: str) -> list[dict]:
	"""Open a reassignment per listing, granted at once (the agent is gone), awaiting the two signatures."""
	proposals = plan(agent)
	for proposal in proposals:
		proposal["request"] = request_reassignment(
			ra.LISTING, proposal["listing"], ra.DEPARTURE, proposal["successor"]
		).name
	return proposals
