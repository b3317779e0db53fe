"""The ledger's pure core (X-2): which claim held a record at a moment, read from its ledger lines."""

from dataclasses import dataclass
from datetime import datetime

GRANTS = frozenset({"Attach", "Fix", "Assign", "Keep", "Reassign"})  # Keep: a rule confirmed the holder
EXTENDS = frozenset({"Extend"})
ENDS = frozenset({"Expire", "Release"})
CLEARS = frozenset({"Delete"})  # the record was deleted: a record given its name later starts afresh
OWNER = "Owner"  # the record's owner field, whoever set it


@dataclass(frozen=True)
class LedgerLine:
	claim: str
	action: str
	rule: str
	holder: str | None
	holder_type: str | None
	valid_from: datetime
	valid_until: datetime | None = None


@dataclass(frozen=True)
class Holding:
	holder: str
	holder_type: str | None
	claim: str
	since: datetime
	until: datetime | None
	rule: str

	def active_on(self, moment: datetime) -> bool:
		return self.until is None or moment < self.until


def holdings_on(lines: list[LedgerLine], moment: datetime) -> list[Holding]:
	"""Every claim in force at `moment`, the one that answers first. Lines are replayed in time order: a grant
	starts a claim of its kind (replacing the previous holder of that kind); an extension by the holder moves
	the end of a claim still running (a lapsed claim is not revived); an end closes the claim (an end naming
	another holder does not); refusals leave holdings as they are; a deletion clears them all.

	The Owner claim follows the record's owner field: when it changes, by hand or by a policy, the claims that
	users held by a policy end with it (a partner's referral or fixation stands). It is the ground the other
	claims stand on: a policy's claim in force answers first (a running fixation, a referral, a protection),
	newest first, and of claims granted at the same moment the one recorded last; then the owner."""
	current: dict[str, Holding] = {}
	for line in sorted(lines, key=lambda line: line.valid_from):
		if line.valid_from > moment:
			break
		if line.action in CLEARS:
			current.clear()
			continue
		if line.claim == OWNER and line.action in GRANTS | ENDS:
			current = {claim: held for claim, held in current.items() if held.holder_type != "User"}
		held = current.get(line.claim)
		if held and not held.active_on(line.valid_from):
			del current[line.claim]
			held = None
		if line.action in GRANTS and line.holder:
			current.pop(line.claim, None)  # a new grant is the newest recorded
			current[line.claim] = Holding(
				line.holder, line.holder_type, line.claim, line.valid_from, line.valid_until, line.rule
			)
		elif held and line.action in EXTENDS and line.holder == held.holder:
			current[line.claim] = Holding(
				held.holder, held.holder_type, held.claim, held.since, line.valid_until, line.rule
			)
		elif held and line.action in ENDS and line.holder in (None, held.holder):
			del current[line.claim]
	granted = list(current.values())  # in the order their grants were recorded
	active = [holding for holding in granted if holding.active_on(moment)]
	return sorted(
		active,
		key=lambda holding: (holding.claim != OWNER, holding.since, granted.index(holding)),
		reverse=True,
	)
