"""Who holds a person once two of their records are merged (X-7), decided by the rules the policies already
apply: a record with a running fixation keeps its owner, the fixation's manager (FX-8: while it runs, the
client is the agency's and its manager's); otherwise the record registered first keeps its owner (RA-9: the
first registration prevails). A record without an owner gives way to one that has one. A partner's running
fixation is not decided here: its ledger lines move with the merged record, and an owner's change leaves it
standing. Two running referrals of the person, one on each record, are: the first attachment keeps the contact
and the later one is a double prescription, not remunerable (PR-4), or, sent by the same partner, a repeat of
the first (PR-2), as if the later one had been attached to the merged person's record."""

from dataclasses import dataclass
from datetime import datetime

# The attachment's verdicts, as prescription.rules names them (the core imports no policy).
DOUBLE_PRESCRIPTION, ALREADY_ATTACHED = "Double Prescription", "Already Attached"


@dataclass(frozen=True)
class Side:
	doctype: str
	name: str
	owner: str | None
	registered_on: datetime  # the client's registration (RA-9), else the record's creation
	fixed: bool = False  # a running fixation is on this record


@dataclass(frozen=True)
class OwnerDecision:
	holder: str | None
	reason: str  # the name of its sentence in reasons.py
	rule: str
	side: Side | None


def owner_after_merge(kept: Side, merged: Side) -> OwnerDecision:
	owned = [side for side in (kept, merged) if side.owner]
	if not owned:
		return OwnerDecision(None, "merge_no_owner", "X-7", None)
	fixed = [side for side in owned if side.fixed]
	if len(fixed) == 1:
		return OwnerDecision(fixed[0].owner, "merge_running_fixation", "FX-8", fixed[0])
	first = min(owned, key=lambda side: (side.registered_on, side is not kept))
	return OwnerDecision(first.owner, "merge_first_registration", "RA-9", first)


@dataclass(frozen=True)
class Referral:
	"""A prescriber's attachment on one of the two records."""

	attachment: str
	partner: str
	attached_on: datetime
	holds_until: datetime | None  # None: it never held the contact (or no longer does)


@dataclass(frozen=True)
class Demotion:
	"""A later attachment that no longer holds the contact: its new verdict under `rule`."""

	referral: Referral
	verdict: str
	rule: str


@dataclass(frozen=True)
class ReferralDecision:
	first: Referral  # keeps the contact for its partner
	later: tuple[Demotion, ...]

	@property
	def rule(self) -> str:
		"""PR-4 when another partner loses the contact, else PR-2 (the same partner's repeat)."""
		return "PR-4" if any(demotion.rule == "PR-4" for demotion in self.later) else "PR-2"


def referrals_after_merge(referrals: list[Referral], now: datetime) -> ReferralDecision | None:
	"""PR-4 (PR-2 for the same partner): of the referrals still holding the person at `now`, the one attached
	first keeps the contact; each later one holds nothing more. None when fewer than two hold."""
	running = sorted(
		(referral for referral in referrals if referral.holds_until and referral.holds_until > now),
		key=lambda referral: (referral.attached_on, referral.attachment),
	)
	if len(running) < 2:
		return None
	first = running[0]
	return ReferralDecision(
		first,
		tuple(
			Demotion(later, ALREADY_ATTACHED, "PR-2")
			if later.partner == first.partner
			else Demotion(later, DOUBLE_PRESCRIPTION, "PR-4")
			for later in running[1:]
		),
	)
