"""A client's advisors (AR-2), read from ERPNext: who wrote each contract (the sales person of a submitted Sales
Order or Sales Invoice, through their Employee's user; the Customer's Account Manager for a client with none),
who logged follow-ups (feedback on the client's requests, boosters), and which of them are still with the firm."""

import frappe
from frappe.utils import get_datetime, getdate, today

from ownership_policies.advisor_routing import rules as ar

CONTRACT_DOCTYPES = {"Sales Order": "transaction_date", "Sales Invoice": "posting_date"}


def advisor_status_of(customer: str) -> ar.AdvisorStatus:
	touches = contract_touches(customer) + follow_up_touches(customer)
	if not any(touch.contract for touch in touches):
		manager, created = frappe.db.get_value("Customer", customer, ["account_manager", "creation"]) or (
			None,
			None,
		)  # an unknown customer: Frappe's link check refuses the request
		if manager:
			touches.append(ar.Touch(manager, get_datetime(created)))
	return ar.advisor_status(touches, still_here({touch.advisor for touch in touches}))


def contract_touches(customer: str) -> list[ar.Touch]:
	touches = []
	for doctype, date_field in CONTRACT_DOCTYPES.items():
		order = frappe.qb.DocType(doctype)
		team = frappe.qb.DocType("Sales Team")
		person = frappe.qb.DocType("Sales Person")
		employee = frappe.qb.DocType("Employee")
		rows = (
			frappe.qb.from_(order)
			.join(team)
			.on((team.parent == order.name) & (team.parenttype == doctype))
			.join(person)
			.on(person.name == team.sales_person)
			.join(employee)
			.on(employee.name == person.employee)
			.select(employee.user_id, order[date_field], order.creation)
			.where((order.customer == customer) & (order.docstatus == 1) & employee.user_id.isnotnull())
			.run()
		)
		touches += [ar.Touch(user, _moment(day, created)) for user, day, created in rows]
	return touches


def follow_up_touches(customer: str) -> list[ar.Touch]:
	"""Feedback an advisor logged on the client's requests, and clients given by boosters (AR-8)."""
	request = frappe.qb.DocType("Client Request")
	feedback = frappe.qb.DocType("Client Request Feedback")
	rows = (
		frappe.qb.from_(feedback)
		.join(request)
		.on(request.name == feedback.parent)
		.select(feedback.recorded_by, feedback.feedback_date, feedback.creation)
		.where((request.customer == customer) & feedback.recorded_by.isnotnull())
		.run()
	)
	touches = [ar.Touch(user, _moment(day, created), contract=False) for user, day, created in rows]
	boosters = frappe.get_all(
		"Ownership Ledger Entry",
		filters={
			"reference_doctype": "Customer",
			"reference_name": customer,
			"rule": "AR-8",
			"action": "Assign",
		},
		fields=["holder", "valid_from"],
	)
	return touches + [ar.Touch(row.holder, get_datetime(row.valid_from), contract=False) for row in boosters]


def still_here(users: set[str]) -> set[str]:
	"""Users still with the firm: enabled, and not an Employee who has left."""
	if not users:
		return set()
	enabled = set(frappe.get_all("User", filters={"name": ("in", list(users)), "enabled": 1}, pluck="name"))
	if not enabled:
		return set()
	employee = frappe.qb.DocType("Employee")
	left = (
		frappe.qb.from_(employee)
		.select(employee.user_id)
		.where(
			employee.user_id.isin(list(enabled))
			& (
				(employee.status == "Left")
				| (employee.relieving_date.isnotnull() & (employee.relieving_date <= today()))
			)
		)
		.run(pluck=True)
	)
	return enabled - set(left)


def _moment(day, created):
	"""A contract's date, ordered within the day by when it was entered."""
	created = get_datetime(created)
	return get_datetime(getdate(day)).replace(hour=created.hour, minute=created.minute, second=created.second)
