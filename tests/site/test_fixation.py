"""Agency client fixation (FX-1 … FX-11) on a real site: the API, the desk controller, the expiry job, alerts
and what an agency may see."""

from datetime import datetime, timedelta
from functools import partial

import frappe
import pytest
from conftest import (
	emails_to,
	make_customer,
	make_lead,
	make_partner,
	make_user,
	new_mobile,
	race,
	remove_committed_lead_names,
)

from ownership_policies import api
from ownership_policies.fixation import availability, fixing
from ownership_policies.ownership import ledger
from ownership_policies.ownership.identity import phone_key_or_throw, phone_region
from ownership_policies.ownership.reasons import render

AGENCY_A, AGENCY_B = "FX Agence Alpha", "FX Agence Beta"
STAFF_A, STAFF_B = "fx.staff.alpha@example.com", "fx.staff.beta@example.com"
MANAGER_1, MANAGER_2 = "fx.manager.one@example.com", "fx.manager.two@example.com"
OPERATOR = "fx.operator@example.com"
FRIDAY = datetime(2026, 11, 20, 15, 30)


@pytest.fixture
def clock(monkeypatch):
	"""The server's clock, as the fixation code reads it."""

	def set_now(moment: datetime):
		for module in (fixing, availability):
			monkeypatch.setattr(module, "now_datetime", lambda: moment)
		return moment

	set_now(FRIDAY)
	return set_now


@pytest.fixture(scope="module")
def people(outgoing_email):
	"""Two agencies with a staff user each, two sales managers, an operator and an outgoing email account:
	reference data made once and kept on the test site, as Frappe's test records are."""
	make_partner(AGENCY_A, STAFF_A)
	make_partner(AGENCY_B, STAFF_B)
	for manager in (MANAGER_1, MANAGER_2):
		make_user(manager, "Sales Manager", "Sales User")
	make_user(OPERATOR, "Call Centre Operator")
	frappe.db.commit()


@pytest.fixture
def agencies(people, settings):
	# set directly: saving a new region through the form would index every record again
	frappe.db.set_single_value("Ownership Settings", "default_phone_region", "FR")
	settings(
		fixation_managers=[{"user": MANAGER_1}, {"user": MANAGER_2}],
		fixation_day_basis="Working Days",
		check_client_hourly_limit=60,
	)


@pytest.fixture
def holidays():
	"""Saturday and Sunday off, and Monday 23 November a holiday, on the company's Holiday List."""
	company = frappe.defaults.get_global_default("company")
	holiday_list = frappe.get_doc(
		{
			"doctype": "Holiday List",
			"holiday_list_name": "FX Test Holidays",
			"from_date": "2026-01-01",
			"to_date": "2026-12-31",
			"holidays": [
				{"holiday_date": "2026-11-21", "description": "Saturday", "weekly_off": 1},
				{"holiday_date": "2026-11-22", "description": "Sunday", "weekly_off": 1},
				{"holiday_date": "2026-11-23", "description": "Holiday"},
			],
		}
	).insert(ignore_permissions=True)
	frappe.db.set_value("Company", company, "default_holiday_list", holiday_list.name)
	frappe.clear_document_cache("Company", company)


def fix(agency=AGENCY_A, phone=None, name="Ivan Petrov", user=OPERATOR, **kwargs):
	frappe.set_user(user)
	try:
		return api.fix_client(agency, phone or new_mobile(), name, **kwargs)
	finally:
		frappe.set_user("Administrator")


def check(phone, name=None, user=STAFF_B):
	frappe.set_user(user)
	try:
		return api.check_client(phone, name)
	finally:
		frappe.set_user("Administrator")


def meeting(fixation, user=MANAGER_1, remote=0, act=None):
	"""A manager confirms a meeting with the act uploaded to the fixation (its File row, as the upload leaves
	it; FX-10 accepts no link typed into the field)."""
	act = act or f"/private/files/act-{frappe.generate_hash()}.pdf"
	filters = {"file_url": act, "attached_to_doctype": "Client Fixation", "attached_to_name": fixation}
	if not frappe.db.exists("File", filters):
		frappe.get_doc(
			{
				"doctype": "File",
				"name": frappe.generate_hash(),
				"file_name": act.rsplit("/", 1)[-1],
				"is_private": 1,
				**filters,
			}
		).db_insert()
	frappe.db.set_value("Client Fixation", fixation, "selection_act", act)
	frappe.set_user(user)
	try:
		return api.record_meeting(fixation, remote)
	finally:
		frappe.set_user("Administrator")


