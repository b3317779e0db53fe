"""Duplicates (X-7): the groups of records of one person the duplicate scan found, a row a record with its title,
status, owner (the agent), the agent's office, its source and the week it was entered; a group is listed when
one of its records matches the filters. A chart counts the groups by the week their latest record was entered,
or by source. Managers merge a record into another of its group from its row, and mark an open group Not the Same
Person (or reopen one so marked) from its first row (duplicates.js)."""

from datetime import timedelta

import frappe
from frappe import _
from frappe.utils import formatdate, get_fullname, getdate

from ownership_policies.ownership.duplicate_scan import APART, GROUP, GROUP_RECORD, OPEN
from ownership_policies.ownership.merging import PAIRS
from ownership_policies.ownership.roles import ensure_may
from ownership_policies.ownership.settings import get_settings

GROUP_LIMIT = 2000  # the newest groups found
# doctype: (title, status, owner) fields
FIELDS = {
	"Lead": ("lead_name", "status", "lead_owner"),
	"Customer": ("customer_name", "disabled", "account_manager"),
	"Contact": ("full_name", "status", None),
}
RECORD_FILTERS = ("record_doctype", "owner", "office", "source")


def execute(filters=None):
	# each filter is text, as the report's form sends it; anything else names nothing
	filters = frappe._dict({key: value for key, value in (filters or {}).items() if isinstance(value, str)})
	try:
		ensure_may("manage", _("Only sales managers and the app's administrators read the duplicates."))
	except frappe.PermissionError as refusal:
		# said as the report's message, not raised (see Ownership History)
		frappe.clear_messages()
		return columns(), [], str(refusal)
	groups = listed(groups_with_records(filters), filters)
	rows = [row for group in groups for row in group["rows"]]
	message = None if groups else _("No duplicate group here. Find Duplicates looks for them again.")
	return columns(), rows, message, chart(groups, filters.chart_by)


def groups_with_records(filters) -> list[dict]:
	conditions = {"status": filters.status} if filters.status else {}
	if filters.matched_on:
		conditions["matched_on"] = ("like", f"%{filters.matched_on}%")
	groups = frappe.get_all(
		GROUP,
		filters=conditions,
		fields=["name", "status", "matched_on", "phone", "email", "marked_by", "marked_on", "mark_reason"],
		order_by="found_on desc",
		limit=GROUP_LIMIT,
	)
	if not groups:
		return []
	members = frappe.get_all(
		GROUP_RECORD,
		filters={"parenttype": GROUP, "parent": ("in", [group.name for group in groups])},
		fields=["parent", "record_doctype", "record_name"],
		order_by="idx asc",
	)
	facts = records_facts({(row.record_doctype, row.record_name) for row in members})
	rows = {}
	for member in members:
		rows.setdefault(member.parent, []).append(facts[(member.record_doctype, member.record_name)])
	return [{"group": group, "records": rows.get(group.name, [])} for group in groups]


def records_facts(records: set[tuple[str, str]]) -> dict:
	"""Each record's title, status, owner, office, source and creation; a merged or deleted one says so."""
	facts = {record: deleted(record) for record in records}
	offices = {row.agent: row.office for row in get_settings().office_agents or []}  # as RA-3 reads them
	for doctype, (title, status, owner) in FIELDS.items():
		names = [name for kind, name in records if kind == doctype]
		if not names:
			continue
		fields = ["name", "creation", title, status, *([owner] if owner else [])]
		fields += {"Lead": ["source"], "Customer": ["lead_name"]}.get(doctype, [])
		for row in frappe.get_all(doctype, filters={"name": ("in", names)}, fields=fields):
			agent = row.get(owner) if owner else None
			facts[(doctype, row.name)] = frappe._dict(
				record_doctype=doctype,
				record=row.name,
				title=row.get(title) or row.name,
				status=status_of(doctype, row.get(status)),
				owner=agent,
				office=offices.get(agent),
				source=row.get("source"),
				lead=row.get("lead_name") if doctype == "Customer" else None,  # the Lead it was made from
				created=getdate(row.creation),
				week=getdate(row.creation) - timedelta(days=getdate(row.creation).weekday()),
				live=True,
			)
	sources_of_customers(facts)
	for (doctype, name), kept in merged_into(records).items():
		facts[(doctype, name)].update(status=_("Merged into {0}").format(kept), live=False)
	return facts


def deleted(record: tuple[str, str]) -> frappe._dict:
	return frappe._dict(
		record_doctype=record[0], record=record[1], title=record[1], status=_("Deleted"), live=False
	)


def status_of(doctype: str, value) -> str:
	if doctype == "Customer":
		return _("Disabled") if value else _("Active")
	return _(value) if value else ""


def sources_of_customers(facts: dict):
	"""A Customer's source is the source of the Lead it was made from."""
	leads = {fact.lead for fact in facts.values() if fact.get("lead")}
	if leads:
		sources = dict(
			frappe.get_all(
				"Lead", filters={"name": ("in", list(leads))}, fields=["name", "source"], as_list=True
			)
		)
		for fact in facts.values():
			if fact.get("lead"):
				fact.source = sources.get(fact.lead)


