"""The fair lead queue (LQ-2): the next lead by tier, then oldest first, taken under a row lock that other
agents skip, so that parallel callers never get the same lead and none is passed over. Agents take leads only
this way; managers may assign by hand."""

import json

import frappe
from frappe import _

from ownership_policies.lead_queue.shifts import is_on_shift
from ownership_policies.ownership import ledger
from ownership_policies.ownership.doctype.ownership_settings.ownership_settings import split_lines
from ownership_policies.ownership.roles import is_manager
from ownership_policies.ownership.rows import insert_row
from ownership_policies.ownership.settings import get_settings

QUEUE_STATUSES = ("Lead", "Open")  # received, not yet worked
AGENT_ROLE = "Sales User"


def next_lead() -> dict:
	"""The caller's next lead, now assigned to them (lead owner and ToDo), with the ledger line; or None when
	the queue is empty."""
	agent = frappe.session.user
	if AGENT_ROLE not in frappe.get_roles():
		frappe.throw(_("Only sales users take leads from the queue."), frappe.PermissionError)
	if not is_on_shift(agent):
		frappe.throw(
			_(
				"You are not on shift now, so the queue gives you no lead (LQ-2). A manager sets your shifts and absences in Agent Schedule."
			),
			title=_("Off Shift"),
		)
	lead = take_next()
	if not lead:
		return {"lead": None}
	assign(lead, agent)
	ledger.record(
		"Lead",
		lead.name,
		claim="Lead Queue",
		action="Assign",
		rule="LQ-2",
		holder=agent,
		holder_type="User",
		after={"tier": lead.priority_tier, "created": lead.creation},
		direct=True,
	)
	return {"lead": lead.name}


def assign(lead, agent: str):
	"""The lead owner, and an open ToDo as Frappe's Assign To leaves it (the ToDo row, the lead's _assign),
	written directly: Assign To's timeline comment, notification and share would cost more than all the rest of
	next_lead; the ledger line records the assignment instead."""
	assigned = [*json.loads(lead._assign or "[]"), agent]
	frappe.db.set_value(
		"Lead", lead.name, {"lead_owner": agent, "_assign": json.dumps(list(dict.fromkeys(assigned)))}
	)
	insert_row(
		"ToDo",
		{
			"status": "Open",
			"priority": "Medium",
			"allocated_to": agent,
			"assigned_by": agent,
			"reference_type": "Lead",
			"reference_name": lead.name,
			"description": _("Next lead from the queue"),
		},
	)


def take_next():
	"""LQ-2: tier by tier in the settings' order, then leads with no tier, each oldest first. One indexed
	query per tier; the row is locked, and rows other agents hold are skipped."""
	table = frappe.qb.DocType("Lead")
	tiers = split_lines(get_settings().tier_order)
	for tier in [*tiers, None]:
		query = (
			frappe.qb.from_(table)
			.select(table.name, table.priority_tier, table.creation, table._assign)
			.where(table.lead_owner.isnull() & table.status.isin(QUEUE_STATUSES))
			.orderby(table.creation)
			.orderby(table.name)
			.limit(1)
			.for_update(skip_locked=True)
		)
		if tier:
			query = query.where(table.priority_tier == tier)
		else:
			query = query.where(
				table.priority_tier.isnull() | (table.priority_tier == "") | table.priority_tier.notin(tiers)
			)
		if found := query.run(as_dict=True):
			return found[0]
	return None


def normalise_owner(lead, method=None):
	"""Lead validate: an empty owner is stored as NULL, the queue's mark; and no cherry-picking (LQ-2)."""
	lead.lead_owner = lead.lead_owner or None
	if lead.is_new() or not lead.lead_owner:
		return
	before = lead.get_doc_before_save()
	if before and not before.lead_owner and lead.status in QUEUE_STATUSES:
		refuse_cherry_picking()


def refuse_hand_assignment(todo, method=None):
	"""ToDo before_insert: assigning a queued lead by hand is a manager's act, not an agent's (LQ-2). Next Lead
	sets the owner first; an Assignment Rule's own assignments are left to it."""
	if todo.reference_type != "Lead" or todo.assignment_rule:
		return
	owner, status = frappe.db.get_value("Lead", todo.reference_name, ["lead_owner", "status"]) or (None, None)
	if not owner and status in QUEUE_STATUSES:
		refuse_cherry_picking()


def refuse_cherry_picking():
	if is_manager():
		return
	frappe.throw(
		_("Take leads with Next Lead: the queue hands them out by tier, then oldest first (LQ-2)."),
		frappe.PermissionError,
		title=_("No Cherry-Picking"),
	)
