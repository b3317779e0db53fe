"""X-2, X-4: a record's ownership history in plain words, in the reader's language: on the form's timeline
(hooks.py additional_timeline_content) and in the Ownership History report, with users by full name, partners
by name, dates in the reader's format and the rule's ID beside the words; and reasons kept as a rule and its
parameters, rendered when read."""

import json
from datetime import timedelta

import frappe
import pytest
from conftest import as_user, make_lead, make_partner, make_user, new_mobile
from http_cast import MANAGER, PARTNER_A, SALES, Client

from ownership_policies.ownership import history_view, reasons
from ownership_policies.ownership.report.ownership_history import ownership_history
from ownership_policies.ownership.roles import ACTIONS

AGENCY = "X2 Agence Horizon"
PRESCRIBER = "X2 Prescripteur Sans Convention"
FIXER = "x2.history.manager@example.com"  # a sales manager on duty, who gets the fixed clients (FX-4)
OWNER = "x2.history.owner@example.com"  # an agent with a full name
READER = "x2.history.reader@example.com"  # a sales user kept off the record by a User Permission
REPORT = "Ownership History"


@pytest.fixture(scope="module")
def people(site):
	make_partner(AGENCY)
	make_partner(PRESCRIBER)
	make_user(FIXER, "Sales Manager", "Sales User")
	for email, first, last, role in (
		(OWNER, "Claire", "Morel", "Sales User"),
		(READER, "Rémi", "Lecteur", "Sales User"),
	):
		if not frappe.db.exists("User", email):
			user = frappe.get_doc(
				{
					"doctype": "User",
					"email": email,
					"first_name": first,
					"last_name": last,
					"send_welcome_email": 0,
				}
			).insert(ignore_permissions=True)
			user.add_roles(role)
	frappe.db.commit()


@pytest.fixture
def french_phones(people):
	frappe.db.set_single_value("Ownership Settings", "default_phone_region", "FR")


@pytest.fixture
def on_duty(french_phones, settings):
	settings(fixation_managers=[{"user": FIXER}], check_client_hourly_limit=60)


def fixation():
	return frappe.get_doc(
		{
			"doctype": "Client Fixation",
			"agency": AGENCY,
			"phone": new_mobile(),
			"client_name": "Élodie Marchand",
			"manager": FIXER,
		}
	).insert(ignore_permissions=True)


def timeline_text(doctype, name) -> str:
	return " ".join(item["content"] for item in history_view.timeline(doctype, name))


def in_language(lang, action, *args):
	frappe.local.lang = lang
	try:
		return action(*args)
	finally:
		frappe.local.lang = "en"


def test_x2_x4_fx3_a_fixation_timeline_says_who_holds_it_until_when_in_english_and_french(on_duty):
	fixed = fixation()
	line = history_view.lines_of("Client Fixation", fixed.name)[0]
	english = in_language("en", timeline_text, "Client Fixation", fixed.name)
	since, until = history_view.when(line.valid_from), history_view.when(line.valid_until)
	assert (
		f"Held by {AGENCY} since {since}, until {until} — fixation: a free client fixed to its agency"
		in english
	)
	assert '<span class="text-muted small">(FX-3)</span>' in english
	french = in_language("fr", timeline_text, "Client Fixation", fixed.name)
	assert f"Détenu par {AGENCY} depuis le" in french and "un client libre fixé à son agence" in french
	assert "(FX-3)" in french and "Held by" not in french


def test_x2_x4_a_lead_timeline_names_its_owner_by_full_name_in_russian(french_phones):
	lead = make_lead(mobile_no=new_mobile(), lead_owner=OWNER)
	russian = in_language("ru", timeline_text, "Lead", lead.name)
	assert "Владелец: Claire Morel, с" in russian and "указан в карточке" in russian and "(X-2)" in russian
	assert OWNER not in russian


def test_x2_x4_fx3_the_fixation_lines_show_on_the_client_lead_too(on_duty):
	fixed = fixation()
	english = timeline_text("Lead", fixed.lead)
	assert f"Held by {AGENCY} since" in english and "the manager follows the client" in english
	assert frappe.utils.get_fullname(FIXER) in english and FIXER not in english


def test_x2_x4_fx3_the_holder_banner_says_the_claim_and_its_rule_in_the_readers_words(on_duty):
	from ownership_policies import api

	fixed = fixation()
	owner = in_language("fr", api.who_owns, "Lead", fixed.lead)
	assert (owner["holder"], owner["rule"]) == (AGENCY, "FX-3")
	assert owner["why"] == "fixation : un client libre fixé à son agence"


def test_x2_a_sales_user_who_may_not_read_the_record_gets_no_history(french_phones):
	lead = make_lead(mobile_no=new_mobile(), lead_owner=OWNER)
	other = make_lead(mobile_no=new_mobile(), lead_owner=READER)
	frappe.get_doc(
		{
			"doctype": "User Permission",
			"user": READER,
			"allow": "Lead",
			"for_value": other.name,
			"apply_to_all_doctypes": 1,
		}
	).insert(ignore_permissions=True)
	assert as_user(READER, history_view.timeline, "Lead", other.name)
	assert as_user(READER, history_view.timeline, "Lead", lead.name) == []
	# the refusal is the report's message: raised, it would make the report a prepared one for everyone
	_columns, rows, message = as_user(
		READER, ownership_history.execute, {"reference_doctype": "Lead", "reference_name": lead.name}
	)
	assert (
		rows == [] and message == "Only sales managers and the app's administrators read ownership history."
	)
	assert not frappe.db.get_value("Report", "Ownership History", "prepared_report")


