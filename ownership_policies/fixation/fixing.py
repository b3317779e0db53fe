"""A fixation's life: opened for a free client (FX-1, FX-3, FX-4), extended by confirmed meetings (FX-6, FX-7,
FX-9, FX-10), expired by the scheduler (FX-5) or cancelled by a manager. Each step applies a decision of the pure rules and writes the
ownership ledger on the client's Lead."""

import mimetypes
from functools import partial

import frappe
from frappe import _
from frappe.utils import format_datetime, get_datetime, now_datetime

from ownership_policies.fixation import alerts
from ownership_policies.fixation import rules as fx
from ownership_policies.fixation.availability import alert_holder, enforce_hourly_limit, judge, log_check
from ownership_policies.ownership import claims, reasons
from ownership_policies.ownership.holidays import company_holidays
from ownership_policies.ownership.identity import (
	find_same_person,
	phone_key_or_throw,
	phone_region,
	record_keys,
)
from ownership_policies.ownership.kept import keep
from ownership_policies.ownership.keys import PHONE
from ownership_policies.ownership.owners import OWNER_FIELDS, owner_of
from ownership_policies.ownership.partners import ensure_may_act_for, is_partner_user, partner_record
from ownership_policies.ownership.roles import acts_for_any_partner, ensure_may, sales_managers
from ownership_policies.ownership.rows import first_wins
from ownership_policies.ownership.settings import get_settings

MAX_ACT_SIZE = 10 * 1024 * 1024
ACT_TYPES = {  # what a signed act may be: its extension and how its bytes begin
	"application/pdf": (".pdf", b"%PDF-"),
	"image/jpeg": (".jpg", b"\xff\xd8\xff"),
	"image/png": (".png", b"\x89PNG\r\n\x1a\n"),
}


def open_fixation(fixation):
	"""Before insert: the client must be free; then the window and the manager are decided. A fix asks "is
	this person known?" as a check does: it counts in the same hourly limit and is logged alike (X-6)."""
	ensure_may_act_for(fixation.agency)
	enforce_hourly_limit()
	fixation.client_key = phone_key_or_throw(fixation.phone, phone_region())
	fixation.phone = (
		fixation.client_key
	)  # E.164: the form's own phone check can no longer fail after the verdict
	if not (fixation.client_name or "").strip():
		frappe.throw(_("Write the client's full name."), title=_("Name Missing"))
	other_person = fixation.flags.other_person_reason
	if other_person:
		ensure_staff_decides_other_person(other_person)
	# every refusal that does not depend on the client comes before the verdict, which is logged at once: no
	# other answer may tell free from busy
	fixation.manager = pick_manager(
		fixation.flags.named_manager or fixation.manager, lenient=is_partner_user()
	)
	expire_if_due(frappe.db.get_value("Client Fixation", {"active_client_key": fixation.client_key}))
	# FX-2, X-6: busy by phone, whatever the name; only staff may say that a known phone is another person's
	verdict = judge(fixation.client_key, fixation.client_name if other_person else None)
	log_check(fixation.client_key, fixation.client_name, verdict)
	keep(log_check, fixation.client_key, fixation.client_name, verdict)  # though the fix then fails
	if verdict.busy:
		refuse_busy(fixation, verdict)
	settings, now = get_settings(), now_datetime()
	fixation.company = fixation.company or frappe.defaults.get_global_default("company")
	holidays = company_holidays(fixation.company) if settings.fixation_day_basis == "Working Days" else None
	fixation.update(
		{
			"status": fx.ACTIVE,
			"active_client_key": fixation.client_key,
			"stage": fx.INITIAL,
			"fixed_on": now,
			"expires_on": fx.initial_expiry(now, settings.fixation_days, holidays),
			"stages": [],
		}
	)
	fixation.append(
		"stages", {"stage": fx.INITIAL, "recorded_on": now, "expires_on": fixation.expires_on, "rule": "FX-3"}
	)


def ensure_staff_decides_other_person(reason: str):
	if not acts_for_any_partner():
		frappe.throw(
			_("Only the call centre or a sales manager may fix another person on a known phone."),
			frappe.PermissionError,
		)
	if not reason.strip():
		frappe.throw(_("Say why this is another person than the one already known on this phone."))


def refuse_busy(fixation, verdict: fx.Availability):
	"""FX-2/FX-8: the agency learns only that the client is busy (its check line is kept). The holding agency
	is told of the attempt and the refusal is in the ledger by a job, queued at once and run in its own
	transaction, so that a refusal costs the same whatever made the client busy (a fixation or the company's
	work). Nothing else the request wrote is committed."""
	frappe.enqueue(
		record_refusal,
		agency=fixation.agency,
		fixation_name=verdict.fixation,
		enqueue_after_commit=False,
		now=frappe.flags.in_test,
	)
	raise_busy()


