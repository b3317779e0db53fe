"""Reasons in the reader's language (X-4): a reason is kept as the rule that gave it, the name of its sentence and
its parameters (JSON, e.g. {"rule": "PR-3", "reason": "known_before", "params": []}), and rendered when it is
read, so that a prescriber attachment's reason, a client request's "Why" and a ledger line's note read in the
language of whoever reads them, not of whoever saved them. A text kept before reasons were kept so (or typed
by a person, such as a cancellation's reason) reads as it was written."""

import json
from functools import cache

import frappe
from frappe import _
from frappe.utils import format_date, get_fullname


def sentences() -> dict[str, tuple[str, tuple[str, ...]]]:
	"""Each reason's sentence in the current language, and how each of its parameters is shown: `date` (in the
	reader's date format), `user` (by full name), `translated` (a value the app translates) or `text` (as it
	is)."""
	return {
		# PR-1 … PR-6: a prescriber attachment's verdict
		"remunerable": (
			_("Remunerable until {0} under the convention {1}: the partner sent a contact new to us."),
			("date", "text"),
		),
		"kept_convention_unpaid": (
			_(
				"Attached and kept for this partner until {0}, but not remunerable: the convention {1} in force does not pay per contact."
			),
			("date", "text"),
		),
		"kept_no_convention": (
			_(
				"Attached and kept for this partner until {0}, but not remunerable: the partner has no convention in force."
			),
			("date",),
		),
		"known_late": (
			_(
				"Not remunerable: the record was created on {0}, more than {1} days before the prescriber was set, so the person was already known to us. Attach referrals on reception."
			),
			("date", "text"),
		),
		"known_before": (
			_(
				"Not remunerable: this person was already known to us (a lead, contact or customer) before the referral."
			),
			(),
		),
		"double_prescription": (
			_(
				"Not remunerable: another partner sent this person on {0}; that partner keeps the contact until {1}."
			),
			("date", "date"),
		),
		"already_attached": (
			_("This partner already sent this person on {0}; that first attachment and its date stand."),
			("date",),
		),
		"by_name_only": (
			_("The record has no phone and no email: the person was recognised by name only."),
			(),
		),
		# AR-3, AR-4: why a client request went to its advisor, or to no one yet
		"advisor": (_("The client's own advisor takes the request (AR-3)."), ()),
		"matrix": (
			_(
				"The client has no advisor: the competence matrix chose the eligible volunteer for this territory and request type with the best score, then the fewest open requests (AR-4)."
			),
			(),
		),
		"no_volunteer": (
			_(
				"No active, eligible volunteer in the competence matrix: the request stays open. Add or enable one: the request is routed as soon as the matrix is saved (AR-4)."
			),
			(),
		),
		"no_territory": (
			_(
				"No eligible volunteer covers the client's territory: the request stays open. Extend a volunteer's territories in the competence matrix: the request is routed as soon as the matrix is saved (AR-4)."
			),
			(),
		),
		"no_competence": (
			_(
				"No eligible volunteer for this territory handles this request type: the request stays open. Add the type to a volunteer in the competence matrix: the request is routed as soon as the matrix is saved (AR-4)."
			),
			(),
		),
		# the ledger's notes
		"fixed_elsewhere": (_("Fixation refused: the client is fixed to {0}."), ("text",)),
		"signed_by": (_("Signed by {0} and {1}"), ("user", "user")),
		"duplicate_of": (_("Duplicate of {0}"), ("text",)),
		"withdrawn": (_("Withdrawn"), ()),
		"financing": (_("The client asked for {0}: a financing client from now on (LQ-6)."), ("translated",)),
		"booster": (
			_("Booster: an orphan client given to a volunteer in proportion to their score (AR-8)."),
			(),
		),
		"merged_with": (_("Merged with {0}"), ("text",)),
		# who holds a person once two of their records are merged (merge_rules.py), and the undo
		"merge_first_registration": (
			_("Merged with {0}: {1} was registered first, and its owner keeps the client (RA-9)."),
			("text", "text"),
		),
		"merge_running_fixation": (
			_("Merged with {0}: {1} has a running fixation, and its owner keeps the client (FX-8)."),
			("text", "text"),
		),
		"merge_no_owner": (_("Merged with {0}: neither record had an owner."), ("text",)),
		"merged_into": (_("Merged into {0}."), ("text",)),
		"merge_undone": (_("The merge of {0} into {1} was undone."), ("text", "text")),
		"assignment_rule": (_("Assignment Rule {0}"), ("text",)),
		# LQ-3 … LQ-9: who a re-contact goes to (lead_queue/recontact.py)
		"moved_appointment": (_("A moved appointment stays with the agent who booked it (LQ-3)."), ()),
		"missed_and_followed_up": (
			_(
				"The client missed an appointment; a call back within the window after the booking agent's last follow-up goes back to that agent if on shift, otherwise to the agent who books (LQ-4)."
			),
			(),
		),
		"missed_and_never_followed_up": (
			_(
				"The client missed an appointment that its booking agent never followed up: the agent who books the new one owns the client (LQ-5)."
			),
			(),
		),
		"file_lost": (
			_("The booking agent marked the client's file lost: the client goes to the new agent (LQ-7)."),
			(),
		),
		"known_client_lead": (
			_(
				"A known client's new lead keeps the owner and tier of the client's lead from the same month, or of an owner on shift; otherwise it goes to the next agent from the queue (LQ-8)."
			),
			(),
		),
		"answered_by_text": (
			_(
				"An agent who answered an absent colleague's client by text keeps the client only by answering the client's reply within the window; after it, whoever replies and books owns the client (LQ-9)."
			),
			(),
		),
		"first_registration": (
			_("{0} registered this client first, on lead {1}: the first registration prevails (RA-9)."),
			("user", "text"),
		),
	}


