"""X-6: the partner boundary, enforced at the door. Every request of a partner's staff (the Ownership Partner
role, not acting for every partner) is checked against the lists below once it is authenticated (by its session
cookie or by API keys) and before any handler runs: Frappe and ERPNext whitelist methods that check no permission
(`frappe.client.get_count`, `get_lead_details`), so a partner reaches only what is listed here, and anything else
is one 403 with one message, before any query runs."""

import json
import re

import frappe
from frappe import _

from ownership_policies.ownership.partner_queries import plain_list, plain_report_filters
from ownership_policies.ownership.partners import ensure_own_record, is_partner_user

# Whitelisted methods a partner may call at /api/method/…, /api/v1/method/…, /api/v2/method/… or as cmd=.
PARTNER_METHODS = {
	"login": "log in (a partner already logged in may log in again)",
	"logout": "log out",
	"web_logout": "log out from a web page",
	"frappe.auth.get_logged_user": "the portal asks who is logged in, and learns only the partner's own name",
	"frappe.core.doctype.user.user.update_password": "set a new password on /update-password",
	"frappe.core.doctype.user.user.test_password_strength": "the password form's strength meter",
	"frappe.core.doctype.user.user.reset_password": "ask for a password reset link, for itself only",
	"ownership_policies.api.check_client": "FX-2: free or busy (yours, to the holding agency), limited and logged",
	"ownership_policies.api.fix_client": "FX-1, FX-3: fix a free client for its own agency, limited and logged",
	"ownership_policies.api.leave_question": "FX-11: a question on its own fixation",
	"ownership_policies.api.attach_selection_act": "FX-7, FX-10: the signed act, on its own fixation",
	"frappe.desk.query_report.run": "the Prescriber Attribution report only (see PARTNER_REPORTS)",
}
# What Frappe's own methods in that list are sent: without it they would fail with a server error.
PARTNER_METHOD_ARGUMENTS = {
	"frappe.core.doctype.user.user.update_password": {"new_password"},
	"frappe.core.doctype.user.user.test_password_strength": {"new_password"},
	"frappe.core.doctype.user.user.reset_password": {"user"},
}
# The reports it may run: the report keeps a partner to its own row.
PARTNER_REPORTS = {"Prescriber Attribution": "PR-7: what the partner sent and what it became"}
# The doctypes it may read over REST (GET only); permission query conditions keep it to its own partner's rows.
PARTNER_DOCTYPES = {
	"Client Fixation": "FX-3: its fixations and the time left",
	"Prescriber Attachment": "PR-1: the contacts it sent",
	"Prescriber Convention": "PR-6: its convention",
}
STAFF_KEYS = ("owner", "modified_by")
TRACEBACK_KEYS = ("exc", "exception", "_exc_source", "_debug_messages", "debug")  # "debug": API v2's SQL
# The pages it may load (its portal); assets and public files are served before the app.
PARTNER_PAGES = {
	"": "the home page, which sends it to its portal",
	"client-check": "X-5: its portal",
	"login": "the login page",
	"me": "its account",
	"update-password": "change its password",
	"message": "the page that shows a message (after logging out, for instance)",
	"website_script.js": "the website's script, loaded by every page",
	"favicon.ico": "the browser asks for it",
	"robots.txt": "crawlers ask for it",
}


def guard():
	"""auth_hooks, once Frappe has authenticated the request (session cookie, API keys or OAuth) and before its
	handler runs: refuse a partner's request that is not on the lists."""
	frappe.local.flags.partner_request = frappe.session.user != "Guest" and is_partner_user()
	if not frappe.local.flags.partner_request:
		return
	frappe.local.flags.disable_traceback = True  # no traceback ever reaches a partner
	if not allowed(frappe.local.request, frappe.local.form_dict):
		frappe.throw(_("This is not open to partners."), frappe.PermissionError, title=_("Not Permitted"))


