// Duplicate Group: a sales manager marks an open group Not the Same Person, with an optional reason, or
// reopens one so marked (roles.py "manage"); the mark's who, when and why show on the form and its timeline.
const API = "ownership_policies.api";

frappe.ui.form.on("Duplicate Group", {
	refresh(frm) {
		if (frm.doc.status === "Not the Same Person") {
			frm.set_intro(
				__("Marked Not the Same Person by {0} on {1}.", [
					frappe.utils.escape_html(frappe.user.full_name(frm.doc.marked_by)),
					frappe.datetime.str_to_user(frm.doc.marked_on),
				]),
				"blue",
			);
		}
		if (!ownership_policies.may("manage")) return;
		if (frm.doc.status === "Open") {
			frm.add_custom_button(__("Not the Same Person"), () => mark(frm));
		} else if (frm.doc.status === "Not the Same Person") {
			frm.add_custom_button(__("Reopen"), () => reopen(frm));
		}
	},
});

function mark(frm) {
	frappe.prompt(
		[{ fieldname: "reason", label: __("Reason"), fieldtype: "Small Text" }],
		({ reason }) =>
			frappe
				.call({ method: `${API}.mark_not_same_person`, args: { group: frm.doc.name, reason }, freeze: true })
				.then(() => frm.reload_doc()),
		__("Not the Same Person"),
		__("Mark Not the Same Person"),
	);
}

function reopen(frm) {
	frappe.confirm(__("Reopen this group? Its records are offered as each other's duplicates again."), () =>
		frappe
			.call({ method: `${API}.reopen_group`, args: { group: frm.doc.name }, freeze: true })
			.then(() => frm.reload_doc()),
	);
}
