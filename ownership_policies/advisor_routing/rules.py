"""Orphan-client request routing (AR-*), pure: a client's advisor status, who a request goes to, the feedback
bonus/malus and the boosters' split. Facts in, a decision carrying its rule ID out. No Frappe here."""

from dataclasses import dataclass
from datetime import date, datetime

PRESENT, FORMER, NEW, NONE = "Present", "Former", "New", "None"


@dataclass(frozen=True)
class Touch:
	"""An advisor's work for the client: a contract written (an order or invoice) or a follow-up logged."""

	advisor: str
	on: datetime
	contract: bool = True


@dataclass(frozen=True)
class AdvisorStatus:
	status: str  # Present, Former, New or None
	advisor: str | None
	rule: str = "AR-2"


def advisor_status(touches, active: set[str]) -> AdvisorStatus:
	"""AR-2: the advisor who wrote the latest contract is *present* while still with the firm; one who left is
	*former*. An advisor still with the firm who wrote a contract or logged a follow-up after a former one is
	*new* (the latest such advisor). A client with no contract has no advisor."""
	touches = sorted(touches, key=lambda touch: touch.on)
	contracts = [touch for touch in touches if touch.contract]
	if not contracts:
		return AdvisorStatus(NONE, None)
	writer = contracts[-1]
	if writer.advisor in active:
		replaced_a_former = any(touch.advisor not in active for touch in contracts[:-1])
		return AdvisorStatus(NEW if replaced_a_former else PRESENT, writer.advisor)
	since = [t for t in touches if t.on > writer.on and t.advisor != writer.advisor and t.advisor in active]
	if since:
		return AdvisorStatus(NEW, since[-1].advisor)
	return AdvisorStatus(FORMER, writer.advisor)


@dataclass(frozen=True)
class Volunteer:
	"""One line of the competence matrix, with what routing weighs."""

	advisor: str
	territories: frozenset[str]  # a territory covers the territories below it in the tree
	request_types: frozenset[str]
	eligible: bool
	volunteer: bool
	active: bool
	score: int = 0
	open_requests: int = 0


@dataclass(frozen=True)
class Routing:
	advisor: str | None
	rule: str
	reason: (
		str  # a code the Frappe side turns into a sentence: advisor, matrix, no_territory, no_competence, …
	)


def route(status: AdvisorStatus, matrix, territory_path: list[str], request_type: str) -> Routing:
	"""AR-3: a present or new advisor gets the request. AR-4: otherwise the competence matrix picks, among
	active eligible volunteers covering the client's territory (`territory_path`: the client's territory and
	those above it) and competent for the request type, the best score, then the fewest open requests."""
	if status.status in (PRESENT, NEW):
		return Routing(status.advisor, "AR-3", "advisor")
	willing = [row for row in matrix if row.active and row.volunteer and row.eligible]
	if not willing:
		return Routing(None, "AR-4", "no_volunteer")
	covering = [row for row in willing if row.territories & set(territory_path)]
	if not covering:
		return Routing(None, "AR-4", "no_territory")
	competent = [row for row in covering if request_type in row.request_types]
	if not competent:
		return Routing(None, "AR-4", "no_competence")
	best = min(competent, key=lambda row: (-row.score, row.open_requests, row.advisor))
	return Routing(best.advisor, "AR-4", "matrix")


@dataclass(frozen=True)
class Points:
	points: int
	rule: str
	reason: str  # feedback_on_time, money_pitch, overdue, contract_replaced


def feedback_on_time(feedback_on: date, due: date) -> bool:
	"""AR-7: feedback counts as on time up to and including the due date (forwarded + 7 days)."""
	return feedback_on <= due


def feedback_points(
	first_feedback_on: date, due: date, money_pitch: bool, on_time_points: int, money_pitch_points: int
) -> list[Points]:
	"""AR-7: the bonus a request's feedback earns: on time, and a money pitch recorded."""
	earned = []
	if feedback_on_time(first_feedback_on, due):
		earned.append(Points(on_time_points, "AR-7", "feedback_on_time"))
	if money_pitch:
		earned.append(Points(money_pitch_points, "AR-7", "money_pitch"))
	return earned


def is_overdue(due: date | None, today: date, has_feedback: bool) -> bool:
	"""AR-7: a forwarded request with no feedback after its due date is overdue."""
	return bool(due) and not has_feedback and today > due


def replacement_malus(advisor_wrote_it: bool, contract_cancelled: bool, points: int) -> Points | None:
	"""AR-7: the advisor holding the client's request who writes a new contract after one of the client's
	contracts was cancelled has replaced one contract by another."""
	if advisor_wrote_it and contract_cancelled:
		return Points(points, "AR-7", "contract_replaced")
	return None


@dataclass(frozen=True)
class BoosterCandidate:
	advisor: str
	score: int
	clients: int


def booster_split(candidates, orphans: int) -> dict[str, int]:
	"""AR-8: share `orphans` clients among volunteers in proportion to their score (a negative score counts as
	nothing; all at nothing: equal shares). Whole clients by largest remainder; ties go to the volunteer with
	the fewest clients, then by name."""
	if not candidates:
		return {}
	weights = {c.advisor: max(c.score, 0) for c in candidates}
	total = sum(weights.values())
	if not total:
		weights = dict.fromkeys(weights, 1)
		total = len(weights)
	exact = {advisor: orphans * weight / total for advisor, weight in weights.items()}
	shares = {advisor: int(value) for advisor, value in exact.items()}
	clients = {c.advisor: c.clients for c in candidates}
	by_remainder = sorted(
		exact, key=lambda advisor: (-(exact[advisor] - shares[advisor]), clients[advisor], advisor)
	)
	for advisor in by_remainder[: orphans - sum(shares.values())]:
		shares[advisor] += 1
	return shares