def merged_into(records) -> dict[tuple[str, str], str]:
	names = [name for _doctype, name in records]
	if not names:
		return {}
	rows = frappe.get_all(
		"Merge Log",
		filters={"status": "Merged", "merged_name": ("in", names)},
		fields=["merged_doctype", "merged_name", "kept_name"],
	)
	return {
		(row.merged_doctype, row.merged_name): row.kept_name
		for row in rows
		if (row.merged_doctype, row.merged_name) in records
	}


def listed(groups: list[dict], filters) -> list[dict]:
	"""The groups one of whose records matches every filter, each with its rows."""
	shown = []
	for entry in groups:
		group, records = entry["group"], entry["records"]
		if not any(record.live and matches(record, filters) for record in records):
			continue
		entry["rows"] = [row_of(group, record, records) for record in records]
		shown.append(entry)
	return shown


def matches(record, filters) -> bool:
	if any(filters.get(key) and filters[key] != record.get(key) for key in RECORD_FILTERS):
		return False
	if filters.from_date and record.created < getdate(filters.from_date):
		return False
	return not (filters.to_date and record.created > getdate(filters.to_date))


def row_of(group, record, records) -> dict:
	return {
		"group": group.name,
		"matched_on": ", ".join(_(kind) for kind in (group.matched_on or "").split(", ") if kind),
		"shared": group.phone or group.email,
		"record_type": _(record.record_doctype),
		"record_doctype": record.record_doctype,
		"record": record.record,
		"title": record.title,
		"status": record.status,
		"owner": record.get("owner"),
		"office": record.get("office"),
		"source": record.get("source"),
		"week": record.get("week"),
		"merge_into": merge_targets(record, records) if group.status == OPEN else [],
		"group_status": group_status(group),
		"group_action": group_action(group) if record is records[0] else None,
	}


def group_status(group) -> str:
	"""The group's status; a mark says who made it, when, and why."""
	if group.status != APART:
		return _(group.status)
	said = _("{0}, by {1} on {2}").format(
		_(APART), get_fullname(group.marked_by), formatdate(group.marked_on)
	)
	return f"{said}: {group.mark_reason}" if group.mark_reason else said


def group_action(group) -> str | None:
	"""What its first row offers: an open group is marked Not the Same Person, a group so marked reopened."""
	return {OPEN: "mark", APART: "reopen"}.get(group.status)


def merge_targets(record, records) -> list[dict]:
	"""The records of the group this one may be merged into (merging.PAIRS)."""
	if not record.live:
		return []
	return [
		{"doctype": other.record_doctype, "name": other.record, "title": other.title}
		for other in records
		if other.live and other is not record and (record.record_doctype, other.record_doctype) in PAIRS
	]


def columns():
	return [
		{"fieldname": "group", "label": _("Group"), "fieldtype": "Link", "options": GROUP, "width": 150},
		{"fieldname": "matched_on", "label": _("Matched On"), "fieldtype": "Data", "width": 110},
		{"fieldname": "shared", "label": _("Shared"), "fieldtype": "Data", "width": 170},
		{"fieldname": "record_type", "label": _("Record Type"), "fieldtype": "Data", "width": 100},
		{"fieldname": "record_doctype", "label": _("Record Type"), "fieldtype": "Data", "hidden": 1},
		{
			"fieldname": "record",
			"label": _("Record"),
			"fieldtype": "Dynamic Link",
			"options": "record_doctype",
			"width": 150,
		},
		{"fieldname": "title", "label": _("Name"), "fieldtype": "Data", "width": 170},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 130},
		{"fieldname": "owner", "label": _("Agent"), "fieldtype": "Link", "options": "User", "width": 170},
		{"fieldname": "office", "label": _("Office"), "fieldtype": "Data", "width": 110},
		{
			"fieldname": "source",
			"label": _("Source"),
			"fieldtype": "Link",
			"options": "Lead Source",
			"width": 110,
		},
		{"fieldname": "week", "label": _("Week Of"), "fieldtype": "Date", "width": 100},
		{"fieldname": "merge", "label": _("Merge"), "fieldtype": "Data", "width": 90},
		{"fieldname": "group_status", "label": _("Group Status"), "fieldtype": "Data", "width": 200},
		{"fieldname": "group_action", "label": _("Same Person?"), "fieldtype": "Data", "width": 170},
	]


def chart(groups: list[dict], chart_by: str | None) -> dict | None:
	"""Groups by the week their latest record was entered, or by source."""
	counts: dict = {}
	for entry in groups:
		records = [record for record in entry["records"] if record.live]
		if chart_by == "Source":
			label = next((r.source for r in records if r.get("source")), None) or _("No Source")
		else:
			label = max(record.week for record in records)
		counts[label] = counts.get(label, 0) + 1
	if not counts:
		return None
	labels = sorted(counts, key=str)
	return {
		"data": {
			"labels": [frappe.utils.formatdate(label) if chart_by != "Source" else label for label in labels],
			"datasets": [{"name": _("Duplicate Groups"), "values": [counts[label] for label in labels]}],
		},
		"type": "bar",
		"colors": ["#5e64ff"],
	}
