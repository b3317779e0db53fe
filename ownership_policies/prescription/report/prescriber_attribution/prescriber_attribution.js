frappe.query_reports["Prescriber Attribution"] = {
	filters: [
		{ fieldname: "partner", label: __("Prescriber"), fieldtype: "Link", options: "Sales Partner" },
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.add_months(frappe.datetime.get_today(), -12),
		},
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", default: frappe.datetime.get_today() },
	],
};
