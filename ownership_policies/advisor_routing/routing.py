"""Routing a client's request (AR-3, AR-4) and forwarding it to the advisor (AR-5): the client's own advisor if
present or new, else the best volunteer of the competence matrix; by email, with the manager in copy, the client
sheet attached and the fixed feedback sentence; due back within the feedback days."""

import frappe
from frappe import _
from frappe.core.doctype.communication.email import make as make_communication
from frappe.utils import add_days, now_datetime, nowdate

from ownership_policies.advisor_routing import rules as ar
from ownership_policies.advisor_routing.advisors import advisor_status_of
from ownership_policies.ownership import claims, reasons, scores
from ownership_policies.ownership.doctype.ownership_settings.ownership_settings import split_lines
from ownership_policies.ownership.notify import tell
from ownership_policies.ownership.roles import sales_managers
from ownership_policies.ownership.settings import get_settings

CLIENT_SHEET = "Client Sheet"
OPEN_STATUSES = ("Open", "Forwarded", "Feedback Received", "Overdue")
WAITING = {"status": "Open", "routed_advisor": ("is", "not set")}  # no candidate yet (AR-4)


def validate_customer(request):
	# Frappe does not check a Link whose fields are fetched (customer_name, territory) when the target is missing
	if not frappe.db.exists("Customer", request.customer):
		frappe.throw(
			_("Could not find Customer {0}. Choose an existing customer.").format(
				frappe.bold(request.customer)
			),
			frappe.LinkValidationError,
		)


def validate_request_type(request):
	"""AR-1: the request types are a setting."""
	types = split_lines(get_settings().client_request_types)
	if request.request_type not in types:
		frappe.throw(
			_("{0} is not a client request type. Choose one of: {1} (Ownership Settings lists them).").format(
				frappe.bold(request.request_type), ", ".join(types)
			),
			title=_("Unknown Request Type"),
		)


def route(request):
	"""Choose the advisor of an open, unrouted request."""
	status = advisor_status_of(request.customer)
	routing = ar.route(status, volunteers(), territory_path(request.territory), request.request_type)
	request.advisor_status = status.status
	request.routed_advisor = routing.advisor
	claims.decided(request, routing.rule)
	request.routing_rule = routing.rule
	# the "Why", kept as the rule and its reason and read in the reader's language
	request.routing_reason = reasons.kept(reasons.reason(routing.rule, routing.reason))
	if not routing.advisor and not request.flags.from_matrix:
		frappe.msgprint(reasons.render(request.routing_reason), title=_("No Advisor"), indicator="orange")


def route_waiting():
	"""AR-4: a saved matrix line may be the candidate an open request was waiting for. Each waiting request is
	routed again, after the matrix is committed, in the background (each forward emails and prints); one that
	fails is logged and left waiting, the others go on."""
	if not (waiting := frappe.db.count("Client Request", WAITING)):
		return
	frappe.msgprint(
		_("{0} client requests waiting for an advisor are being routed again.").format(waiting),
		indicator="blue",
	)
	frappe.enqueue(
		route_waiting_requests,
		enqueue_after_commit=True,
		now=frappe.flags.in_test,
		job_id="ownership_route_waiting",
		deduplicate=True,
	)


def route_waiting_requests():
	for name in frappe.get_all("Client Request", filters=WAITING, pluck="name", order_by="creation"):
		frappe.db.savepoint("route_waiting")
		try:
			request = frappe.get_doc("Client Request", name)
			request.flags.from_matrix = True
			request.save(ignore_permissions=True)
		except Exception:
			frappe.db.rollback(save_point="route_waiting")
			frappe.log_error(_("Client request {0} could not be routed again").format(name))


