"""Fair lead queue (LQ-*), pure rules: queue order, shifts and who owns a client who comes back."""

from datetime import date, datetime, time, timedelta

import pytest

from ownership_policies.lead_queue import rules as lq

TIERS = ["Platinum", "Gold", "Silver", "Bronze"]
MONDAY_9 = datetime(2026, 11, 23, 9, 0)
SHIFTS = [lq.Shift(0, time(8), time(16)), lq.Shift(2, time(12), time(20))]


def test_lq2_tier_first_then_oldest_first_and_no_tier_last():
	t0 = datetime(2026, 11, 1)
	leads = [
		("L1", "Bronze", t0),
		("L2", "Gold", t0 + timedelta(hours=2)),
		("L3", None, t0 - timedelta(days=30)),
		("L4", "Platinum", t0 + timedelta(days=3)),
		("L5", "Gold", t0 + timedelta(hours=1)),
	]
	assert [lead[0] for lead in lq.queue_order(leads, TIERS)] == ["L4", "L5", "L2", "L1", "L3"]


def test_lq2_the_tier_order_is_a_setting():
	assert lq.tier_rank("Bronze", ["Bronze", "Platinum"]) == 0
	assert lq.tier_rank("Gold", ["Bronze", "Platinum"]) == 2


@pytest.mark.parametrize(
	"moment, absent, expected",
	[
		(MONDAY_9, False, True),
		(MONDAY_9.replace(hour=16), False, False),  # the shift ends at 16:00
		(MONDAY_9.replace(hour=7, minute=59), False, False),
		(MONDAY_9 + timedelta(days=1), False, False),  # no shift on Tuesday
		(MONDAY_9 + timedelta(days=2, hours=4), False, True),  # Wednesday 13:00
		(MONDAY_9, True, False),  # absent that day
	],
)
def test_lq4_lq8_on_shift_inside_a_weekly_shift_unless_absent(moment, absent, expected):
	absences = [lq.Absence(date(2026, 11, 23), date(2026, 11, 24))] if absent else []
	assert lq.on_shift(SHIFTS, absences, moment) is expected


def test_lq4_an_agent_without_a_schedule_is_never_on_shift():
	assert lq.on_shift([], [], MONDAY_9) is False


def test_lq3_a_moved_appointment_keeps_its_booking_agent():
	assert lq.moved_appointment_owner("anna") == lq.Decision("anna", "LQ-3")


@pytest.mark.parametrize(
	"hours, on_shift, owner",
	[(71, True, "anna"), (73, True, "bob"), (71, False, "bob"), (72, True, "anna")],
)
def test_lq4_a_no_show_calling_back_within_72_hours_goes_back_to_the_booking_agent_on_shift(
	hours, on_shift, owner
):
	follow_up = datetime(2026, 11, 20, 10, 0)
	decision = lq.no_show_callback_owner(
		"anna", follow_up, follow_up + timedelta(hours=hours), on_shift, "bob"
	)
	assert decision == lq.Decision(owner, "LQ-4")


def test_lq5_a_no_show_without_any_follow_up_goes_to_the_agent_who_books_again():
	assert lq.no_show_callback_owner("anna", None, MONDAY_9, True, "bob") == lq.Decision("bob", "LQ-5")


def test_lq7_a_lost_file_goes_to_the_new_agent():
	assert lq.lost_file_owner("bob") == lq.Decision("bob", "LQ-7")


@pytest.mark.parametrize(
	"new_lead_created, on_shift, owner",
	[
		(datetime(2026, 11, 30, 23, 59), False, "anna"),  # same month
		(datetime(2026, 12, 1, 0, 0), False, "bob"),  # midnight on the 1st: an earlier month, anna off shift
		(datetime(2026, 12, 1, 0, 0), True, "anna"),  # an earlier month, but anna is on shift
	],
)
def test_lq8_a_known_clients_new_lead_keeps_its_owner_in_the_same_month(new_lead_created, on_shift, owner):
	original = datetime(2026, 11, 2, 9, 0)
	decision = lq.known_client_lead_owner("anna", original, new_lead_created, on_shift, "bob")
	assert decision == lq.Decision(owner, "LQ-8")


@pytest.mark.parametrize(
	"answered_after, owner",
	[(timedelta(minutes=2, seconds=59), "anna"), (timedelta(minutes=3, seconds=1), "bob")],
)
def test_lq9_the_replier_keeps_the_client_only_by_answering_within_three_minutes(answered_after, owner):
	replied = datetime(2026, 11, 23, 10, 0)
	decision = lq.text_reply_owner("anna", replied, replied + answered_after, "bob")
	assert decision == lq.Decision(owner, "LQ-9")


