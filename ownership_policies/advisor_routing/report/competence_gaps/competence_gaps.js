frappe.query_reports["Competence Gaps"] = {
	filters: [
		{
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			options: [
				{ value: "Territory and Request Type", label: __("Territory and Request Type") },
				{ value: "Advisor", label: __("Advisor") },
			],
			default: "Territory and Request Type",
			reqd: 1,
		},
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date" },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date" },
	],
};
