"""The free/busy check (FX-1, FX-2, FX-8): facts about a phone number gathered through the identity index,
judged by the pure rules, logged, limited per user, and answered with nothing but "free" or "busy" (or, to the
agency that holds the client, "yours" with the time left)."""

from collections import defaultdict
from datetime import timedelta

import frappe
from frappe import _
from frappe.utils import now_datetime
from frappe.utils.html_utils import sanitize_html

from ownership_policies.fixation import alerts, portal
from ownership_policies.fixation.rules import ACTIVE, Availability, ClientFacts, availability, has_expired
from ownership_policies.ownership import keys
from ownership_policies.ownership.identity import find_same_person, phone_key_or_throw, phone_region
from ownership_policies.ownership.partners import partners_of
from ownership_policies.ownership.roles import acts_for_any_partner, may
from ownership_policies.ownership.rows import insert_row
from ownership_policies.ownership.settings import get_settings

OPEN_LEAD_STATUSES = ("Lead", "Open", "Replied", "Opportunity", "Quotation", "Interested")
OPEN_OPPORTUNITY_STATUSES = ("Open", "Quotation", "Replied")
_NOTHING = ("",)  # an empty IN list: every check runs the same queries, so free and busy take as long


def check_client(phone: str, full_name: str | None = None) -> dict:
	ensure_may_check()
	client_key = phone_key_or_throw(phone, phone_region())
	enforce_hourly_limit()
	facts, own_fixation = gather(client_key)  # by phone, whatever the name; the name is only logged
	verdict = availability(facts)
	log_check(client_key, full_name, verdict)  # a check of a fixed client is told by send_check_alerts
	return portal.yours(verdict, own_fixation) or {"status": verdict.status}  # its own, to a partner


def judge(client_key: str, other_person: str | None = None) -> Availability:
	return availability(client_facts(client_key, other_person))


def client_facts(client_key: str, other_person: str | None = None) -> ClientFacts:
	return gather(client_key, other_person)[0]


def _listed(values) -> str:
	return ", ".join(f"'{value}'" for value in values)


# One round trip for every fact, built once: the same statement for a free client and a busy one. A
# missing list is ("",), as an empty IN list is no SQL.
FACTS = f"""select fixation.name, fixation.expires_on,
	fixation.status = '{ACTIVE}' and fixation.agency in
		(select member.partner from `tabPartner Member` member where member.user = %(user)s),
	exists(select 1 from `tabLead` record join `tabUser` owner on owner.name = record.lead_owner
		and owner.enabled = 1 where record.name in %(leads)s and record.status in ({_listed(OPEN_LEAD_STATUSES)})),
	exists(select 1 from `tabOpportunity` record join `tabUser` owner
		on owner.name = record.opportunity_owner and owner.enabled = 1
		where record.party_name in %(parties)s and record.status in ({_listed(OPEN_OPPORTUNITY_STATUSES)})),
	exists(select 1 from `tabCustomer` record join `tabUser` owner on owner.name = record.account_manager
		and owner.enabled = 1 where record.name in %(customers)s and record.disabled = 0)
	from (select 1) one left join `tabClient Fixation` fixation on fixation.active_client_key = %(client_key)s
	limit 1"""


def gather(client_key: str, other_person: str | None = None) -> tuple[ClientFacts, dict | None]:
	"""What makes a client busy: records on the same phone worked by an active owner, or a running fixation
	(FX-2, X-6); and that fixation when it is the asking user's agency's own (X-5). Only when staff say that
	`other_person` is not the phone's known client (a household) are the records with a clearly different name
	left out."""
	matches = [
		m for m in find_same_person(phone=client_key, name=other_person) if keys.PHONE in m["matched_on"]
	]
	leads = tuple(m["name"] for m in matches if m["doctype"] == "Lead") or _NOTHING
	customers = tuple(m["name"] for m in matches if m["doctype"] == "Customer") or _NOTHING
	values = {
		"user": frappe.session.user,
		"leads": leads,
		"parties": (*leads, *customers),
		"customers": customers,
		"client_key": client_key,
	}
	fixation, expires_on, own, leads_owned, opportunities_owned, customers_owned = frappe.db.sql(
		FACTS, values
	)[0]
	if fixation and has_expired(expires_on, now_datetime()):
		fixation = None  # its time is up, and the expiry job has not passed yet
	facts = ClientFacts(
		open_leads_with_owner=leads_owned,
		open_opportunities_with_owner=opportunities_owned,
		customers_with_owner=customers_owned,
		active_fixation=fixation,
	)
	return facts, {"name": fixation, "expires_on": expires_on} if fixation and own else None


