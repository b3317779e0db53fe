"""X-2 on a real site: ledger lines, check logs, identity keys and client registrations are written by the
app's code only. A REST call, frappe.client.insert_many, the desk's New form or a Data Import is refused, for
Administrator too; the app's own paths still write, with the server's actor and time."""

import json
from datetime import timedelta

import frappe
import frappe.api.v1
import frappe.client
import frappe.desk.form.save
import pytest
from conftest import data_import, make_lead, make_user, new_mobile
from frappe.utils import now_datetime

from ownership_policies import api
from ownership_policies.fixation import availability
from ownership_policies.ownership import ledger
from ownership_policies.ownership.identity import indexed_keys
from ownership_policies.ownership.keys import PHONE, Key, phone_key
from ownership_policies.ownership.rows import insert_row

LEDGER, CHECK_LOG, REGISTRATION = ("Ownership Ledger Entry", "Client Check Log", "Client Registration")
DOCTYPES = (LEDGER, CHECK_LOG, REGISTRATION)
# the field that tells the forged row apart
MARK = {LEDGER: "reference_name", CHECK_LOG: "client_key", REGISTRATION: "client_key"}
EDITED = {LEDGER: "rule", CHECK_LOG: "client_key", REGISTRATION: "client_key"}  # plain text
FORGER, AGENT = "x2.forger@example.com", "x2.agent@example.com"
REFUSED = "written by the app's policies only"


def moment(value) -> str:
	return value.strftime("%Y-%m-%d %H:%M:%S")


def mobile() -> str:
	"""A new French mobile with its country code, whatever the site's phone region."""
	return "+33 " + new_mobile()[1:]


@pytest.fixture(scope="module")
def users(site):
	make_user(FORGER, "Sales User")
	make_user(AGENT, "Sales User")
	frappe.db.commit()


@pytest.fixture
def forged(users):
	"""A row of each doctype that the site would accept, were it not written by hand: a backdated ledger line
	giving a fresh lead to a chosen holder, signed by a chosen actor."""
	lead = make_lead(first_name="Forged", last_name="Client", lead_owner="").name  # no ledger line of its own
	phone = phone_key(mobile(), None)
	long_ago, now = now_datetime() - timedelta(days=30), now_datetime()
	rows = {
		LEDGER: {
			"reference_doctype": "Lead",
			"reference_name": lead,
			"claim": "Fixation",
			"action": "Fix",
			"rule": "FX-3",
			"holder_type": "User",
			"holder": FORGER,
			"actor": FORGER,
			"valid_from": moment(long_ago),
			"valid_until": moment(now + timedelta(days=30)),
		},
		CHECK_LOG: {"user": FORGER, "checked_on": moment(long_ago), "client_key": phone, "status": "free"},
		REGISTRATION: {
			"client_key": "Phone:" + phone,
			"lead": lead,
			"agent": FORGER,
			"registered_on": moment(long_ago),
		},
	}
	return lambda doctype: {"doctype": doctype, **rows[doctype]}


def written(row: dict) -> bool:
	field = MARK[row["doctype"]]
	return bool(frappe.db.exists(row["doctype"], {field: row[field]}))


def rest_insert(row: dict, monkeypatch):
	"""POST /api/resource/<doctype>, as Frappe's handler runs it."""
	monkeypatch.setattr(frappe.local, "form_dict", frappe._dict(data=json.dumps(row)))
	return frappe.api.v1.create_doc(row["doctype"])


def desk_save(row: dict):
	"""The New form's Save button."""
	slug = row["doctype"].lower().replace(" ", "-")
	frappe.desk.form.save.savedocs(json.dumps({**row, "name": f"new-{slug}-1", "__islocal": 1}), "Save")


HAND_MADE = {
	"insert with ignore_permissions": lambda row, _: frappe.get_doc(row).insert(ignore_permissions=True),
	"REST": rest_insert,
	"insert_many": lambda row, _: frappe.client.insert_many(json.dumps([row])),
	"desk": lambda row, _: desk_save(row),
}


