"""Ownership History (X-2, X-4): a record's ledger, or a person's across their records (X-1: the same phone or
email), read in plain words, newest first, with a chart of how long each holder held it."""

import frappe
from frappe import _
from frappe.utils import escape_html, time_diff_in_hours

from ownership_policies.ownership import history_view
from ownership_policies.ownership.identity import find_same_person
from ownership_policies.ownership.roles import ensure_may


def execute(filters=None):
	# each filter is text, as the report's form sends it; anything else (a list, a number) names nothing
	filters = frappe._dict({key: value for key, value in (filters or {}).items() if isinstance(value, str)})
	try:
		ensure_may(
			"read_ownership_history",
			_("Only sales managers and the app's administrators read ownership history."),
		)
		records = records_of(filters)
	except (frappe.PermissionError, frappe.ValidationError) as refusal:
		# said as the report's message, not raised: Frappe v15 makes a report that raises a prepared (background)
		# report for everyone 15 s later (its timer is not stopped on an error)
		frappe.clear_messages()
		return columns(), [], str(refusal)
	if records is None:
		return columns(), [], _("Choose a record, or enter a phone or an email, to read who held it.")
	lines = [line for doctype, name in records for line in history_view.lines_of(doctype, name)]
	rows = [
		{
			"valid_from": line.valid_from,
			"what": escape_html(history_view.sentence(line)),  # a typed reason is text, not HTML
			"rule": line.rule,
			"record_type": _(line.reference_doctype),
			"reference_doctype": line.reference_doctype,
			"reference_name": line.reference_name,
		}
		for line in sorted(lines, key=lambda line: line.valid_from, reverse=True)
	]
	return columns(), rows, None, chart(history_view.periods(lines))


def records_of(filters) -> list[tuple[str, str]] | None:
	"""The record named, which the user must be allowed to read; or the person's records the user may read."""
	if filters.reference_doctype and filters.reference_name:
		if not history_view.may_read(filters.reference_doctype, filters.reference_name):
			frappe.throw(
				_("You may not read {0} {1}.").format(_(filters.reference_doctype), filters.reference_name),
				frappe.PermissionError,
			)
		return [(filters.reference_doctype, filters.reference_name)]
	if filters.phone or filters.email:
		matches = find_same_person(phone=filters.phone or None, email=filters.email or None)
		return [
			(match["doctype"], match["name"])
			for match in matches
			if history_view.may_read(match["doctype"], match["name"])
		]
	return None


def columns():
	return [
		{"fieldname": "valid_from", "label": _("From"), "fieldtype": "Datetime", "width": 160},
		{"fieldname": "what", "label": _("What Happened"), "fieldtype": "Data", "width": 620},
		{"fieldname": "rule", "label": _("Rule"), "fieldtype": "Data", "width": 80},
		{"fieldname": "record_type", "label": _("Record Type"), "fieldtype": "Data", "width": 120},
		{"fieldname": "reference_doctype", "label": _("Record Type"), "fieldtype": "Data", "hidden": 1},
		{
			"fieldname": "reference_name",
			"label": _("Record"),
			"fieldtype": "Dynamic Link",
			"options": "reference_doctype",
			"width": 160,
		},
	]


def chart(periods: list[dict]) -> dict | None:
	"""Days held, by holder and claim, in the order they first held it."""
	days: dict[str, float] = {}
	claims = history_view.claim_words()
	for period in periods:
		label = f"{period['holder']} ({claims.get(period['claim'], period['claim'])})"
		days[label] = days.get(label, 0) + time_diff_in_hours(period["end"], period["start"]) / 24
	if not days:
		return None
	return {
		"data": {
			"labels": list(days),
			"datasets": [{"name": _("Days Held"), "values": [round(value, 1) for value in days.values()]}],
		},
		"type": "bar",
		"fieldtype": "Float",
		"colors": ["#5e64ff"],
	}
