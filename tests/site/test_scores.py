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
