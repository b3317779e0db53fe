"""Agent Score Entry: an append-only points ledger with a per-agent balance (used by RA-8 and AR-7)."""

import frappe
import pytest

from ownership_policies.ownership import scores


def test_x2_score_lines_add_up_to_the_balance_and_cannot_be_changed(sales_user):
	start = scores.balance(sales_user)
	scores.award(sales_user, 2, "AR-7", "money pitch recorded")
	line = scores.award(sales_user, -50, "RA-8", "listing registered second")
	assert scores.balance(sales_user) == start - 48
	line.points = 0
	with pytest.raises(frappe.PermissionError):
		line.save(ignore_permissions=True)
	with pytest.raises(frappe.PermissionError):
		frappe.delete_doc("Agent Score Entry", line.name, ignore_permissions=True)
	assert scores.balance(sales_user) == start - 48


def test_agent_score_balance_report_sums_bonus_and_malus_per_agent(sales_user):
	from ownership_policies.ownership.report.agent_score_balance.agent_score_balance import execute

	frappe.db.delete("Agent Score Entry", {"agent": sales_user})
	scores.award(sales_user, 2, "AR-7", "money pitch recorded")
	scores.award(sales_user, 1, "AR-7", "feedback on time")
	scores.award(sales_user, -50, "RA-8", "listing registered second")
	columns, rows, _message, chart = execute({"agent": sales_user})
	assert [c["fieldname"] for c in columns][:4] == ["agent", "balance", "bonus", "malus"]
	assert [(r.agent, r.balance, r.bonus, r.malus, r.lines) for r in rows] == [(sales_user, -47, 3, -50, 3)]
	assert chart["data"]["datasets"][0]["values"] == [-47]
	assert execute({"agent": sales_user, "to_date": "2000-01-01"})[1] == []