@pytest.mark.parametrize("how", HAND_MADE)
@pytest.mark.parametrize("doctype", DOCTYPES)
def test_x2_no_one_inserts_a_row_by_hand_not_even_administrator(doctype, how, forged, monkeypatch):
	row = forged(doctype)
	assert frappe.session.user == "Administrator"
	with pytest.raises(frappe.PermissionError, match=f"{REFUSED}|set by the app's rules only"):
		HAND_MADE[how](row, monkeypatch)
	assert not written(row)  # refused before anything reached the table, even before the request's rollback


@pytest.mark.parametrize("doctype", DOCTYPES)
def test_x2_no_one_edits_a_row_the_app_wrote(doctype, forged):
	row = forged(doctype)
	name = insert_row(doctype, {k: v for k, v in row.items() if k != "doctype"})  # as the app writes it
	field = EDITED[doctype]
	for how, attempt in {
		"set_value": lambda: frappe.client.set_value(doctype, name, field, "forged"),
		"save": lambda: frappe.get_doc(doctype, name).update({field: "forged"}).save(ignore_permissions=True),
	}.items():
		frappe.db.savepoint("attempt")
		with pytest.raises(frappe.PermissionError):
			attempt()
			raise AssertionError(f"{how} went through")
		frappe.db.rollback(save_point="attempt")
	assert frappe.db.get_value(doctype, name, field) == row[field]


def test_x2_a_forged_ledger_line_changes_no_answer_of_who_owns(forged):
	row = forged(LEDGER)
	backdated = str(now_datetime() - timedelta(days=10))
	with pytest.raises(frappe.PermissionError):
		frappe.client.insert_many(json.dumps([row]))
	assert api.who_owns("Lead", row["reference_name"], on=backdated)["holder"] is None


def test_x2_a_data_import_of_ledger_lines_imports_nothing(forged):
	row = forged(LEDGER)
	columns = [field for field in row if field != "doctype"]
	made, log = data_import(LEDGER, columns, [[row[field] for field in columns]])
	assert made.payload_count == 1
	assert not written(row)
	assert not log.success and "PermissionError" in log.exception and REFUSED in log.messages


def test_x2_the_desk_offers_no_new_button_and_data_import_no_such_doctype():
	for doctype in DOCTYPES:
		meta = frappe.get_meta(doctype)
		assert meta.in_create and not meta.allow_import, doctype
		assert not any(perm.create or perm.get("import") for perm in meta.permissions), doctype
		assert frappe.get_all("DocPerm", {"parent": doctype, "read": 1}), doctype  # still readable


def test_x2_the_apps_own_paths_still_write_with_the_servers_actor_and_time(users):
	before = now_datetime().replace(microsecond=0)
	lead = make_lead(first_name="Own", last_name="Paths", mobile_no=mobile())
	entry = ledger.record(
		"Lead", lead.name, claim="Lead Queue", action="Assign", rule="LQ-2", holder="Administrator"
	)
	line = frappe.db.get_value(LEDGER, entry.name, ["actor", "valid_from"], as_dict=True)
	assert line.actor == "Administrator" and before <= line.valid_from <= now_datetime()

	phone = phone_key(lead.mobile_no, None)  # the identity index, by the Lead's doc events
	assert Key(PHONE, phone) in indexed_keys("Lead", lead.name)

	assert availability.check_client(lead.mobile_no)["status"] in ("free", "busy")
	assert frappe.db.exists(CHECK_LOG, {"client_key": phone, "user": "Administrator"})

	frappe.set_user(AGENT)  # RA-9: an agent's new client is registered
	registered = make_lead(first_name="Own", last_name="Registration", mobile_no=mobile()).name
	frappe.set_user("Administrator")
	assert frappe.db.get_value(REGISTRATION, {"lead": registered}, "agent") == AGENT
