// The prescriber a customer was referred by, and the verdict of the attachment (PR-1 … PR-6).
frappe.ui.form.on("Customer", {
	refresh(frm) {
		ownership_policies.show_referral(frm);
	},
});
