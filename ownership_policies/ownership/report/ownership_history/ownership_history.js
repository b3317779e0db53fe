// Ownership History: who held a record, or a person found by phone or email, in plain words, with a chart
// of how long each holder held it. The forms' Ledger button opens it for their record.
frappe.query_reports["Ownership History"] = {
	filters: [
		{
			fieldname: "reference_doctype",
			label: __("Record Type"),
			fieldtype: "Select",
			options: ["", "Lead", "Customer", "Property Listing", "Client Fixation", "Client Request"].map((value) => ({
				value,
				label: value ? __(value) : "",
			})),
		},
		{
			fieldname: "reference_name",
			label: __("Record"),
			fieldtype: "Data", // the Ledger button fills it; the server checks the user may read the record
		},
		{ fieldname: "phone", label: __("Phone"), fieldtype: "Data" },
		{ fieldname: "email", label: __("Email"), fieldtype: "Data" },
	],
};
