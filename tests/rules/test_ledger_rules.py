"""X-2, pure: reading who held a record at a moment from its ledger lines."""

from datetime import datetime, timedelta

from ownership_policies.ownership.rules import LedgerLine, holdings_on

T0 = datetime(2026, 3, 2, 9, 0)


def line(
	action, holder, days_from, days_until=None, claim="Fixation", rule="FX-3", holder_type="Sales Partner"
):
	return LedgerLine(
		claim=claim,
		action=action,
		rule=rule,
		holder=holder,
		holder_type=holder_type,
		valid_from=T0 + timedelta(days=days_from),
		valid_until=T0 + timedelta(days=days_until) if days_until is not None else None,
	)


def test_x2_a_claim_holds_between_its_start_and_its_end():
	lines = [line("Fix", "Agency A", 0, 3)]
	assert holdings_on(lines, T0 - timedelta(hours=1)) == []
	assert holdings_on(lines, T0 + timedelta(days=1))[0].holder == "Agency A"
	assert holdings_on(lines, T0 + timedelta(days=3)) == []


def test_x2_an_extension_moves_the_end_and_names_its_rule():
	lines = [line("Fix", "Agency A", 0, 3), line("Extend", "Agency A", 2, 9, rule="FX-6")]
	held = holdings_on(lines, T0 + timedelta(days=5))
	assert [(h.holder, h.rule, h.since, h.until) for h in held] == [
		("Agency A", "FX-6", T0, T0 + timedelta(days=9))
	]
	assert holdings_on(lines, T0 + timedelta(days=1))[0].rule == "FX-3", "the past stays as it was"


def test_x2_an_expiry_ends_the_claim_before_its_term():
	lines = [line("Fix", "Agency A", 0, 3), line("Expire", "Agency A", 1)]
	assert holdings_on(lines, T0 + timedelta(days=2)) == []


def test_x2_refusals_and_other_holders_lines_change_nothing():
	lines = [line("Fix", "Agency A", 0, 3), line("Refuse", "Agency B", 1), line("Extend", "Agency B", 1, 30)]
	held = holdings_on(lines, T0 + timedelta(days=2))
	assert [(h.holder, h.until) for h in held] == [("Agency A", T0 + timedelta(days=3))]


def test_x2_a_reassignment_replaces_the_holder_of_that_claim_only():
	lines = [
		line("Attach", "Prescriber P", 0, 365, claim="Referral", rule="PR-1"),
		line("Assign", "agent1@example.com", 1, claim="Lead Queue", rule="LQ-2"),
		line("Reassign", "agent2@example.com", 40, claim="Lead Queue", rule="RA-2"),
	]
	held = holdings_on(lines, T0 + timedelta(days=41))
	assert [h.holder for h in held] == ["agent2@example.com", "Prescriber P"], "newest claim first"


def test_x2_an_extension_after_the_claim_lapsed_does_not_revive_it():
	lines = [line("Fix", "Agency A", 0, 3), line("Extend", "Agency A", 5, 12, rule="FX-6")]
	assert holdings_on(lines, T0 + timedelta(days=6)) == []


def test_x2_an_end_without_a_holder_closes_the_claim_of_its_kind():
	lines = [line("Fix", "Agency A", 0, 3), line("Expire", None, 1, rule="FX-5")]
	assert holdings_on(lines, T0 + timedelta(days=2)) == []


def test_x2_an_end_by_another_holder_leaves_the_claim():
	lines = [line("Fix", "Agency A", 0, 3), line("Release", "Agency B", 1)]
	assert [h.holder for h in holdings_on(lines, T0 + timedelta(days=2))] == ["Agency A"]


def test_x2_a_rule_keeping_the_holder_names_them_and_its_rule():
	lines = [
		line("Assign", "agent-a", 0, claim="Lead Queue", rule="LQ-2"),
		line("Keep", "agent-a", 1, claim="Lead Queue", rule="LQ-3"),
	]
	held = holdings_on(lines, T0 + timedelta(days=2))[0]
	assert (held.holder, held.rule) == ("agent-a", "LQ-3")


def user_line(action, holder, days_from, days_until=None, claim="Owner", rule="X-2"):
	return line(action, holder, days_from, days_until, claim, rule, holder_type="User")


def holder(lines, days):
	current = holdings_on(lines, T0 + timedelta(days=days))
	return (current[0].holder, current[0].claim) if current else None


def test_x2_a_policys_claim_answers_before_the_owner_and_the_owner_when_it_lapses():
	"""A reassignment: the owner field goes to B (RA-4), with a protection that ends; B stays the owner."""
	lines = [
		user_line("Assign", "agent.a", 0),
		user_line("Assign", "agent.b", 10, rule="RA-4"),
		user_line("Reassign", "agent.b", 10, 40, claim="Activity Protection", rule="RA-4"),
	]
	assert holder(lines, 5) == ("agent.a", "Owner")
	assert holder(lines, 20) == ("agent.b", "Activity Protection")
	assert holder(lines, 60) == ("agent.b", "Owner")  # not agent.a again


def test_x2_a_new_owner_ends_the_users_policy_claims_not_a_partners():
	lines = [
		user_line("Assign", "agent.a", 0),
		line("Fix", "Agency A", 1, 10),
		user_line("Assign", "agent.a", 2, claim="Lead Queue", rule="LQ-2"),
		user_line("Assign", "agent.c", 3),  # set by hand in the desk
	]
	assert holder(lines, 4) == ("Agency A", "Fixation")  # the fixation stands
	assert holder(lines, 11) == ("agent.c", "Owner")  # the queue's claim ended with the change
	cleared = [*lines, user_line("Release", "agent.c", 12)]
	assert holder(cleared, 13) is None


def test_x2_a_deleted_records_lines_do_not_pass_to_a_record_given_its_name():
	lines = [user_line("Assign", "agent.a", 0), line("Fix", "Agency A", 1, 10), user_line("Delete", None, 2)]
	assert holder(lines, 1.5) == ("Agency A", "Fixation")
	assert holder(lines, 3) is None
	assert holder([*lines, user_line("Assign", "agent.b", 4)], 5) == ("agent.b", "Owner")