def test_fx1_fx3_a_free_client_is_fixed_for_three_working_days_over_a_weekend_and_a_holiday(
	agencies, holidays, clock
):
	phone = new_mobile()
	result = fix(phone=phone)
	assert result["status"] == "Active"
	assert result["expires_on"] == datetime(2026, 11, 26, 15, 30)  # Tue, Wed, Thu: Mon is a holiday
	fixation = frappe.get_doc("Client Fixation", result["fixation"])
	assert fixation.lead and fixation.stages[0].rule == "FX-3"
	assert frappe.db.get_value("Lead", fixation.lead, "lead_owner") == result["manager"]
	owner = ledger.who_owns("Lead", fixation.lead, "2026-11-25 12:00")
	assert (owner["holder"], owner["claim"], owner["rule"]) == (AGENCY_A, "Fixation", "FX-3")
	after = ledger.who_owns("Lead", fixation.lead, "2026-11-26 15:30")  # the claim lapsed: the lead's owner
	assert (after["holder"], after["claim"], after["rule"]) == (result["manager"], "Owner", "FX-4")


def test_fx3_calendar_days_when_the_settings_say_so(agencies, holidays, clock, settings):
	settings(fixation_day_basis="Calendar Days")
	assert fix()["expires_on"] == datetime(2026, 11, 23, 15, 30)


def test_fx1_an_existing_unowned_lead_of_the_client_is_linked_not_duplicated(agencies, clock):
	phone = new_mobile()
	lead = make_lead(first_name="Ivan", last_name="Petrov", mobile_no=phone)
	lead.db_set("lead_owner", None)
	fixation = frappe.get_doc("Client Fixation", fix(phone=phone)["fixation"])
	assert fixation.lead == lead.name
	assert frappe.db.count("Lead", {"mobile_no": phone}) == 1


def test_fx2_the_check_answers_free_or_busy_and_nothing_else(agencies, clock):
	phone = new_mobile()
	assert check(phone, "Ivan Petrov") == {"status": "free"}
	fix(phone=phone)
	assert check(phone, "Ivan Petrov") == {"status": "busy"}
	assert check(phone) == {"status": "busy"}
	logged = frappe.get_all("Client Check Log", {"user": STAFF_B}, pluck="status", order_by="creation")
	assert logged == ["free", "busy", "busy"]


def test_fx2_a_client_in_work_is_busy_only_while_an_active_user_owns_an_open_file(agencies, clock):
	phone = new_mobile()
	lead = make_lead(first_name="Olga", last_name="Smirnova", mobile_no=phone, lead_owner=MANAGER_2)
	assert check(phone, "Olga Smirnova")["status"] == "busy"
	# by phone whatever the name; only staff may fix another person on it (test_x6_partner_boundary)
	assert check(phone, "Boris Smirnov")["status"] == "busy"
	frappe.db.set_value("User", MANAGER_2, "enabled", 0)
	assert check(phone)["status"] == "free"
	frappe.db.set_value("User", MANAGER_2, "enabled", 1)
	lead.db_set("status", "Do Not Contact")
	assert check(phone)["status"] == "free"


def test_fx2_a_customer_worked_through_its_contacts_phone_is_busy(agencies, clock):
	"""FX-2, X-1: the phone is only on the Customer's Contact; the check finds the Customer through it, and the
	Customer is busy while an active user manages it."""
	phone = new_mobile()
	customer = make_customer("Anne Roux")
	frappe.get_doc(
		{
			"doctype": "Contact",
			"first_name": "Anne",
			"last_name": "Roux",
			"phone_nos": [{"phone": phone}],
			"links": [{"link_doctype": "Customer", "link_name": customer.name}],
		}
	).insert(ignore_permissions=True)
	assert check(phone)["status"] == "free"  # no account manager: no one works it
	customer.db_set("account_manager", MANAGER_2)
	assert check(phone)["status"] == "busy"
	customer.db_set("disabled", 1)
	assert check(phone)["status"] == "free"


def test_fx2_staff_asking_for_another_person_on_a_known_phone_leave_out_the_records_of_another_name(
	agencies, clock
):
	"""FX-2, X-1: a household's phone. Asked for the client's own name, the worked lead makes it busy; staff
	asking for a clearly different person leave that lead out (and the fixation of the other person is free)."""
	phone = new_mobile()
	make_lead(first_name="Olga", last_name="Smirnova", mobile_no=phone, lead_owner=MANAGER_2)
	client_key = phone_key_or_throw(phone, phone_region())
	assert availability.judge(client_key, "Olga Smirnova").status == "busy"
	assert availability.judge(client_key, "Boris Ivanov").status == "free"


