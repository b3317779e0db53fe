"""Commission eligibility (RA-11), pure: who earns a sale's commission, whether it may be paid yet, and the cut
for selling a property not registered in the system. Facts in, a decision carrying its rule ID out. No Frappe
here."""

from dataclasses import dataclass

RULE = "RA-11"
ELIGIBLE, BLOCKED = "Eligible", "Blocked"

# Why a commission is blocked: the client's record lacks one of these (the seed's list, in its order).
NO_ADDRESS, NO_PHONE, NO_EMAIL = "no_address", "no_phone", "no_email"
NO_SPOUSE, SPOUSE_IS_CLIENT, NO_ID_NUMBER = "no_spouse", "spouse_is_client", "no_id_number"
BLOCK_REASONS = (NO_ADDRESS, NO_PHONE, NO_EMAIL, NO_SPOUSE, SPOUSE_IS_CLIENT, NO_ID_NUMBER)

# What is worth knowing but blocks nothing.
UNREGISTERED_PROPERTY = "unregistered_property"  # the commission is cut
SPOUSE_REGISTERED_BY_ANOTHER = "spouse_registered_by_another"  # the client's registrar still earns it


@dataclass(frozen=True)
class CommissionFacts:
	"""What the CRM holds about the people and the property of one sale."""

	registrar: str | None  # the user who registered the client
	has_address: bool
	has_phone: bool
	has_email: bool
	has_id_number: bool
	listing_registered: bool  # the sale names a property listing that is Active
	# How the client and the spouse are reached: normalised phones, emails and the Contact records holding
	# them. Empty spouse_keys with has_spouse: a spouse contact with no way to reach them.
	client_keys: frozenset[str] = frozenset()
	has_spouse: bool = False
	spouse_keys: frozenset[str] = frozenset()
	spouse_registrar: str | None = None


@dataclass(frozen=True)
class CommissionDecision:
	agent: str | None
	eligible: bool
	blocked: tuple[str, ...]  # codes of BLOCK_REASONS, in their order
	notes: tuple[str, ...]  # UNREGISTERED_PROPERTY, SPOUSE_REGISTERED_BY_ANOTHER
	commission_cut: float  # percent of the commission lost
	rule: str = RULE

	@property
	def status(self) -> str:
		return ELIGIBLE if self.eligible else BLOCKED


def spouse_is_client(facts: CommissionFacts) -> bool:
	"""A spouse contact that shares a phone, an email or the very Contact record with the client is the client
	again, not a second person registered in their own right."""
	return bool(facts.client_keys & facts.spouse_keys)


def missing_from_record(facts: CommissionFacts) -> tuple[str, ...]:
	"""RA-11: the commission is not paid until the client's record is complete: address, phone, email, the
	spouse as a contact of their own and the ID number (cédula)."""
	missing = {
		NO_ADDRESS: not facts.has_address,
		NO_PHONE: not facts.has_phone,
		NO_EMAIL: not facts.has_email,
		NO_SPOUSE: not facts.has_spouse,
		SPOUSE_IS_CLIENT: facts.has_spouse and spouse_is_client(facts),
		NO_ID_NUMBER: not facts.has_id_number,
	}
	return tuple(code for code in BLOCK_REASONS if missing[code])


def notes(facts: CommissionFacts) -> tuple[str, ...]:
	"""RA-11: a sale of a property not registered loses part of the commission; a spouse registered by another
	agent is worth telling, though the commission stays with the agent who registered the client."""
	found = []
	if not facts.listing_registered:
		found.append(UNREGISTERED_PROPERTY)
	counted_spouse = facts.has_spouse and not spouse_is_client(facts)
	if counted_spouse and facts.spouse_registrar and facts.spouse_registrar != facts.registrar:
		found.append(SPOUSE_REGISTERED_BY_ANOTHER)
	return tuple(found)


def decide(facts: CommissionFacts, unregistered_cut: float) -> CommissionDecision:
	"""RA-11: the commission belongs to the agent who registered the people signing, that is the client's
	registrar (the client is who the sale is made to; a spouse registered by someone else is only noted). It
	is paid once the client's record is complete, less `unregistered_cut` percent when the property sold is not
	registered. The sale itself being registered is a given here: this is decided when it is submitted."""
	blocked = missing_from_record(facts)
	return CommissionDecision(
		agent=facts.registrar,
		eligible=not blocked,
		blocked=blocked,
		notes=notes(facts),
		commission_cut=0.0 if facts.listing_registered else float(unregistered_cut or 0),
	)


def commission_after_cut(commission: float | None, cut: float) -> float | None:
	"""The commission still due once `cut` percent is taken off; None when the sale records no commission."""
	if not commission:
		return None
	return round(commission * (100 - cut) / 100, 2)
