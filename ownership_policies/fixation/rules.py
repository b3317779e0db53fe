"""Agency client fixation (FX-*), pure: is a client free, how long a fixation lasts, which meeting extends
it, who manages it and when it has expired. Facts in, a decision carrying its rule ID out. No Frappe here."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ownership_policies.ownership.windows import add_days

ACTIVE, EXPIRED, CANCELLED = "Active", "Expired", "Cancelled"
INITIAL, MEETING, REMOTE_MEETING, REPEAT_MEETING = "Initial", "Meeting", "Remote Meeting", "Repeat Meeting"


@dataclass(frozen=True)
class ClientFacts:
	"""What the CRM knows of the person behind a phone number, gathered through the identity index."""

	open_leads_with_owner: int = 0
	open_opportunities_with_owner: int = 0
	customers_with_owner: int = 0
	active_fixation: str | None = None


@dataclass(frozen=True)
class Availability:
	status: str  # "free" | "busy"
	rule: str
	fixation: str | None = None  # the fixation that makes the client busy, for the owner's alert only

	@property
	def busy(self) -> bool:
		return self.status == "busy"


def availability(facts: ClientFacts) -> Availability:
	"""FX-2: busy when another agency holds the client (FX-8) or the company is working them (FX-2)."""
	if facts.active_fixation:
		return Availability("busy", "FX-8", facts.active_fixation)
	if facts.open_leads_with_owner or facts.open_opportunities_with_owner or facts.customers_with_owner:
		return Availability("busy", "FX-2")
	return Availability("free", "FX-2")


def initial_expiry(fixed_on: datetime, days: int, holidays: set[date] | None) -> datetime:
	"""FX-3: a free client is fixed for `days` working days (by the holiday list) or calendar days."""
	return add_days(fixed_on, days, holidays)


@dataclass(frozen=True)
class Windows:
	meeting_days: int = 7
	remote_days: int = 14
	repeat_meeting_days: int = 7


@dataclass(frozen=True)
class Extension:
	stage: str
	rule: str
	expires_on: datetime


class FixationClosed(Exception):
	"""The fixation has expired or was cancelled: a meeting can no longer extend it."""


def meeting_extension(
	status: str,
	expires_on: datetime,
	meetings_held: int,
	now: datetime,
	remote: bool,
	windows: Windows,
) -> Extension:
	"""FX-6 (a first meeting: 7 days to decide), FX-7 (a remote client: 14 days), FX-9 (each repeat meeting:
	7 days again). The window runs from the meeting and never shortens the fixation."""
	if status != ACTIVE or has_expired(expires_on, now):
		raise FixationClosed(status if status != ACTIVE else EXPIRED)
	if remote:
		stage, rule, days = REMOTE_MEETING, "FX-7", windows.remote_days
	elif meetings_held:
		stage, rule, days = REPEAT_MEETING, "FX-9", windows.repeat_meeting_days
	else:
		stage, rule, days = MEETING, "FX-6", windows.meeting_days
	return Extension(stage, rule, max(expires_on, now + timedelta(days=days)))


def has_expired(expires_on: datetime, now: datetime) -> bool:
	"""FX-5: a fixation ends at its expiry moment exactly."""
	return now >= expires_on


@dataclass(frozen=True)
class ManagerChoice:
	manager: str
	rule: str = "FX-4"


@dataclass
class ManagerPool:
	on_duty: list[str]
	active_fixations: dict[str, int] = field(default_factory=dict)


class NoManager(Exception):
	pass


class NotAManager(Exception):
	pass


def choose_manager(named: str | None, eligible: set[str], pool: ManagerPool) -> ManagerChoice:
	"""FX-4: the manager the agency names, if they are a sales manager of the company; otherwise the
	on-duty manager with the fewest active fixations (ties: the first in the duty list)."""
	if named:
		if named not in eligible:
			raise NotAManager(named)
		return ManagerChoice(named)
	if not pool.on_duty:
		raise NoManager
	return ManagerChoice(min(pool.on_duty, key=lambda user: pool.active_fixations.get(user, 0)))