def statements_of_check(phone, user):
	"""The answer to `user`'s check of `phone`, and how many statements the database received for it (its
	session counter, less the one reading it)."""

	def questions():
		return int(frappe.db.sql("show session status like 'Questions'")[0][1])

	frappe.set_user(user)
	try:
		before = questions()
		answer = api.check_client(phone)["status"]
		return answer, questions() - before - 1
	finally:
		frappe.set_user("Administrator")


def test_x6_fx2_x5_a_free_a_busy_and_an_own_client_are_checked_by_as_many_statements(agencies, clock):
	"""X-6: no answer takes longer than another, so a known client no one works, a fixed one, one in work and
	an agency's own are checked by as many statements, and few (FX-2: the facts in one)."""
	free, fixed, worked = new_mobile(), new_mobile(), new_mobile()
	fix(phone=fixed)
	make_lead(first_name="Olga", last_name="Smirnova", mobile_no=worked, lead_owner=MANAGER_2)
	make_lead(first_name="Boris", last_name="Smirnov", mobile_no=free, status="Do Not Contact")
	for user in (STAFF_A, STAFF_B):
		statements_of_check(new_mobile(), user)  # the users' roles and the settings are in the cache
	checked = [
		statements_of_check(phone, user)
		for phone, user in ((free, STAFF_B), (fixed, STAFF_B), (worked, STAFF_B), (fixed, STAFF_A))
	]
	assert [answer for answer, _count in checked] == ["free", "busy", "busy", "yours"]
	counts = {count for _answer, count in checked}
	assert len(counts) == 1 and counts.pop() <= 6, checked


def test_fx2_a_malformed_phone_is_refused_and_nothing_is_logged(agencies):
	with pytest.raises(frappe.ValidationError, match="not a phone number"):
		check("12-34")
	with pytest.raises(frappe.ValidationError, match="not a phone number"):
		fix(phone="abc")
	assert not frappe.db.exists("Client Check Log", {"user": STAFF_B})
	assert not frappe.db.exists("Client Fixation", {"agency": AGENCY_A})


def test_fx2_checks_are_limited_per_partner_user_and_hour(agencies, clock, settings):
	settings(check_client_hourly_limit=2)
	check(new_mobile())
	check(new_mobile())
	with pytest.raises(frappe.RateLimitExceededError, match="2 client checks"):
		check(new_mobile())
	assert check(new_mobile(), user=OPERATOR)["status"] == "free"  # the call centre checks for everyone
	assert frappe.db.count("Client Check Log", {"user": STAFF_B}) == 2


def test_fx8_a_second_agency_is_refused_busy_and_the_first_agency_and_manager_are_told(agencies, clock):
	phone = new_mobile()
	first = fix(phone=phone, name="Anna Volkova", manager=MANAGER_1)
	with pytest.raises(frappe.ValidationError, match="busy") as refused:
		fix(agency=AGENCY_B, phone=phone, name="Anna Volkova", user=STAFF_B)
	assert AGENCY_A not in str(refused.value)
	assert frappe.db.count("Client Fixation", {"client_key": first_key(first)}) == 1
	assert any("another agency asked to fix" in message for message in emails_to(STAFF_A))
	assert not emails_to(STAFF_B)
	assert frappe.db.exists("Notification Log", {"for_user": MANAGER_1, "document_name": first["fixation"]})
	lead = frappe.db.get_value("Client Fixation", first["fixation"], "lead")
	assert frappe.db.exists(
		"Ownership Ledger Entry", {"reference_name": lead, "action": "Refuse", "rule": "FX-8"}
	)


def test_fx8_the_client_contacting_the_company_directly_is_reported_to_the_agency(agencies, clock):
	phone = new_mobile()
	fix(phone=phone, name="Pavel Orlov")
	lead = make_lead(first_name="Pavel", last_name="Orlov", mobile_no=phone)
	assert any(f"Lead {lead.name}" in message for message in emails_to(STAFF_A))


