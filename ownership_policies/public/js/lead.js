// Shows, on the Lead form, who holds the lead according to the ownership ledger, and under which rule.
frappe.ui.form.on("Lead", {
	refresh(frm) {
		if (frm.is_new()) return;
		frappe
			.xcall("ownership_policies.api.who_owns", {
				reference_doctype: frm.doctype,
				reference_name: frm.doc.name,
			})
			.then((owner) => {
				if (!owner.holder) return;
				const until = owner.until
					? __("until {0}", [frappe.datetime.str_to_user(owner.until)])
					: __("with no end date");
				frm.dashboard.add_comment(
					__("Held by {0} ({1} claim, rule {2}) since {3}, {4}.", [
						frappe.utils.escape_html(owner.holder),
						__(owner.claim),
						owner.rule,
						frappe.datetime.str_to_user(owner.since),
						until,
					]),
					"blue",
					true
				);
			});
	},
});
