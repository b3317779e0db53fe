"""One ledger (X-2): every ownership decision becomes an immutable Ownership Ledger Entry."""

import json
from dataclasses import asdict
from zoneinfo import ZoneInfo

import frappe
from frappe import _
from frappe.utils import get_datetime, get_system_timezone, now_datetime

from ownership_policies.ownership.immutable import by_app
from ownership_policies.ownership.rows import insert_row
from ownership_policies.ownership.rules import LedgerLine, holdings_on

LEDGER = "Ownership Ledger Entry"


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
	direct: bool = False,
):
	"""Write one decision. `before`/`after` may be dicts; they are kept as JSON. `direct`, for a hot path such as
	next_lead: the line is checked as its controller checks it, then written straight to its table (no document
	events, no realtime update). The actor is always the session's user and `valid_from` the server's time
	unless a caller passes a moment the server decided; the controller refuses any line not written here (X-2)."""
	values = {
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
	entry = frappe.get_doc({"doctype": LEDGER, **values})
	if not direct:
		return by_app(entry).insert(ignore_permissions=True)
	entry.validate()
	entry.name = insert_row(LEDGER, values)
	return entry


def _as_text(value):
	if value is None or isinstance(value, str):
		return value
	return json.dumps(value, default=str, sort_keys=True, ensure_ascii=False)


def holdings(reference_doctype: str, reference_name: str, on=None):
	lines = frappe.get_all(
		LEDGER,
		filters={"reference_doctype": reference_doctype, "reference_name": reference_name},
		fields=["claim", "action", "rule", "holder", "holder_type", "valid_from", "valid_until"],
		order_by="valid_from asc, creation asc",
	)
	return holdings_on([LedgerLine(**line) for line in lines], moment(on))


def moment(on):
	"""`on` read as the site's time; a moment with a time zone (ISO, with Z or an offset) is converted to it."""
	if not on:
		return now_datetime()
	try:
		value = get_datetime(on)
	except Exception:
		value = None
	if not value:
		frappe.throw(
			_("{0} is not a date and time. Use the form 2026-11-22 14:30.").format(
				frappe.bold(frappe.utils.escape_html(str(on)))
			)
		)
	if value.tzinfo:
		value = value.astimezone(ZoneInfo(get_system_timezone())).replace(tzinfo=None)
	return value


def who_owns(reference_doctype: str, reference_name: str, on=None) -> dict:
	"""Who held the record at `on` (default now) and under which rule: the newest claim in force."""
	current = holdings(reference_doctype, reference_name, on)
	if not current:
		return dict.fromkeys(("holder", "holder_type", "claim", "since", "until", "rule"))
	return asdict(current[0])
