// Manager B answers within the deadline (accept, or reject with a guarantee of service); the new agent and the
// office manager sign (RA-3, RA-4, RA-10).
frappe.ui.form.on("Reassignment Request", {
	refresh(frm) {
		if (frm.is_new()) return;
		// the record asked for: who holds it now
		ownership_policies.show_holder(frm, frm.doc.reference_doctype, frm.doc.reference_name);
		const call = (method, args) =>
			frappe.xcall(`ownership_policies.api.${method}`, { request: frm.doc.name, ...args }).then(() => frm.reload_doc());
		if (frm.doc.status === "Pending") {
			frm.dashboard.set_headline_alert(
				__("{0} answers by {1}; no answer grants the request.", [
					frappe.utils.escape_html(frm.doc.owning_manager),
					frappe.datetime.str_to_user(frm.doc.respond_by),
				]),
				"orange"
			);
			if (frappe.session.user === frm.doc.owning_manager || ownership_policies.may("answer_any_reassignment")) {
				frm.add_custom_button(__("Accept"), () => call("answer_reassignment", { accept: 1 }));
				frm.add_custom_button(__("Reject"), () =>
					frappe.prompt(
						[{ fieldname: "guarantee", fieldtype: "Small Text", label: __("Guarantee of Service"), reqd: 1 }],
						({ guarantee }) => call("answer_reassignment", { accept: 0, guarantee }),
						__("Reject"),
						__("Reject")
					)
				);
			}
		}
		if (frm.doc.status === "Awaiting Signatures") {
			frm.dashboard.set_headline_alert(__("Awaiting the signatures of the new agent and the office manager."), "blue");
			frm.add_custom_button(__("Sign"), () => call("sign_reassignment")).addClass("btn-primary");
		}
	},
});
