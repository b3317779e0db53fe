"""The fair lead queue (LQ-2): the next lead by tier, then oldest first, taken under a row lock that other
agents skip, so that parallel callers never get the same lead and none is passed over. Agents take leads only
this way; managers may assign by hand."""

import frappe
from frappe import _

from ownership_policies.lead_queue.shifts import is_on_shift
from ownership_policies.ownership import claims
from ownership_policies.ownership.history import by_assignment_rule
from ownership_policies.ownership.roles import ensure_may, is_manager
from ownership_policies.ownership.settings import tier_order

QUEUE_STATUSES = ("Lead", "Open")  # received, not yet worked
# The queue's index on Lead (setup/install.py): a tier's unowned leads, oldest first, as take_next reads them;
# the status after the queue's order (the name is there to keep that order), so that the waiting leads are
# counted from the index alone (lead_queue/waiting.py).
QUEUE_INDEX = "ownership_lead_queue_index"
QUEUE_INDEX_FIELDS = ("lead_owner", "priority_tier", "creation", "name", "status")


def next_lead() -> dict:
	"""The caller's next lead, now assigned to them (lead owner and ToDo), with the ledger line; or None when
	the queue is empty."""
	agent = frappe.session.user
	ensure_may("take_lead", _("Only sales users take leads from the queue."))
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
	claims.grant(
		("Lead", lead.name),
		agent,
		claim="Lead Queue",
		rule="LQ-2",
		assign=_("Next lead from the queue"),
		after={"tier": lead.priority_tier, "created": lead.creation},
	)
	return {"lead": lead.name}


def take_next():
	"""LQ-2: tier by tier in the settings' order, then leads with no tier, each oldest first. One indexed
	query per tier; the row is locked, and rows other agents hold are skipped."""
	table = frappe.qb.DocType("Lead")
	tiers = tier_order()
	for tier in [*tiers, None]:
		query = (
			frappe.qb.from_(table)
			.select(table.name, table.priority_tier, table.creation)
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
	"""Lead validate: an empty owner is stored as NULL, the queue's mark; and no cherry-picking (LQ-2): a queued
	lead leaves the queue through Next Lead or a manager, neither taken by hand nor worked out of it first (a
	status out of the queue, then the owner, would be the same pick in two saves), nor moved up its order (a
	tier raised, then Next Lead)."""
	lead.lead_owner = lead.lead_owner or None
	if lead.is_new() or lead.flags.owner_decided:
		return
	before = lead.get_doc_before_save()
	if queued(before) and (not queued(lead) or (lead.priority_tier or "") != (before.priority_tier or "")):
		refuse_cherry_picking()


def queued(lead) -> bool:
	return bool(lead) and not lead.lead_owner and lead.status in QUEUE_STATUSES


def refuse_hand_assignment(todo, method=None):
	"""ToDo before_insert: assigning a queued lead by hand is a manager's act, not an agent's (LQ-2). Next Lead
	sets the owner first; an Assignment Rule's own assignments are left to it."""
	if todo.reference_type != "Lead" or by_assignment_rule(todo):
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
