"""Agent scores: an append-only points ledger; an agent's balance is the sum of their lines."""

import frappe
from frappe.query_builder.functions import Coalesce, Sum


def award(agent: str, points: int, rule: str, reason: str, reference_doctype=None, reference_name=None):
	"""Record a bonus (points > 0) or a malus (points < 0)."""
	return frappe.get_doc(
		{
			"doctype": "Agent Score Entry",
			"agent": agent,
			"points": points,
			"rule": rule,
			"reason": reason,
			"reference_doctype": reference_doctype,
			"reference_name": reference_name,
		}
	).insert(ignore_permissions=True)


def balance(agent: str) -> int:
	entry = frappe.qb.DocType("Agent Score Entry")
	total = frappe.qb.from_(entry).select(Coalesce(Sum(entry.points), 0)).where(entry.agent == agent).run()
	return int(total[0][0])
