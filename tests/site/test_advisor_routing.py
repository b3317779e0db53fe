"""Orphan-client request routing on a real site (AR-1 … AR-9): advisor status from ERPNext's orders, employees
and users; routing to the advisor or the competence matrix; the forwarding email; feedback, bonus and malus;
boosters; the trainers' report."""

import frappe
import pytest
from conftest import make_customer, make_employee, make_item, make_user
from frappe.utils import add_days, getdate, nowdate

from ownership_policies.advisor_routing import boosters, feedback
from ownership_policies.advisor_routing.advisors import advisor_status_of
from ownership_policies.advisor_routing.report.competence_gaps.competence_gaps import execute as gaps
from ownership_policies.ownership import ledger, reasons, scores

ANNE, BRUNO, CHLOE = "ar.anne@example.com", "ar.bruno@example.com", "ar.chloe@example.com"
GONE, DISABLED = "ar.gone@example.com", "ar.disabled@example.com"
MANAGER, OTHER = "ar.manager@example.com", "ar.other@example.com"
REGION, TOWN = "AR Région Test", "AR Ville Test"
ITEM = "AR Life Insurance"
SENTENCE = "Merci de nous faire un retour sous 7 jours"


@pytest.fixture(scope="module")
def firm(site):
	"""Advisors (one an employee who has left, one disabled), a manager, a territory tree, an item."""
	for user in (ANNE, BRUNO, CHLOE, GONE, DISABLED, OTHER):
		make_user(user, "Sales User")
	make_user(MANAGER, "Sales Manager")
	frappe.db.set_value("User", DISABLED, "enabled", 0)
	if not frappe.db.exists("Territory", REGION):
		frappe.get_doc(
			{
				"doctype": "Territory",
				"territory_name": REGION,
				"parent_territory": "All Territories",
				"is_group": 1,
			}
		).insert()
		frappe.get_doc({"doctype": "Territory", "territory_name": TOWN, "parent_territory": REGION}).insert()
	make_item(ITEM)
	for user in (ANNE, BRUNO, GONE):
		sales_person_of(user)
	frappe.db.commit()


@pytest.fixture
def routing_settings(settings, outgoing_email):
	return settings(client_request_manager=MANAGER, feedback_days=7)


def sales_person_of(user):
	"""The user's Employee and Sales Person; GONE's employee has left the firm."""
	name = f"AR {user.split('@')[0]}"
	if frappe.db.exists("Sales Person", name):
		return name
	left = user == GONE
	employee = make_employee(
		user, name, status="Left" if left else "Active", relieving_date="2025-12-31" if left else None
	)
	frappe.get_doc({"doctype": "Sales Person", "sales_person_name": name, "employee": employee.name}).insert()
	return name


def client(account_manager=None, territory=TOWN):
	customer = make_customer(f"AR Client {frappe.generate_hash(length=6)}")
	customer.db_set({"territory": territory, "account_manager": account_manager})
	return customer.name


def contract(customer, advisor, day=None):
	day = day or nowdate()
	order = frappe.get_doc(
		{
			"doctype": "Sales Order",
			"customer": customer,
			"company": frappe.defaults.get_global_default("company"),
			"transaction_date": day,
			"delivery_date": day,
			"items": [{"item_code": ITEM, "qty": 1, "rate": 5000, "delivery_date": day}],
			"sales_team": [{"sales_person": sales_person_of(advisor), "allocated_percentage": 100}],
		}
	).insert()
	order.submit()
	return order


def volunteer(advisor, territories=(REGION,), types="Surrender", score=0, **flags):
	frappe.get_doc(
		{
			"doctype": "Competence Matrix",
			"advisor": advisor,
			"active": flags.get("active", 1),
			"volunteer": flags.get("volunteer", 1),
			"eligible": flags.get("eligible", 1),
			"territories": [{"territory": territory} for territory in territories],
			"request_types": types,
		}
	).insert()
	if score:
		scores.award(advisor, score, "AR-7", "test score")


def request(customer, request_type="Surrender", **values):
	return frappe.get_doc(
		{
			"doctype": "Client Request",
			"customer": customer,
			"channel": "Phone",
			"request_type": request_type,
			"description": "Le client veut racheter son contrat.",
			**values,
		}
	).insert()


def test_ar1_an_unknown_request_type_or_customer_is_refused_and_nothing_is_created(firm):
	count = frappe.db.count("Client Request")
	with pytest.raises(frappe.ValidationError, match="not a client request type"):
		request(client(ANNE), request_type="Lottery Win")
	with pytest.raises(frappe.LinkValidationError):
		request("No Such Customer")
	assert frappe.db.count("Client Request") == count


