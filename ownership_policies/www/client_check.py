"""The partners' portal page (FX-1, FX-2, FX-7, FX-11, X-5): an agency or prescriber's staff check whether a
client is free, busy or already theirs, fix a free client, and follow their own fixations (the time left, why one
ended), leave the manager a question and attach the signed selection act; and see the contacts they referred.
Nothing else."""

import frappe
from frappe import _
from frappe.utils import get_fullname

from ownership_policies.fixation import portal
from ownership_policies.ownership.partners import partners_of

no_cache = 1


def get_context(context):
	if frappe.session.user == "Guest":
		frappe.throw(_("Log in to check a client."), frappe.PermissionError)
	partners = partners_of()
	if not partners and not frappe.has_permission("Client Fixation", "read"):
		frappe.throw(_("This page is for our partners' staff."), frappe.PermissionError)
	context.no_breadcrumbs = True
	context.title = _("Check a Client")
	context.partners = partners
	context.managers = portal.manager_choices() if partners else []
	context.fixations = own_fixations(partners)
	context.fixed = next(
		(row for row in context.fixations if row.name == frappe.form_dict.get("fixed")), None
	)
	context.attachments = frappe.get_list(
		"Prescriber Attachment",
		filters={"partner": ("in", partners)} if partners else {},
		fields=["name", "person_name", "verdict", "attached_on"],
		order_by="attached_on desc",
		limit_page_length=50,
	)
	context.words = words()
	return context


def own_fixations(partners: list[str]) -> list:
	"""The agency's own fixations (the permission query keeps a partner to them), newest first, each saying
	how it stands; the manager by name only (X-6)."""
	rows = frappe.get_list(
		"Client Fixation",
		filters={"agency": ("in", partners)} if partners else {},
		fields=[
			"name",
			"client_name",
			"status",
			"expires_on",
			"selection_act",
			"manager",
			"cancellation_reason",
			"modified",
		],
		order_by="fixed_on desc",
		limit_page_length=50,
	)
	for row in rows:
		row.stands = portal.how_it_stands(row)
		row.manager_name = get_fullname(row.manager) if row.manager else ""
		row.seconds_left = portal.until(row)["seconds_left"] if row.status == "Active" else 0
	return rows


def words() -> dict:
	"""What the page's script says, in the reader's language."""
	return {
		"free": _("Free"),
		"free_next": _(
			"You can fix this client to your agency: write the client's full name in the form below."
		),
		"busy": _("Busy"),
		"busy_next": _(
			"This client cannot be fixed to your agency, and nothing more can be told about them. Check another client."
		),
		"yours": _("Yours, until {0}"),
		"running_next": running_next(),
		"days": _("d"),
		"hours": _("h"),
		"minutes": _("min"),
		"seconds": _("s"),
		"expired": _("Expired"),
		"sending": _("Sending…"),
		"attached": _(
			"Attached. The manager records the meeting with it, and your fixation is then extended."
		),
		"asked": _("Sent to {0}, who has it as a task and will answer you."),
		"failed": _("That did not work. Reload the page and try again."),
	}


def running_next() -> str:
	return _(
		"Next: bring the client to a meeting at the sales office before then, or, for a remote client, attach the signed selection act below. You can also leave the manager a question."
	)
