"""REST methods (POST /api/method/ownership_policies.api.<name>): thin, permission-checked wrappers."""

import frappe
from frappe import _

from ownership_policies.advisor_routing import boosters
from ownership_policies.advisor_routing.advisors import advisor_status_of
from ownership_policies.fixation import availability, fixing, portal
from ownership_policies.lead_queue import handoff, open_files, queue
from ownership_policies.ownership import duplicate_scan, duplicates, history_view, ledger, merging
from ownership_policies.ownership.endpoint import endpoint
from ownership_policies.ownership.partners import ensure_may_act_for
from ownership_policies.ownership.roles import MANAGING_ROLES
from ownership_policies.prescription import attaching
from ownership_policies.reassignment import departure, requests


@endpoint(methods=None)
def who_owns(
	reference_doctype: str | None = None,
	reference_name: str | None = None,
	on: str | None = None,
	phone: str | None = None,
	email: str | None = None,
) -> dict:
	"""Who held the record (or the person, by phone or email) at `on` (default now), under which claim and
	rule, from the ownership ledger."""
	if phone or email:
		return ledger.who_owns_person(
			phone, email, on, lambda doctype, name: frappe.has_permission(doctype, "read", doc=name)
		)
	if not (reference_doctype and reference_name):
		frappe.throw(
			_("Name a record (reference_doctype and reference_name) or a person (phone or email)."),
			title=_("Nothing to Look For"),
		)
	# The doctype first: a user who may not read Leads at all learns nothing, not even whether one exists.
	frappe.has_permission(reference_doctype, "read", throw=True)
	frappe.has_permission(reference_doctype, "read", reference_name, throw=True)
	owner = ledger.who_owns(reference_doctype, reference_name, on)
	if owner.get("holder"):
		owner["why"] = history_view.why(owner["claim"], owner["rule"])  # in the reader's words
	return owner


@endpoint()
def check_client(phone: str, full_name: str | None = None) -> dict:
	"""FX-2: {"status": "free" | "busy"} and nothing else about the client; to the agency holding it,
	{"status": "yours"} with its fixation and the time left (X-5)."""
	return availability.check_client(phone, full_name)


@endpoint(long_text=("other_person_reason",))
def fix_client(
	agency: str,
	phone: str,
	full_name: str,
	manager: str | None = None,
	other_person_reason: str | None = None,
) -> dict:
	"""FX-1, FX-3, FX-4: fix a free client to the agency; a busy client is a validation error. The call centre
	or a manager may fix another person on a known phone, saying why (X-6)."""
	ensure_may_act_for(agency)
	fixation = frappe.get_doc(
		{"doctype": "Client Fixation", "agency": agency, "phone": phone, "client_name": full_name}
	)
	# checked by the policy with the client's verdict, not by the link check: no answer tells who is a user;
	# a partner names one by the portal's picker, which shows managers by name only
	fixation.flags.named_manager = portal.named_manager(manager)
	fixation.flags.other_person_reason = other_person_reason
	# partners' staff may not create one in the desk; the rules decide. A fix judged, then refused, keeps its
	# check line.
	fixation.insert(ignore_permissions=True)
	return {
		"fixation": fixation.name,
		"status": fixation.status,
		"expires_on": fixation.expires_on,
		"manager": portal.manager_shown(fixation.manager),
		**portal.until(fixation.as_dict()),
	}


@endpoint()
def attach_selection_act(fixation: str) -> dict:
	"""FX-7, FX-10: the signed selection act (the request's file), attached to the agency's own fixation."""
	url = fixing.attach_selection_act(fixation, frappe.request.files.get("file") if frappe.request else None)
	return {"fixation": fixation, "selection_act": url}


@endpoint(flags=("remote",))
def record_meeting(fixation: str, remote: int = 0) -> dict:
	"""FX-6, FX-7, FX-9, FX-10: a sales manager confirms a meeting; the fixation is extended."""
	return fixing.record_meeting(fixation, bool(int(remote)))


@endpoint(long_text=("reason",))
def cancel_fixation(fixation: str, reason: str) -> dict:
	"""A sales manager ends a running fixation by hand, with the reason; the client is free again."""
	cancelled = fixing.cancel(fixation, reason)
	return {"fixation": cancelled.name, "status": cancelled.status}


@endpoint(long_text=("question",))
def leave_question(fixation: str, question: str):
	"""FX-11: the agency's question about properties, for the fixation's manager."""
	fixing.leave_question(fixation, question)


@endpoint(long_text=("reason",))
def cancel_attachment(attachment: str, reason: str) -> dict:
	"""PR-2: an attachment is never deleted; a sales manager cancels it with a reason and its claim ends."""
	cancelled = attaching.cancel(attachment, reason)
	return {"attachment": cancelled.name, "status": cancelled.status}


@endpoint(methods=None)
def referrals(reference_doctype: str, reference_name: str) -> list[dict]:
	"""PR-1 … PR-6: the active prescriber attachments of a Lead or Customer the user may read, each with its
	reason in the user's language."""
	return attaching.referrals(reference_doctype, reference_name)


@endpoint()
def next_lead() -> dict:
	"""LQ-2: the best unassigned open lead (tier, then oldest), now assigned to the caller; {"lead": None} when
	the queue is empty. Refused off shift. With the lead, its name and tier, to say which one was handed out."""
	answer = queue.next_lead()
	if answer["lead"]:
		answer.update(
			frappe.db.get_value("Lead", answer["lead"], ["lead_name", "priority_tier"], as_dict=True)
		)
	return answer


