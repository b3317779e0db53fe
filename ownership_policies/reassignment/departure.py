"""An agent who leaves (RA-5): each of their active listings is proposed to an agent of the same type
— same office first, then the fewest listings — or, with no such colleague, to the office manager; the listing's
points go with it once the reassignment is signed (RA-10)."""

import frappe
from frappe import _
from frappe.query_builder.functions import Count

from ownership_policies.ownership.notify import tell
from ownership_policies.ownership.roles import sales_managers
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


def on_employee_update(employee, method=None):
	"""RA-5 from HR: an Employee marked Left who still holds active listings: their office manager (else the sales
	managers) gets the proposal, and applies it with the Agent Departure action, so the signatures stay theirs.
	HR's save never fails on it."""
	agent = employee.user_id
	if employee.status != "Left" or not agent or not employee.has_value_changed("status"):
		return
	if not frappe.db.exists(ra.LISTING, {"agent": agent, "status": "Active"}):
		return
	manager = office_manager((office_of(agent) or frappe._dict()).office)
	managers = [manager] if manager and manager != agent else sorted(sales_managers() - {agent})
	try:
		proposal = "".join(
			f"<li>{frappe.utils.escape_html(p['address'] or p['listing'])} → {p['successor']}: {p['why']}</li>"
			for p in plan(agent)
		)
		message = (
			_("Open the Property Listing list and use Agent Departure to hand them on:")
			+ f"<ul>{proposal}</ul>"
		)
	except frappe.ValidationError as no_successor:
		frappe.clear_last_message()  # HR's save goes on; the managers read why
		message = str(no_successor)
	tell(
		employee,
		_("{0} has left and still holds property listings (RA-5)").format(employee.employee_name or agent),
		message,
		users=managers,
	)
