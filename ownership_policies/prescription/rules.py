"""Prescribers (PR-*), pure: how a referred contact's attachment is judged, how long it holds the contact and how
long it pays, and which conventions are in force. Facts in, a judgement carrying its rule ID out. No Frappe here."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ownership_policies.ownership.windows import add_months

# Convention types (PR-5). Only a remunerated partner convention pays per contact: the seed sets "partenaires
# rémunérés" against partners "bénéficiant du PTZ CSF ACCESSION conventionnel".
REMUNERATED, PTZ_CSF_ACCESSION, NO_REMUNERATION = "Remunerated", "PTZ CSF ACCESSION", "No Remuneration"

# Verdicts
REMUNERABLE = "Remunerable"  # PR-6
NOT_REMUNERABLE = "Not Remunerable"  # PR-5: attached, holds the contact, but no paying convention in force
EXISTING_CLIENT = "Existing Client"  # PR-3
DOUBLE_PRESCRIPTION = "Double Prescription"  # PR-4
ALREADY_ATTACHED = "Already Attached"  # PR-2: the same partner sent the same person again


@dataclass(frozen=True)
class Convention:
	name: str
	kind: str
	valid_from: date
	valid_to: date
	months: int


@dataclass(frozen=True)
class Holder:
	"""An earlier attachment of the same person that holds it for its partner until `until`."""

	attachment: str
	partner: str
	attached_on: datetime
	until: datetime


@dataclass(frozen=True)
class ReferralFacts:
	partner: str
	attached_on: datetime
	known_before: bool  # another record of the person existed before the referral came in (PR-3)
	holders: tuple[Holder, ...] = ()
	conventions: tuple[Convention, ...] = ()
	default_months: int = 12
	file_created_on: datetime | None = None  # the oldest record of this contact's own file
	late_attachment_days: int = 7


@dataclass(frozen=True)
class Judgement:
	verdict: str
	rule: str
	holds_until: datetime | None = None  # the attachment keeps the contact for its partner until then
	remunerable_until: datetime | None = None
	convention: str | None = None
	first: Holder | None = None  # PR-2/PR-4: the attachment that keeps the contact
	late: bool = False  # PR-3: the prescriber was set on a record that was already ours

	@property
	def holds(self) -> bool:
		return self.holds_until is not None


def judge(facts: ReferralFacts) -> Judgement:
	"""PR-1: every referral is attached; this says what the attachment is worth. A contact held by a running
	window stays with its first partner (PR-4, or PR-2 when the same partner sends it again); a person known
	before is an existing client (PR-3); otherwise the contact is held for the window and pays when a
	remunerated convention is in force at the attachment date (PR-5, PR-6). A prescriber set on a record that
	existed for longer than the grace period finds the person known already (PR-3): a referral is attached on
	reception, and a record the company had for weeks was not sent by the partner."""
	running = sorted(
		(holder for holder in facts.holders if holder.until > facts.attached_on),
		key=lambda holder: holder.attached_on,
	)
	if running:
		first = running[0]
		if first.partner == facts.partner:
			return Judgement(ALREADY_ATTACHED, "PR-2", first=first)
		return Judgement(DOUBLE_PRESCRIPTION, "PR-4", first=first)
	if facts.known_before:
		return Judgement(EXISTING_CLIENT, "PR-3")
	if attached_late(facts):
		return Judgement(EXISTING_CLIENT, "PR-3", late=True)
	convention = convention_in_force(facts.conventions, facts.attached_on.date())
	until = add_months(facts.attached_on, convention.months if convention else facts.default_months)
	if convention and convention.kind == REMUNERATED:
		return Judgement(REMUNERABLE, "PR-6", until, until, convention.name)
	return Judgement(NOT_REMUNERABLE, "PR-5", until, convention=convention and convention.name)


def attached_late(facts: ReferralFacts) -> bool:
	grace = timedelta(days=facts.late_attachment_days)
	return bool(facts.file_created_on) and facts.attached_on - facts.file_created_on > grace


def convention_in_force(conventions, day: date) -> Convention | None:
	"""PR-5: the convention whose dates cover `day` (both ends included)."""
	return next((c for c in conventions if c.valid_from <= day <= c.valid_to), None)


def overlaps(first_from: date, first_to: date, second_from: date, second_to: date) -> bool:
	"""PR-5: a partner has one convention at a time."""
	return first_from <= second_to and second_from <= first_to


def remunerable_on(attached_on: datetime, remunerable_until: datetime | None, day: date) -> bool:
	"""PR-6: a sale on `day` pays the partner when it falls in the window that starts on the attachment date
	and ends the day before its anniversary (12 months: day 364 pays, day 366 does not)."""
	return bool(remunerable_until) and attached_on.date() <= day < remunerable_until.date()


def median(values: list[float]) -> float | None:
	"""PR-7: the median delay between reception and attachment."""
	ordered = sorted(values)
	if not ordered:
		return None
	middle = len(ordered) // 2
	return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
