"""Orphan-client request routing (AR-*), pure rules: advisor status, routing, bonus/malus and boosters."""

from datetime import date, datetime

import pytest

from ownership_policies.advisor_routing import rules as ar

JAN, MAR, JUN = datetime(2026, 1, 5), datetime(2026, 3, 5), datetime(2026, 6, 5)
ACTIVE = {"anne", "bruno", "chloe"}


@pytest.mark.parametrize(
	"touches, status, advisor",
	[
		([ar.Touch("anne", JAN)], ar.PRESENT, "anne"),  # wrote the contract, still here
		([ar.Touch("gone", JAN)], ar.FORMER, "gone"),  # left the firm
		([ar.Touch("gone", JAN), ar.Touch("bruno", MAR)], ar.NEW, "bruno"),  # new business after a former
		(
			[ar.Touch("gone", JAN), ar.Touch("chloe", MAR, contract=False)],
			ar.NEW,
			"chloe",
		),  # a follow-up is enough
		(
			[ar.Touch("chloe", JAN, contract=False), ar.Touch("gone", MAR)],
			ar.FORMER,
			"gone",
		),  # before, not after
		(
			[ar.Touch("anne", JAN), ar.Touch("bruno", MAR)],
			ar.PRESENT,
			"bruno",
		),  # the latest contract's writer
		([], ar.NONE, None),
	],
)
def test_ar2_advisor_status(touches, status, advisor):
	assert ar.advisor_status(touches, ACTIVE) == ar.AdvisorStatus(status, advisor)


def volunteer(advisor, territories=("France",), types=("Surrender",), score=0, open_requests=0, **flags):
	return ar.Volunteer(
		advisor,
		frozenset(territories),
		frozenset(types),
		flags.get("eligible", True),
		flags.get("volunteer", True),
		flags.get("active", True),
		score,
		open_requests,
	)


PARIS = ["Paris", "Île-de-France", "France", "All Territories"]


@pytest.mark.parametrize("status", [ar.PRESENT, ar.NEW])
def test_ar3_a_present_or_new_advisor_gets_the_request(status):
	routing = ar.route(ar.AdvisorStatus(status, "anne"), [volunteer("bruno", score=99)], PARIS, "Surrender")
	assert routing == ar.Routing("anne", "AR-3", "advisor")


def test_ar4_the_matrix_picks_the_best_score_then_fewest_open_requests():
	matrix = [
		volunteer("low", score=1),
		volunteer("busy", score=5, open_requests=4),
		volunteer("free", score=5, open_requests=1),
		volunteer("elsewhere", territories=("Occitanie",), score=50),
		volunteer("incompetent", types=("Arbitrage",), score=50),
		volunteer("ineligible", score=50, eligible=False),
		volunteer("not_volunteer", score=50, volunteer=False),
		volunteer("inactive", score=50, active=False),
	]
	routing = ar.route(ar.AdvisorStatus(ar.FORMER, "gone"), matrix, PARIS, "Surrender")
	assert routing == ar.Routing("free", "AR-4", "matrix")


@pytest.mark.parametrize(
	"matrix, reason",
	[
		([], "no_volunteer"),
		([volunteer("x", eligible=False)], "no_volunteer"),
		([volunteer("x", territories=("Occitanie",))], "no_territory"),
		([volunteer("x", types=("Arbitrage",))], "no_competence"),
	],
)
def test_ar4_no_candidate_leaves_the_request_unrouted_with_the_reason(matrix, reason):
	assert ar.route(ar.AdvisorStatus(ar.NONE, None), matrix, PARIS, "Surrender") == ar.Routing(
		None, "AR-4", reason
	)


@pytest.mark.parametrize("day, on_time", [(date(2026, 3, 12), True), (date(2026, 3, 13), False)])
def test_ar7_feedback_on_day_7_earns_the_bonus_day_8_does_not(day, on_time):
	due = date(2026, 3, 12)  # forwarded on 5 March
	earned = ar.feedback_points(day, due, money_pitch=False, on_time_points=1, money_pitch_points=2)
	assert earned == ([ar.Points(1, "AR-7", "feedback_on_time")] if on_time else [])


def test_ar7_a_money_pitch_earns_its_points_even_late():
	earned = ar.feedback_points(date(2026, 4, 1), date(2026, 3, 12), True, 1, 2)
	assert earned == [ar.Points(2, "AR-7", "money_pitch")]


@pytest.mark.parametrize(
	"today, has_feedback, overdue",
	[(date(2026, 3, 12), False, False), (date(2026, 3, 13), False, True), (date(2026, 3, 13), True, False)],
)
def test_ar7_overdue_after_the_due_date_without_feedback(today, has_feedback, overdue):
	assert ar.is_overdue(date(2026, 3, 12), today, has_feedback) is overdue


def test_ar8_boosters_split_in_proportion_to_score():
	candidates = [
		ar.BoosterCandidate("anne", 6, 10),
		ar.BoosterCandidate("bruno", 3, 0),
		ar.BoosterCandidate("chloe", 1, 0),
	]
	assert ar.booster_split(candidates, 10) == {"anne": 6, "bruno": 3, "chloe": 1}


def test_ar8_remainders_go_to_the_volunteer_with_fewest_clients():
	candidates = [ar.BoosterCandidate("anne", 1, 12), ar.BoosterCandidate("bruno", 1, 3)]
	assert ar.booster_split(candidates, 3) == {"anne": 1, "bruno": 2}


def test_ar8_negative_scores_get_nothing_and_all_zero_split_equally():
	assert ar.booster_split([ar.BoosterCandidate("a", 4, 0), ar.BoosterCandidate("b", -3, 0)], 4) == {
		"a": 4,
		"b": 0,
	}
	assert ar.booster_split([ar.BoosterCandidate("a", 0, 0), ar.BoosterCandidate("b", -1, 0)], 4) == {
		"a": 2,
		"b": 2,
	}
	assert ar.booster_split([], 4) == {}


@pytest.mark.parametrize(
	"wrote_it, cancelled, malus", [(True, True, True), (True, False, False), (False, True, False)]
)
def test_ar7_replacing_a_contract_by_another_costs_the_advisor(wrote_it, cancelled, malus):
	points = ar.replacement_malus(wrote_it, cancelled, -3)
	assert points == (ar.Points(-3, "AR-7", "contract_replaced") if malus else None)