SHOWN = {
	"date": lambda value: format_date(value),
	"user": lambda value: get_fullname(value) if value else "",
	"translated": lambda value: _(value) if value else "",
	"text": lambda value: "" if value is None else str(value),
}


@cache
def names() -> frozenset[str]:
	"""The reasons' names, the same in every language."""
	return frozenset(sentences())


def reason(rule: str, name: str, *params) -> dict:
	"""One reason, to keep (with `kept`) or to join to others."""
	if name not in names():
		raise KeyError(f"No reason named {name}")
	return {
		"rule": rule,
		"reason": name,
		"params": [str(value) if value is not None else None for value in params],
	}


def kept(*reasons: dict) -> str:
	"""What a field or a ledger note keeps: one reason, or several read one after the other."""
	return json.dumps(reasons[0] if len(reasons) == 1 else list(reasons), ensure_ascii=False)


def typed(text: str | None) -> str | None:
	"""A person's own words (why a fixation, an attachment or an appointment was cancelled, why staff fix another
	person on a known phone), kept so that they read as written whatever they look like: words shaped like a kept
	reason are never taken for one (X-6)."""
	return kept({"typed": text}) if text else text


def render(value: str | None) -> str:
	"""The reason in the current language; a text that is not a kept reason, as it is."""
	parts = parsed(value)
	if parts is None:
		return value or ""
	known = sentences()
	return " ".join(sentence(known, part) for part in parts)


def parsed(value) -> list[dict] | None:
	if not value or not isinstance(value, str) or value[:1] not in "{[":
		return None
	try:
		data = json.loads(value)
	except ValueError:
		return None
	parts = data if isinstance(data, list) else [data]
	if not all(isinstance(part, dict) and ("reason" in part or "typed" in part) for part in parts):
		return None
	return parts


def sentence(known: dict, part: dict) -> str:
	if "typed" in part:
		return str(part["typed"])
	if part["reason"] not in known:  # a reason of a later version, read by an older one
		return str(part["reason"])
	text, kinds = known[part["reason"]]
	params = part.get("params") or []
	if not isinstance(params, list) or len(params) != len(kinds):
		# not a reason the app kept (a person typed it so): as it was written, never a broken page
		return json.dumps(part, ensure_ascii=False)
	try:
		return text.format(*(SHOWN[kind](value) for kind, value in zip(kinds, params, strict=True)))
	except (IndexError, KeyError, TypeError, ValueError, frappe.ValidationError):  # a parameter no date
		return json.dumps(part, ensure_ascii=False)
