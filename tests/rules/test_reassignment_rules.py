"""Protection by activity and reassignment (RA-*), pure rules."""

from datetime import date, datetime, timedelta

import pytest

from ownership_policies.reassignment import rules as ra

ACTIVE_ON = datetime(2026, 3, 2, 15, 0)


@pytest.mark.parametrize(
	"days_later, protected, rule", [(29, True, "RA-1"), (30, True, "RA-1"), (31, False, "RA-2")]
)
def test_ra1_ra2_a_client_is_protected_for_30_days_after_the_agents_last_activity(
	days_later, protected, rule
):
	found = ra.client_protection(ACTIVE_ON, ACTIVE_ON.date() + timedelta(days=days_later), 30)
	assert (found.protected, found.rule, found.until) == (protected, rule, date(2026, 4, 1))


@pytest.mark.parametrize("today, protected", [(date(2026, 6, 2), True), (date(2026, 6, 3), False)])
def test_ra3_a_listing_is_protected_for_3_months_after_its_last_activity(today, protected):
	assert ra.listing_protection(ACTIVE_ON, today, 3).protected is protected


def test_ra1_only_the_owning_agents_activity_protects():
	assert ra.protects("anne", "anne")
	assert not ra.protects("bruno", "anne")
	assert not ra.protects("anne", None)


@pytest.mark.parametrize(
	"reason, doctype, protected, holds, wish, allowed, refusal",
	[
		(ra.INACTIVITY, "Lead", False, False, False, True, None),
		(ra.INACTIVITY, "Lead", True, False, False, False, "protected"),  # RA-2: not before 30 days
		(
			ra.CLIENT_WISH,
			"Customer",
			True,
			False,
			True,
			True,
			None,
		),  # RA-4: the wish opens a protected client
		(ra.CLIENT_WISH, "Customer", True, False, False, False, "wish_unconfirmed"),
		(ra.OWNER_ASKS, ra.LISTING, False, False, False, True, None),
		(ra.OWNER_ASKS, ra.LISTING, True, False, False, False, "protected"),
		(ra.INACTIVITY, ra.LISTING, False, False, False, False, "wrong_reason"),
		(ra.INACTIVITY, "Lead", False, True, False, False, "own"),
	],
)
def test_ra2_ra3_ra4_who_may_ask_for_what(reason, doctype, protected, holds, wish, allowed, refusal):
	admission = ra.admit_request(reason, doctype, protected, holds, wish)
	assert (admission.allowed, admission.refusal) == (allowed, refusal)


@pytest.mark.parametrize("doctype", ["Lead", ra.LISTING])
def test_ra5_a_departure_opens_the_records_of_an_agent_who_has_left_only(doctype):
	left = ra.admit_request(ra.DEPARTURE, doctype, True, False, False, holder_left=True)
	assert (left.allowed, left.rule) == (True, "RA-5")  # protected or not
	working = ra.admit_request(ra.DEPARTURE, doctype, True, False, False, holder_left=False)
	assert (working.allowed, working.refusal) == (False, "not_left")


def test_ra3_ra4_silence_past_24_hours_lapses_to_the_requester():
	respond_by = ACTIVE_ON + timedelta(hours=24)
	assert not ra.lapsed(respond_by, respond_by)
	assert ra.lapsed(respond_by, respond_by + timedelta(seconds=1))


def test_ra10_a_reassignment_needs_both_signatures():
	assert not ra.fully_signed(ACTIVE_ON, None)
	assert not ra.fully_signed(None, ACTIVE_ON)
	assert ra.fully_signed(ACTIVE_ON, ACTIVE_ON)


@pytest.mark.parametrize(
	"user, user_type, enabled, roles, eligible",
	[
		("carla", "System User", 1, ["Sales User"], True),
		("partner", "Website User", 1, ["Sales User", "Ownership Partner"], False),  # a portal user
		("website", "Website User", 1, [], False),
		("gone", "System User", 0, ["Sales User"], False),  # disabled
		("clerk", "System User", 1, ["Accounts User"], False),  # no Sales User
		("Administrator", "System User", 1, ["Sales User"], False),
		("Guest", "System User", 1, ["Sales User"], False),
		(None, None, None, [], False),  # no such user
	],
)
def test_ra10_x6_the_new_agent_is_an_enabled_internal_sales_user(user, user_type, enabled, roles, eligible):
	assert ra.eligible_agent(user, user_type, enabled, "Sales User" in roles) is eligible


def sign(user, internal=True, sales_manager=False, office_manager="boss", agent=None, manager=None):
	return ra.signature(
		user,
		internal,
		sales_manager,
		"carla",
		"asker",
		office_manager,
		agent_signed_by=agent,
		manager_signed_by=manager,
	)