def record_refusal(agency: str, fixation_name: str | None):
	"""The job of a refused fix: when another agency holds the client, it is told and the ledger says so."""
	if not fixation_name:
		return
	holder = frappe.db.get_value("Client Fixation", fixation_name, ["lead", "agency"], as_dict=True)
	if not holder or holder.agency == agency:
		return
	alerts.client_sought(fixation_name, _("another agency asked to fix the client"))
	if holder.lead:
		claims.refuse(
			("Lead", holder.lead),
			agency,
			claim="Fixation",
			rule="FX-8",
			holder_type="Sales Partner",
			note=reasons.kept(reasons.reason("FX-8", "fixed_elsewhere", holder.agency)),
		)


def raise_busy():
	frappe.throw(_("This client is busy and cannot be fixed to your agency."), title=_("Client Busy (FX-2)"))


def insert_first(fixation, insert):
	"""FX-2: `insert` writes the fixation's row; when another fixation of the same client became active between
	the check and this insert (the database's unique key on the active client decides), the client is busy."""
	if first_wins(insert, "Client Fixation", "active_client_key", fixation.active_client_key):
		raise_busy()


def pick_manager(named: str | None, lenient: bool = False) -> str:
	"""FX-4. `lenient`, for a partner: a name that is no sales manager's gives the on-duty manager, as no name
	does; a refusal would tell the partner, before any check is counted, who is a sales manager (X-6)."""
	managers = sales_managers()
	on_duty = [row.user for row in get_settings().fixation_managers if row.user in managers] or sorted(
		managers
	)
	counts = dict(
		frappe.get_all(
			"Client Fixation",
			filters={"status": fx.ACTIVE, "manager": ("in", on_duty or [""])},
			fields=["manager", "count(*) as fixations"],
			group_by="manager",
			as_list=True,
		)
	)
	if lenient and named not in managers:
		named = None
	try:
		return fx.choose_manager(named, managers, fx.ManagerPool(on_duty, counts)).manager
	except fx.NotAManager:
		frappe.throw(  # naming no one: a partner learns nothing of the company's users
			_(
				"The manager named is not an enabled Sales Manager of the company. Name a sales manager, or leave it empty."
			)
		)
	except fx.NoManager:
		frappe.throw(
			_("No sales manager is on duty. Add one under Managers on Duty in Ownership Settings."),
			title=_("No Manager on Duty"),
		)


def attach_lead(fixation):
	"""After insert: the client's Lead (the same person's newest, or a new one) goes to the manager, and the
	ledger records the agency's claim on it."""
	lead = existing_lead(fixation)
	if lead and not frappe.db.get_value("Lead", lead, "lead_owner"):  # FX-4: the manager follows the client
		claims.grant(
			("Lead", lead), fixation.manager, claim="Owner", rule="FX-4", valid_from=fixation.fixed_on
		)
	lead = lead or new_lead(fixation)  # made the manager's (FX-4)
	fixation.db_set("lead", lead)
	other_person = fixation.flags.other_person_reason  # staff fix another person on a known phone
	claims.grant(
		("Lead", lead),
		fixation.agency,
		owner=False,
		claim="Fixation",
		action="Fix",
		rule="FX-3",
		holder_type="Sales Partner",
		valid_from=fixation.fixed_on,
		valid_until=fixation.expires_on,
		after={
			"fixation": fixation.name,
			"manager": fixation.manager,
			"manager_rule": "FX-4",
			**({"other_person_on_known_phone": 1} if other_person else {}),
		},
		note=reasons.typed(other_person),
	)
	if other_person:
		alerts.other_person_fixed(fixation, phone_holders(fixation.client_key, exclude=lead))
	if fixation.question:
		alerts.question_left(fixation, fixation.question)


def phone_holders(client_key: str, exclude: str) -> list[str]:
	"""The owners of the other Leads and Customers on this phone."""
	holders = []
	for match in find_same_person(phone=client_key):
		if PHONE in match["matched_on"] and match["name"] != exclude and match["doctype"] in OWNER_FIELDS:
			holders.append(owner_of(match["doctype"], match["name"]))
	return [holder for holder in dict.fromkeys(holders) if holder]


def existing_lead(fixation) -> str | None:
	leads = [
		m["name"]
		for m in find_same_person(phone=fixation.client_key, name=fixation.client_name)
		if m["doctype"] == "Lead" and PHONE in m["matched_on"]
	]
	return (
		leads and frappe.get_all("Lead", {"name": ("in", leads)}, pluck="name", order_by="creation desc")[0]
	)


