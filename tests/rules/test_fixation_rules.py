"""Agency client fixation (FX-*), pure rules: free/busy, the initial window, meetings, expiry, managers."""

from datetime import date, datetime, timedelta

import pytest

from ownership_policies.fixation import rules as fx

FRIDAY = datetime(2026, 11, 20, 15, 30)
WEEKEND = {date(2026, 11, 21), date(2026, 11, 22)}
WINDOWS = fx.Windows(meeting_days=7, remote_days=14, repeat_meeting_days=7)


def test_fx2_unknown_client_is_free():
	assert fx.availability(fx.ClientFacts()) == fx.Availability("free", "FX-2")


@pytest.mark.parametrize(
	"facts",
	[
		fx.ClientFacts(open_leads_with_owner=1),
		fx.ClientFacts(open_opportunities_with_owner=1),
		fx.ClientFacts(customers_with_owner=1),
	],
)
def test_fx2_client_in_work_is_busy(facts):
	assert fx.availability(facts) == fx.Availability("busy", "FX-2")


def test_fx8_client_fixed_to_an_agency_is_busy_and_names_the_fixation_for_the_owner():
	verdict = fx.availability(fx.ClientFacts(active_fixation="FIX-00001"))
	assert verdict.busy and verdict.rule == "FX-8" and verdict.fixation == "FIX-00001"


def test_fx3_three_working_days_skip_the_weekend_and_a_holiday():
	assert fx.initial_expiry(FRIDAY, 3, WEEKEND) == datetime(2026, 11, 25, 15, 30)
	assert fx.initial_expiry(FRIDAY, 3, WEEKEND | {date(2026, 11, 23)}) == datetime(2026, 11, 26, 15, 30)


def test_fx3_calendar_days_when_the_settings_say_so():
	assert fx.initial_expiry(FRIDAY, 3, None) == datetime(2026, 11, 23, 15, 30)


def test_fx5_a_fixation_expires_at_its_expiry_moment_exactly():
	end = datetime(2026, 11, 25, 15, 30)
	assert not fx.has_expired(end, end - timedelta(seconds=1))
	assert fx.has_expired(end, end)


def test_fx6_first_meeting_gives_seven_days_from_the_meeting():
	now = datetime(2026, 11, 24, 10, 0)
	extension = fx.meeting_extension(fx.ACTIVE, datetime(2026, 11, 25, 15, 30), 0, now, False, WINDOWS)
	assert extension == fx.Extension(fx.MEETING, "FX-6", datetime(2026, 12, 1, 10, 0))


def test_fx7_remote_client_gets_fourteen_days():
	now = datetime(2026, 11, 24, 10, 0)
	extension = fx.meeting_extension(fx.ACTIVE, datetime(2026, 11, 25, 15, 30), 0, now, True, WINDOWS)
	assert extension == fx.Extension(fx.REMOTE_MEETING, "FX-7", datetime(2026, 12, 8, 10, 0))


def test_fx9_each_repeat_meeting_gives_seven_days_again_and_never_shortens():
	now = datetime(2026, 11, 30, 9, 0)
	extension = fx.meeting_extension(fx.ACTIVE, datetime(2026, 12, 1, 10, 0), 1, now, False, WINDOWS)
	assert extension == fx.Extension(fx.REPEAT_MEETING, "FX-9", datetime(2026, 12, 7, 9, 0))
	long_remote = datetime(2026, 12, 8, 10, 0)
	assert fx.meeting_extension(fx.ACTIVE, long_remote, 1, now, False, WINDOWS).expires_on == long_remote


@pytest.mark.parametrize(
	("status", "expires_on"),
	[
		(fx.EXPIRED, datetime(2026, 11, 20)),
		(fx.CANCELLED, datetime(2026, 12, 20)),
		(fx.ACTIVE, datetime(2026, 11, 24, 10, 0)),  # past its time, before the job ran
	],
)
def test_fx5_an_expired_or_cancelled_fixation_cannot_be_extended(status, expires_on):
	with pytest.raises(fx.FixationClosed):
		fx.meeting_extension(status, expires_on, 0, datetime(2026, 11, 24, 10, 0), False, WINDOWS)


def test_fx4_named_manager_must_be_a_sales_manager():
	pool = fx.ManagerPool(["anna@x", "boris@x"])
	assert fx.choose_manager("boris@x", {"anna@x", "boris@x"}, pool).manager == "boris@x"
	with pytest.raises(fx.NotAManager):
		fx.choose_manager("agent@x", {"anna@x", "boris@x"}, pool)


def test_fx4_on_duty_manager_with_fewest_active_fixations_ties_by_duty_order():
	pool = fx.ManagerPool(["anna@x", "boris@x", "vera@x"], {"anna@x": 3, "boris@x": 1})
	assert fx.choose_manager(None, set(), pool) == fx.ManagerChoice("vera@x", "FX-4")
	pool = fx.ManagerPool(["anna@x", "boris@x"], {"anna@x": 2, "boris@x": 2})
	assert fx.choose_manager(None, set(), pool).manager == "anna@x"
	with pytest.raises(fx.NoManager):
		fx.choose_manager(None, set(), fx.ManagerPool([]))
