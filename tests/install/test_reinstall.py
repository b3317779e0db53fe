"""X-1 and the install (#16): the app installed on a site that already has clients, uninstalled, and installed
again, by the bench's own commands. The clients are indexed at install, the identity table goes with the app
and comes back full, and ERPNext's records keep working throughout.

Run by dev/test on a site of its own (OWNERSHIP_REINSTALL_SITE, ERPNext without this app to begin with)."""

import os
import subprocess
import sys
from pathlib import Path

import frappe
import pytest

SITE = os.environ.get("OWNERSHIP_REINSTALL_SITE", "ownership-reinstall.localhost")
BENCH = Path(os.environ.get("FRAPPE_BENCH_PATH") or Path(frappe.__file__).resolve().parents[3])
APP = "ownership_policies"
TABLE = "__ownership_identity_key"
LEADS = 300  # written before the app is there, without its doc events


def bench(*args: str):
	"""A bench command on the site, as an administrator types it. This test's transaction ends first: its reads
	hold metadata locks that the install's ALTER TABLEs would wait on."""
	frappe.db.rollback()
	command = [sys.executable, "-m", "frappe.utils.bench_helper", "frappe", "--site", SITE, *args]
	done = subprocess.run(command, cwd=BENCH / "sites", capture_output=True, text=True, timeout=900)
	assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


def connect():
	"""A new connection, which sees what the bench command committed (and the site's apps as they are now)."""
	if getattr(frappe.local, "db", None):
		frappe.destroy()
	frappe.init(site=SITE, sites_path=str(BENCH / "sites"))
	frappe.connect()
	frappe.clear_cache()  # the hooks cached while the app was (or was not) installed
	frappe.set_user("Administrator")


def installed() -> bool:
	return APP in frappe.get_installed_apps()


def has_table() -> bool:
	return bool(frappe.db.sql("show tables like %s", TABLE))


def seeded_leads() -> list[str]:
	return frappe.get_all("Lead", {"lead_name": ("like", "Reinstall %")}, pluck="name")


def mobile(i: int) -> str:
	return f"+33 6 55 {i // 100:02d} {i % 100:02d} 00"


@pytest.fixture(scope="module")
def site_with_clients():
	"""The site without the app, holding leads (each with the Contact ERPNext makes for it) written before."""
	os.chdir(BENCH / "sites")
	connect()
	if installed():
		bench("uninstall-app", APP, "--yes", "--no-backup", "--force")
		connect()
	have = len(seeded_leads())
	for i in range(have, LEADS):
		frappe.get_doc(
			{
				"doctype": "Lead",
				"first_name": "Reinstall",
				"last_name": f"Client {i:03d}",
				"mobile_no": mobile(i),
				"email_id": f"reinstall.{i}@example.com",
			}
		).insert(ignore_permissions=True)
	frappe.db.commit()
	yield
	frappe.destroy()


def test_x1_install_uninstall_reinstall_on_a_site_with_clients(site_with_clients):
	assert not installed() and not has_table()
	leads = seeded_leads()
	assert len(leads) == LEADS

	bench("install-app", APP)
	connect()
	from ownership_policies.ownership.identity import find_same_person, index_size

	found = {(m["doctype"], m["name"]) for m in find_same_person(phone=mobile(7))}
	assert ("Lead", frappe.db.get_value("Lead", {"mobile_no": mobile(7)})) in found
	assert {m["doctype"] for m in find_same_person(email="REINSTALL.8@example.com")} >= {"Lead", "Contact"}
	assert index_size() >= 3 * LEADS  # every lead's phone, email and name, and its contact's
	indexed = index_size()

	bench("uninstall-app", APP, "--yes", "--no-backup", "--force")
	connect()
	assert not installed() and not has_table()
	assert not frappe.db.exists("Custom Field", "Lead-prescriber")
	assert sorted(seeded_leads()) == sorted(leads)  # ERPNext's records stay, and still save
	lead = frappe.get_doc("Lead", leads[0])
	lead.mobile_no = mobile(LEADS + 1)
	lead.save(ignore_permissions=True)
	frappe.db.commit()

	bench("install-app", APP)
	connect()
	assert installed() and index_size() >= indexed
	found = {(m["doctype"], m["name"]) for m in find_same_person(phone=mobile(LEADS + 1))}
	assert ("Lead", leads[0]) in found  # as the record is now, not as it was at the first install