def test_fx8_another_agency_checking_a_fixed_client_is_told_to_the_holder_once_per_run(agencies, clock):
	phone = new_mobile()
	fixed = fix(phone=phone, manager=MANAGER_1)
	for _times in range(3):
		assert check(phone, user=STAFF_B) == {"status": "busy"}
	assert not emails_to(STAFF_A, fixed["fixation"])  # nothing is sent while the check answers
	availability.send_check_alerts()
	availability.send_check_alerts()  # a second run finds nothing left to tell
	(email,) = emails_to(STAFF_A, fixed["fixation"])
	assert "another agency checked" in email and AGENCY_B not in email
	assert not emails_to(STAFF_B)
	assert frappe.db.count("Client Check Log", {"fixation": fixed["fixation"], "alert_pending": 1}) == 0


def test_fx8_the_holding_agency_checking_its_own_client_is_not_alerted(agencies, clock):
	phone = new_mobile()
	fix(phone=phone)
	assert check(phone, user=STAFF_A)["status"] == "yours"  # its own client is not busy to it
	availability.send_check_alerts()
	assert not emails_to(STAFF_A)


def test_fx4_the_named_manager_gets_the_client_and_a_non_manager_is_refused(agencies, clock):
	assert fix(manager=MANAGER_2)["manager"] == MANAGER_2
	with pytest.raises(frappe.ValidationError, match="not an enabled Sales Manager"):
		fix(manager=OPERATOR)


def test_fx4_otherwise_the_on_duty_manager_with_fewest_active_fixations(agencies, clock):
	fix(manager=MANAGER_1)
	fix(manager=MANAGER_1)
	fix(manager=MANAGER_2)
	assert fix()["manager"] == MANAGER_2


def test_fx10_only_a_sales_manager_confirms_a_meeting_and_only_with_the_signed_act(agencies, clock):
	fixation = fix()["fixation"]
	frappe.set_user(MANAGER_1)
	with pytest.raises(frappe.ValidationError, match="Attach the selection act"):
		api.record_meeting(fixation)
	frappe.set_user("Administrator")
	with pytest.raises(frappe.PermissionError):
		meeting(fixation, user=OPERATOR)
	assert frappe.db.get_value("Client Fixation", fixation, "stage") == "Initial"


def test_fx10_a_link_typed_into_the_act_field_is_no_signed_act(agencies, clock):
	"""The act is a file uploaded to this fixation: a URL written into the field (anyone's, or none) counts
	for no meeting."""
	fixation = fix()["fixation"]
	frappe.db.set_value("Client Fixation", fixation, "selection_act", "/files/nonexistent-act.pdf")
	frappe.set_user(MANAGER_1)
	with pytest.raises(frappe.ValidationError, match="Attach the selection act"):
		api.record_meeting(fixation, 1)
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Client Fixation", fixation, "stage") == "Initial"


def test_fx6_fx9_a_meeting_gives_seven_days_and_each_repeat_meeting_seven_again(agencies, clock):
	fixation = fix()["fixation"]
	clock(FRIDAY + timedelta(days=1))
	assert meeting(fixation)["expires_on"] == FRIDAY + timedelta(days=8)
	clock(FRIDAY + timedelta(days=6))
	assert meeting(fixation)["expires_on"] == FRIDAY + timedelta(days=13)
	doc = frappe.get_doc("Client Fixation", fixation)
	assert [(row.stage, row.rule) for row in doc.stages] == [
		("Initial", "FX-3"),
		("Meeting", "FX-6"),
		("Repeat Meeting", "FX-9"),
	]
	assert doc.stages[1].confirmed_by == MANAGER_1
	owner = ledger.who_owns("Lead", doc.lead, FRIDAY + timedelta(days=12))
	assert (owner["holder"], owner["rule"]) == (AGENCY_A, "FX-9")


def test_fx7_a_remote_client_gets_fourteen_days(agencies, clock):
	fixation = fix()["fixation"]
	assert meeting(fixation, remote=1)["expires_on"] == FRIDAY + timedelta(days=14)
	assert frappe.db.get_value("Client Fixation", fixation, "stage") == "Remote Meeting"


def test_fx10_one_signed_act_counts_for_one_meeting(agencies, clock):
	fixation = fix()["fixation"]
	meeting(fixation, act="/private/files/act-1.pdf")
	with pytest.raises(frappe.ValidationError, match="already used"):
		meeting(fixation, act="/private/files/act-1.pdf")
	assert len(frappe.get_doc("Client Fixation", fixation).stages) == 2


