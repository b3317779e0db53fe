// A client's request: the request types of the settings, why it went to its advisor (or to no one yet), and
// Close for sales managers (AR-1 … AR-6).
frappe.ui.form.on("Client Request", {
	onload(frm) {
		frm.set_df_property("request_type", "options", (frm.doc.__onload || {}).request_types || []);
	},
	refresh(frm) {
		if (frm.is_new()) return;
		ownership_policies.show_holder(frm);
		frm.toggle_display("routing_reason", false); // kept as its rule and reason; the headline reads it
		const why = (frm.doc.__onload || {}).routing_reason;
		if (why) {
			frm.dashboard.set_headline_alert(
				frappe.utils.escape_html(why),
				frm.doc.routed_advisor ? "blue" : "orange"
			);
		}
		if (ownership_policies.is_manager() && frm.doc.status !== "Closed") {
			frm.add_custom_button(__("Close"), () =>
				frappe
					.xcall("ownership_policies.api.close_client_request", { request: frm.doc.name })
					.then(() => frm.reload_doc())
			);
		}
	},
});
