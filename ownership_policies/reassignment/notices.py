"""Who must act on a reassignment is told (RA-3, RA-4, RA-10). Manager B gets the request as a ToDo through
Frappe's Assign To, due at its deadline: Frappe notifies them in the desk and by email. The requesting manager
is told of the answer or of the lapse. Once the request is granted, the new agent and the office manager each
get a ToDo to sign, closed as they sign; the move itself tells the agent who loses the record (claims)."""

import frappe
from frappe import _
from frappe.desk.form import assign_to
from frappe.utils import format_datetime, get_fullname, getdate

from ownership_policies.ownership.notify import tell
from ownership_policies.reassignment.requests import office_manager_for

AWAITING = "Awaiting Signatures"


def on_change(request, before):
	"""After each save of a request: what its new state asks of whom (`before`: the request as it was)."""
	status = request.status
	if before is None or before.status != status:
		if before is not None and before.status == "Pending":
			close(request, request.owning_manager)
		if status == "Pending":
			ask(request, request.owning_manager, answer_text(request), request.respond_by)
		elif status == AWAITING:
			if before is not None:
				tell_requester(request)
			for signer in signers(request):
				ask(request, signer, sign_text(request))
		elif status == "Rejected":
			tell_requester(request)
	if before is not None:
		for field in ("agent_signed_by", "manager_signed_by"):
			if request.get(field) and request.get(field) != before.get(field):
				close(request, request.get(field))


def ask(request, user: str | None, description: str, due=None):
	if not user:
		return
	assign_to.add(
		{
			"assign_to": [user],
			"doctype": request.doctype,
			"name": request.name,
			"description": description,
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
		subject = _("{0} kept {1}").format(get_fullname(request.answered_by), client_of(request))
		message = _("Guarantee of service: {0}").format(frappe.utils.escape_html(request.guarantee or ""))
		tell(request, subject, message, users=[request.requesting_manager])
	elif request.answered_by:
		subject = _("{0} accepted: {1} awaits the signatures").format(
			get_fullname(request.answered_by), client_of(request)
		)
		tell(request, subject, sign_text(request), users=[request.requesting_manager])
	else:
		subject = _("No answer in time: {0} is granted to you, awaiting the signatures").format(
			client_of(request)
		)
		tell(request, subject, sign_text(request), users=[request.requesting_manager, request.owning_manager])