@pytest.mark.parametrize(
	"user, kwargs, slot",
	[
		("carla", {}, "agent"),  # the new agent
		("boss", {}, "manager"),  # the manager of the new agent's office
		("boss", {"agent": "carla"}, "manager"),
		("carla", {"manager": "boss"}, "agent"),
		("asker", {"office_manager": "asker"}, "manager"),  # the requester who manages the receiving office
		("other", {"sales_manager": True, "office_manager": None}, "manager"),  # no manager: another one
		("other", {"sales_manager": True, "office_manager": "carla"}, "manager"),  # the agent manages it
	],
)
def test_ra10_the_new_agent_and_the_office_manager_sign(user, kwargs, slot):
	decision = sign(user, **kwargs)
	assert (decision.allowed, decision.slot, decision.rule) == (True, slot, "RA-10")


@pytest.mark.parametrize(
	"user, kwargs",
	[
		("other", {}),  # anyone else
		("other", {"sales_manager": True}),  # another Sales Manager while the office has its manager
		("asker", {"sales_manager": True}),  # the requester, not the office's manager
		("asker", {"sales_manager": True, "office_manager": None}),  # the requester with no office
		("carla", {"sales_manager": True, "office_manager": None, "agent": "carla"}),  # the agent, twice
		("carla", {"sales_manager": True, "office_manager": "carla", "agent": "carla"}),  # agent and manager
		("other", {"sales_manager": False, "office_manager": None}),  # not a Sales Manager
		("carla", {"agent": "carla"}),  # once each
		("boss", {"manager": "boss"}),
		("other", {"sales_manager": True, "office_manager": None, "manager": "third"}),
		("boss", {"internal": False}),  # a portal user named in the settings
		("carla", {"internal": False}),
	],
)
def test_ra10_anyone_else_or_a_second_signature_by_the_same_person_is_refused(user, kwargs):
	decision = sign(user, **kwargs)
	assert (decision.allowed, decision.slot, decision.rule) == (False, None, "RA-10")


def test_ra10_the_refusal_says_who_gives_the_managers_signature():
	assert sign("other").second == "boss"
	assert sign("other", office_manager=None).second is None
	assert sign("other", office_manager="carla").second is None  # the new agent cannot be both


def test_ra5_a_departing_agents_listing_goes_to_the_same_type_same_office_first_then_fewest_listings():
	leaving = ra.Colleague("gone", "Junior", "Caracas", 9)
	colleagues = [
		leaving,
		ra.Colleague("licensed", "Personal Licence", "Caracas", 0),
		ra.Colleague("junior_far", "Junior", "Valencia", 0),
		ra.Colleague("junior_busy", "Junior", "Caracas", 5),
		ra.Colleague("junior_free", "Junior", "Caracas", 2),
	]
	assert ra.successor(leaving, colleagues, "boss") == ra.Successor("junior_free", "RA-5", "same_type")


def test_ra5_with_no_same_type_colleague_the_listing_goes_to_the_office_manager():
	leaving = ra.Colleague("gone", "Junior", "Caracas", 1)
	colleagues = [ra.Colleague("licensed", "Personal Licence", "Caracas", 0)]
	assert ra.successor(leaving, colleagues, "boss") == ra.Successor("boss", "RA-5", "office_manager")


def test_ra6_the_owners_decision_prevails_never_the_proxys():
	proxy_first = ra.Decision(ACTIVE_ON, by_owner=False)
	owner_later = ra.Decision(ACTIVE_ON + timedelta(days=1), by_owner=True)
	proxy_after = ra.Decision(ACTIVE_ON + timedelta(days=2), by_owner=False)
	assert ra.owner_overrides([proxy_first], owner_later)
	assert not ra.owner_overrides([proxy_first, owner_later], proxy_after)
	assert ra.in_force([proxy_first, owner_later]) == 1
	assert ra.in_force([proxy_first]) == 0
	assert ra.in_force([]) is None


def test_ra8_one_property_whatever_the_spelling_of_its_address():
	a = ra.property_key("12, Avenida Bolívar", "Caracas", "phone:+584121234567")
	b = ra.property_key("12 avenida  BOLIVAR", "caracas", "phone:+584121234567")
	assert a == b
	assert a != ra.property_key("12 Avenida Bolivar", "Caracas", "phone:+584129999999")  # another owner


@pytest.mark.parametrize(
	"registrant, first, owner",
	[("carla", "anne", "anne"), ("anne", "anne", "anne"), ("carla", None, "carla")],
)
def test_ra9_the_first_registration_prevails(registrant, first, owner):
	assert ra.first_registrant(registrant, first) == owner