@endpoint(methods=None)
def other_open_files(lead: str) -> list[dict]:
	"""LQ-1: the same person's other open leads, opportunities, appointments and customers."""
	return open_files.other_open_files(lead)


@endpoint(methods=None)
def find_duplicates(
	doctype: str,
	name: str | None = None,
	phone: str | None = None,
	email: str | None = None,
	full_name: str | None = None,
	city: str | None = None,
	company_name: str | None = None,
) -> list[dict]:
	"""X-7: the Leads, Contacts and Customers of the same person the caller may read, as a record is typed:
	exact matches (the same phone or email) first, then suggestions (the same name, or a similar one in the same
	city or company), each with its title, status and who holds it now. Staff only; `name`, the record itself,
	is left out."""
	return duplicates.find_duplicates(doctype, name, phone, email, full_name, city, company_name)


@endpoint(long_text=("reasons",))
def hand_off_to_analysts(lead: str, credit_file_number: str, language: str, reasons: str) -> dict:
	"""LQ-10: the analysts' email, refused unless complete; kept on the lead's timeline."""
	return handoff.hand_off(lead, credit_file_number, language, reasons)


@endpoint(methods=None)
def advisor_status(customer: str) -> dict:
	"""AR-2: the client's advisor status (Present, Former, New or None) and that advisor."""
	frappe.has_permission("Customer", "read", customer, throw=True)
	status = advisor_status_of(customer)
	return {"status": status.status, "advisor": status.advisor, "rule": status.rule}


@endpoint(methods=None)
def preview_boosters(batch_size: int) -> list[dict]:
	"""AR-8: which orphan client each volunteer would get; nothing is changed."""
	frappe.only_for(MANAGING_ROLES, message=True)
	return boosters.plan(batch_size)


@endpoint()
def apply_boosters(batch_size: int) -> list[dict]:
	"""AR-8: give a batch of orphan clients to the volunteers, in proportion to their score."""
	frappe.only_for(MANAGING_ROLES, message=True)
	return boosters.apply(batch_size)


@endpoint()
def close_client_request(request: str) -> dict:
	"""A sales manager closes a request once it is dealt with."""
	frappe.only_for(MANAGING_ROLES, message=True)
	doc = frappe.get_doc("Client Request", request)
	if doc.status == "Closed":
		frappe.throw(_("Client request {0} is already closed.").format(request))
	doc.db_set("status", "Closed")
	doc.add_comment("Info", _("Closed"))
	return {"request": doc.name, "status": doc.status}


@endpoint(flags=("client_wish_confirmed",))
def request_reassignment(
	reference_doctype: str,
	reference_name: str,
	reason: str,
	new_agent: str | None = None,
	client_wish_confirmed: int = 0,
) -> dict:
	"""RA-2 … RA-5: manager A asks the owning office's manager B for a client or listing; B has 24 hours."""
	request = requests.request_reassignment(
		reference_doctype, reference_name, reason, new_agent, client_wish_confirmed
	)
	return {"request": request.name, "respond_by": request.respond_by, "message": requests.sent(request)}


@endpoint(long_text=("guarantee",), flags=("accept",))
def answer_reassignment(request: str, accept: int, guarantee: str | None = None) -> dict:
	"""RA-3, RA-4: manager B accepts, or rejects with a guarantee of service, within the deadline."""
	answered = requests.answer(request, bool(int(accept)), guarantee)
	return {"request": answered.name, "status": answered.status, "message": requests.confirmation(answered)}


@endpoint()
def sign_reassignment(request: str) -> dict:
	"""RA-10: the new agent or the office manager signs; both signatures move the record."""
	signed = requests.sign(request)
	return {"request": signed.name, "status": signed.status, "message": requests.confirmation(signed)}


@endpoint(methods=None, flags=("apply",))
def agent_departure(agent: str, apply: int = 0) -> list[dict]:
	"""RA-5: who would take each listing of a departing agent; with apply=1, the reassignments are opened."""
	frappe.only_for(MANAGING_ROLES, message=True)
	return departure.depart(agent) if int(apply) else departure.plan(agent)


@endpoint()
def merge_records(doctype: str, keep: str, merge: str, keep_doctype: str | None = None) -> dict:
	"""X-7: a sales manager merges `merge` (a `doctype`: Lead or Contact) into `keep` (a `keep_doctype`, by
	default the same; a Lead may be merged into a Customer): every document that points at `merge` points at
	`keep`, who holds the person is decided by the rules, and `merge` is disabled, not deleted."""
	return merging.merge_records(doctype, keep, merge, keep_doctype)


@endpoint()
def unmerge_records(merge_log: str) -> dict:
	"""X-7: undo a merge. What nobody changed since is put back ("restored"); what changed since is named with
	the reason and left as it is ("refused")."""
	return merging.unmerge_records(merge_log)


@endpoint()
def scan_duplicates() -> dict:
	"""X-7: look for duplicates among the existing Leads, Contacts and Customers, in the background (the
	Duplicates report lists what it finds). Sales managers only."""
	return duplicate_scan.enqueue_scan()


@endpoint(long_text=("reason",))
def mark_not_same_person(group: str, reason: str | None = None) -> dict:
	"""X-7: a sales manager says the records of an open Duplicate Group are different people (namesakes sharing
	a household phone, a switchboard), with an optional reason: the scan keeps the group so and the entry panel
	no longer offers them as each other's duplicates. → {"group", "status"}"""
	return duplicate_scan.mark_not_same_person(group, reason)


@endpoint()
def reopen_group(group: str) -> dict:
	"""X-7: a sales manager takes back a Not the Same Person mark: the group is open again. → {"group", "status"}"""
	return duplicate_scan.reopen_group(group)
