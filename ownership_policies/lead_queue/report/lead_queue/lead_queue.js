frappe.query_reports["Lead Queue"] = {
	filters: [
		{
			fieldname: "date",
			label: __("Handed Out On"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
			reqd: 1,
		},
	],
};
