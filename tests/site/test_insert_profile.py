"""#16: the insert profile (benchmarks/insert_profile.py, `dev/benchmark --only insert_profile`) puts each of
the app's writes where it belongs, so that the README's floor means something: a document the app inserts
counts as a document of the hook that wrote it, never as its statements; a hook run by another is counted in
that one only; and Frappe is left as it was."""

import importlib.util
import random
import time
from pathlib import Path

import frappe
from conftest import make_lead
from frappe.model.document import Document

PATH = Path(__file__).parents[2] / "benchmarks" / "insert_profile.py"
SPEC = importlib.util.spec_from_file_location("insert_profile", PATH)
insert_profile = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(insert_profile)

OWNER_LINE = "ownership_policies.ownership.history.on_insert"
IDENTITY_SYNC = "ownership_policies.ownership.identity.on_change"


def profiled_lead_insert():
	"""One insert profiled, after one that filled Frappe's caches (as the benchmark warms them)."""
	profile = insert_profile.HookProfile("ownership_policies")
	lead = {"lead_owner": "Administrator"}
	make_lead(mobile_no=f"+3361{random.randrange(10**7):07d}", **lead)
	with profile.active():
		make_lead(mobile_no=f"+3361{random.randrange(10**7):07d}", **lead)
	return profile


def test_16_the_owner_line_is_its_hooks_document_and_the_identity_rows_its_statements():
	profile = profiled_lead_insert()
	owner_line, identity = profile.figures[OWNER_LINE], profile.figures[IDENTITY_SYNC]
	assert (owner_line["calls"], owner_line["documents"], owner_line["statements"]) == (1, 1, 0)
	assert 0 < owner_line["document time"] <= owner_line["time"]
	# the Lead's keys and its Contact's, each a multi-row insert; no document
	assert identity["statements"] >= 2 and identity["documents"] == 0


def outer_hook():
	time.sleep(0.01)
	frappe.get_attr(IDENTITY_SYNC)()  # as a hook that saves a record runs that record's hooks


def inner_hook():
	time.sleep(0.01)


def test_16_a_hook_run_by_another_is_counted_in_that_one_only(monkeypatch):
	"""So that the hooks' times add up to the app's part of an insert: two of the app's hook names, one run
	from within the other."""
	profile = insert_profile.HookProfile("ownership_policies")
	monkeypatch.setattr(frappe, "get_attr", {OWNER_LINE: outer_hook, IDENTITY_SYNC: inner_hook}.__getitem__)
	with profile.active():
		frappe.get_attr(OWNER_LINE)()
	assert list(profile.figures) == [OWNER_LINE]
	assert profile.figures[OWNER_LINE]["time"] >= 0.02  # the inner one's time is in it


def test_16_frappe_is_left_as_it_was():
	get_attr, insert, sql = frappe.get_attr, Document.insert, frappe.db.sql
	profiled_lead_insert()
	assert (frappe.get_attr, Document.insert, frappe.db.sql) == (get_attr, insert, sql)
	assert "sql" not in vars(frappe.local.db)  # the database class's own method, not a leftover wrapper
