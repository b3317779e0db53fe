"""Who must act on a reassignment is told (RA-3, RA-4, RA-10), each in their own language. Manager B gets the
request as a ToDo through Frappe's Assign To, due at its deadline: Frappe notifies them in the desk and by
email, with the client, the reason and the deadline; an hourly job reminds B once, a few hours before the
request lapses. The requesting manager is told of the answer or of the lapse. Once the request is granted, the
new agent and the office manager each get a ToDo to sign, closed as they sign; the move itself tells the agent
who loses the record and closes their ToDo on it (claims)."""

from datetime import timedelta

import frappe
from frappe import _
from frappe.desk.form import assign_to
from frappe.utils import format_datetime, get_fullname, getdate, now_datetime

from ownership_policies.ownership.notify import in_language, language_of, tell_each
from ownership_policies.reassignment.requests import REQUEST, office_manager_for

AWAITING = "Awaiting Signatures"
REMIND_HOURS = 4  # B is reminded once, this long before the request lapses


def on_change(request, before):
	"""After each save of a request: what its new state asks of whom (`before`: the request as it was)."""
	status = request.status
	if before is None or before.status != status:
		if before is not None and before.status == "Pending":
			close(request, request.owning_manager)
		if status == "Pending":
			ask(request, request.owning_manager, lambda: answer_text(request), request.respond_by)
		elif status == AWAITING:
			if before is not None:
				tell_requester(request)
			for signer in signers(request):
				ask(request, signer, lambda: sign_text(request))
		elif status == "Rejected":
			tell_requester(request)
	if before is not None:
		for field in ("agent_signed_by", "manager_signed_by"):
			if request.get(field) and request.get(field) != before.get(field):
				close(request, request.get(field))


def ask(request, user: str | None, words, due=None):
	"""`user`'s ToDo on the request, worded (`words()`) in their language; Frappe's notification and email of
	the assignment follow it, in that language too."""
	if not user:
		return
	with in_language(language_of(user)):
		assign_to.add(
			{
				"assign_to": [user],
				"doctype": request.doctype,
				"name": request.name,
				"description": words(),
				**({"date": getdate(due)} if due else {}),
			},
			ignore_permissions=True,
		)


def close(request, user: str | None):
	if user and frappe.db.exists(
		"ToDo",
		{
			"reference_type": request.doctype,
			"reference_name": request.name,
			"allocated_to": user,
			"status": "Open",
		},
	):
		assign_to.set_status(
			request.doctype, request.name, assign_to=user, status="Closed", ignore_permissions=True
		)


def signers(request) -> list[str]:
	"""RA-10: the new agent, and the manager of the new agent's office when it has one."""
	manager = office_manager_for(request)
	return [user for user in dict.fromkeys((request.new_agent, manager)) if user]


def client_of(request) -> str:
	title = frappe.get_cached_doc(request.reference_doctype, request.reference_name).get_title()
	return f"{title} ({_(request.reference_doctype)} {request.reference_name})"


def answer_text(request) -> str:
	return _(
		"{0} asks for {1}, for {2}. Accept, or keep it with a guarantee of service, by {3} (RA-3, RA-4)."
	).format(
		get_fullname(request.requesting_manager),
		client_of(request),
		_(request.reason),
		format_datetime(request.respond_by),
	)


def sign_text(request) -> str:
	return _(
		"Sign the reassignment of {0} to {1} (RA-10): the record moves once both signatures are in."
	).format(client_of(request), get_fullname(request.new_agent))


def tell_requester(request):
	if request.status == "Rejected":
		tell_each(request, lambda: kept_words(request), [request.requesting_manager], email=True)
	elif request.answered_by:
		tell_each(request, lambda: accepted_words(request), [request.requesting_manager], email=True)
	else:  # lapsed: granted to the requesting manager, and B learns who has it
		tell_each(request, lambda: lapsed_words(request, True), [request.requesting_manager], email=True)
		tell_each(request, lambda: lapsed_words(request, False), [request.owning_manager], email=True)


def kept_words(request) -> tuple[str, str]:
	return (
		_("{0} kept {1}").format(get_fullname(request.answered_by), client_of(request)),
		_("Guarantee of service: {0}").format(frappe.utils.escape_html(request.guarantee or "")),
	)


def accepted_words(request) -> tuple[str, str]:
	return (
		_("{0} accepted: {1} awaits the signatures").format(
			get_fullname(request.answered_by), client_of(request)
		),
		sign_text(request),
	)


def lapsed_words(request, to_requester: bool) -> tuple[str, str]:
	client = client_of(request)
	return (
		_("No answer in time: {0} is granted to you, awaiting the signatures").format(client)
		if to_requester
		else _("No answer in time: {0} is granted to {1}, awaiting the signatures").format(
			client, get_fullname(request.requesting_manager)
		),
		sign_text(request),
	)


def remind_due():
	"""Hourly (RA-3, RA-4): manager B is reminded of each request still unanswered a few hours before it lapses,
	once: the request keeps when it was reminded, under a row lock other runs skip."""
	table = frappe.qb.DocType(REQUEST)
	now = now_datetime()
	due = (
		frappe.qb.from_(table)
		.select(table.name)
		.where(
			(table.status == "Pending")
			& table.reminded_on.isnull()
			& (table.respond_by > now)
			& (table.respond_by <= now + timedelta(hours=REMIND_HOURS))
		)
		.for_update(skip_locked=True)
		.run(pluck=True)
	)
	for name in due:
		request = frappe.get_doc(REQUEST, name)
		request.db_set("reminded_on", now, update_modified=False)
		tell_each(
			request, lambda request=request: reminder_words(request), [request.owning_manager], email=True
		)
	frappe.db.commit()
	return due


def reminder_words(request) -> tuple[str, str]:
	return (
		_("Reminder: answer the request for {0} by {1}").format(
			client_of(request), format_datetime(request.respond_by)
		),
		_(
			"{0} asks for {1}, for {2}. Without your answer by {3}, the request is granted to them (RA-3, RA-4)."
		).format(
			get_fullname(request.requesting_manager),
			client_of(request),
			_(request.reason),
			format_datetime(request.respond_by),
		),
	)