@pytest.mark.parametrize(
	"history, status, advisor",
	[
		(lambda c: frappe.db.set_value("Customer", c, "account_manager", ANNE), "Present", ANNE),
		(lambda c: frappe.db.set_value("Customer", c, "account_manager", DISABLED), "Former", DISABLED),
		(lambda c: contract(c, GONE), "Former", GONE),  # the employee has left
		(lambda c: (contract(c, GONE, "2025-06-01"), contract(c, BRUNO)), "New", BRUNO),
		(lambda c: (contract(c, ANNE, "2025-06-01"), contract(c, BRUNO)), "Present", BRUNO),
		(lambda c: None, "None", None),
	],
)
def test_ar2_the_advisor_status_comes_from_orders_employees_and_users(firm, history, status, advisor):
	customer = client()
	history(customer)
	found = advisor_status_of(customer)
	assert (found.status, found.advisor) == (status, advisor)


def test_ar3_ar5_a_present_advisor_gets_the_request_by_email_with_the_manager_the_sheet_and_the_sentence(
	firm, routing_settings
):
	customer = client(ANNE)
	volunteer(BRUNO, score=50)  # a better-scored volunteer does not take a present advisor's client
	before = nowdate()
	sent = request(customer)
	sent.reload()
	in_a_week = {getdate(add_days(day, 7)) for day in (before, nowdate())}  # routed either side of midnight
	assert (sent.routed_advisor, sent.advisor_status, sent.routing_rule) == (ANNE, "Present", "AR-3")
	assert sent.status == "Forwarded" and getdate(sent.due_date) in in_a_week
	(task,) = frappe.get_all(  # AR-5: the feedback is a task of the advisor's, due on its date
		"ToDo",
		{"reference_name": sent.name, "allocated_to": ANNE, "status": "Open"},
		["date", "description"],
	)
	assert getdate(task.date) == getdate(sent.due_date) and "AR-5" in task.description
	communication = frappe.get_last_doc(
		"Communication", {"reference_doctype": "Client Request", "reference_name": sent.name}
	)
	assert ANNE in communication.recipients and MANAGER in communication.cc
	assert SENTENCE in communication.content
	sheet = frappe.get_all(
		"File",
		filters={"attached_to_doctype": "Communication", "attached_to_name": communication.name},
		pluck="file_name",
	)
	assert sheet and sheet[0].endswith(".pdf")
	queued = frappe.get_last_doc("Email Queue", {"reference_name": sent.name})
	assert SENTENCE in queued.message
	assert ledger.who_owns("Client Request", sent.name)["holder"] == ANNE


def test_ar4_a_client_without_advisor_goes_to_the_best_eligible_volunteer_then_the_least_busy(
	firm, routing_settings
):
	volunteer(ANNE, territories=("All Territories",), types="Arbitrage", score=90)  # not competent
	volunteer(BRUNO, score=5)
	volunteer(CHLOE, score=5)
	request(client(ANNE), request_type="Surrender")  # Anne's own client: one more open request for… Anne
	frappe.db.set_value("Client Request", request(client(DISABLED)).name, "routed_advisor", BRUNO)
	routed = request(client(DISABLED))  # former advisor: Bruno and Chloé tie on score, Chloé has fewer
	assert (routed.advisor_status, routed.routed_advisor, routed.routing_rule) == ("Former", CHLOE, "AR-4")


@pytest.mark.parametrize(
	"matrix, reason",
	[
		({"eligible": 0}, "No active, eligible volunteer"),
		({"territories": ("All Territories",), "types": "Arbitrage"}, "handles this request type"),
	],
)
def test_ar4_no_candidate_leaves_the_request_open_and_tells_the_manager_why(
	firm, routing_settings, matrix, reason
):
	volunteer(BRUNO, **matrix)
	stuck = request(client())
	assert (stuck.status, stuck.routed_advisor) == ("Open", None)
	assert reason in reasons.render(stuck.routing_reason)
	alert = frappe.get_last_doc("Notification Log", {"for_user": MANAGER, "document_name": stuck.name})
	assert reason in alert.email_content


def test_ar4_fixing_the_matrix_routes_the_requests_left_waiting(firm, routing_settings):
	volunteer(BRUNO, eligible=0)
	stuck = request(client())
	line = frappe.get_doc("Competence Matrix", {"advisor": BRUNO})
	line.eligible = 1
	line.save()
	stuck.reload()
	assert (stuck.status, stuck.routed_advisor, stuck.routing_rule) == ("Forwarded", BRUNO, "AR-4")
	assert frappe.db.exists(
		"Communication", {"reference_name": stuck.name, "recipients": ("like", f"%{BRUNO}%")}
	)


def forwarded(advisor=ANNE):
	return request(client(advisor))


def add_feedback(doc, user, **row):
	frappe.set_user(user)
	try:
		doc = frappe.get_doc("Client Request", doc.name)
		doc.append("feedback", {"feedback_date": nowdate(), "action": "Call made", **row})
		doc.save()
		return doc
	finally:
		frappe.set_user("Administrator")


def test_ar6_only_the_routed_advisor_or_a_manager_records_feedback(firm, routing_settings):
	sent = forwarded()
	with pytest.raises(frappe.PermissionError, match="Only the advisor"):
		add_feedback(sent, OTHER)
	assert not frappe.get_doc("Client Request", sent.name).feedback
	done = add_feedback(sent, ANNE, action="Meeting set", notes="RDV posé le 2 décembre")
	assert (done.status, done.feedback[0].recorded_by) == ("Feedback Received", ANNE)
	assert add_feedback(done, MANAGER).feedback[1].recorded_by == MANAGER


