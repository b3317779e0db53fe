"""Protection by activity and manager-to-manager reassignment (RA-1 … RA-10), pure: how long a client or listing
is protected, who may ask for it and why, how the owning manager's answer (or silence) ends, who takes a departing
agent's listings, whose decision prevails, and which listing is the duplicate. No Frappe here."""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from ownership_policies.ownership.windows import add_days, add_months

CLIENT_WISH, INACTIVITY = "Client's Wish", "Inactivity"
OWNER_ASKS, DEPARTURE = "Owner Asks Another Office", "Agent Departure"
LISTING = "Property Listing"


@dataclass(frozen=True)
class Protection:
	protected: bool
	until: date
	rule: str


def client_protection(last_activity: datetime, today: date, days: int = 30) -> Protection:
	"""RA-1, RA-2: a client stays with the agent for `days` after the agent's last activity; after that it is
	reassignable."""
	until = add_days(last_activity.date(), days)
	return Protection(today <= until, until, "RA-1" if today <= until else "RA-2")


def listing_protection(last_activity: datetime, today: date, months: int = 3) -> Protection:
	"""RA-3: a listing is protected for `months` after the agent's last activity on it."""
	until = add_months(last_activity.date(), months)
	return Protection(today <= until, until, "RA-3")


def protects(actor: str | None, owner: str | None) -> bool:
	"""RA-1: only the owning agent's own activity keeps the record protected."""
	return bool(owner) and actor == owner


@dataclass(frozen=True)
class Admission:
	allowed: bool
	rule: str
	refusal: str | None = None  # own, protected, wish_unconfirmed, wrong_reason, not_left


def admit_request(
	reason: str,
	record_doctype: str,
	protected: bool,
	requester_holds_it: bool,
	wish_confirmed: bool,
	holder_left: bool = False,
) -> Admission:
	"""Who may ask for what. The records of an agent who has left are open, whatever their protection (RA-5);
	an agent still working keeps theirs. A listing, only when its owner asks another office and it is no
	longer protected (RA-3). A client: after the protection, for inactivity (RA-2); before it, only for the
	client's wish, confirmed by the requesting manager (RA-4)."""
	if requester_holds_it:
		return Admission(False, "RA-2", "own")
	if reason == DEPARTURE:
		return Admission(holder_left, "RA-5", None if holder_left else "not_left")
	if record_doctype == LISTING:
		if reason != OWNER_ASKS:
			return Admission(False, "RA-3", "wrong_reason")
		return Admission(not protected, "RA-3", "protected" if protected else None)
	if reason == CLIENT_WISH:
		return Admission(wish_confirmed, "RA-4", None if wish_confirmed else "wish_unconfirmed")
	if reason == INACTIVITY:
		return Admission(not protected, "RA-2", "protected" if protected else None)
	return Admission(False, "RA-2", "wrong_reason")


def lapsed(respond_by: datetime, now: datetime) -> bool:
	"""RA-3, RA-4: the owning manager's time to answer is over; silence gives the record to the requester."""
	return now > respond_by


def fully_signed(agent_signed_on: datetime | None, manager_signed_on: datetime | None) -> bool:
	"""RA-10: a reassignment takes effect once the new agent and the office manager have both signed."""
	return bool(agent_signed_on and manager_signed_on)


STAFF_EXCLUDED = ("Administrator", "Guest")


def internal_user(user: str | None, user_type: str | None, enabled) -> bool:
	"""X-6: a person of the staff: an enabled desk (System) user, not Administrator or Guest, never a portal
	user (a partner's staff, a website user)."""
	return bool(user) and user not in STAFF_EXCLUDED and user_type == "System User" and bool(enabled)


def eligible_agent(user: str | None, user_type: str | None, enabled, agent: bool) -> bool:
	"""RA-10, X-6: the new agent of a reassignment is an internal user with the agents' role (`agent`: the
	user holds it; ownership/roles.py names it)."""
	return internal_user(user, user_type, enabled) and bool(agent)


