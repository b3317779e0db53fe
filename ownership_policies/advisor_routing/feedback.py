"""The advisor's feedback on a forwarded request (AR-6) and the bonus/malus it earns (AR-7): feedback within the
feedback days and a money pitch earn points; a request left without feedback past its due date loses them once
(a daily job), and so does replacing one of the client's contracts by another."""

import frappe
from frappe import _
from frappe.utils import getdate, nowdate

from ownership_policies.advisor_routing import rules as ar
from ownership_policies.ownership import scores
from ownership_policies.ownership.roles import is_manager
from ownership_policies.ownership.settings import get_settings

SCORED = {"feedback_on_time": "feedback_scored", "money_pitch": "money_pitch_scored"}  # once per request


def check_new_feedback(request):
	"""AR-6: only the routed advisor or a manager records feedback; each row names who recorded it."""
	before = request.get_doc_before_save()
	known = {row.name for row in before.feedback} if before else set()
	new_rows = [row for row in request.feedback if row.name not in known]
	if not new_rows:
		return
	user = frappe.session.user
	if user != request.routed_advisor and not is_manager():
		frappe.throw(
			_(
				"Only the advisor this request was sent to ({0}) or a sales manager records its feedback."
			).format(request.routed_advisor or _("none yet")),
			frappe.PermissionError,
			title=_("Not Your Request"),
		)
	if not request.routed_advisor:
		frappe.throw(_("This request has not been sent to an advisor yet: there is no feedback to record."))
	for row in new_rows:
		row.recorded_by = user
	if request.status in ("Forwarded", "Overdue"):
		request.status = "Feedback Received"


def score_feedback(request):
	"""AR-7: the on-time bonus for the first feedback, and the money-pitch bonus, each once per request."""
	if not request.feedback or not request.due_date:
		return
	settings = get_settings()
	first = min(getdate(row.feedback_date) for row in request.feedback)
	earned = ar.feedback_points(
		first,
		getdate(request.due_date),
		any(row.money_pitch for row in request.feedback),
		settings.feedback_on_time_points,
		settings.money_pitch_points,
	)
	for points in earned:
		if not request.get(SCORED[points.reason]):
			request.db_set(SCORED[points.reason], 1)
			award(request, points)
	if not request.feedback_scored:
		request.db_set("feedback_scored", 1)  # the first feedback settles the on-time bonus, earned or not


def mark_overdue():
	"""Daily (AR-7): forwarded requests past their due date without feedback become Overdue and cost the
	advisor the malus, once: the status moves only from Forwarded, under a row lock other runs skip."""
	request = frappe.qb.DocType("Client Request")
	due = (
		frappe.qb.from_(request)
		.select(request.name)
		.where(
			(request.status == "Forwarded") & (request.due_date < nowdate()) & (request.overdue_scored == 0)
		)
		.for_update(skip_locked=True)
		.run(pluck=True)
	)
	points = get_settings().overdue_feedback_points
	for name in due:
		doc = frappe.get_doc("Client Request", name)
		if not ar.is_overdue(getdate(doc.due_date), getdate(nowdate()), bool(doc.feedback)):
			continue
		doc.db_set({"status": "Overdue", "overdue_scored": 1})
		award(doc, ar.Points(points, "AR-7", "overdue"))
	frappe.db.commit()


def penalise_replacement(order, method=None):
	"""Sales Order on_submit (AR-7): an advisor who, while holding the client's request, writes a new contract
	after one of the client's contracts was cancelled (since the request and since its last contract) has
	replaced a contract by another."""
	requests = frappe.get_all(
		"Client Request",
		filters={"customer": order.customer, "routed_advisor": ("is", "set")},
		fields=["name", "routed_advisor", "creation"],
		order_by="creation desc",
		limit=1,
	)
	if not requests:
		return
	request = requests[0]
	writers = {row.sales_person for row in order.get("sales_team") or []}
	advisor_wrote_it = request.routed_advisor == order.owner or request.routed_advisor in {
		frappe.db.get_value("Employee", frappe.db.get_value("Sales Person", person, "employee"), "user_id")
		for person in writers
	}
	previous = frappe.get_all(
		"Sales Order",
		filters={"customer": order.customer, "docstatus": 1, "name": ("!=", order.name)},
		pluck="creation",
		order_by="creation desc",
		limit=1,
	)
	since = max(
		[request.creation, *previous]
	)  # a cancellation already followed by a new contract counts once
	cancelled = frappe.db.exists(
		"Sales Order", {"customer": order.customer, "docstatus": 2, "modified": (">=", since)}
	)
	if points := ar.replacement_malus(
		advisor_wrote_it, bool(cancelled), get_settings().contract_replacement_points
	):
		award(frappe.get_doc("Client Request", request.name), points, order)


def award(request, points: ar.Points, source=None):
	messages = {
		"feedback_on_time": _("Feedback on client request {0} within the due date"),
		"money_pitch": _("Money pitch made on client request {0}"),
		"overdue": _("No feedback on client request {0} by its due date"),
		"contract_replaced": _("A contract of the client of request {0} replaced by another"),
	}
	source = source or request
	scores.award(
		request.routed_advisor,
		points.points,
		points.rule,
		messages[points.reason].format(request.name),
		source.doctype,
		source.name,
	)
