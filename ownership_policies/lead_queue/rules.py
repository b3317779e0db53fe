"""Fair lead queue (LQ-*), pure: the order leads are handed out in, who is on shift, and who owns a client who
comes back. Facts in, a decision carrying its rule ID out. No Frappe here."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta


@dataclass(frozen=True)
class Shift:
	weekday: int  # Monday 0 … Sunday 6
	start: time
	end: time


@dataclass(frozen=True)
class Absence:
	from_date: date
	to_date: date


@dataclass(frozen=True)
class Decision:
	owner: str | None
	rule: str


def tier_rank(tier: str | None, tier_order: list[str]) -> int:
	"""LQ-2: a lead's place in the queue by its tier; a lead with no tier (or a tier no longer in the order)
	comes after every tier."""
	return tier_order.index(tier) if tier in tier_order else len(tier_order)


def queue_order(leads, tier_order: list[str]) -> list:
	"""LQ-2: tier first, then oldest first. `leads` are (name, tier, created) triples."""
	return sorted(leads, key=lambda lead: (tier_rank(lead[1], tier_order), lead[2], lead[0]))


def on_shift(shifts, absences, moment: datetime) -> bool:
	"""LQ-4, LQ-8: an agent is on shift inside one of their weekly shifts, unless absent that day. An agent
	with no schedule is never on shift."""
	if any(absence.from_date <= moment.date() <= absence.to_date for absence in absences):
		return False
	now = moment.time()
	return any(s.weekday == moment.weekday() and s.start <= now < s.end for s in shifts)


def moved_appointment_owner(booking_agent: str) -> Decision:
	"""LQ-3: moving an appointment keeps the agent who booked it."""
	return Decision(booking_agent, "LQ-3")


def no_show_callback_owner(
	booking_agent: str,
	last_follow_up: datetime | None,
	called_back: datetime,
	booking_agent_on_shift: bool,
	new_agent: str,
	window_hours: int = 72,
) -> Decision:
	"""LQ-4: a no-show client calling back within the window after the booking agent's last follow-up goes
	back to that agent, if on shift. LQ-5: with no follow-up by the booking agent (or past the window, or the
	agent off shift), the client goes to the agent who books the new appointment."""
	if last_follow_up is None:
		return Decision(new_agent, "LQ-5")
	within = called_back - last_follow_up <= timedelta(hours=window_hours)
	if within and booking_agent_on_shift:
		return Decision(booking_agent, "LQ-4")
	return Decision(new_agent, "LQ-4")


def lost_file_owner(new_agent: str) -> Decision:
	"""LQ-7: a file its agent marked lost goes to the new agent when the client calls back."""
	return Decision(new_agent, "LQ-7")


def known_client_lead_owner(
	original_owner: str | None,
	original_created: datetime,
	new_lead_created: datetime,
	original_owner_on_shift: bool,
	new_handler: str,
) -> Decision:
	"""LQ-8: a new lead of a known client created in the same calendar month as the original keeps its
	owner (and tier); from an earlier month, it moves to the new handler when the original owner is off shift."""
	same_month = (original_created.year, original_created.month) == (
		new_lead_created.year,
		new_lead_created.month,
	)
	if same_month or (original_owner and original_owner_on_shift):
		return Decision(original_owner, "LQ-8")
	return Decision(new_handler, "LQ-8")


def text_reply_owner(
	first_replier: str,
	client_replied: datetime,
	first_replier_answered: datetime | None,
	booker: str,
	window_minutes: int = 3,
) -> Decision:
	"""LQ-9: the agent who answered an absent colleague's client keeps them only by answering the client's
	reply within the window; after it, whoever replies and books owns the client."""
	kept = first_replier_answered is not None and first_replier_answered - client_replied <= timedelta(
		minutes=window_minutes
	)
	return Decision(first_replier if kept else booker, "LQ-9")


@dataclass(frozen=True)
class TextMessage:
	sent_on: datetime
	agent: str | None  # None: the client wrote it
	for_absent_colleague: bool = False  # an agent answering a client whose owner is off shift


@dataclass(frozen=True)
class TextThread:
	"""LQ-9: an agent answered an absent colleague's client, then the client replied."""

	first_replier: str
	client_replied: datetime
	first_replier_answered: datetime | None


def text_thread(messages) -> TextThread | None:
	"""LQ-9: from a client's text messages, oldest first, the claim window that matters: the first answer for
	an absent colleague, the client's next reply, and the replier's next answer. None if there is no such claim
	(no one answered for an absent colleague, or the client has not replied since)."""
	messages = sorted(messages, key=lambda message: message.sent_on)
	claim = next((m for m in messages if m.agent and m.for_absent_colleague), None)
	if claim is None:
		return None
	reply = next((m for m in messages if m.agent is None and m.sent_on > claim.sent_on), None)
	if reply is None:
		return None
	answer = next((m for m in messages if m.agent == claim.agent and m.sent_on >= reply.sent_on), None)
	return TextThread(claim.agent, reply.sent_on, answer and answer.sent_on)


@dataclass(frozen=True)
class PreviousBooking:
	"""The client's last appointment before the one being booked (LQ-4, LQ-5, LQ-7)."""

	booking_agent: str
	no_show: bool
	last_follow_up: datetime | None  # the booking agent's latest follow-up since the appointment
	file_lost: bool  # the booking agent marked the client's file lost
	booking_agent_on_shift: bool


def booking_owner(
	previous: PreviousBooking | None,
	thread: TextThread | None,
	booker: str,
	now: datetime,
	callback_hours: int = 72,
	text_claim_minutes: int = 3,
) -> Decision | None:
	"""Who owns a client's new appointment: a lost file goes to the booker (LQ-7); a no-show goes back to its
	booking agent or to the booker (LQ-4, LQ-5); a text claim holds for its window (LQ-9). None when no rule
	applies: the booker simply books."""
	if previous and previous.file_lost:
		return lost_file_owner(booker)
	if previous and previous.no_show:
		return no_show_callback_owner(
			previous.booking_agent,
			previous.last_follow_up,
			now,
			previous.booking_agent_on_shift,
			booker,
			callback_hours,
		)
	if thread:
		return text_reply_owner(
			thread.first_replier,
			thread.client_replied,
			thread.first_replier_answered,
			booker,
			text_claim_minutes,
		)
	return None


@dataclass(frozen=True)
class FinancingDecision:
	financing: bool
	cancel_appointments: bool  # and mark the opportunities lost, and alert an assistant director
	rule: str = "LQ-6"


def financing_decision(
	request_type: str | None, financing_types: list[str], has_appointment: bool, has_contract: bool
) -> FinancingDecision:
	"""LQ-6: a financing request makes the client a financing client; one who already has an appointment or a
	contract/deposit has the appointment cancelled, the opportunity marked invalid and an assistant director
	alerted."""
	financing = is_financing_request(request_type, financing_types)
	return FinancingDecision(financing, financing and (has_appointment or has_contract))


def is_financing_request(request_type: str | None, financing_types: list[str]) -> bool:
	wanted = (request_type or "").strip().casefold()
	return bool(wanted) and wanted in {kind.strip().casefold() for kind in financing_types}


HANDOFF_FIELDS = ("credit_file_number", "first_name", "last_name", "phone", "language", "reasons")


def handoff_missing(values: dict) -> list[str]:
	"""LQ-10: what a hand-off to the credit analysts lacks (nothing may be missing)."""
	return [field for field in HANDOFF_FIELDS if not str(values.get(field) or "").strip()]
