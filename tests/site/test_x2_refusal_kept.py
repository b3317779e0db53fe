"""X-2, FX-8, X-6 over real HTTP: a fix refused because the client is busy keeps its check line, and the holding
agency's alert and the ledger's Refuse line are written by a job in its own transaction, although the request
fails and is rolled back. No document hook commits."""

import ast
import subprocess
import sys
import time
from pathlib import Path

import frappe
from conftest import BENCH, SITE
from frappe.utils import now_datetime
from http_cast import AGENCY_A, AGENCY_B, FIXED_PHONE, PARTNER_A, Client

from ownership_policies.ownership import ledger
from ownership_policies.ownership.identity import phone_key_or_throw

APP = Path(ledger.__file__).resolve().parents[1]


def refusal_lines(lead: str, since) -> list:
	"""The Refuse lines the job wrote: run by the bench's RQ worker, or by one run here for the jobs queued so
	far (a burst worker) when none is running."""
	for attempt in range(20):
		frappe.db.rollback()  # a fresh snapshot: what the job committed
		lines = frappe.get_all(
			ledger.LEDGER,
			filters={"reference_name": lead, "action": "Refuse", "valid_from": (">=", since)},
			fields=["rule", "holder", "claim"],
		)
		if lines:
			return lines
		if attempt == 0:
			subprocess.run(
				[
					sys.executable,
					"-m",
					"frappe.utils.bench_helper",
					"frappe",
					"--site",
					SITE,
					"worker",
					"--burst",
				],
				cwd=BENCH / "sites",
				check=True,
				capture_output=True,
				timeout=120,
			)
		time.sleep(0.5)
	return []


def test_x2_fx8_a_refused_fix_keeps_its_check_line_alert_and_ledger_line_and_nothing_else(cast):
	started = now_datetime()
	key = phone_key_or_throw(FIXED_PHONE, "FR")
	held_by_b = frappe.get_doc("Client Fixation", cast["fixation_b"])
	refused = Client(PARTNER_A).call(
		"ownership_policies.api.fix_client", agency=AGENCY_A, phone=FIXED_PHONE, full_name="Client Beta"
	)
	assert refused.status_code == 417
	frappe.db.rollback()  # a fresh snapshot: what the server committed
	checks = frappe.get_all(
		"Client Check Log",
		filters={"user": PARTNER_A, "client_key": key, "checked_on": (">=", started)},
		fields=["status", "fixation"],
	)
	assert checks == [{"status": "busy", "fixation": held_by_b.name}]  # kept, once
	assert not frappe.db.exists("Client Fixation", {"agency": AGENCY_A, "client_key": key})
	(line,) = refusal_lines(held_by_b.lead, started)
	assert (line.rule, line.holder, line.claim) == ("FX-8", AGENCY_A, "Fixation")
	assert frappe.db.exists(
		"Notification Log",
		{"document_name": held_by_b.name, "for_user": held_by_b.manager, "creation": (">=", started)},
	)
	assert held_by_b.agency == AGENCY_B


def test_x2_only_jobs_commit_never_a_document_hook():
	"""A commit inside a document hook commits everything else the request wrote. The app commits only in its
	scheduled jobs, its install backfills, and in the one helper that keeps a failed request's writes after the
	rollback (ownership/kept.py)."""
	allowed = {
		path
		for event in frappe.get_hooks("scheduler_events").values()
		for path in (event if isinstance(event, list) else [p for paths in event.values() for p in paths])
	}
	allowed |= {
		"ownership_policies.ownership.kept._write_again",
		"ownership_policies.ownership.history.backfill",
		"ownership_policies.ownership.identity._commit",  # the identity backfill: install, patch, its job
		"ownership_policies.ownership.duplicate_scan.commit",  # X-7's scan of the old duplicates, a job
	}
	committing = []
	for path in APP.rglob("*.py"):
		if "patches" in path.parts or "setup" in path.parts:
			continue
		module = ".".join(path.relative_to(APP.parent).with_suffix("").parts)
		for function in ast.walk(ast.parse(path.read_text())):
			if not isinstance(function, ast.FunctionDef):
				continue
			for node in ast.walk(function):
				if isinstance(node, ast.Attribute) and node.attr == "commit":
					if f"{module}.{function.name}" not in allowed:
						committing.append(f"{module}.{function.name}")
	assert committing == []
