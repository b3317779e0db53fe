"""Manager-to-manager reassignment (RA-2 … RA-5, RA-10): manager A asks for a client or listing for one of their
agents; the owning office's manager B has 24 hours to accept or to reject with a guarantee of service; silence
grants it to A (an hourly job); the new agent and the office manager sign, and only then does the record move."""

import frappe
from frappe import _
from frappe.utils import add_to_date, cint, get_datetime, get_fullname, getdate, now_datetime

from ownership_policies.ownership import claims, reasons, scores
from ownership_policies.ownership.immutable import by_app
from ownership_policies.ownership.owners import owner_of
from ownership_policies.ownership.roles import AGENT_ROLE, is_manager, may
from ownership_policies.ownership.settings import get_settings
from ownership_policies.reassignment import activity
from ownership_policies.reassignment import rules as ra
from ownership_policies.reassignment.offices import manager_of, office_manager, office_of

REQUEST = "Reassignment Request"
CLAIMS = {"Lead": "Activity Protection", "Customer": "Activity Protection", ra.LISTING: "Listing"}


def refusals() -> dict[str, str]:
	return {
		"own": _("Your agent already holds this record: there is nothing to reassign."),
		"protected": _(
			"This record is protected until {0}: its agent worked it recently. Ask again after that date, or for the client's wish (RA-1, RA-3)."
		),
		"wish_unconfirmed": _(
			"Confirm that you spoke with the client and that they want another agent (no written request is needed, RA-4)."
		),
		"not_left": _(
			"Agent Departure is for the records of an agent who has left: mark their Employee record Left first (RA-5). An agent still working keeps their records."
		),
		"wrong_reason": _(
			"This reason does not apply to this record: a listing is asked for when its owner asks another office (RA-3); a client for inactivity or the client's wish (RA-2, RA-4)."
		),
	}


def request_reassignment(
	reference_doctype: str, reference_name: str, reason: str, new_agent=None, client_wish_confirmed=0
):
	"""Manager A's request: checked against the protection and the reason, then sent to manager B."""
	request = frappe.get_doc(
		{
			"doctype": REQUEST,
			"reference_doctype": reference_doctype,
			"reference_name": reference_name,
			"reason": reason,
			"new_agent": new_agent,
			"client_wish_confirmed": cint(client_wish_confirmed),
		}
	)
	admit(request)
	return by_app(request).insert(ignore_permissions=True)


def admit(request):
	"""RA-1 … RA-5, for a request asked for by the API or entered in the desk alike (before its insert): the
	record, the reason and the new agent are checked against the protection, then the rules fill in the rest
	(who answers, by when, under which rule): none of it is the requester's to write (X-2)."""
	reference_doctype, reference_name, reason = (
		request.reference_doctype,
		request.reference_name,
		request.reason,
	)
	if not is_manager():
		frappe.throw(_("Only an office manager asks for a reassignment."), frappe.PermissionError)
	if reference_doctype not in CLAIMS:
		frappe.throw(
			_("Clients (Lead, Customer) and property listings are reassigned, not {0}.").format(
				_(reference_doctype)
			)
		)
	if not reason:
		frappe.throw(_("Give the reason for the reassignment."), title=_("Reason Missing"))
	if not frappe.db.exists(reference_doctype, reference_name):
		frappe.throw(
			_("{0} {1} does not exist.").format(_(reference_doctype), reference_name),
			frappe.DoesNotExistError,
		)
	requester = frappe.session.user
	new_agent = request.new_agent or requester
	if not eligible_agent(new_agent):
		frappe.throw(
			_("The new agent must be an active internal user with the Sales User role (RA-10)."),
			title=_("Reassignment Refused"),
		)
	current = owner_of(reference_doctype, reference_name)
	until = frappe.db.get_value(reference_doctype, reference_name, "protected_until")
	protected = bool(until) and getdate(until) >= getdate()
	admission = ra.admit_request(
		reason,
		reference_doctype,
		protected,
		current in (requester, new_agent),
		bool(cint(request.client_wish_confirmed)),
		holder_left=has_left(current),
	)
	if not admission.allowed:
		frappe.throw(
			refusals()[admission.refusal].format(frappe.utils.format_date(until)),
			title=_("Reassignment Refused"),
		)
	pending = frappe.db.exists(
		REQUEST,
		{
			"reference_doctype": reference_doctype,
			"reference_name": reference_name,
			"status": ("in", ("Pending", "Awaiting Signatures")),
		},
	)
	if pending:
		frappe.throw(_("Reassignment request {0} for this record is already under way.").format(pending))
	departure = reason == ra.DEPARTURE
	request.update(
		{
			"client_wish_confirmed": cint(request.client_wish_confirmed),
			"rule": admission.rule,
			"current_agent": current,
			"owning_manager": manager_of(current) if current else requester,
			"requesting_manager": requester,
			"new_agent": new_agent,
			"status": "Awaiting Signatures" if departure else "Pending",
			"respond_by": None
			if departure
			else add_to_date(now_datetime(), hours=get_settings().reassignment_response_hours),
		}
	)


