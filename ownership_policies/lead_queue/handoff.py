"""LQ-10: the hand-off of a lead to the credit analysts, by email, refused unless it carries the credit file
number, first and last name, phone, language and reasons. The email is kept on the lead's timeline."""

import frappe
from frappe import _
from frappe.core.doctype.communication.email import make as make_communication

from ownership_policies.lead_queue import rules as lq
from ownership_policies.ownership.settings import get_settings


def labels() -> dict[str, str]:
	return {
		"credit_file_number": _("Credit file number"),
		"first_name": _("First name"),
		"last_name": _("Last name"),
		"phone": _("Phone"),
		"language": _("Language"),
		"reasons": _("Reasons for the hand-off"),
	}


def hand_off(lead_name: str, credit_file_number: str, language: str, reasons: str) -> dict:
	lead = frappe.get_doc("Lead", lead_name)
	lead.check_permission("write")
	values = {
		"credit_file_number": credit_file_number,
		"first_name": lead.first_name,
		"last_name": lead.last_name,
		"phone": lead.mobile_no or lead.phone,
		"language": language,
		"reasons": reasons,
	}
	if missing := lq.handoff_missing(values):
		frappe.throw(
			_("The hand-off to the credit analysts needs: {0}. Complete them and send again (LQ-10).").format(
				", ".join(labels()[field] for field in missing)
			),
			title=_("Hand-off Incomplete"),
		)
	analysts = get_settings().credit_analysts_email
	if not analysts:
		frappe.throw(_("Set the credit analysts' email address in Ownership Settings first."))
	rows = "".join(
		f"<tr><th>{frappe.utils.escape_html(labels()[field])}</th><td>{frappe.utils.escape_html(values[field])}</td></tr>"
		for field in lq.HANDOFF_FIELDS
	)
	communication = make_communication(
		doctype="Lead",
		name=lead.name,
		subject=_("Hand-off to the credit analysts: {0} {1} ({2})").format(
			lead.first_name, lead.last_name or "", credit_file_number
		),
		content=f"<table>{rows}</table>",
		recipients=analysts,
		send_email=True,
	)
	return {"communication": communication["name"]}
