// A sale's commission decision (RA-11): its reasons at the top, and Check Again once the client's record is
// complete.
frappe.ui.form.on("Commission Eligibility", {
	refresh(frm) {
		if (frm.is_new()) return;
		if (frm.doc.reasons) {
			frm.dashboard.set_headline_alert(
				frappe.utils.escape_html(frm.doc.reasons).replace(/\n/g, "<br>"),
				frm.doc.status === "Blocked" ? "orange" : "blue"
			);
		}
		frm.add_custom_button(__("Check Again"), () =>
			frappe
				.xcall(
					"ownership_policies.reassignment.doctype.commission_eligibility.commission_eligibility.check_again",
					{ name: frm.doc.name }
				)
				.then(() => frm.reload_doc())
		);
	},
});