def points(advisor, reference):
	return frappe.get_all(
		"Agent Score Entry",
		filters={"agent": advisor, "reference_name": reference},
		pluck="points",
		order_by="points",
	)


@pytest.mark.parametrize("days_after_due, bonus", [(0, [1]), (1, [])])
def test_ar7_feedback_on_day_7_earns_the_bonus_and_day_8_does_not(
	firm, routing_settings, days_after_due, bonus
):
	sent = forwarded()
	sent.reload()
	add_feedback(sent, ANNE, feedback_date=add_days(sent.due_date, days_after_due))
	assert points(ANNE, sent.name) == bonus


def test_ar7_a_money_pitch_earns_its_points_once(firm, routing_settings):
	sent = forwarded()
	done = add_feedback(sent, ANNE, money_pitch=1)
	add_feedback(done, ANNE, money_pitch=1)
	assert points(ANNE, sent.name) == [1, 2]


def test_ar7_an_overdue_request_costs_the_malus_once_however_often_the_job_runs(firm, routing_settings):
	sent = forwarded()
	frappe.db.set_value("Client Request", sent.name, "due_date", add_days(nowdate(), -1))
	answered = forwarded()
	frappe.db.set_value("Client Request", answered.name, "due_date", add_days(nowdate(), -1))
	add_feedback(answered, ANNE)
	feedback.mark_overdue()
	feedback.mark_overdue()
	assert frappe.db.get_value("Client Request", sent.name, "status") == "Overdue"
	assert points(ANNE, sent.name) == [-1]
	assert frappe.db.get_value("Client Request", answered.name, "status") == "Feedback Received"
	assert points(ANNE, answered.name) == []  # its feedback came late: no bonus, no malus


def test_ar7_replacing_a_clients_contract_by_another_costs_the_advisor(firm, routing_settings):
	customer = client(ANNE)
	request(customer)
	old = contract(customer, ANNE)
	old.cancel()
	new = contract(customer, ANNE)
	entries = frappe.get_all("Agent Score Entry", {"agent": ANNE, "reference_name": new.name}, pluck="points")
	assert entries == [-3]
	later = contract(customer, ANNE)  # the cancelled contract was already replaced once
	assert frappe.get_all("Agent Score Entry", {"reference_name": later.name}) == []


def test_ar8_boosters_share_orphans_in_proportion_to_score_preview_first(firm, routing_settings):
	volunteer(ANNE, score=6)
	volunteer(BRUNO, score=3)
	volunteer(CHLOE, score=1)
	volunteer(OTHER, score=50, volunteer=0)  # not a volunteer: no booster
	orphans = [client() for _ in range(10)] + [client(DISABLED) for _ in range(2)]
	plan = boosters.plan(10)
	shares = {
		advisor: sum(1 for row in plan if row["advisor"] == advisor) for advisor in (ANNE, BRUNO, CHLOE)
	}
	assert shares == {ANNE: 6, BRUNO: 3, CHLOE: 1}
	assert all(frappe.db.get_value("Customer", c, "account_manager") in (None, DISABLED) for c in orphans)
	applied = boosters.apply(10)
	for row in applied:
		assert frappe.db.get_value("Customer", row["customer"], "account_manager") == row["advisor"]
		assert ledger.who_owns("Customer", row["customer"])["rule"] == "AR-8"
		assert advisor_status_of(row["customer"]).advisor == row["advisor"]


def test_ar8_a_client_with_an_open_request_is_not_an_orphan(firm, routing_settings):
	volunteer(BRUNO)
	customer = client()
	request(customer)
	assert customer not in {row.name for row in boosters.orphans(10_000)}


def test_ar8_boosters_without_volunteers_are_refused_and_nothing_changes(firm):
	customer = client()
	with pytest.raises(frappe.ValidationError, match="No active, eligible volunteer"):
		boosters.apply(5)
	assert frappe.db.get_value("Customer", customer, "account_manager") is None


def test_ar9_the_trainers_report_shows_gaps_per_territory_and_type_and_late_rates_per_advisor(
	firm, routing_settings
):
	volunteer(BRUNO, types="Arbitrage")
	request(client(), request_type="Surrender")  # nobody handles surrenders in this territory
	late = forwarded(ANNE)
	frappe.db.set_value("Client Request", late.name, "due_date", add_days(nowdate(), -1))
	forwarded(ANNE)
	feedback.mark_overdue()
	_columns, rows, _message, chart = gaps({"group_by": "Territory and Request Type"})
	gap = next(row for row in rows if row["territory"] == TOWN and row["request_type"] == "Surrender")
	assert gap["unrouted"] >= 1
	assert chart["data"]["datasets"][1]["name"] == "No Eligible Volunteer"
	by_advisor = {row["advisor"]: row for row in gaps({"group_by": "Advisor"})[1]}
	assert by_advisor[ANNE]["overdue"] >= 1 and 0 < by_advisor[ANNE]["overdue_rate"] <= 100
