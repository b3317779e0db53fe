// Shows, on the Lead form, who holds the lead according to the ownership ledger; the prescriber the lead
// is attached to (both with ownership.js); the client's other open files (LQ-1); and the hand-off to
// the credit analysts (LQ-10); the request types that make a financing client (LQ-6).
frappe.ui.form.on("Lead", {
	onload(frm) {
		frm.set_df_property("request_type", "options", (frm.doc.__onload || {}).request_types || []);
	},
	refresh(frm) {
		frm.dashboard.clear_headline();
		if (frm.is_new()) return;
		ownership_policies.show_referral(frm);
		show_other_open_files(frm);
		ownership_policies.show_protection(frm);
		if (frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Hand Off to Credit Analysts"), () => hand_off(frm), __("Action"));
		}
		ownership_policies.show_holder(frm);
	},
});

function show_other_open_files(frm) {
	const lead = frm.doc.name;
	frappe.xcall("ownership_policies.api.other_open_files", { lead }).then((files) => {
		if (!files.length || frm.doc.name !== lead) return;
		const links = files.map(
			(file) =>
				`<a href="/app/${frappe.router.slug(file.doctype)}/${encodeURIComponent(file.name)}">${__(
					file.doctype
				)} ${frappe.utils.escape_html(file.title || file.name)}</a>` +
				(file.status ? ` (${__(file.status)})` : "")
		);
		ownership_policies.set_fact(
			frm,
			"open_files",
			__("This client has other open files: {0}. Check them before working this lead (LQ-1).", [
				links.join(", "),
			]),
			"orange"
		);
	});
}

function hand_off(frm) {
	frappe.prompt(
		[
			{ fieldname: "credit_file_number", fieldtype: "Data", label: __("Credit file number"), reqd: 1 },
			{ fieldname: "language", fieldtype: "Link", options: "Language", label: __("Language"), reqd: 1 },
			{ fieldname: "reasons", fieldtype: "Small Text", label: __("Reasons for the hand-off"), reqd: 1 },
		],
		(values) =>
			frappe
				.xcall("ownership_policies.api.hand_off_to_analysts", { lead: frm.doc.name, ...values })
				.then(() => frm.reload_doc()),
		__("Hand Off to Credit Analysts"),
		__("Send")
	);
}

// The records of the same person as the lead being typed (X-7, with ownership.js).
ownership_policies.watch_duplicates(
	"Lead",
	["first_name", "middle_name", "last_name", "lead_name", "email_id", "mobile_no", "phone", "whatsapp_no", "city", "company_name"],
	(frm) => ({
		phone: frm.doc.mobile_no || frm.doc.phone || frm.doc.whatsapp_no,
		email: frm.doc.email_id,
		full_name: [frm.doc.first_name, frm.doc.middle_name, frm.doc.last_name].filter(Boolean).join(" ") || frm.doc.lead_name,
		city: frm.doc.city,
		company_name: frm.doc.company_name,
	})
);
