import frappe
from frappe.utils import getdate


def company_holidays(company: str | None = None) -> set:
	"""The dates of the company's default Holiday List (holidays and weekly offs); empty when it has none."""
	company = company or frappe.defaults.get_global_default("company")
	holiday_list = company and frappe.get_cached_value("Company", company, "default_holiday_list")
	if not holiday_list:
		return set()
	return {
		getdate(d) for d in frappe.get_all("Holiday", filters={"parent": holiday_list}, pluck="holiday_date")
	}