def new_lead(fixation) -> str:
	first, _sep, last = fixation.client_name.strip().partition(" ")
	lead = frappe.get_doc(
		{
			"doctype": "Lead",
			"first_name": first,
			"last_name": last,
			"mobile_no": fixation.phone,
			"lead_owner": fixation.manager,
			"company": fixation.company,
		}
	)
	lead.flags.fixation = fixation.name  # not the client's own inquiry (FX-8)
	claims.decided(lead, "FX-4", since=fixation.fixed_on)
	return lead.insert(ignore_permissions=True).name


def record_meeting(fixation_name: str, remote: bool = False) -> dict:
	"""FX-10: a sales manager confirms a meeting held with the signed selection act; FX-6/7/9 extend."""
	ensure_may("record_meeting", _("Only a Sales Manager of the company can confirm a meeting."))
	fixation = frappe.get_doc("Client Fixation", fixation_name, for_update=True)
	ensure_new_selection_act(fixation)
	settings, now = get_settings(), now_datetime()
	windows = fx.Windows(
		settings.fixation_meeting_days, settings.fixation_remote_days, settings.fixation_repeat_meeting_days
	)
	held = len([row for row in fixation.stages if row.stage != fx.INITIAL])
	try:
		extension = fx.meeting_extension(
			fixation.status, get_datetime(fixation.expires_on), held, now, bool(remote), windows
		)
	except fx.FixationClosed:
		frappe.throw(
			_(
				"This fixation is {0}: a meeting can no longer extend it. Fix the client again if it is free."
			).format(_(fixation.status if fixation.status != fx.ACTIVE else fx.EXPIRED).lower()),
			title=_("Fixation Closed"),
		)
	fixation.update({"stage": extension.stage, "expires_on": extension.expires_on})
	fixation.append(
		"stages",
		{
			"stage": extension.stage,
			"recorded_on": now,
			"expires_on": extension.expires_on,
			"rule": extension.rule,
			"confirmed_by": frappe.session.user,
			"selection_act": fixation.selection_act,
		},
	)
	save_by_policy(fixation)
	claims.extend(
		("Lead", fixation.lead),
		fixation.agency,
		claim="Fixation",
		rule=extension.rule,
		holder_type="Sales Partner",
		valid_from=now,
		valid_until=extension.expires_on,
		after={"fixation": fixation.name, "stage": extension.stage, "confirmed_by": frappe.session.user},
	)
	alerts.fixation_extended(fixation)
	return {"fixation": fixation.name, "status": fixation.status, "expires_on": fixation.expires_on}


def ensure_new_selection_act(fixation):
	attached = fixation.selection_act and frappe.db.exists(
		"File",
		{
			"file_url": fixation.selection_act,
			"attached_to_doctype": "Client Fixation",
			"attached_to_name": fixation.name,
		},
	)
	if not attached:  # a file uploaded to this fixation, not a link typed into the field
		frappe.throw(
			_("Attach the selection act signed at the meeting (a scan for a remote client) first."),
			title=_("Selection Act Missing (FX-10)"),
		)
	used = next((row for row in fixation.stages if row.selection_act == fixation.selection_act), None)
	if used:
		frappe.throw(
			_(
				"This selection act was already used for the meeting of {0}. Attach the act signed at this meeting."
			).format(format_datetime(used.recorded_on)),
			title=_("Meeting Already Recorded"),
		)


def expire_due_fixations():
	"""FX-5, every 15 minutes: fixations past their time expire and the agency is told. Rows are locked and
	others' locked rows skipped, so two runs at once share the work and neither repeats it."""
	table = frappe.qb.DocType("Client Fixation")
	due = (
		frappe.qb.from_(table)
		.select(table.name)
		.where((table.status == fx.ACTIVE) & (table.expires_on <= now_datetime()))
		.orderby(table.expires_on)
		.for_update(skip_locked=True)
		.run(pluck=True)
	)
	for name in due:
		expire(frappe.get_doc("Client Fixation", name))
	return due


def expire_if_due(fixation_name: str | None):
	"""Before a new fixation of the same client: a fixation whose time is up ends now, not at the next run."""
	if not fixation_name:
		return
	fixation = frappe.get_doc("Client Fixation", fixation_name, for_update=True)
	if fixation.status == fx.ACTIVE and fx.has_expired(get_datetime(fixation.expires_on), now_datetime()):
		expire(fixation)