def has_left(agent: str | None) -> bool:
	"""RA-5: the agent's Employee record says Left, or their user is disabled."""
	if not agent:
		return False
	return bool(
		frappe.db.exists("Employee", {"user_id": agent, "status": "Left"})
		or not frappe.db.get_value("User", agent, "enabled")
	)


def answer(request_name: str, accept: bool, guarantee: str | None = None):
	"""Manager B's answer within the deadline: accept, or reject with a guarantee of service (RA-3, RA-4)."""
	request = frappe.get_doc(REQUEST, request_name, for_update=True)
	if frappe.session.user != request.owning_manager and not may("answer_any_reassignment"):
		frappe.throw(
			_("Only {0}, the manager of the owning office, answers this request.").format(
				request.owning_manager
			),
			frappe.PermissionError,
		)
	if request.status != "Pending":
		frappe.throw(_("This request was already settled: {0}.").format(_(request.status)))
	if ra.lapsed(get_datetime(request.respond_by), now_datetime()):
		frappe.throw(
			_("The {0} hours to answer are over: the request goes to the requesting manager.").format(
				get_settings().reassignment_response_hours
			),
			title=_("Too Late"),
		)
	if not accept and not (guarantee or "").strip():
		frappe.throw(
			_("To keep the record, state how your office guarantees the client's service (RA-3, RA-4)."),
			title=_("Guarantee Missing"),
		)
	request.update(
		{
			"status": "Awaiting Signatures" if accept else "Rejected",
			"answered_by": frappe.session.user,
			"answered_on": now_datetime(),
			"guarantee": guarantee,
		}
	)
	by_app(request).save(ignore_permissions=True)
	return request


def grant_lapsed():
	"""Hourly (RA-3, RA-4): pending requests past their deadline go to the requesting manager, awaiting the
	signatures; under a row lock other runs skip, so each is granted once."""
	table = frappe.qb.DocType(REQUEST)
	due = (
		frappe.qb.from_(table)
		.select(table.name)
		.where((table.status == "Pending") & (table.respond_by < now_datetime()))
		.for_update(skip_locked=True)
		.run(pluck=True)
	)
	for name in due:
		request = frappe.get_doc(REQUEST, name)
		request.status = "Awaiting Signatures"
		by_app(request).save(ignore_permissions=True)  # its ToDos and notices follow (notices.py)
		request.add_comment("Info", _("No answer within the deadline: granted to the requesting manager."))
	frappe.db.commit()


def sign(request_name: str):
	"""RA-10: two different people sign, once each: the new agent, and the manager of the new agent's office
	(or, when that office has no other manager, a Sales Manager who is neither the new agent nor the
	requester); the second signature moves the record."""
	request = frappe.get_doc(REQUEST, request_name, for_update=True)
	if request.status != "Awaiting Signatures":
		frappe.throw(
			_("Only a granted request awaiting its signatures is signed (this one is {0}).").format(
				_(request.status)
			)
		)
	user, now = frappe.session.user, now_datetime()
	decision = signature_of(request, user)
	if not decision.allowed:
		frappe.throw(signers(request, decision), frappe.PermissionError)
	if decision.slot == "agent":
		request.update({"agent_signed_by": user, "agent_signed_on": now})
	else:
		request.update({"manager_signed_by": user, "manager_signed_on": now})
	if ra.fully_signed(request.agent_signed_on, request.manager_signed_on):
		request.status = "Granted"
		transfer(request)
	by_app(request).save(ignore_permissions=True)
	return request


def signature_of(request, user: str) -> ra.Signature:
	"""RA-10: whether `user` may sign the request now, and as whom."""
	return ra.signature(
		user,
		internal=is_internal(user),
		sales_manager=may("sign_reassignment_as_manager", user),
		new_agent=request.new_agent,
		requester=request.requesting_manager,
		office_manager=office_manager_for(request),
		agent_signed_by=request.agent_signed_by if request.agent_signed_on else None,
		manager_signed_by=request.manager_signed_by if request.manager_signed_on else None,
	)


def signers(request, decision) -> str:
	"""Who may sign (RA-10), for a refusal; each person named once."""
	if decision.second:
		return _(
			"This reassignment is signed by the new agent ({0}) and the office manager ({1}), once each."
		).format(request.new_agent, decision.second)
	if request.requesting_manager == request.new_agent:
		return _(
			"This reassignment is signed by the new agent ({0}), who asked for it, and by a Sales Manager who is neither the new agent nor the requesting manager, as the new agent's office has no other manager: two different people, once each (RA-10)."
		).format(request.new_agent)
	return _(
		"This reassignment is signed by the new agent ({0}) and by a Sales Manager who is neither the new agent nor the requesting manager ({1}), as the new agent's office has no other manager: two different people, once each (RA-10)."
	).format(request.new_agent, request.requesting_manager)


