"""PR-7: what each prescriber sent in a period, and what it became: existing clients, double prescriptions,
conversions at each stage, remunerable contacts, and how late contacts were attached after reception. A
partner's staff see only their own partner's row."""

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import add_days, getdate

from ownership_policies.ownership.partners import is_partner_user, partners_of
from ownership_policies.prescription import rules as pr

STAGES = ("opportunity", "quotation", "customer", "won")


def execute(filters=None):
	filters = frappe._dict(filters or {})
	rows = attribution(attachments(filters))
	return columns(), rows, None, chart(rows)


def columns():
	def count(fieldname, label, width=110):
		return {"fieldname": fieldname, "label": label, "fieldtype": "Int", "width": width}

	# a partner's staff may not read Sales Partner records: for them the name is plain text
	partner = (
		{"fieldtype": "Data"} if is_partner_user() else {"fieldtype": "Link", "options": "Sales Partner"}
	)
	return [
		{"fieldname": "partner", "label": _("Prescriber"), "width": 200, **partner},
		count("sent", _("Contacts Sent")),
		count("attached", _("Attached")),
		count("existing_clients", _("Existing Clients"), 120),
		count("double_prescriptions", _("Double Prescriptions"), 150),
		count("opportunity", _("Opportunities")),
		count("quotation", _("Quotations")),
		count("customer", _("Customers")),
		count("won", _("Won (Ordered)"), 120),
		{"fieldname": "conversion_rate", "label": _("Conversion Rate"), "fieldtype": "Percent", "width": 130},
		count("remunerable", _("Remunerable"), 120),
		{
			"fieldname": "median_delay_days",
			"label": _("Median Attachment Delay (Days)"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 200,
		},
	]


def attachments(filters) -> list[dict]:
	"""The attachments made in the period, of the partners the viewer may see."""
	table = frappe.qb.DocType("Prescriber Attachment")
	query = frappe.qb.from_(table).select(
		table.partner,
		table.status,
		table.verdict,
		table.reference_doctype,
		table.reference_name,
		table.customer,
		table.received_on,
		table.attached_on,
	)
	if filters.partner:
		query = query.where(table.partner == filters.partner)
	if is_partner_user():
		query = query.where(table.partner.isin(partners_of() or [""]))
	if filters.from_date:
		query = query.where(table.attached_on >= getdate(filters.from_date))
	if filters.to_date:
		query = query.where(table.attached_on < add_days(getdate(filters.to_date), 1))
	return query.run(as_dict=True)


def attribution(rows) -> list[dict]:
	reached = stages_reached(rows)
	by_partner = defaultdict(list)
	for row in rows:
		by_partner[row.partner].append(row)
	report = []
	for partner, sent in sorted(by_partner.items()):
		attached = [row for row in sent if row.status == "Active"]
		line = {
			"partner": partner,
			"sent": len(sent),
			"attached": len(attached),
			"existing_clients": sum(row.verdict == pr.EXISTING_CLIENT for row in attached),
			"double_prescriptions": sum(row.verdict == pr.DOUBLE_PRESCRIPTION for row in attached),
			"remunerable": sum(row.verdict == pr.REMUNERABLE for row in attached),
			"median_delay_days": pr.median(
				[
					(row.attached_on - row.received_on).total_seconds() / 86400
					for row in attached
					if row.received_on
				]
			),
		}
		for stage in STAGES:
			line[stage] = sum(stage in reached[file_of(row)] for row in attached)
		line["conversion_rate"] = 100 * line["won"] / line["attached"] if line["attached"] else 0
		report.append(line)
	return report


def file_of(row) -> tuple:
	lead = row.reference_name if row.reference_doctype == "Lead" else None
	return (lead, row.customer)


def stages_reached(rows) -> dict[tuple, set[str]]:
	"""For each contact's file (its lead, its customer): the stages it reached, read in four queries."""
	leads = {row.reference_name for row in rows if row.reference_doctype == "Lead"}
	customers = {row.customer for row in rows if row.customer}
	parties = {("Lead", name) for name in leads} | {("Customer", name) for name in customers}
	opportunities = _parties("Opportunity", "opportunity_from", parties)
	quotations = _parties("Quotation", "quotation_to", parties)
	ordered = set(
		frappe.get_all(
			"Sales Order", {"customer": ("in", list(customers) or [""]), "docstatus": 1}, pluck="customer"
		)
	)
	reached = defaultdict(set)
	for row in rows:
		lead, customer = key = file_of(row)
		mine = {("Lead", lead), ("Customer", customer)}
		if mine & opportunities:
			reached[key].add("opportunity")
		if mine & quotations:
			reached[key].add("quotation")
		if customer:
			reached[key].add("customer")
		if customer in ordered:
			reached[key].add("won")
	return reached


def _parties(doctype: str, party_type_field: str, parties: set[tuple]) -> set[tuple]:
	names = [name for _party_type, name in parties]
	return {
		(row[0], row[1])
		for row in frappe.get_all(
			doctype,
			filters={"party_name": ("in", names or [""]), "docstatus": ("<", 2)},
			fields=[party_type_field, "party_name"],
			as_list=True,
		)
	} & parties


def chart(rows):
	if not rows:
		return None
	datasets = (
		("sent", _("Contacts Sent")),
		("existing_clients", _("Existing Clients")),
		("double_prescriptions", _("Double Prescriptions")),
		("won", _("Won (Ordered)")),
	)
	return {
		"data": {
			"labels": [row["partner"] for row in rows],
			"datasets": [{"name": label, "values": [row[key] for row in rows]} for key, label in datasets],
		},
		"type": "bar",
	}
