"""A fresh site runs the app's scheduled jobs on time (FX-5, FX-8, RA-3, AR-7). A new site stamps its Scheduled
Job Types in the time zone of the install; the setup wizard then sets the site's own and can move the clock
back by hours: stamped "later than now", a job would wait for that hour. The wizard's hook and every migrate
start such a job from now."""

from datetime import timedelta

import frappe
from conftest import make_partner
from frappe.utils import get_datetime, now_datetime

from ownership_policies.setup.install import keep_jobs_due

EXPIRY = "ownership_policies.fixation.fixing.expire_due_fixations"


def stamped_ahead(method: str, hours: int = 5):
	"""The job as a fresh site leaves it when the wizard moves the clock back by `hours`."""
	name = frappe.db.get_value("Scheduled Job Type", {"method": method})
	ahead = now_datetime() + timedelta(hours=hours)
	frappe.db.set_value(
		"Scheduled Job Type", name, {"last_execution": None, "creation": ahead}, update_modified=False
	)
	return name


def test_fx5_the_setup_wizard_and_every_migrate_leave_the_jobs_due():
	assert "ownership_policies.setup.install.keep_jobs_due" in frappe.get_hooks("setup_wizard_complete")
	from ownership_policies.setup import install

	assert "keep_jobs_due()" in open(install.__file__).read().split("def after_migrate")[1].split("\ndef ")[0]


def test_fx5_a_fixation_made_on_a_fresh_site_expires_within_its_15_minute_job():
	job_name = stamped_ahead(EXPIRY)
	in_15_minutes = now_datetime() + timedelta(minutes=15)
	assert not frappe.get_doc("Scheduled Job Type", job_name).is_event_due(in_15_minutes)  # the fresh site

	keep_jobs_due()

	job = frappe.get_doc("Scheduled Job Type", job_name)
	in_15_minutes = now_datetime() + timedelta(minutes=15)  # from the moment the job was stamped
	assert job.is_event_due(in_15_minutes)
	fixation = frappe.get_doc(
		{
			"doctype": "Client Fixation",
			"agency": make_partner("FX5 Fresh Site Agency"),
			"client_name": "Fresh Site Client",
			"phone": "+33 6 42 00 00 15",
		}
	).insert(ignore_permissions=True)
	fixation.db_set("expires_on", now_datetime() - timedelta(minutes=1))
	job.execute()  # what the scheduler runs once it is due
	assert frappe.db.get_value("Client Fixation", fixation.name, "status") == "Expired"


def test_x3_every_job_of_the_app_stamped_ahead_runs_within_its_own_period():
	periods = {"Cron": timedelta(minutes=15), "Hourly": timedelta(hours=1), "Daily": timedelta(days=1)}
	jobs = frappe.get_all(
		"Scheduled Job Type", {"method": ("like", "ownership_policies.%")}, ["name", "method", "frequency"]
	)
	assert len(jobs) >= 4
	for job in jobs:
		stamped_ahead(job.method)
	keep_jobs_due()
	for job in jobs:
		doc = frappe.get_doc("Scheduled Job Type", job.name)
		assert doc.is_event_due(now_datetime() + periods[job.frequency]), job.method


def test_x3_a_job_stamped_in_the_past_is_left_as_it_ran():
	name = frappe.db.get_value("Scheduled Job Type", {"method": EXPIRY})
	ran = now_datetime() - timedelta(minutes=7)
	frappe.db.set_value("Scheduled Job Type", name, "last_execution", ran, update_modified=False)
	keep_jobs_due()
	assert get_datetime(frappe.db.get_value("Scheduled Job Type", name, "last_execution")) == ran
