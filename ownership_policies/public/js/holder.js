// On every ownership-bearing form: who holds the record according to the ownership ledger, since when, until
// when and under which rule, and a Ledger button listing the record's ledger entries.
frappe.provide("ownership_policies");

ownership_policies.show_holder = function (frm, reference_doctype = frm.doctype, reference_name = frm.doc.name) {
	if (frm.is_new() || !reference_name) return;
	if (frappe.model.can_read("Ownership Ledger Entry")) {
		frm.add_custom_button(__("Ledger"), () =>
			frappe.set_route("List", "Ownership Ledger Entry", { reference_doctype, reference_name })
		);
	}
	const record = frm.doc.name;
	frappe
		.xcall("ownership_policies.api.who_owns", { reference_doctype, reference_name })
		.then((owner) => {
			if (!owner.holder || frm.doc.name !== record) return;
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
};
