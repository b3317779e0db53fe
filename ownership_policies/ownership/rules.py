"""The ledger's pure core (X-2): which claim held a record at a moment, read from its ledger lines."""

from dataclasses import dataclass
from datetime import datetime

GRANTS = frozenset({"Attach", "Fix", "Assign", "Keep", "Reassign"})  # Keep: a rule confirmed the holder
EXTENDS = frozenset({"Extend"})
ENDS = frozenset({"Expire", "Release"})


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
	"""Every claim in force at `moment`, newest first. Lines are replayed in time order: a grant starts a
	claim of its kind (replacing the previous holder of that kind); an extension by the holder moves the end
	of a claim still running (a lapsed claim is not revived); an end closes the claim (an end naming another
	holder does not); refusals leave holdings as they are. Newest first; of claims granted at the same moment,
	the one recorded last (a fixation made the agency's as its lead is made the manager's)."""
	current: dict[str, Holding] = {}
	for line in sorted(lines, key=lambda line: line.valid_from):
		if line.valid_from > moment:
			break
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
	return sorted(active, key=lambda holding: (holding.since, granted.index(holding)), reverse=True)
