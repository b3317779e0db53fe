"""Who holds a person once two of their records are merged (X-7), decided by the rules the policies already
apply: a record with a running fixation keeps its owner, the fixation's manager (FX-8: while it runs, the
client is the agency's and its manager's); otherwise the record registered first keeps its owner (RA-9: the
first registration prevails). A record without an owner gives way to one that has one. Partners' claims (a
running fixation, a referral) are not decided here: their ledger lines move with the merged record, and an
owner's change leaves them standing."""

from dataclasses import dataclass
from datetime import datetime


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