@dataclass(frozen=True)
class Signature:
	allowed: bool
	rule: str
	slot: str | None = None  # agent, manager: the signature this user gives
	# who gives the manager's signature: the office manager, or None: another Sales Manager
	second: str | None = None


def second_signer(new_agent: str, office_manager: str | None) -> str | None:
	"""RA-10: the manager's signature is the receiving office's manager's, unless that office has none or its
	manager is the new agent; then (None) a Sales Manager who is neither the new agent nor the requester."""
	return office_manager if office_manager and office_manager != new_agent else None


def signature(
	user: str,
	internal: bool,
	sales_manager: bool,
	new_agent: str,
	requester: str | None,
	office_manager: str | None,
	agent_signed_by: str | None = None,
	manager_signed_by: str | None = None,
) -> Signature:
	"""RA-10: two signatures by two different people: the new agent's, and the manager's (second_signer).
	Anyone else, a second signature by someone who already signed, or a signature given twice, is refused."""
	second = second_signer(new_agent, office_manager)
	refused = Signature(False, "RA-10", None, second)
	if not internal or user in (agent_signed_by, manager_signed_by):
		return refused
	if user == new_agent:
		return Signature(True, "RA-10", "agent", second)
	may_sign = user == second if second else sales_manager and user != requester
	if not may_sign or manager_signed_by:
		return refused
	return Signature(True, "RA-10", "manager", second)


@dataclass(frozen=True)
class Colleague:
	agent: str
	agent_type: str | None
	office: str | None
	listings: int


@dataclass(frozen=True)
class Successor:
	agent: str | None
	rule: str
	reason: str  # same_type, office_manager


def successor(leaving: Colleague, colleagues, office_manager: str | None) -> Successor:
	"""RA-5: a departing agent's listing goes to an agent of the same type still here — same office first, then
	the fewest listings; with no such colleague, to the office manager."""
	same_type = [
		c
		for c in colleagues
		if c.agent != leaving.agent and leaving.agent_type and c.agent_type == leaving.agent_type
	]
	if same_type:
		best = min(same_type, key=lambda c: (c.office != leaving.office, c.listings, c.agent))
		return Successor(best.agent, "RA-5", "same_type")
	return Successor(office_manager, "RA-5", "office_manager")


def first_registrant(registrant: str, first: str | None) -> str:
	"""RA-9: of two agents registering the same client at the same time, the first registration prevails: the
	later lead goes to the first agent."""
	return first or registrant


@dataclass(frozen=True)
class Decision:
	decided_on: datetime
	by_owner: bool


def owner_overrides(decisions: list[Decision], new: Decision) -> bool:
	"""RA-6: may `new` be recorded in force? An owner's decision always prevails (True); a proxy's, only while
	the owner has decided nothing (True), otherwise it is refused (False)."""
	if new.by_owner:
		return True
	return not any(decision.by_owner for decision in decisions)


def in_force(decisions: list[Decision]) -> int | None:
	"""RA-6: the index of the decision in force: the owner's latest, else the proxy's latest."""
	if not decisions:
		return None
	by_owner = [i for i, d in enumerate(decisions) if d.by_owner]
	candidates = by_owner or list(range(len(decisions)))
	return max(candidates, key=lambda i: decisions[i].decided_on)


def address_key(address: str, city: str | None = None) -> str:
	"""RA-8: an address written the same way whatever the case, accents, punctuation or spacing."""
	text = unicodedata.normalize("NFKD", f"{address} {city or ''}")
	text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
	return " ".join(re.sub(r"[^\w]+", " ", text).split())


def property_key(address: str, city: str | None, owner_key: str) -> str:
	"""RA-8, RA-9: one property = its address and its owner; a second registration of it is a duplicate."""
	return f"{address_key(address, city)}|{owner_key}"
