// A listing's protection and the reassignment action (RA-3), and the owner's decision in force (RA-6).
frappe.ui.form.on("Property Listing", {
	refresh(frm) {
		ownership_policies.show_protection(frm);
		ownership_policies.show_holder(frm);
		if (frm.doc.status === "Duplicate") {
			frm.dashboard.set_headline_alert(
				__("A duplicate of {0}, registered first (RA-8).", [frappe.utils.escape_html(frm.doc.duplicate_of)]),
				"red"
			);
		}
	},
});
