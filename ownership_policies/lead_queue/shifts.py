"""Who is on shift (LQ-2, LQ-4, LQ-8): an agent's Agent Schedule, read into the pure rules."""

import frappe
from frappe.utils import get_time, getdate, now_datetime

from ownership_policies.lead_queue import rules as lq

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def is_on_shift(agent: str, moment=None) -> bool:
	shift, absence = frappe.qb.DocType("Agent Shift"), frappe.qb.DocType("Agent Absence")
	# direct queries: get_all's filter building costs more than these two index look-ups (next_lead asks each time)
	shifts = [
		lq.Shift(WEEKDAYS.index(weekday), get_time(start), get_time(end))
		for weekday, start, end in frappe.qb.from_(shift)
		.select(shift.weekday, shift.start_time, shift.end_time)
		.where((shift.parent == agent) & (shift.parenttype == "Agent Schedule"))
		.run()
	]
	absences = [
		lq.Absence(getdate(start), getdate(end))
		for start, end in frappe.qb.from_(absence)
		.select(absence.from_date, absence.to_date)
		.where((absence.parent == agent) & (absence.parenttype == "Agent Schedule"))
		.run()
	]
	return lq.on_shift(shifts, absences, moment or now_datetime())
