"""Working days come from the company's Holiday List."""

from datetime import date, datetime

import frappe

from ownership_policies.ownership.holidays import company_holidays
from ownership_policies.ownership.windows import add_days


def test_working_days_read_the_company_holiday_list():
	company = frappe.defaults.get_global_default("company")
	holiday_list = frappe.get_doc(
		{
			"doctype": "Holiday List",
			"holiday_list_name": "Ownership Test Holidays",
			"from_date": "2026-01-01",
			"to_date": "2026-12-31",
			"holidays": [
				{"holiday_date": "2026-11-21", "description": "Saturday", "weekly_off": 1},
				{"holiday_date": "2026-11-22", "description": "Sunday", "weekly_off": 1},
				{"holiday_date": "2026-11-24", "description": "Company day"},
			],
		}
	).insert(ignore_permissions=True)
	frappe.db.set_value("Company", company, "default_holiday_list", holiday_list.name)
	frappe.clear_document_cache("Company", company)
	holidays = company_holidays(company)
	assert holidays == {date(2026, 11, 21), date(2026, 11, 22), date(2026, 11, 24)}
	assert add_days(datetime(2026, 11, 20, 10), 3, holidays) == datetime(2026, 11, 26, 10)
