"""X-6: what a partner may ask of the records it reads — a list, a record, its report — read strictly before any
query runs. A list names plain fields of the doctype that partners may read (permission level 0), in plain
filters and a plain sort; anything else (a linked record's field, a child table, a function, a sub-select, an
argument Frappe would act on such as run_method or debug) makes the request refused, not repaired."""

import json
import math
import re
from datetime import date, datetime

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
# the comparisons a partner's filter may make; each value as Frappe needs it for the operator, so that no filter
# the door lets through fails in Frappe's query builder (a 500)
OPERATORS = {"=", "!=", "<", ">", "<=", ">=", "like", "not like", "in", "not in", "is", "between"}
DATED = {"Date", "Datetime"}
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
	if not isinstance(fields, list) or not all(is_readable(field, readable) for field in fields):
		return False
	if not all(plain_filters(doctype, each, readable) for each in filters):
		return False
	order = form_dict.get("order_by")
	if order and not ((match := SORT.match(str(order).strip())) and match.group(1) in readable):
		return False
	return all(LIMIT.match(str(form_dict[key])) for key in LIMITS & set(form_dict))


def is_readable(field, readable: set[str]) -> bool:
	return isinstance(field, str) and field in readable


def plain_filters(doctype: str, filters, readable: set[str]) -> bool:
	"""{field: value} or {field: [operator, value]}; or [[field, operator, value]], the doctype optionally first."""
	if isinstance(filters, dict):
		conditions = [
			[key, *(value if isinstance(value, list) else ["=", value])] for key, value in filters.items()
		]
	elif isinstance(filters, list):
		conditions = filters
	else:
		return False
	for condition in conditions:
		if isinstance(condition, list) and len(condition) == 4 and condition[0] == doctype:
			condition = condition[1:]
		if not (isinstance(condition, list) and len(condition) == 3):
			return False
		if not plain_condition(doctype, *condition, readable):
			return False
	return True


def plain_condition(doctype: str, field, operator, value, readable: set[str]) -> bool:
	if not (is_readable(field, readable) and isinstance(operator, str) and operator.lower() in OPERATORS):
		return False
	operator = operator.lower()
	if operator == "is":
		return value in ("set", "not set")
	df = frappe.get_meta(doctype).get_field(field)
	dated = field in ("creation", "modified") or bool(df and df.fieldtype in DATED)
	# Frappe reads a date field's value as a date, a pattern too; and it spans dates only
	if (dated and "like" in operator) or (operator == "between" and not dated):
		return False
	if operator == "between":
		values = value if isinstance(value, list) and len(value) == 2 else None
	elif operator in ("in", "not in"):
		values = value if isinstance(value, list) and len(value) <= 100 else None
	else:
		values = [value]
	return values is not None and all(plain_value(item, dated) for item in values)


def plain_value(value, dated: bool = False) -> bool:
	"""A value for a field: text, a finite number, a truth value or nothing; for a date field, an ISO date."""
	if dated:
		return isinstance(value, str) and is_moment(value)
	if isinstance(value, float):
		return math.isfinite(value)
	return value is None or isinstance(value, str | int | bool)


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


def is_moment(value: str) -> bool:
	"""An ISO date, or a date and time with no time zone, of the years a report takes."""
	try:
		return bool(DATE.match(value[:10])) and datetime.fromisoformat(value).tzinfo is None
	except ValueError:
		return False


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
