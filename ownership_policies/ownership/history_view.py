"""A record's ownership history in plain words (X-2, X-4): each line of its ledger read as a sentence in the
reader's language, e.g. "Held by Agence Horizon since 01-12-2026 10:00, until 04-12-2026 10:00 — fixation: a
free client fixed to its agency (FX-3)", with users by full name, partners by name and dates in the reader's
format. The form's timeline shows it (hooks.py `additional_timeline_content`) to a desk user who may read the
record; the Ownership History report reads the same lines and periods."""

from datetime import datetime

import frappe
from frappe import _
from frappe.utils import escape_html, format_datetime, get_datetime, get_fullname, now_datetime
from frappe.utils.data import get_user_date_format, get_user_time_format

from ownership_policies.ownership import ledger, reasons
from ownership_policies.ownership.partners import is_partner_user
from ownership_policies.ownership.rules import ENDS, EXTENDS, GRANTS

TRACKED = ("Lead", "Customer", "Property Listing", "Client Fixation", "Client Request")
FIELDS = [
	"reference_doctype",
	"reference_name",
	"claim",
	"action",
	"rule",
	"holder",
	"holder_type",
	"actor",
	"valid_from",
	"valid_until",
	"note",
	"creation",
]


def claim_words() -> dict[str, str]:
	return {
		"Owner": _("owner"),
		"Referral": _("referral"),
		"Fixation": _("fixation"),
		"Activity Protection": _("activity protection"),
		"Listing": _("listing"),
		"Lead Queue": _("lead queue"),
		"Advisor": _("advisor"),
	}


def rule_words() -> dict[str, str]:
	"""What each rule that decides who holds a client means, in a few words."""
	return {
		"X-2": _("set on the record"),
		"PR-1": _("sent by a prescriber"),
		"PR-3": _("the person was already known"),
		"PR-4": _("a double prescription"),
		"PR-5": _("no convention that pays per contact"),
		"PR-6": _("a signed convention"),
		"FX-3": _("a free client fixed to its agency"),
		"FX-4": _("the manager follows the client"),
		"FX-5": _("no meeting in time"),
		"FX-6": _("a meeting held"),
		"FX-7": _("a remote client's signed act"),
		"FX-8": _("another agency asked for a fixed client"),
		"FX-9": _("a repeat meeting"),
		"RA-1": _("activity by its agent"),
		"RA-2": _("no activity in the protection days"),
		"RA-3": _("the listing's owner asked another office"),
		"RA-4": _("the client asked for another agent"),
		"RA-5": _("the agent left"),
		"RA-8": _("a duplicate listing"),
		"RA-9": _("the first registration"),
		"RA-10": _("a signed reassignment"),
		"LQ-2": _("the next lead of the queue"),
		"LQ-3": _("the agent who booked the appointment"),
		"LQ-4": _("a no-show calling back"),
		"LQ-5": _("a no-show back through a new lead"),
		"LQ-6": _("a financing client"),
		"LQ-7": _("a lost file called back"),
		"LQ-8": _("a new lead of a known client"),
		"LQ-9": _("a reply to an absent colleague's client"),
		"AR-3": _("the client's own advisor"),
		"AR-4": _("the competence matrix"),
		"AR-8": _("a booster"),
	}


def timeline(doctype: str, docname: str) -> list[dict]:
	"""additional_timeline_content: the record's ownership history, for a desk user who may read the record."""
	if not may_read(doctype, docname):
		return []
	return [
		{"icon": "lock", "creation": str(line.valid_from), "content": html(line)}
		for line in lines_of(doctype, docname)
	]


def may_read(doctype: str, name: str) -> bool:
	"""Staff who may read the record; never a partner's staff, who reads only its portal (X-5, X-6)."""
	return (
		doctype in TRACKED
		and not is_partner_user()
		and bool(frappe.has_permission(doctype, "read", doc=name))
	)


