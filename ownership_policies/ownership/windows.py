"""Time windows, pure: where a claim of N days ends, counting calendar days or working days."""

from datetime import date, datetime, timedelta


def add_days(start: datetime, days: int, holidays: set[date] | None = None) -> datetime:
	"""`start` + `days` calendar days, or working days when `holidays` is given (a holiday or
	weekly off from the company's Holiday List does not count)."""
	if holidays is None:
		return start + timedelta(days=days)
	end, counted = start, 0
	while counted < days:
		end += timedelta(days=1)
		if end.date() not in holidays:
			counted += 1
	return end
