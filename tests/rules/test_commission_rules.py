"""Commission eligibility (RA-11), pure rules: who earns it, what blocks it, the cut for an unregistered
property."""

from dataclasses import replace

import pytest

from ownership_policies.reassignment import commission_rules as ra

COMPLETE = ra.CommissionFacts(
	registrar="anne",
	has_address=True,
	has_phone=True,
	has_email=True,
	has_id_number=True,
	listing_registered=True,
	client_keys=frozenset({"Phone:+33612345678", "Email:client@example.com", "Contact:C-1"}),
	has_spouse=True,
	spouse_keys=frozenset({"Phone:+33687654321", "Email:spouse@example.com", "Contact:C-2"}),
	spouse_registrar="anne",
)


def test_ra11_a_complete_record_and_a_registered_property_pay_the_whole_commission_to_the_registrar():
	decision = ra.decide(COMPLETE, 5)
	assert decision == ra.CommissionDecision(
		agent="anne", eligible=True, blocked=(), notes=(), commission_cut=0.0, rule="RA-11"
	)
	assert decision.status == ra.ELIGIBLE


@pytest.mark.parametrize(
	"missing, reason",
	[
		({"has_address": False}, ra.NO_ADDRESS),
		({"has_phone": False}, ra.NO_PHONE),
		({"has_email": False}, ra.NO_EMAIL),
		({"has_spouse": False, "spouse_keys": frozenset(), "spouse_registrar": None}, ra.NO_SPOUSE),
		({"has_id_number": False}, ra.NO_ID_NUMBER),
	],
)
def test_ra11_each_gap_in_the_client_record_blocks_the_commission_with_its_own_reason(missing, reason):
	decision = ra.decide(replace(COMPLETE, **missing), 5)
	assert (decision.eligible, decision.status, decision.blocked) == (False, ra.BLOCKED, (reason,))
	assert decision.agent == "anne"  # still theirs, once the record is complete


def test_ra11_every_gap_is_listed_in_the_seeds_order():
	empty = ra.CommissionFacts(
		registrar="anne",
		has_address=False,
		has_phone=False,
		has_email=False,
		has_id_number=False,
		listing_registered=True,
	)
	assert ra.decide(empty, 5).blocked == (
		ra.NO_ADDRESS,
		ra.NO_PHONE,
		ra.NO_EMAIL,
		ra.NO_SPOUSE,
		ra.NO_ID_NUMBER,
	)


@pytest.mark.parametrize(
	"shared",
	["Phone:+33612345678", "Email:client@example.com", "Contact:C-1"],
)
def test_ra11_a_spouse_who_is_the_client_again_does_not_count_as_a_separate_contact(shared):
	facts = replace(COMPLETE, spouse_keys=frozenset({shared, "Contact:C-9"}), spouse_registrar="bruno")
	decision = ra.decide(facts, 5)
	assert decision.blocked == (ra.SPOUSE_IS_CLIENT,)
	assert ra.SPOUSE_REGISTERED_BY_ANOTHER not in decision.notes


def test_ra11_a_spouse_contact_with_no_phone_or_email_still_counts():
	assert ra.decide(replace(COMPLETE, spouse_keys=frozenset({"Contact:C-2"})), 5).eligible


@pytest.mark.parametrize("cut", [5, 7.5])
def test_ra11_an_unregistered_property_costs_the_cut_but_blocks_nothing(cut):
	decision = ra.decide(replace(COMPLETE, listing_registered=False), cut)
	assert (decision.eligible, decision.commission_cut, decision.notes) == (
		True,
		cut,
		(ra.UNREGISTERED_PROPERTY,),
	)


def test_ra11_a_blocked_sale_of_an_unregistered_property_shows_both():
	decision = ra.decide(replace(COMPLETE, listing_registered=False, has_email=False), 5)
	assert (decision.blocked, decision.notes, decision.commission_cut) == (
		(ra.NO_EMAIL,),
		(ra.UNREGISTERED_PROPERTY,),
		5.0,
	)


def test_ra11_a_spouse_registered_by_another_agent_is_noted_and_the_clients_registrar_earns_it():
	decision = ra.decide(replace(COMPLETE, spouse_registrar="bruno"), 5)
	assert (decision.agent, decision.eligible, decision.notes) == (
		"anne",
		True,
		(ra.SPOUSE_REGISTERED_BY_ANOTHER,),
	)


@pytest.mark.parametrize(
	"commission, cut, after",
	[(1000, 5, 950.0), (1000, 0, 1000.0), (333.33, 5, 316.66), (None, 5, None), (0, 5, None)],
)
def test_ra11_the_commission_after_the_cut(commission, cut, after):
	assert ra.commission_after_cut(commission, cut) == after
