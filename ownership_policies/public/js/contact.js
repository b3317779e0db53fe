// The records of the same person as the contact being typed (X-7, with ownership.js).
{
	const first = (rows, field) => ((rows || []).find((row) => row[field]) || {})[field];
	const look = ownership_policies.watch_duplicates(
		"Contact",
		["first_name", "middle_name", "last_name", "company_name", "email_id", "mobile_no", "phone"],
		(frm) => ({
			phone: first(frm.doc.phone_nos, "phone") || frm.doc.mobile_no || frm.doc.phone,
			email: first(frm.doc.email_ids, "email_id") || frm.doc.email_id,
			full_name: [frm.doc.first_name, frm.doc.middle_name, frm.doc.last_name].filter(Boolean).join(" "),
			company_name: frm.doc.company_name,
		})
	);
	frappe.ui.form.on("Contact Phone", { phone: look });
	frappe.ui.form.on("Contact Email", { email_id: look });
}