def expire(fixation):
	fixation.update({"status": fx.EXPIRED, "active_client_key": None})
	save_by_policy(fixation)
	record_end(fixation, "Expire", "FX-5")
	alerts.fixation_expired(fixation)


def cancel(fixation_name: str, reason: str):
	"""A sales manager ends a running fixation by hand (the client withdrew, a mistake), with the reason: the
	client is free again at once, the ledger says so and the agency is told."""
	ensure_may("cancel_fixation", _("Only a Sales Manager can cancel a fixation."))
	if not (reason or "").strip():
		frappe.throw(_("Say why the fixation is cancelled."), title=_("Reason Missing"))
	fixation = frappe.get_doc("Client Fixation", fixation_name, for_update=True)
	fixation.check_permission("write")
	if fixation.status != fx.ACTIVE:
		frappe.throw(
			_("Only a running fixation can be cancelled; this one is {0}.").format(_(fixation.status).lower())
		)
	fixation.update({"status": fx.CANCELLED, "active_client_key": None, "cancellation_reason": reason})
	save_by_policy(fixation)
	# the claim released is the one the fixation last stood on (FX-3 at first, then its meetings')
	record_end(
		fixation,
		"Release",
		fixation.stages[-1].rule if fixation.stages else "FX-3",
		note=reasons.typed(reason),
	)
	alerts.fixation_cancelled(fixation)
	return fixation


def record_end(fixation, action: str, rule: str, note: str | None = None):
	if fixation.lead:
		claims.end(
			("Lead", fixation.lead),
			fixation.agency,
			claim="Fixation",
			action=action,
			rule=rule,
			holder_type="Sales Partner",
			after={"fixation": fixation.name, "status": fixation.status},
			note=note,
		)


def save_by_policy(fixation):
	fixation.flags.by_app = True  # the policy's own save (immutable.by_app, rule_fields)
	fixation.save(ignore_permissions=True)


def leave_question(fixation_name: str, question: str):
	"""FX-11: the agency's question about properties, kept on the fixation and sent to its manager."""
	fixation = partner_record("Client Fixation", fixation_name)
	ensure_may_act_for(fixation.agency)
	if not (question or "").strip():
		frappe.throw(_("Write the question for the manager."))
	fixation.add_comment("Comment", frappe.utils.escape_html(question))
	alerts.question_left(fixation, question)


def attach_selection_act(fixation_name: str, upload) -> str:
	"""FX-7, FX-10: the agency (or the call centre) attaches the signed selection act to its fixation; a
	sales manager then records the meeting with it."""
	fixation = partner_record("Client Fixation", fixation_name)
	ensure_may_act_for(fixation.agency)
	if fixation.status != fx.ACTIVE:
		frappe.throw(_("This fixation is no longer running: its selection act can no longer be attached."))
	if not upload or not upload.filename:
		frappe.throw(_("Send the scan of the signed selection act as the file."), title=_("File Missing"))
	content = upload.stream.read(MAX_ACT_SIZE + 1)
	if len(content) > MAX_ACT_SIZE:
		frappe.throw(_("The scan is too large: send a file of at most 10 MB."))
	kind = mimetypes.guess_type(upload.filename)[0]
	if kind not in ACT_TYPES or not content.startswith(ACT_TYPES[kind][1]):
		frappe.throw(_("Send the selection act as a PDF, JPG or PNG file."))
	file = frappe.get_doc(
		{
			"doctype": "File",
			# named here, never after the sender's file name: staff's desk shows it
			"file_name": f"selection-act-{fixation.name}{ACT_TYPES[kind][0]}",
			"content": content,
			"is_private": 1,
			"attached_to_doctype": fixation.doctype,
			"attached_to_name": fixation.name,
			"attached_to_field": "selection_act",
		}
	)
	# its own file, even when another file on the site has the same bytes: Frappe would otherwise answer with
	# that file's address, which the partner could then read
	file.save_file = partial(file.save_file, ignore_existing_file_check=True)
	file.insert(ignore_permissions=True)
	fixation.db_set("selection_act", file.file_url)
	fixation.add_comment("Attachment", _("Selection act attached: {0}").format(file.file_name))
	return file.file_url


def on_lead_insert(lead, method=None):
	"""FX-8: the client's own new inquiry while a fixation runs is reported to the holding agency."""
	if lead.flags.fixation:
		return
	phones = [key.value for key in record_keys(lead) if key.kind == PHONE]
	if not phones:
		return
	# on every Lead insert: a plain statement, not the query builder's
	running = "select name from `tabClient Fixation` where active_client_key in %s"
	for name in frappe.db.sql(running, [phones], pluck=True):
		alert_holder(name, _("the client contacted the company directly (Lead {0})").format(lead.name))