def test_lq9_no_answer_at_all_leaves_the_client_to_whoever_books():
	assert lq.text_reply_owner("anna", MONDAY_9, None, "bob").owner == "bob"


def test_lq10_a_hand_off_must_carry_every_field():
	complete = {
		"credit_file_number": "CRE-1",
		"first_name": "Marc",
		"last_name": "Roy",
		"phone": "+1 514 555 0100",
		"language": "fr",
		"reasons": "Bankruptcy in 2024",
	}
	assert lq.handoff_missing(complete) == []
	assert lq.handoff_missing({**complete, "language": " ", "reasons": None}) == ["language", "reasons"]


def _previous(**facts):
	return lq.PreviousBooking(
		**{
			"booking_agent": "first@x",
			"no_show": True,
			"last_follow_up": MONDAY_9,
			"file_lost": False,
			"booking_agent_on_shift": True,
			**facts,
		}
	)


@pytest.mark.parametrize(
	"previous, owner, rule",
	[
		(_previous(), "first@x", "LQ-4"),
		(_previous(last_follow_up=MONDAY_9 - timedelta(hours=73)), "new@x", "LQ-4"),
		(_previous(booking_agent_on_shift=False), "new@x", "LQ-4"),
		(_previous(last_follow_up=None), "new@x", "LQ-5"),
		(_previous(file_lost=True), "new@x", "LQ-7"),  # a lost file beats the no-show callback
		(_previous(no_show=False, file_lost=True), "new@x", "LQ-7"),
	],
)
def test_lq4_lq5_lq7_who_owns_a_new_appointment_of_a_returning_client(previous, owner, rule):
	decision = lq.booking_owner(previous, None, "new@x", MONDAY_9 + timedelta(hours=1))
	assert (decision.owner, decision.rule) == (owner, rule)


def test_lq4_a_client_who_came_to_the_appointment_is_simply_booked():
	assert lq.booking_owner(_previous(no_show=False), None, "new@x", MONDAY_9) is None
	assert lq.booking_owner(None, None, "new@x", MONDAY_9) is None


def _messages(answer_after: timedelta | None):
	claim, reply = MONDAY_9, MONDAY_9 + timedelta(minutes=10)
	messages = [
		lq.TextMessage(MONDAY_9 - timedelta(hours=1), "owner@x"),
		lq.TextMessage(claim, "replier@x", for_absent_colleague=True),
		lq.TextMessage(reply, None),
		lq.TextMessage(reply + timedelta(minutes=1), "other@x"),
	]
	if answer_after is not None:
		messages.append(lq.TextMessage(reply + answer_after, "replier@x"))
	return messages


@pytest.mark.parametrize(
	"answer_after, owner",
	[
		(timedelta(minutes=2, seconds=59), "replier@x"),
		(timedelta(minutes=3, seconds=1), "booker@x"),
		(None, "booker@x"),
	],
)
def test_lq9_the_text_thread_decides_a_booking_by_the_three_minute_window(answer_after, owner):
	thread = lq.text_thread(_messages(answer_after))
	assert thread.first_replier == "replier@x"
	decision = lq.booking_owner(None, thread, "booker@x", MONDAY_9 + timedelta(hours=1))
	assert (decision.owner, decision.rule) == (owner, "LQ-9")


def test_lq9_no_claim_without_an_answer_for_an_absent_colleague_and_a_client_reply():
	assert lq.text_thread([lq.TextMessage(MONDAY_9, "owner@x"), lq.TextMessage(MONDAY_9, None)]) is None
	assert lq.text_thread([lq.TextMessage(MONDAY_9, "replier@x", for_absent_colleague=True)]) is None


@pytest.mark.parametrize(
	"request_type, appointment, contract, financing, cancel",
	[
		("credit d/e", False, False, True, False),  # the type is matched without regard to case
		("Pre-approval", True, False, True, True),
		("DealerTrack", False, True, True, True),
		("Renewal", True, True, False, False),
		(None, True, False, False, False),
	],
)
def test_lq6_a_financing_request_makes_a_financing_client(
	request_type, appointment, contract, financing, cancel
):
	decision = lq.financing_decision(
		request_type, ["Credit D/E", "Pre-approval", "DealerTrack"], appointment, contract
	)
	assert (decision.financing, decision.cancel_appointments, decision.rule) == (financing, cancel, "LQ-6")
