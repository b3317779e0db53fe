"""One ledger (X-2): every ownership decision becomes an immutable Ownership Ledger Entry."""

import json

import frappe
from frappe.utils import get_datetime, now_datetime

from ownership_policies.ownership.rules import LedgerLine, holdings_on


def record(
	reference_doctype: str,
	reference_name: str,
	*,
	claim: str,
	action: str,
	rule: str,
	holder: str | None = None,
	holder_type: str | None = None,
	valid_from=None,
	valid_until=None,
	before=None,
	after=None,
	note: str | None = None,
	identity_key: str | None = None,
):
	"""Write one decision. `before`/`after` may be dicts; they are kept as JSON."""
	return frappe.get_doc(
		{
			"doctype": "Ownership Ledger Entry",
			"reference_doctype": reference_doctype,
			"reference_name": reference_name,
			"claim": claim,
			"action": action,
			"rule": rule,
			"holder_type": holder_type or ("User" if holder and frappe.db.exists("User", holder) else None),
			"holder": holder,
			"actor": frappe.session.user,
			"valid_from": valid_from or now_datetime(),
			"valid_until": valid_until,
			"before": _as_text(before),
			"after": _as_text(after),
			"note": note,
			"identity_key": identity_key,
		}
	).insert(ignore_permissions=True)


def _as_text(value):
	if value is None or isinstance(value, str):
		return value
	return json.dumps(value, default=str, sort_keys=True, ensure_ascii=False)


def holdings(reference_doctype: str, reference_name: str, on=None):
	lines = frappe.get_all(
		"Ownership Ledger Entry",
		filters={"reference_doctype": reference_doctype, "reference_name": reference_name},
		fields=["claim", "action", "rule", "holder", "holder_type", "valid_from", "valid_until"],
		order_by="valid_from asc, creation asc",
	)
	moment = get_datetime(on) if on else now_datetime()
	return holdings_on([LedgerLine(**line) for line in lines], moment)


def who_owns(reference_doctype: str, reference_name: str, on=None) -> dict:
	"""Who held the record at `on` (default now) and under which rule: the newest claim in force."""
	current = holdings(reference_doctype, reference_name, on)
	if not current:
		return {
			"holder": None,
			"holder_type": None,
			"claim": None,
			"since": None,
			"until": None,
			"rule": None,
		}
	newest = current[0]
	return {
		"holder": newest.holder,
		"holder_type": newest.holder_type,
		"claim": newest.claim,
		"since": newest.since,
		"until": newest.until,
		"rule": newest.rule,
	}
