"""The partners' portal page (FX-2, X-5): an agency or prescriber's staff check whether a client is free or
busy, and see their own fixations (with the time left) and attachments, nothing else."""

import frappe
from frappe import _
from frappe.utils import get_datetime, now_datetime

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
	context.fixations = frappe.get_list(
		"Client Fixation",
		filters={"agency": ("in", partners)} if partners else {},
		fields=["name", "client_name", "status", "expires_on", "selection_act"],
		order_by="expires_on desc",
		limit_page_length=50,
	)
	now = now_datetime()
	for row in context.fixations:  # the page counts down from here, whatever the browser's time zone
		row.seconds_left = (
			max(0, int((get_datetime(row.expires_on) - now).total_seconds())) if row.expires_on else 0
		)
	context.attachments = frappe.get_list(
		"Prescriber Attachment",
		filters={"partner": ("in", partners)} if partners else {},
		fields=["name", "person_name", "verdict", "attached_on"],
		order_by="attached_on desc",
		limit_page_length=50,
	)
	return context
