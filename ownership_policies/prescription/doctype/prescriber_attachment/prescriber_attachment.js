// Prescriber Attachment: the verdict in plain words, the ledger of the referred record, and a manager's Cancel.
frappe.ui.form.on("Prescriber Attachment", {
	refresh(frm) {
		frm.toggle_display("reason", false); // kept as its rule and parameters; the intro reads it
		const color =
			frm.doc.status === "Cancelled" ? "grey" : ownership_policies.VERDICT_COLORS[frm.doc.verdict];
		frm.set_intro(
			frm.doc.status === "Cancelled"
				? __("Cancelled: {0}", [frappe.utils.escape_html(frm.doc.cancellation_reason)])
				: __("{0} ({1}). {2}", [
						__(frm.doc.verdict),
						frm.doc.rule,
						frappe.utils.escape_html((frm.doc.__onload || {}).reason || ""),
				  ]),
			color
		);
		ownership_policies.add_ledger_button(frm, frm.doc.reference_doctype, frm.doc.reference_name);
		if (frm.doc.status === "Active" && ownership_policies.may("cancel_attachment")) {
			frm.add_custom_button(__("Cancel Attachment"), () => cancel_attachment(frm));
		}
	},
});

function cancel_attachment(frm) {
	frappe.prompt(
		[{ fieldname: "reason", fieldtype: "Small Text", label: __("Cancellation Reason"), reqd: 1 }],
		(values) =>
			frappe
				.xcall("ownership_policies.api.cancel_attachment", {
					attachment: frm.doc.name,
					reason: values.reason,
				})
				.then(() => frm.reload_doc()),
		__("Cancel Attachment"),
		__("Cancel Attachment")
	);
}