def alert_holder(fixation_name: str, source: str):
	"""FX-8: tell the holding agency and its manager, in the background, unless the one asking is that agency
	itself."""
	if frappe.db.get_value("Client Fixation", fixation_name, "agency") in partners_of():
		return
	frappe.enqueue(
		alerts.client_sought,
		fixation_name=fixation_name,
		source=source,
		enqueue_after_commit=True,
		now=frappe.flags.in_test,
	)


def ensure_may_check():
	if frappe.session.user == "Administrator" or may("check_client"):
		return
	frappe.throw(_("You are not allowed to check clients."), frappe.PermissionError)


class TooManyChecks(frappe.RateLimitExceededError):
	"""The hourly limit of checks and fixes: a refusal as the app's others are (417); Frappe keeps 429 for its
	own request limiter."""

	http_status_code = 417


def enforce_hourly_limit():
	"""Partners may not enumerate the client base: each user has so many checks and fixes an hour, counted on
	the (user, checked_on) index, no more than the limit read. The call centre and managers, who check for
	every agency, are not limited."""
	if acts_for_any_partner():
		return
	limit, user = get_settings().check_client_hourly_limit, frappe.session.user
	since = now_datetime() - timedelta(hours=1)
	# parallel checks of one user are counted one by one: the user's row is locked until the check is logged,
	# and the count is a locking read, which sees the lines the others committed meanwhile
	frappe.db.sql("select name from `tabUser` where name = %s for update", user)
	checks = frappe.db.sql(
		"""select name from `tabClient Check Log` where user = %s and checked_on > %s
		limit %s lock in share mode""",
		(user, since, limit),
	)
	if len(checks) >= limit:
		frappe.throw(
			_("You have made {0} client checks in the last hour, the most allowed. Try again later.").format(
				limit
			),
			TooManyChecks,
			title=_("Too Many Checks"),
		)


def log_check(client_key: str, full_name: str | None, verdict: Availability):
	"""Every check is kept (a Client Check Log line, immutable). Written directly, as the identity index is: a
	full document insert would double the check's cost."""
	insert_row(
		"Client Check Log",
		{
			"user": frappe.session.user,
			"checked_on": now_datetime(),
			"client_key": client_key,
			"client_name": sanitize_html(full_name) if full_name and "<" in full_name else full_name,
			"status": verdict.status,
			"rule": verdict.rule,
			"fixation": verdict.fixation,
			"alert_pending": int(bool(verdict.fixation)),
		},
	)


def send_check_alerts():
	"""FX-8, every minute: the agencies holding clients that other agencies checked are told, once per
	fixation for all the checks since the last run. Done here rather than during the check, so that a busy
	answer runs exactly the queries of a free one. Lines are locked and others' locked lines skipped, so two
	runs at once share the work and neither repeats it."""
	log = frappe.qb.DocType("Client Check Log")
	pending = (
		frappe.qb.from_(log)
		.select(log.name, log.fixation, log.user)
		.where(log.alert_pending == 1)
		.for_update(skip_locked=True)
		.run(as_dict=True)
	)
	checked_by = defaultdict(set)
	for line in pending:
		checked_by[line.fixation].add(line.user)
	for fixation, users in checked_by.items():
		holder = frappe.db.get_value("Client Fixation", fixation, ["agency", "status"], as_dict=True)
		if holder and holder.status == ACTIVE and any(holder.agency not in partners_of(u) for u in users):
			alerts.client_sought(fixation, _("another agency checked whether the client is free"))
	if pending:
		# the log is immutable to users; only this flag is ever cleared, and only here
		frappe.qb.update(log).set(log.alert_pending, 0).where(
			log.name.isin([line.name for line in pending])
		).run()
