"""Who is on shift (LQ-2, LQ-4, LQ-8): an agent's Agent Schedule, read into the pure rules."""

import frappe
from frappe.utils import get_time, getdate, now_datetime

from ownership_policies.lead_queue import rules as lq

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def is_on_shift(agent: str, moment=None) -> bool:
	# one round trip (next_lead asks on every call): the shifts (weekday set) and the absences (weekday null); the
	# union returns both the shifts' times and the absences' dates as datetimes
	rows = frappe.db.sql(
		"""select weekday, start_time, end_time from `tabAgent Shift`
			where parent = %(agent)s and parenttype = 'Agent Schedule'
		union all
		select null, from_date, to_date from `tabAgent Absence`
			where parent = %(agent)s and parenttype = 'Agent Schedule'""",
		{"agent": agent},
	)
	shifts = [
		lq.Shift(WEEKDAYS.index(weekday), get_time(start), get_time(end))
		for weekday, start, end in rows
		if weekday
	]
	absences = [lq.Absence(getdate(start), getdate(end)) for weekday, start, end in rows if not weekday]
	return lq.on_shift(shifts, absences, moment or now_datetime())