def test_fx5_the_job_expires_at_the_boundary_once_and_tells_the_agency(agencies, holidays, clock):
	result = fix()
	end = result["expires_on"]
	clock(end - timedelta(seconds=1))
	assert fixing.expire_due_fixations() == []
	clock(end)
	assert fixing.expire_due_fixations() == [result["fixation"]]
	assert fixing.expire_due_fixations() == []  # idempotent
	fixation = frappe.get_doc("Client Fixation", result["fixation"])
	assert (fixation.status, fixation.active_client_key) == ("Expired", None)
	expiries = frappe.get_all(
		"Ownership Ledger Entry", {"reference_name": fixation.lead, "action": "Expire"}, pluck="rule"
	)
	assert expiries == ["FX-5"]
	assert any("has expired" in message for message in emails_to(STAFF_A))


def test_fx5_an_expired_fixation_cannot_be_extended_and_the_client_is_free_again(agencies, clock):
	result = fix(phone=(phone := new_mobile()), manager=MANAGER_1)
	clock(result["expires_on"] + timedelta(minutes=5))
	with pytest.raises(frappe.ValidationError, match="can no longer extend"):
		meeting(result["fixation"])
	frappe.db.set_value(
		"Lead", frappe.db.get_value("Client Fixation", result["fixation"], "lead"), "status", "Do Not Contact"
	)
	assert check(phone)["status"] == "free"  # before the job has run
	second = fix(agency=AGENCY_B, phone=phone, user=STAFF_B)  # ends the lapsed fixation at once
	assert frappe.db.get_value("Client Fixation", result["fixation"], "status") == "Expired"
	assert second["status"] == "Active"


def cancel(fixation, reason, user=MANAGER_1):
	frappe.set_user(user)
	try:
		return api.cancel_fixation(fixation, reason)
	finally:
		frappe.set_user("Administrator")


def test_fx5_a_sales_manager_cancels_a_running_fixation_with_a_reason_and_the_agency_is_told(agencies, clock):
	result = fix(manager=MANAGER_1)
	with pytest.raises(frappe.PermissionError):
		cancel(result["fixation"], "Le client renonce", user=STAFF_A)
	with pytest.raises(frappe.ValidationError, match="why"):
		cancel(result["fixation"], "  ")
	assert frappe.db.get_value("Client Fixation", result["fixation"], "status") == "Active"
	assert cancel(result["fixation"], "Le client renonce")["status"] == "Cancelled"
	fixation = frappe.get_doc("Client Fixation", result["fixation"])
	assert (fixation.active_client_key, fixation.cancellation_reason) == (None, "Le client renonce")
	(line,) = frappe.get_all(
		"Ownership Ledger Entry", {"reference_name": fixation.lead, "action": "Release"}, ["rule", "note"]
	)
	assert (line.rule, render(line.note)) == ("FX-3", "Le client renonce")
	assert any("Le client renonce" in message for message in emails_to(STAFF_A))
	with pytest.raises(frappe.ValidationError, match="cancelled"):
		cancel(result["fixation"], "Encore")


def test_fx5_the_agency_tells_an_expiry_from_a_managers_cancellation(agencies, clock):
	cancelled, expired = fix(manager=MANAGER_1), fix(manager=MANAGER_1)
	cancel(cancelled["fixation"], "Le client renonce")
	clock(expired["expires_on"])
	assert fixing.expire_due_fixations() == [expired["fixation"]]
	(cancellation,) = emails_to(STAFF_A, cancelled["fixation"])
	(expiry,) = emails_to(STAFF_A, expired["fixation"])
	assert "Subject: Fixation of Ivan Petrov cancelled" in cancellation and "has expired" not in cancellation
	assert "Subject: Fixation of Ivan Petrov expired" in expiry and "cancelled" not in expiry


def test_fx11_the_agency_leaves_a_question_for_the_manager(agencies, clock):
	fixation = fix(manager=MANAGER_1)["fixation"]
	frappe.set_user(STAFF_A)
	api.leave_question(fixation, "Is there a 3-room flat on a high floor?")
	frappe.set_user("Administrator")
	assert frappe.db.exists("Comment", {"reference_name": fixation, "content": ("like", "%3-room flat%")})
	assert frappe.db.exists(
		"Notification Log", {"for_user": MANAGER_1, "subject": ("like", "Question from%")}
	)
	task = {"reference_name": fixation, "allocated_to": MANAGER_1, "status": "Open"}
	assert frappe.db.get_value("ToDo", task, "description").count("3-room flat") == 1  # the manager's task
	frappe.set_user(STAFF_A)
	api.leave_question(fixation, "And a garage?")  # still one task, the question on the timeline
	frappe.set_user("Administrator")
	assert frappe.db.count("ToDo", task) == 1
	frappe.set_user(STAFF_B)
	with pytest.raises(frappe.DoesNotExistError, match="not found among your records"):  # as if absent
		api.leave_question(fixation, "And for us?")


