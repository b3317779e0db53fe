"""Time windows, pure: calendar days or working days by a holiday list (what FX-3 will count with)."""

from datetime import date, datetime

from ownership_policies.ownership.windows import add_days

FRIDAY = datetime(2026, 11, 20, 15, 30)
WEEKEND = {date(2026, 11, 21), date(2026, 11, 22)}


def test_calendar_days_count_every_day():
	assert add_days(FRIDAY, 3) == datetime(2026, 11, 23, 15, 30)


def test_working_days_skip_weekly_offs_and_holidays():
	assert add_days(FRIDAY, 3, WEEKEND) == datetime(2026, 11, 25, 15, 30)
	assert add_days(FRIDAY, 3, WEEKEND | {date(2026, 11, 24)}) == datetime(2026, 11, 26, 15, 30)
	assert add_days(FRIDAY, 3, set()) == add_days(FRIDAY, 3)
