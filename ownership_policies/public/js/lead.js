// Shows, on the Lead form, who holds the lead according to the ownership ledger, and under which rule, and the
// prescriber the lead is attached to (referral.js).
frappe.ui.form.on("Lead", {
	refresh(frm) {
		frm.dashboard.clear_headline();
		if (frm.is_new()) return;
		ownership_policies.show_referral(frm);
		const lead = frm.doc.name;
		frappe
			.xcall("ownership_policies.api.who_owns", {
				reference_doctype: frm.doctype,
				reference_name: lead,
			})
			.then((owner) => {
				if (!owner.holder || frm.doc.name !== lead) return;
				const until = owner.until
					? __("until {0}", [frappe.datetime.str_to_user(owner.until)])
					: __("with no end date");
				frm.dashboard.set_headline_alert(
					__("Held by {0} ({1} claim, rule {2}) since {3}, {4}.", [
						frappe.utils.escape_html(owner.holder),
						__(owner.claim),
						owner.rule,
						frappe.datetime.str_to_user(owner.since),
						until,
					]),
					"blue"
				);
			});
	},
});