def test_x5_an_agency_reads_only_its_own_fixations_and_acts_only_for_itself(agencies, clock):
	own = fix(agency=AGENCY_A)["fixation"]
	other = fix(agency=AGENCY_B)["fixation"]
	frappe.set_user(STAFF_A)
	assert frappe.get_list("Client Fixation", pluck="name") == [own]
	assert frappe.has_permission("Client Fixation", "read", own)
	assert not frappe.has_permission("Client Fixation", "read", other)
	assert not frappe.has_permission("Client Fixation", "write", own)
	assert not frappe.has_permission("Lead", "read")
	with pytest.raises(frappe.PermissionError):
		api.fix_client(AGENCY_B, new_mobile(), "Someone Else")


def test_fx1_an_unknown_agency_is_refused_and_nothing_is_written(agencies):
	with pytest.raises(frappe.ValidationError, match="not a Sales Partner"):
		fix(agency="No Such Agency")
	assert not frappe.db.exists("Client Fixation", {"agency": "No Such Agency"})


def test_fx3_status_dates_and_stages_change_only_through_actions(agencies, clock):
	fixation = frappe.get_doc("Client Fixation", fix()["fixation"])
	fixation.expires_on = FRIDAY + timedelta(days=30)
	with pytest.raises(frappe.PermissionError):
		fixation.save()
	fixation.reload()
	fixation.question = "Parking included?"
	fixation.save()  # what the agency writes stays editable


def first_key(result):
	return frappe.db.get_value("Client Fixation", result["fixation"], "client_key")


def test_fx8_two_agencies_fixing_the_same_client_at_once_leave_exactly_one_active_fixation(people):
	"""The race of RA-9 for fixations: real parallel connections, each committing. Both usually pass the
	free/busy check; the database's unique key on the active client then lets one win, the other hears "busy"."""
	for attempt in range(3):
		phone = f"+33 6 19 00 00 {attempt:02d}"
		results = race(*(partial(fix_at_once, agency, phone) for agency in (AGENCY_A, AGENCY_B)))
		try:
			winners = [r for r in results if isinstance(r, dict)]
			losers = [r for r in results if isinstance(r, Exception)]
			assert len(winners) == 1 and len(losers) == 1, results
			assert "busy" in str(losers[0])
			key = frappe.db.get_value("Client Fixation", winners[0]["fixation"], "client_key")
			assert frappe.db.count("Client Fixation", {"client_key": key, "status": "Active"}) == 1
			assert frappe.db.count("Client Fixation", {"client_key": key}) == 1
		finally:
			remove_race_records(phone)


def fix_at_once(agency, phone):
	frappe.set_user(OPERATOR)
	return api.fix_client(agency, phone, "Race Client", manager=MANAGER_1)


def remove_race_records(phone):
	"""Race tests commit: take away everything they made (a fixation and its lead keep the phone in E.164)."""
	frappe.db.rollback()
	written = phone.replace(" ", "")
	fixations = frappe.get_all("Client Fixation", {"phone": written}, pluck="name")
	leads = frappe.get_all("Lead", {"mobile_no": ("in", (phone, written))}, pluck="name")
	remove_committed_lead_names(
		leads,
		("Client Check Log", {"client_key": written}),
		("Client Fixation Stage", {"parent": ("in", fixations or [""])}),
		("Client Fixation", {"name": ("in", fixations or [""])}),
	)


def test_x5_the_workspace_cards_count_only_what_the_viewer_may_see(agencies, clock):
	from frappe.desk.doctype.number_card.number_card import get_result

	card = frappe.get_doc("Number Card", "Active Fixations")
	fix(AGENCY_A)
	fix(AGENCY_B)
	everyone = get_result(card.as_dict(), card.filters_json)
	frappe.set_user(STAFF_B)
	try:
		assert get_result(card.as_dict(), card.filters_json) == frappe.db.count(
			"Client Fixation", {"agency": AGENCY_B, "status": "Active"}
		)
	finally:
		frappe.set_user("Administrator")
	assert everyone == frappe.db.count("Client Fixation", {"status": "Active"}) > 1
