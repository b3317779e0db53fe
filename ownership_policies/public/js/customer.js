// The prescriber a customer was referred by, and the verdict of the attachment (PR-1 … PR-6); the client's
// advisor status for request routing (AR-2).
frappe.ui.form.on("Customer", {
	refresh(frm) {
		ownership_policies.show_referral(frm);
		ownership_policies.show_protection(frm);
		ownership_policies.show_holder(frm);
		if (frm.is_new()) return;
		const customer = frm.doc.name;
		frappe.xcall("ownership_policies.api.advisor_status", { customer }).then((status) => {
			if (frm.doc.name !== customer) return;
			const text = {
				Present: __("Advisor: {0} (present, wrote the contract).", [status.advisor]),
				New: __("Advisor: {0} (new, after a former advisor).", [status.advisor]),
				Former: __("Former advisor {0} has left: requests go to a volunteer.", [status.advisor]),
				None: __("No advisor: requests go to a volunteer from the competence matrix."),
			}[status.status];
			ownership_policies.set_fact(frm, "advisor", `${frappe.utils.escape_html(text)} (${status.rule})`); // a fact
		});
	},
});

// The records of the same person as the customer being typed (X-7, with ownership.js).
ownership_policies.watch_duplicates("Customer", ["customer_name", "mobile_no", "email_id"], (frm) => ({
	phone: frm.doc.mobile_no,
	email: frm.doc.email_id,
	full_name: frm.doc.customer_name,
}));
