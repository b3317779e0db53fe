"""X-6: what a partner may ask of the records it reads — a list, a record, its report — read strictly before any
query runs. A list names plain fields of the doctype that partners may read (permission level 0), in plain
filters and a plain sort; anything else (a linked record's field, a child table, a function, a sub-select, an
argument Frappe would act on such as run_method or debug) makes the request refused, not repaired."""

import json
import re
from datetime import date

import frappe
from frappe.model import no_value_fields, table_fields

FIELD = re.compile(r"^[a-z_][a-z0-9_]*$")
SORT = re.compile(r"^([a-z_][a-z0-9_]*)(?:\s+(?:asc|desc))?$", re.IGNORECASE)
DATE = re.compile(r"^(19|20)\d\d-\d\d-\d\d$", re.ASCII)  # a report's date: years 1900 to 2099
LIMIT = re.compile(r"^\d{1,4}$", re.ASCII)  # a page: at most 9,999 rows
STANDARD_FIELDS = {"name", "creation", "modified"}
NOT_READ = {*table_fields, *no_value_fields}
LIST_ARGUMENTS = {  # v1 and v2 names
	"fields",
	"filters",
	"or_filters",
	"order_by",
	"limit_start",
	"limit_page_length",
	"limit",
	"start",
	"page_length",
	"as_dict",
}
LIMITS = {"limit_start", "limit_page_length", "limit", "start", "page_length"}
REPORT_ARGUMENTS = {"cmd", "report_name", "filters", "ignore_prepared_report", "are_default_filters"}
REPORT_FILTERS = {"partner": str, "from_date": DATE, "to_date": DATE}
TEXT_LIMIT = 140


def readable_fields(doctype: str) -> set[str]:
	meta = frappe.get_meta(doctype)
	return STANDARD_FIELDS | {
		field.fieldname
		for field in meta.fields
		if not field.permlevel
		and field.fieldtype not in NOT_READ
		and not (field.fieldtype == "Link" and field.options == "User")  # staff by login
	}


def plain_list(doctype: str, form_dict) -> bool:
	"""A list of `doctype` asked with plain fields, filters, sort and limits only."""
	if set(form_dict) - LIST_ARGUMENTS:
		return False
	readable = readable_fields(doctype)
	try:
		fields = parsed(form_dict.get("fields"), [])
		filters = [parsed(form_dict.get(key), []) for key in ("filters", "or_filters")]
	except ValueError:
		return False
	# named fields only ("*" would bring the staff who made and changed the record)
	if not isinstance(fields, list) or not all(field in readable for field in fields):
		return False
	if not all(plain_filters(doctype, each, readable) for each in filters):
		return False
	order = form_dict.get("order_by")
	if order and not ((match := SORT.match(str(order).strip())) and match.group(1) in readable):
		return False
	return all(LIMIT.match(str(form_dict[key])) for key in LIMITS & set(form_dict))


def plain_filters(doctype: str, filters, readable: set[str]) -> bool:
	if isinstance(filters, dict):
		return all(key in readable and plain_value(value) for key, value in filters.items())
	if not isinstance(filters, list):
		return False
	for condition in filters:
		if not isinstance(condition, list) or not 2 <= len(condition) <= 4:
			return False
		if len(condition) == 4:
			if condition[0] != doctype:
				return False
			condition = condition[1:]
		field, *rest = condition
		if field not in readable or not all(plain_value(value) for value in rest):
			return False
	return True


def plain_value(value) -> bool:
	if isinstance(value, list):  # the values of "in", "between"
		return len(value) <= 100 and all(not isinstance(item, list) and plain_value(item) for item in value)
	return value is None or isinstance(value, str | int | float | bool)


def plain_report_filters(form_dict) -> bool:
	"""The Prescriber Attribution report with its own filters, as the report form sends them."""
	if set(form_dict) - REPORT_ARGUMENTS:
		return False
	try:
		filters = parsed(form_dict.get("filters"), {})
	except ValueError:
		return False
	if not isinstance(filters, dict):
		return False
	for key, value in filters.items():
		kind = REPORT_FILTERS.get(key)
		if not kind or not isinstance(value, str) or len(value) > TEXT_LIMIT:
			return False
		if kind is DATE and value and not (DATE.match(value) and is_date(value)):
			return False
	return True


def is_date(value: str) -> bool:
	try:
		date.fromisoformat(value)
	except ValueError:
		return False
	return True


def parsed(value, default):
	"""A JSON argument as Frappe will read it; ValueError when it is not JSON."""
	if value is None or value == "":
		return default
	if isinstance(value, list | dict):
		return value
	try:
		return json.loads(value)
	except (TypeError, json.JSONDecodeError) as e:
		raise ValueError from e
