"""One ledger (X-2): every ownership decision becomes an immutable Ownership Ledger Entry."""

import json
from dataclasses import asdict
from zoneinfo import ZoneInfo

import frappe
from frappe import _
from frappe.utils import get_datetime, get_system_timezone, now_datetime

from ownership_policies.ownership.identity import find_same_person
from ownership_policies.ownership.immutable import by_app
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
):
	"""Write one decision, as a document insert (so that Webhooks and other apps' hooks see it). `before` and
	`after` may be dicts; they are kept as JSON. The actor is always the session's user and `valid_from` the
	server's time unless a caller passes a moment the server decided; the controller refuses any line not
	written here (X-2). Policies call it through `claims`."""
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
	}
	entry = by_app(frappe.get_doc({"doctype": LEDGER, **values}))
	entry.flags.ignore_links = True  # the app's own references, read from the records it decides on
	# as ERPNext's GL Entry: no live update of a line's form or list is sent (two Redis messages at commit)
	entry.flags.notify_update = False
	return entry.insert(ignore_permissions=True)


def _as_text(value):
	if value is None or isinstance(value, str):
		return value
	return json.dumps(value, default=str, sort_keys=True, ensure_ascii=False)


LINE_FIELDS = ["claim", "action", "rule", "holder", "holder_type", "valid_from", "valid_until"]


def holdings(reference_doctype: str, reference_name: str, on=None):
	lines = frappe.get_all(
		LEDGER,
		filters={"reference_doctype": reference_doctype, "reference_name": reference_name},
		fields=LINE_FIELDS,
		order_by="valid_from asc, creation asc",
	)
	return holdings_on([LedgerLine(**line) for line in lines], moment(on))


def who_owns_each(reference_doctype: str, reference_names: list[str]) -> dict[str, dict]:
	"""who_owns now for several records of one doctype, read in one query: {name: its who_owns}."""
	lines = {name: [] for name in reference_names}
	if reference_names:
		table = frappe.qb.DocType(LEDGER)
		for line in (
			frappe.qb.from_(table)
			.select(table.reference_name, *(table[field] for field in LINE_FIELDS))
			.where(
				(table.reference_doctype == reference_doctype) & table.reference_name.isin(reference_names)
			)
			.orderby(table.valid_from)
			.orderby(table.creation)
			.run(as_dict=True)
		):
			lines[line.pop("reference_name")].append(LedgerLine(**line))
	now = moment(None)
	return {name: as_owner(holdings_on(record_lines, now)) for name, record_lines in lines.items()}


def as_owner(current) -> dict:
	if not current:
		return dict.fromkeys(("holder", "holder_type", "claim", "since", "until", "rule"))
	return asdict(current[0])


def moment(on):
	"""`on` read as the site's time; a moment with a time zone (ISO, with Z or an offset) is converted to it."""
	if not on:
		return now_datetime()
	try:
		value = get_datetime(on)
		if value and value.tzinfo:
			value = value.astimezone(ZoneInfo(get_system_timezone())).replace(tzinfo=None)
	except Exception:
		value = None
	if not value:
		frappe.throw(
			_("{0} is not a date and time. Use the form 2026-11-22 14:30.").format(
				frappe.bold(frappe.utils.escape_html(str(on)))
			)
		)
	return value


def who_owns(reference_doctype: str, reference_name: str, on=None) -> dict:
	"""Who held the record at `on` (default now) and under which rule: the newest claim in force."""
	return as_owner(holdings(reference_doctype, reference_name, on))


def who_owns_person(phone: str | None = None, email: str | None = None, on=None, may_read=None) -> dict:
	"""Who held the person at `on`: the newest claim in force on any record of theirs (X-1: the same E.164
	phone or email) that `may_read(doctype, name)` lets the caller see, and on which record."""
	found = []
	for match in find_same_person(phone=phone, email=email):
		if may_read and not may_read(match["doctype"], match["name"]):
			continue
		if current := holdings(match["doctype"], match["name"], on):
			found.append((current[0], match))
	if not found:
		return dict.fromkeys(
			(
				"holder",
				"holder_type",
				"claim",
				"since",
				"until",
				"rule",
				"reference_doctype",
				"reference_name",
			)
		)
	holding, match = max(found, key=lambda pair: pair[0].since)
	return {**asdict(holding), "reference_doctype": match["doctype"], "reference_name": match["name"]}