def test_x2_the_report_reads_a_record_in_plain_words_with_a_chart_of_its_holders(on_duty):
	fixed = fixation()
	_columns, rows, message, chart = ownership_history.execute(
		{"reference_doctype": "Client Fixation", "reference_name": fixed.name}
	)
	assert message is None and [row["rule"] for row in rows] == ["FX-3"]
	assert rows[0]["what"].startswith(f"Held by {AGENCY} since")
	assert chart["data"]["labels"] == [f"{AGENCY} (fixation)"]


def test_x1_x2_the_report_finds_a_person_by_phone_across_their_records(on_duty):
	fixed = fixation()
	phone = frappe.db.get_value("Lead", fixed.lead, "mobile_no")
	_columns, rows, _message, chart = in_language("fr", ownership_history.execute, {"phone": phone})
	assert {row["reference_name"] for row in rows} == {fixed.lead}
	assert {row["rule"] for row in rows} == {"FX-3", "FX-4"}
	assert any(row["what"].startswith(f"Détenu par {AGENCY}") for row in rows)
	assert "Jours de détention" == chart["data"]["datasets"][0]["name"]


def test_x2_the_report_asks_for_a_record_or_a_person(people):
	_columns, rows, message, *_ = ownership_history.execute({})
	assert rows == [] and "phone" in message


def test_x2_x6_the_report_is_for_those_who_read_ownership_and_never_for_a_partner(cast):
	report = frappe.get_doc("Report", REPORT)
	ledger_readers = {row.role for row in frappe.get_meta("Ownership Ledger Entry").permissions if row.read}
	assert {row.role for row in report.roles} == set(ACTIONS["read_ownership_history"]) == ledger_readers
	arguments = {
		"report_name": REPORT,
		"filters": json.dumps({"reference_doctype": "Lead", "reference_name": cast["lead"]}),
	}
	for user in (PARTNER_A, SALES):
		assert (
			Client(user).post("/api/method/frappe.desk.query_report.run", data=arguments).status_code == 403
		)
	answer = Client(MANAGER).post("/api/method/frappe.desk.query_report.run", data=arguments)
	assert answer.status_code == 200, answer.text
	(row,) = answer.json()["message"]["result"]
	assert (
		row["what"].startswith(f"Held by {frappe.utils.get_fullname(SALES)} since")
		and SALES not in row["what"]
	)


def test_x4_pr5_a_prescriber_reason_is_kept_as_its_rule_and_read_in_french_spanish_and_russian(
	french_phones,
):
	lead = make_lead(mobile_no=new_mobile(), prescriber=PRESCRIBER)
	attachment = frappe.get_last_doc("Prescriber Attachment", {"reference_name": lead.name})
	assert json.loads(attachment.reason) == {
		"rule": "PR-5",
		"reason": "kept_no_convention",
		"params": [str(attachment.holds_until)],
	}
	for lang, words in (
		("fr", "non rémunérable"),
		("es", "no remunerable"),
		("ru", "не подлежит вознаграждению"),
	):
		assert words in in_language(lang, reasons.render, attachment.reason).lower()
	note = frappe.get_value(
		"Ownership Ledger Entry", {"reference_name": lead.name, "claim": "Referral"}, "note"
	)
	assert note == attachment.reason  # the ledger keeps the same rule and parameters
	assert "ningún convenio vigente" in in_language("es", timeline_text, "Lead", lead.name)


def test_x4_ar4_the_routing_why_is_rendered_in_the_reader_language():
	kept = reasons.kept(reasons.reason("AR-4", "no_territory"))
	english = reasons.render(kept)
	assert english.startswith("No eligible volunteer covers the client's territory")
	for lang in ("fr", "es", "ru"):
		assert in_language(lang, reasons.render, kept) not in ("", english)


def test_x4_a_reason_kept_as_text_before_reads_as_it_was_written():
	assert reasons.render("Not remunerable: an old reason.") == "Not remunerable: an old reason."
	assert reasons.render(None) == ""


def test_x4_ra10_a_ledger_note_names_the_signers_by_full_name_in_the_reader_language(people):
	note = reasons.kept(reasons.reason("RA-10", "signed_by", OWNER, READER))
	spanish = in_language("es", reasons.render, note)
	assert "Claire Morel" in spanish and "Rémi Lecteur" in spanish and OWNER not in spanish
	assert spanish != reasons.render(note)


def test_x1_x2_a_persons_periods_are_kept_apart_record_by_record():
	"""The report of a person reads the lines of all their records: a grant, an end or a deletion on one record
	does not end what another record's holder held."""
	day = frappe.utils.get_datetime("2026-01-01 10:00:00")

	def line(record, action, holder, days):
		return frappe._dict(
			reference_doctype="Lead",
			reference_name=record,
			claim="Owner",
			action=action,
			holder=holder,
			holder_type="Sales Partner",
			valid_from=day + timedelta(days=days),
			valid_until=None,
		)

	held = history_view.periods(
		[
			line("L-1", "Assign", "Agence A", 0),
			line("L-2", "Assign", "Agence B", 1),
			line("L-2", "Delete", None, 2),
		],
		until=day + timedelta(days=10),
	)
	assert [(period["holder"], (period["end"] - period["start"]).days) for period in held] == [
		("Agence A", 10),
		("Agence B", 1),
	]
