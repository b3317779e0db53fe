"""Activity that protects (RA-1, RA-3, RA-7): the owning agent's calls, emails, notes, tasks, events and
appointments in the CRM, and the app's own activity types, keep the date of the last activity current on the
client or listing, so that protection is read from one column (no scans)."""

from datetime import timedelta

import frappe
from frappe.query_builder.functions import Function
from frappe.utils import get_datetime, getdate, now_datetime

from ownership_policies.ownership.owners import OWNER_FIELDS, PROTECTED
from ownership_policies.ownership.settings import get_settings
from ownership_policies.reassignment import rules as ra

# how far ahead of the server's clock an activity may be dated (another machine's clock, a form left open)
CLOCK_SKEW = timedelta(minutes=5)


class DateAdd(Function):
	"""MariaDB's ADDDATE(date, days)."""

	def __init__(self, date, days):
		super().__init__("ADDDATE", date, days)


def touch(doctype: str | None, name: str | None, actor: str | None, when=None):
	"""Record the activity on the record if the actor owns it (RA-1); the last activity only moves forward.
	`when` comes from the document (a Communication's date, a form's): protection never starts later than
	now, so a date ahead (X-6) does not protect the client longer."""
	if doctype not in PROTECTED or not name:
		return
	row = frappe.db.get_value(doctype, name, [OWNER_FIELDS[doctype], "last_activity_on"], as_dict=True)
	now = now_datetime()
	when = min(get_datetime(when or now), now)
	if not row or not ra.protects(actor, row[OWNER_FIELDS[doctype]]):
		return
	if row.last_activity_on and get_datetime(row.last_activity_on) >= when:
		return
	frappe.db.set_value(
		doctype, name, {"last_activity_on": when, "protected_until": protected_until(doctype, when)}
	)


def protected_until(doctype: str, last_activity):
	settings, today = get_settings(), getdate()
	if doctype == ra.LISTING:
		return ra.listing_protection(last_activity, today, settings.listing_protection_months).until
	return ra.client_protection(last_activity, today, settings.client_protection_days).until


def start_protection(doc, method=None):
	"""Lead, Customer and Property Listing before_insert: registering the record is its first activity."""
	doc.last_activity_on = now_datetime()
	doc.protected_until = protected_until(doc.doctype, doc.last_activity_on)


def on_communication(communication, method=None):
	"""Calls, emails, texts and meetings logged on the record."""
	touch(
		communication.reference_doctype,
		communication.reference_name,
		communication.owner,
		communication.communication_date,
	)


def on_comment(comment, method=None):
	"""Notes."""
	if comment.comment_type == "Comment":
		touch(comment.reference_doctype, comment.reference_name, comment.owner, comment.creation)


def on_todo(todo, method=None):
	"""Tasks given to the owning agent."""
	touch(todo.reference_type, todo.reference_name, todo.allocated_to, todo.creation)


def on_event(event, method=None):
	"""Events with the record among their participants."""
	for row in event.get("event_participants") or []:
		touch(row.reference_doctype, row.reference_docname, event.owner, event.creation)


def on_appointment(appointment, method=None):
	"""Meetings booked with the client."""
	touch(appointment.appointment_with, appointment.party, appointment.booking_agent or appointment.owner)


def on_ownership_activity(activity, method=None):
	"""The app's own activity types: visit, price change, extension request, update, new publication link."""
	touch(activity.reference_doctype, activity.reference_name, activity.agent, activity.activity_on)


def backfill_protection():
	"""On install, and once on an upgrade (patches/v1_0/backfill_protection): clients registered before the app
	get their last change as their last activity, so that the protection of every client reads from the same
	columns (one UPDATE per doctype)."""
	days = get_settings().client_protection_days
	for doctype in ("Lead", "Customer"):
		table = frappe.qb.DocType(doctype)
		(
			frappe.qb.update(table)
			.set(table.last_activity_on, table.modified)
			.set(table.protected_until, DateAdd(table.modified, days))
			.where(table.last_activity_on.isnull())
		).run()