def lines_of(doctype: str, name: str) -> list[frappe._dict]:
	"""The record's ledger lines in time order. A fixation's are on its client's Lead: those of this fixation."""
	if doctype == "Client Fixation":
		lead = frappe.db.get_value("Client Fixation", name, "lead")
		if not lead:
			return []
		return read_lines(
			{
				"reference_doctype": "Lead",
				"reference_name": lead,
				"after": ("like", f'%"fixation": "{name}"%'),
			}
		)
	return read_lines({"reference_doctype": doctype, "reference_name": name})


def read_lines(filters: dict) -> list[frappe._dict]:
	return frappe.get_all(
		ledger.LEDGER, filters=filters, fields=FIELDS, order_by="valid_from asc, creation asc"
	)


def html(line) -> str:
	"""The sentence, with the rule's ID small beside it."""
	return f'{escape_html(sentence(line))} <span class="text-muted small">({escape_html(line.rule)})</span>'


def sentence(line) -> str:
	holder, since = holder_name(line), when(line.valid_from)
	if line.action in GRANTS:
		text = (
			_("Held by {0} since {1}, until {2}").format(holder, since, when(line.valid_until))
			if line.valid_until
			else _("Held by {0} since {1}").format(holder, since)
		)
	elif line.action in EXTENDS:
		text = _("Held by {0} from {1}, until {2}").format(holder, since, when(line.valid_until))
	elif line.action == "Expire":
		text = _("{0} no longer holds it since {1}: the claim expired").format(holder, since)
	elif line.action in ENDS:
		text = _("{0} no longer holds it since {1}: released").format(holder, since)
	elif line.action == "Refuse":
		text = _("Refused to {0} on {1}").format(holder, since)
	else:
		text = _("Record deleted on {0}").format(since)
	text = _("{0} — {1}").format(text, why(line.claim, line.rule))
	if line.actor and line.actor not in ("Administrator", "Guest", line.holder):
		text += ", " + _("by {0}").format(get_fullname(line.actor))
	if note := reasons.render(line.note):
		text += ". " + note
	return text


def why(claim: str, rule: str) -> str:
	"""A claim and the rule it stands on, in words: "fixation: a free client fixed to its agency"."""
	claim_text = claim_words().get(claim, claim)
	words = rule_words().get(rule)
	return _("{0}: {1}").format(claim_text, words) if words else claim_text


def holder_name(line) -> str:
	"""A user by full name, a partner (or anything else) by its name."""
	if not line.holder:
		return _("no one")
	if line.holder_type == "User":
		return get_fullname(line.holder)
	return line.holder


def when(value) -> str:
	"""A moment in the reader's date format, to the minute."""
	day = get_user_date_format().replace("mm", "MM")  # Frappe's month, in Babel's pattern
	return format_datetime(value, f"{day} {get_user_time_format().replace(':ss', '')}")


def periods(lines: list, until: datetime | None = None) -> list[dict]:
	"""Who held the record, claim by claim, from when to when: each grant runs to its end (as extended by its
	holder), or to the next grant or end of the same claim, or to `until` (default now), whichever is first."""
	until = until or now_datetime()
	found, running = [], {}
	for line in sorted(lines, key=lambda line: get_datetime(line.valid_from)):
		start = get_datetime(line.valid_from)
		record = (line.reference_doctype, line.reference_name)  # a person's lines span several records
		key = (*record, line.claim)
		held = running.get(key)
		if held and line.action in EXTENDS and line.holder == held["holder"]:
			held["end"] = get_datetime(line.valid_until)
			continue
		if held and (
			line.action in GRANTS or (line.action in ENDS and line.holder in (None, held["holder"]))
		):
			held["end"] = min(held["end"] or start, start)
			del running[key]
		if line.action == "Delete":
			for ended in [key for key in running if key[:2] == record]:
				running[ended]["end"] = min(running[ended]["end"] or start, start)
				del running[ended]
		if line.action in GRANTS and line.holder:
			held = {
				"holder": holder_name(line),
				"claim": line.claim,
				"start": start,
				"end": get_datetime(line.valid_until) if line.valid_until else None,
			}
			running[key] = held
			found.append(held)
	for held in found:
		held["end"] = min(held["end"] or until, until)
	return [held for held in found if held["end"] > held["start"]]