def allowed(request, form_dict) -> bool:
	if form_dict.get("cmd") and not request.path.startswith("/api/"):
		return may_call(form_dict.cmd, form_dict)  # the website's frappe.call posts cmd= to any page
	parts = request.path.strip("/").split("/")
	if parts[0] == "private" and request.method == "GET":
		# a private file: Frappe serves it only with read permission on the record it is attached to
		return True
	if parts[0] != "api":
		return request.method in ("GET", "HEAD") and "/".join(parts) in PARTNER_PAGES
	if len(parts) > 1 and parts[1] in ("v1", "v2"):
		version, parts = parts[1], [parts[0], *parts[2:]]
	else:
		version = "v1"
	kind, rest = (parts[1], parts[2:]) if len(parts) > 1 else ("", [])
	if kind == "method" and len(rest) == 1:
		return may_call(rest[0], form_dict)
	if kind == {"v1": "resource", "v2": "document"}[version] and 1 <= len(rest) <= 2:
		if request.method != "GET" or rest[0] not in PARTNER_DOCTYPES:
			return False
		if len(rest) == 1:
			return plain_list(rest[0], form_dict)
		ensure_own_record(*rest)  # absent and another partner's alike: one 404
		return not form_dict  # the record as it is: no run_method, no expansion
	return False


def may_call(method: str, form_dict) -> bool:
	if not isinstance(method, str) or form_dict.get("cmd", method) != method:  # a JSON body may send any cmd
		return False
	if method == "frappe.desk.query_report.run":
		report = form_dict.get("report_name")
		return isinstance(report, str) and report in PARTNER_REPORTS and plain_report_filters(form_dict)
	if not all(form_dict.get(argument) for argument in PARTNER_METHOD_ARGUMENTS.get(method, ())):
		return False
	if method == "frappe.core.doctype.user.user.reset_password":
		return form_dict.user == frappe.session.user
	return method in PARTNER_METHODS


def hide_tracebacks(response=None, request=None):
	"""after_request: what is answered to a partner, or to a visitor whose session was not made, carries no
	traceback and no debug log, even from an error Frappe raised before the door (a body that is no JSON
	object, a failed login)."""
	if response is None or response.direct_passthrough:
		return  # a file
	if response.status_code < 400 and response.mimetype != "application/json":
		return
	if not (visitor_or_partner() and has_traceback(response)):
		return
	if response.mimetype == "application/json":
		body = json.loads(response.get_data() or b"{}")
		if isinstance(body, dict):
			for key in TRACEBACK_KEYS:
				body.pop(key, None)
			for error in body.get("errors") or ():  # API v2
				error.pop("exception", None)
			response.set_data(json.dumps(body))
	else:  # an error page: its traceback is the <pre> block
		response.set_data(re.sub(rb"<pre>.*?</pre>", b"", response.get_data(), flags=re.DOTALL))


def hide_staff(response=None, request=None):
	"""after_request: a record a partner reads does not name the staff who made or changed it (nor its rows)."""
	if response is None or response.status_code != 200 or response.mimetype != "application/json":
		return
	if not request or request.method != "GET" or not request.path.startswith("/api/"):
		return
	if not frappe.local.flags.partner_request:  # as the door found it: one look-up a request
		return
	body = json.loads(response.get_data() or b"{}")
	record = body.get("data") if isinstance(body, dict) else None
	if not isinstance(record, dict):
		return
	for row in (record, *(row for rows in record.values() if isinstance(rows, list) for row in rows)):
		if isinstance(row, dict):
			for key in (*STAFF_KEYS, *user_links(row.get("doctype"))):
				row.pop(key, None)
	response.set_data(json.dumps(body, default=str))


def user_links(doctype: str | None) -> list[str]:
	"""A row's fields that name a user by login (a fixation's manager, a stage's confirmer): a partner reads
	staff by full name only, on its portal (X-6)."""
	if not doctype or not frappe.db.exists("DocType", doctype):
		return []
	return [field.fieldname for field in frappe.get_meta(doctype).fields if is_user_link(field)]


def is_user_link(field) -> bool:
	return field.fieldtype == "Link" and field.options == "User"


def visitor_or_partner() -> bool:
	if not getattr(frappe.local, "http_request", None):
		return True  # the request failed before its session was made: whoever sent it, a visitor
	user = getattr(getattr(frappe.local, "session", None), "user", None)
	try:
		return not user or user == "Guest" or is_partner_user(user)
	except Exception:
		return True  # roles unreadable (the database is gone): hide it all the same


def has_traceback(response) -> bool:
	data = response.get_data()
	return any(marker in data for marker in (b"Traceback", b"_debug_messages", b'"exc"', b'"debug"'))
