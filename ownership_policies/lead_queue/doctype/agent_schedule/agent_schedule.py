import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import format_date, get_time, getdate


class AgentSchedule(Document):
	def validate(self):
		for shift in self.shifts:
			if get_time(shift.end_time) <= get_time(shift.start_time):
				frappe.throw(
					_("Row {0}: the shift must end after it starts. Split a night shift at midnight.").format(
						shift.idx
					),
					title=_("Invalid Shift"),
				)
		for absence in self.absences:
			if getdate(absence.to_date) < getdate(absence.from_date):
				frappe.throw(
					_("Row {0}: the absence ends on {1}, before it starts.").format(
						absence.idx, format_date(absence.to_date)
					),
					title=_("Invalid Absence"),
				)
