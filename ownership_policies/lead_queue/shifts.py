"""Who is on shift (LQ-2, LQ-4, LQ-8): an agent's Agent Schedule, read into the pure rules."""

import frappe
from frappe.utils import get_time, getdate, now_datetime

from ownership_policies.lead_queue import rules as lq

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def is_on_shift(agent: str, moment=None) -> bool:
	shifts = [
		lq.Shift(WEEKDAYS.index(row.weekday), get_time(row.start_time), get_time(row.end_time))
		for row in frappe.get_all(
			"Agent Shift",
			filters={"parent": agent, "parenttype": "Agent Schedule"},
			fields=["weekday", "start_time", "end_time"],
		)
	]
	absences = [
		lq.Absence(getdate(row.from_date), getdate(row.to_date))
		for row in frappe.get_all(
			"Agent Absence",
			filters={"parent": agent, "parenttype": "Agent Schedule"},
			fields=["from_date", "to_date"],
		)
	]
	return lq.on_shift(shifts, absences, moment or now_datetime())