def still_to_sign(request) -> list[str]:
	"""RA-10, in words: whose signatures the request still waits for."""
	if request.status != "Awaiting Signatures":
		return []
	waiting = []
	if not request.agent_signed_on:
		waiting.append(_("{0} (the new agent)").format(get_fullname(request.new_agent)))
	if not request.manager_signed_on:
		waiting.append(manager_to_sign(request))
	return waiting


def manager_to_sign(request) -> str:
	second = ra.second_signer(request.new_agent, office_manager_for(request))
	if second:
		return _("{0} (the office manager)").format(get_fullname(second))
	if request.new_agent == request.requesting_manager:
		return _("a Sales Manager other than {0}").format(get_fullname(request.new_agent))
	return _("a Sales Manager who is neither {0} nor {1}").format(
		get_fullname(request.new_agent), get_fullname(request.requesting_manager)
	)


def title_of(request) -> str:
	"""The request as people name it: the client, then the record (a listing's title, a lead's name)."""
	if not (request.reference_doctype and request.reference_name):
		return request.name
	client = frappe.get_cached_doc(request.reference_doctype, request.reference_name).get_title()
	if not client or client == request.reference_name:
		return request.reference_name
	return f"{client} — {request.reference_name}"


def sent(request) -> str:
	"""What the requesting manager is told once the request is sent."""
	if request.status == "Awaiting Signatures":  # an agent's departure: no answer is awaited (RA-5)
		return _("Request sent: {0} awaits the signatures. Still to sign: {1}.").format(
			title_of(request), ", ".join(still_to_sign(request))
		)
	return _("Request sent to {0}, who answers by {1}; without an answer it is granted to you.").format(
		get_fullname(request.owning_manager), frappe.utils.format_datetime(request.respond_by)
	)


def confirmation(request) -> str:
	"""What an answer or a signature changed, for the one who gave it."""
	client = title_of(request)
	if request.status == "Granted":
		return _("{0} now belongs to {1}, protected until {2}.").format(
			client,
			get_fullname(request.new_agent),
			frappe.utils.format_date(
				frappe.db.get_value(request.reference_doctype, request.reference_name, "protected_until")
			),
		)
	if request.status == "Rejected":
		return _("{0} stays with {1}; {2} is told of your guarantee of service.").format(
			client,
			get_fullname(request.current_agent or request.owning_manager),
			get_fullname(request.requesting_manager),
		)
	return _("{0} goes to {1} once signed. Still to sign: {2}.").format(
		client, get_fullname(request.new_agent), ", ".join(still_to_sign(request))
	)


def office_manager_for(request) -> str | None:
	"""The manager of the receiving office (the new agent's), or None."""
	row = office_of(request.new_agent)
	return office_manager(row.office) if row and row.office else None


def user_facts(user) -> tuple:
	if not isinstance(user, str) or not user:
		return None, None
	values = frappe.db.get_value("User", user, ["user_type", "enabled"], as_dict=True)
	return (values.user_type, values.enabled) if values else (None, None)


def is_internal(user) -> bool:
	"""X-6: an enabled desk user of the staff (not a portal user, not Administrator or Guest)."""
	return ra.internal_user(user, *user_facts(user))


def eligible_agent(user) -> bool:
	"""RA-10, X-6: an enabled internal user with the Sales User role may be given a record."""
	facts = user_facts(user)
	agent = ra.internal_user(user, *facts) and AGENT_ROLE in frappe.get_roles(user)
	return ra.eligible_agent(user, *facts, agent)


def transfer(request):
	"""Move the record to the new agent, restart its protection, and move a listing's points with it (RA-5)."""
	doctype, name, agent = request.reference_doctype, request.reference_name, request.new_agent
	values = {"last_activity_on": now_datetime()}
	values["protected_until"] = activity.protected_until(doctype, values["last_activity_on"])
	if doctype == ra.LISTING:
		values["office"] = (office_of(agent) or frappe._dict()).office
		points = frappe.db.get_value(doctype, name, "points") or 0
		if points and request.current_agent:
			note = _("Listing points of {0}, reassigned").format(name)
			scores.award(request.current_agent, -points, "RA-5", note, doctype, name)
			scores.award(agent, points, "RA-5", note, doctype, name)
	claims.grant(
		(doctype, name),
		agent,
		claim=CLAIMS[doctype],
		action="Reassign",
		rule=request.rule,
		values=values,
		valid_until=values["protected_until"],
		before={"agent": request.current_agent},
		after={"agent": agent, "request": request.name},
		note=reasons.kept(
			reasons.reason("RA-10", "signed_by", request.agent_signed_by, request.manager_signed_by)
		),
	)
