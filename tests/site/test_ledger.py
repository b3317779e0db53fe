"""X-2 on a real site: ledger lines are immutable for everyone, and who_owns answers from them."""

from datetime import timedelta

import frappe
import pytest
from conftest import make_lead
from frappe.utils import now_datetime

from ownership_policies import api
from ownership_policies.ownership import ledger


@pytest.fixture
def partner():
	name = "Ownership Test Agency"
	if not frappe.db.exists("Sales Partner", name):
		frappe.get_doc(
			{
				"doctype": "Sales Partner",
				"partner_name": name,
				"territory": "All Territories",
				"commission_rate": 2,
			}
		).insert(ignore_permissions=True)
	return name


def test_x2_who_owns_answers_for_now_and_for_a_past_date(partner):
	lead = make_lead(lead_owner="")  # no owner line of its own: only the fixation's lines below
	start = now_datetime() - timedelta(days=10)
	ledger.record(
		"Lead",
		lead.name,
		claim="Fixation",
		action="Fix",
		rule="FX-3",
		holder=partner,
		holder_type="Sales Partner",
		valid_from=start,
		valid_until=start + timedelta(days=3),
	)
	ledger.record(
		"Lead",
		lead.name,
		claim="Fixation",
		action="Extend",
		rule="FX-6",
		holder=partner,
		holder_type="Sales Partner",
		valid_from=start + timedelta(days=2),
		valid_until=start + timedelta(days=30),
		before={"until": str(start + timedelta(days=3))},
		after={"until": str(start + timedelta(days=30))},
	)
	now = api.who_owns("Lead", lead.name)
	assert (now["holder"], now["holder_type"], now["claim"], now["rule"]) == (
		partner,
		"Sales Partner",
		"Fixation",
		"FX-6",
	)
	assert now["since"] == start and now["until"] == start + timedelta(days=30)

	on_day_one = api.who_owns("Lead", lead.name, on=str(start + timedelta(days=1)))
	assert (on_day_one["rule"], on_day_one["until"]) == ("FX-3", start + timedelta(days=3))
	assert api.who_owns("Lead", lead.name, on=str(start - timedelta(days=1)))["holder"] is None


def test_x2_a_line_keeps_actor_time_and_before_after():
	lead = make_lead()
	entry = ledger.record(
		"Lead",
		lead.name,
		claim="Lead Queue",
		action="Assign",
		rule="LQ-2",
		holder="Administrator",
		before={"lead_owner": None},
		after={"lead_owner": "Administrator"},
		note="first in queue",
	)
	assert entry.actor == "Administrator" and entry.holder_type == "User"
	assert frappe.parse_json(entry.after) == {"lead_owner": "Administrator"}
	assert entry.valid_from <= now_datetime()


def test_x2_a_line_sends_no_live_update_as_erpnexts_gl_entry():
	"""#16: a line is never open in a form when it is written, so, as ERPNext's GL Entry, it queues no realtime
	message for commit (its doc_update and list_update cost two Redis round trips a line); Webhooks still fire
	(test_x2_webhook)."""
	lead = make_lead()  # its own insert queues its live updates
	queued = len(frappe.local._realtime_log)
	ledger.record("Lead", lead.name, claim="Owner", action="Assign", rule="X-2", holder="Administrator")
	assert frappe.local._realtime_log[queued:] == []
	lead.db_set("lead_name", "Live Update Witness", notify=True)  # others' messages are still queued
	assert frappe.local._realtime_log[queued:]


def test_x2_nobody_may_edit_rename_or_delete_a_ledger_line_not_even_administrator():
	lead = make_lead()
	entry = ledger.record(
		"Lead", lead.name, claim="Lead Queue", action="Assign", rule="LQ-2", holder="Administrator"
	)
	assert frappe.session.user == "Administrator"
	attempts = {
		"save": lambda doc: doc.save(ignore_permissions=True),
		"save without validation": lambda doc: (doc.flags.update(ignore_validate=True), doc.save()),
		"db_set": lambda doc: doc.db_set("rule", "LQ-8"),
		"rename": lambda doc: frappe.rename_doc(doc.doctype, doc.name, "forged", force=True),
		"delete": lambda doc: frappe.delete_doc(doc.doctype, doc.name, ignore_permissions=True, force=True),
		"delete skipping on_trash": lambda doc: frappe.delete_doc(
			doc.doctype, doc.name, ignore_on_trash=True
		),
	}
	for how, attempt in attempts.items():
		doc = frappe.get_doc("Ownership Ledger Entry", entry.name)
		doc.rule = "LQ-8"
		frappe.db.savepoint("attempt")
		with pytest.raises(frappe.PermissionError):
			attempt(doc)
			raise AssertionError(f"{how} went through")
		frappe.db.rollback(save_point="attempt")  # what Frappe does with a request that raised
	assert frappe.db.get_value("Ownership Ledger Entry", entry.name, "rule") == "LQ-2"


def test_x2_a_line_that_makes_no_sense_is_refused():
	lead = make_lead()
	start = now_datetime()
	bad_lines = (
		{"action": "Extend", "holder": "Administrator"},  # an extension without its new end
		{"action": "Fix", "holder": None},  # a grant to nobody
		{"action": "Fix", "holder": "Administrator", "valid_from": start, "valid_until": start},
	)
	for line in bad_lines:
		with pytest.raises(frappe.ValidationError):
			ledger.record("Lead", lead.name, claim="Fixation", rule="FX-3", **line)
	assert not frappe.db.exists("Ownership Ledger Entry", {"reference_name": lead.name, "claim": "Fixation"})


def test_x2_who_owns_needs_read_permission_and_tells_outsiders_nothing(outsider):
	lead = make_lead()
	frappe.set_user(outsider)
	with pytest.raises(frappe.PermissionError):
		api.who_owns("Lead", lead.name)
	with pytest.raises(frappe.PermissionError):  # not "does not exist": no probing for clients
		api.who_owns("Lead", "CRM-LEAD-NO-SUCH-ONE")


def test_x2_who_owns_refuses_a_date_it_cannot_read():
	lead = make_lead()
	with pytest.raises(frappe.ValidationError, match="is not a date and time"):
		api.who_owns("Lead", lead.name, on="next tuesday-ish")


def test_x2_who_owns_is_a_whitelisted_method_for_rest_calls():
	assert frappe.is_whitelisted(api.who_owns) is None  # raises PermissionError when it is not
