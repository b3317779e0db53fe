// On Lead and Customer forms: to which prescriber the contact is attached, since when, until when it is
// remunerable, or why it is not (PR-1 … PR-6).
frappe.provide("ownership_policies");

ownership_policies.VERDICT_COLORS = {
	Remunerable: "green",
	"Not Remunerable": "blue",
	"Existing Client": "orange",
	"Double Prescription": "orange",
	"Already Attached": "grey",
};

ownership_policies.show_referral = function (frm) {
	if (frm.is_new() || !frappe.model.can_read("Prescriber Attachment")) return;
	const filters =
		frm.doctype === "Customer"
			? { customer: frm.doc.name, status: "Active" }
			: { reference_doctype: frm.doctype, reference_name: frm.doc.name, status: "Active" };
	const record = frm.doc.name;
	frappe.db
		.get_list("Prescriber Attachment", {
			filters,
			fields: ["name", "partner", "verdict", "rule", "attached_on", "reason"],
			order_by: "attached_on asc",
		})
		.then((attachments) => {
			if (!attachments.length || frm.doc.name !== record) return;
			const lines = attachments.map((a) =>
				__("Prescriber {0}, attached on {1}: {2} ({3}). {4}", [
					frappe.utils.escape_html(a.partner),
					frappe.datetime.str_to_user(a.attached_on),
					__(a.verdict),
					a.rule,
					frappe.utils.escape_html(a.reason),
				])
			);
			frm.set_intro(lines.join("<br>"), ownership_policies.VERDICT_COLORS[attachments[0].verdict]);
			frm.add_custom_button(
				__("Prescriber Attachments"),
				() => frappe.set_route("List", "Prescriber Attachment", filters),
				__("View")
			);
		});
};
