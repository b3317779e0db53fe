"""Prescribers (PR-*), pure rules: the verdict of an attachment, its windows, conventions and the report's
median."""

from datetime import date, datetime, timedelta

import pytest

from ownership_policies.ownership.windows import add_months
from ownership_policies.prescription import rules as pr

ATTACHED = datetime(2026, 3, 10, 10, 0)
PAID = pr.Convention("CONV-1", pr.REMUNERATED, date(2026, 1, 1), date(2026, 12, 31), 12)
PTZ = pr.Convention("CONV-2", pr.PTZ_CSF_ACCESSION, date(2026, 1, 1), date(2026, 12, 31), 12)


def facts(**values):
	return pr.ReferralFacts(**{"partner": "Tarte", "attached_on": ATTACHED, "known_before": False, **values})


def holder(partner, attached_on=ATTACHED - timedelta(days=30), months=12):
	return pr.Holder("PRA-1", partner, attached_on, add_months(attached_on, months))


def test_pr6_a_new_contact_under_a_remunerated_convention_pays_for_twelve_months():
	judgement = pr.judge(facts(conventions=(PAID,)))
	assert (judgement.verdict, judgement.rule) == (pr.REMUNERABLE, "PR-6")
	assert judgement.remunerable_until == judgement.holds_until == datetime(2027, 3, 10, 10, 0)
	assert judgement.convention == "CONV-1"


def test_pr6_the_convention_window_in_months_is_its_own():
	six = pr.Convention("CONV-3", pr.REMUNERATED, date(2026, 1, 1), date(2026, 12, 31), 6)
	assert pr.judge(facts(conventions=(six,))).remunerable_until == datetime(2026, 9, 10, 10, 0)


@pytest.mark.parametrize("conventions", [(), (PTZ,)], ids=["no convention", "PTZ CSF ACCESSION"])
def test_pr1_pr5_attached_without_a_paying_convention_holds_the_contact_but_does_not_pay(conventions):
	judgement = pr.judge(facts(conventions=conventions, default_months=12))
	assert (judgement.verdict, judgement.rule) == (pr.NOT_REMUNERABLE, "PR-5")
	assert judgement.holds and judgement.holds_until == datetime(2027, 3, 10, 10, 0)
	assert judgement.remunerable_until is None


@pytest.mark.parametrize(
	"valid_from, valid_to, in_force",
	[
		(date(2026, 3, 10), date(2026, 12, 31), True),  # starts on the attachment day
		(date(2025, 1, 1), date(2026, 3, 10), True),  # ends on the attachment day
		(date(2025, 1, 1), date(2026, 3, 9), False),  # ended the day before
		(date(2026, 3, 11), date(2026, 12, 31), False),  # starts the day after
	],
)
def test_pr5_a_convention_pays_only_when_in_force_on_the_attachment_date(valid_from, valid_to, in_force):
	convention = pr.Convention("CONV-4", pr.REMUNERATED, valid_from, valid_to, 12)
	verdict = pr.judge(facts(conventions=(convention,))).verdict
	assert verdict == (pr.REMUNERABLE if in_force else pr.NOT_REMUNERABLE)


def test_pr3_a_person_known_before_the_referral_is_an_existing_client_and_holds_nothing():
	judgement = pr.judge(facts(known_before=True, conventions=(PAID,)))
	assert (judgement.verdict, judgement.rule) == (pr.EXISTING_CLIENT, "PR-3")
	assert not judgement.holds and judgement.remunerable_until is None


@pytest.mark.parametrize("days, late", [(6, False), (7, False), (8, True)])
def test_pr3_a_prescriber_set_on_a_record_older_than_the_grace_period_finds_the_person_known(days, late):
	judgement = pr.judge(
		facts(conventions=(PAID,), file_created_on=ATTACHED - timedelta(days=days), late_attachment_days=7)
	)
	assert (judgement.verdict, judgement.late) == (
		(pr.EXISTING_CLIENT, True) if late else (pr.REMUNERABLE, False)
	)


def test_pr4_a_person_held_by_another_partner_is_a_double_prescription_and_the_first_keeps_it():
	first = holder("Bailleur")
	judgement = pr.judge(facts(holders=(first,), conventions=(PAID,), known_before=True))
	assert (judgement.verdict, judgement.rule, judgement.first) == (pr.DOUBLE_PRESCRIPTION, "PR-4", first)
	assert not judgement.holds


@pytest.mark.parametrize("days, verdict", [(364, pr.DOUBLE_PRESCRIPTION), (366, pr.EXISTING_CLIENT)])
def test_pr4_the_first_partner_holds_the_contact_for_its_window_only(days, verdict):
	first = holder("Bailleur", attached_on=ATTACHED)
	later = facts(attached_on=ATTACHED + timedelta(days=days), holders=(first,), known_before=True)
	assert pr.judge(later).verdict == verdict


def test_pr4_the_earliest_running_holder_is_the_one_that_keeps_the_contact():
	older, newer = (
		holder("Bailleur", ATTACHED - timedelta(days=60)),
		holder("Century", ATTACHED - timedelta(days=5)),
	)
	assert pr.judge(facts(holders=(newer, older))).first == older


def test_pr2_the_same_partner_sending_the_same_person_again_keeps_its_first_attachment():
	first = holder("Tarte")
	judgement = pr.judge(facts(holders=(first,), conventions=(PAID,)))
	assert (judgement.verdict, judgement.rule, judgement.first) == (pr.ALREADY_ATTACHED, "PR-2", first)


@pytest.mark.parametrize(
	"day, pays",
	[
		(date(2026, 3, 9), False),  # before the attachment
		(date(2026, 3, 10), True),  # the attachment day
		(date(2027, 3, 9), True),  # day 364
		(date(2027, 3, 10), False),  # day 365, the anniversary: twelve months have passed
		(date(2027, 3, 11), False),  # day 366
	],
)
def test_pr6_a_sale_pays_inside_the_window_only(day, pays):
	until = add_months(ATTACHED, 12)
	assert pr.remunerable_on(ATTACHED, until, day) is pays


def test_pr6_an_attachment_without_a_remuneration_window_never_pays():
	assert pr.remunerable_on(ATTACHED, None, ATTACHED.date()) is False


@pytest.mark.parametrize(
	"first, second, overlap",
	[
		((date(2026, 1, 1), date(2026, 6, 30)), (date(2026, 6, 30), date(2026, 12, 31)), True),
		((date(2026, 1, 1), date(2026, 6, 30)), (date(2026, 7, 1), date(2026, 12, 31)), False),
		((date(2026, 1, 1), date(2026, 12, 31)), (date(2026, 3, 1), date(2026, 4, 1)), True),
	],
)
def test_pr5_one_convention_at_a_time(first, second, overlap):
	assert pr.overlaps(*first, *second) is overlap


def test_pr6_twelve_months_from_the_last_day_of_a_month_end_on_the_last_day_of_the_shorter_one():
	assert add_months(datetime(2026, 1, 31, 9), 1) == datetime(2026, 2, 28, 9)
	assert add_months(datetime(2027, 2, 28, 9), 12) == datetime(2028, 2, 28, 9)
	assert add_months(datetime(2026, 11, 30), 14) == datetime(2028, 1, 30)


def test_pr7_median_delay():
	assert pr.median([]) is None
	assert pr.median([3.0, 1.0, 2.0]) == 2.0
	assert pr.median([4.0, 1.0, 2.0, 3.0]) == 2.5
