"""Who is on shift (LQ-2, LQ-4, LQ-8): an agent's Agent Schedule, read into the pure rules."""

import frappe
from frappe.utils import get_time, getdate, now_datetime

from ownership_policies.lead_queue import rules as lq

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def is_on_shift(agent: str, moment=None) -> bool:
	# one round trip (next_lead asks on every call): the shifts, then the absences, each in columns of its own type
	rows = frappe.db.sql(
		"""select 'shift', weekday, start_time, end_time, null, null from `tabAgent Shift`
			where parent = %(agent)s and parenttype = 'Agent Schedule'
		union all
		select 'absence', null, null, null, from_date, to_date from `tabAgent Absence`
			where parent = %(agent)s and parenttype = 'Agent Schedule'""",
		{"agent": agent},
	)
	shifts = [
		lq.Shift(WEEKDAYS.index(day), get_time(start), get_time(end))
		for kind, day, start, end, _from, _to in rows
		if kind == "shift" and day in WEEKDAYS
	]
	absences = [
		lq.Absence(getdate(start), getdate(end)) for kind, *_, start, end in rows if kind == "absence"
	]
	return lq.on_shift(shifts, absences, moment or now_datetime())
