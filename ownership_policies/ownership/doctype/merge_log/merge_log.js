// Merge Log: what one merge changed, and its undo, for those who may merge (roles.py "manage").
frappe.ui.form.on("Merge Log", {
	refresh(frm) {
		frm.set_intro(headline(frm.doc), frm.doc.status === "Merged" ? "blue" : "orange");
		if (frm.doc.status === "Merged" && ownership_policies.may("manage")) {
			frm.add_custom_button(__("Undo Merge"), () => undo(frm)).addClass("btn-primary");
		}
	},
});

function headline(doc) {
	const merged = frappe.utils.escape_html(doc.merged_name);
	const kept = frappe.utils.escape_html(doc.kept_name);
	if (doc.status === "Merged") {
		return __("{0} was merged into {1} on {2}.", [merged, kept, frappe.datetime.str_to_user(doc.merged_on)]);
	}
	return __("The merge of {0} into {1} was undone on {2}.", [
		merged,
		kept,
		frappe.datetime.str_to_user(doc.undone_on),
	]);
}

function undo(frm) {
	frappe.confirm(
		__("Put back every link, field and state this merge changed? What was changed since stays as it is."),
		() =>
			frappe
				.call({
					method: "ownership_policies.api.unmerge_records",
					args: { merge_log: frm.doc.name },
					freeze: true,
				})
				.then(({ message }) => {
					const refused = message.refused || [];
					frappe.msgprint({
						title: __("Merge Undone"),
						indicator: refused.length ? "orange" : "green",
						message: [
							__("{0} values put back.", [message.restored.length]),
							...refused.map((row) => frappe.utils.escape_html(row.reason)),
						].join("<br>"),
					});
					frm.reload_doc();
				})
	);
}
