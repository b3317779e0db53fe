"""Time windows, pure: where a claim of N days ends, counting calendar days or working days."""

from calendar import monthrange
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


def add_months(start: datetime, months: int) -> datetime:
	"""`start` + `months` calendar months; the 31st becomes the last day of a shorter month."""
	month_index = start.month - 1 + months
	year, month = start.year + month_index // 12, month_index % 12 + 1
	return start.replace(year=year, month=month, day=min(start.day, monthrange(year, month)[1]))