def volunteers() -> list[ar.Volunteer]:
	rows = frappe.get_all(
		"Competence Matrix", fields=["name", "advisor", "active", "volunteer", "eligible", "request_types"]
	)
	territories = {}
	for row in frappe.get_all(
		"Competence Territory", filters={"parenttype": "Competence Matrix"}, fields=["parent", "territory"]
	):
		territories.setdefault(row.parent, set()).add(row.territory)
	return [
		ar.Volunteer(
			row.advisor,
			frozenset(territories.get(row.name, ())),
			frozenset(split_lines(row.request_types)),
			bool(row.eligible),
			bool(row.volunteer),
			bool(row.active),
			scores.balance(row.advisor),
			frappe.db.count(
				"Client Request", {"routed_advisor": row.advisor, "status": ("in", OPEN_STATUSES)}
			),
		)
		for row in rows
	]


def territory_path(territory: str | None) -> list[str]:
	"""The client's territory and every territory above it: a volunteer covering a region covers its towns."""
	if not territory:
		return []
	lft, rgt = frappe.db.get_value("Territory", territory, ["lft", "rgt"])
	return frappe.get_all("Territory", filters={"lft": ("<=", lft), "rgt": (">=", rgt)}, pluck="name")


def forward(request):
	"""AR-5: email the advisor, write the ledger, and start the feedback clock."""
	settings = get_settings()
	request.db_set(
		{
			"status": "Forwarded",
			"forwarded_on": now_datetime(),
			"due_date": add_days(nowdate(), settings.feedback_days),
		}
	)
	subject = _("Client request {0}: {1} for {2}").format(
		request.name, _(request.request_type), request.customer_name
	)
	message = forward_message(request, settings.feedback_sentence)
	try:
		make_communication(
			doctype=request.doctype,
			name=request.name,
			recipients=request.routed_advisor,
			cc=settings.client_request_manager,
			subject=subject,
			content=message,
			send_email=True,
			attachments=client_sheet(request.customer),
		)
	except frappe.OutgoingEmailError:
		# the request still goes to its advisor, in the desk; Frappe's own error message gives way to ours
		frappe.clear_last_message()
		tell(request, subject, message, users=[request.routed_advisor, settings.client_request_manager])
		frappe.msgprint(
			_("No outgoing Email Account is set up: the advisor was told in the desk only."),
			indicator="orange",
		)
	claims.grant(
		request,
		request.routed_advisor,
		owner=False,  # routed as it was saved (AR-1 … AR-4)
		claim="Advisor",
		rule=request.routing_rule,
		valid_until=request.due_date,
		after={"customer": request.customer, "advisor_status": request.advisor_status},
		note=request.routing_reason,
		assign=_("Give your feedback on client request {0} ({1}) by {2} (AR-5).").format(
			request.name, request.customer_name, frappe.utils.format_date(request.due_date)
		),
		due=request.due_date,
	)


def client_sheet(customer: str) -> list[dict]:
	"""The Client Sheet print of the customer (contracts, open requests), as the site prints (PDF by default). A
	print that fails (e.g. wkhtmltopdf cannot reach the site) must not stop the request: it goes without, logged."""
	try:
		return [frappe.attach_print("Customer", customer, print_format=CLIENT_SHEET)]
	except OSError:
		frappe.log_error(_("The Client Sheet of {0} could not be printed").format(customer))
		frappe.msgprint(
			_("The client sheet could not be printed, so the email goes without it. See the Error Log."),
			indicator="orange",
		)
		return []


def forward_message(request, sentence: str) -> str:
	esc = frappe.utils.escape_html
	rows = [
		(_("Customer"), request.customer_name),
		(_("Request Type"), _(request.request_type)),
		(_("Channel"), _(request.channel)),
		(_("Insurer"), request.insurer or ""),
		(_("What the Client Asks"), request.description),
		(_("Feedback Due"), frappe.utils.format_date(request.due_date)),
	]
	table = "".join(f"<tr><th>{esc(label)}</th><td>{esc(value or '')}</td></tr>" for label, value in rows)
	return f"<table>{table}</table><p><b>{esc(sentence)}</b></p>"


def alert_unrouted(request):
	"""AR-4: no candidate: the manager in copy (else the sales managers) learns why."""
	manager = get_settings().client_request_manager
	tell(
		request,
		_("No advisor for client request {0}").format(request.name),
		reasons.render(request.routing_reason),
		users=[manager] if manager else sorted(sales_managers()),
	)
