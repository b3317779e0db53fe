// Manager B answers within the deadline (accept, or reject with a guarantee of service); the new agent and the
// office manager sign (RA-3, RA-4, RA-10). The form says who must act now, offers each act only to who may do
// it, and says after each what changed.
frappe.ui.form.on("Reassignment Request", {
	refresh(frm) {
		if (frm.is_new()) return;
		// the record asked for: who holds it now
		ownership_policies.show_holder(frm, frm.doc.reference_doctype, frm.doc.reference_name);
		const names = (frm.doc.__onload || {}).names || {};
		const name = (user) => frappe.utils.escape_html(names[user] || user || "");
		const call = (method, args) =>
			frappe.xcall(`ownership_policies.api.${method}`, { request: frm.doc.name, ...args }).then((answer) => {
				frappe.show_alert({ message: frappe.utils.escape_html(answer.message), indicator: "green" }, 10);
				frm.reload_doc();
			});
		const signing = (frm.doc.__onload || {}).signing || {};
		if (frm.doc.status === "Pending") {
			const answers = frappe.session.user === frm.doc.owning_manager || ownership_policies.may("answer_any_reassignment");
			ownership_policies.set_fact(
				frm,
				"request",
				__("{0} answers by {1}; no answer grants the request to {2}.", [
					name(frm.doc.owning_manager),
					frappe.datetime.str_to_user(frm.doc.respond_by),
					name(frm.doc.requesting_manager),
				]),
				answers ? "orange" : "blue"
			);
			if (answers) {
				frm.add_custom_button(__("Accept"), () => call("answer_reassignment", { accept: 1 })).addClass("btn-primary");
				frm.add_custom_button(__("Reject"), () =>
					frappe.prompt(
						[
							{
								fieldname: "guarantee",
								fieldtype: "Small Text",
								label: __("Guarantee of Service"),
								description: __(
									"To keep the client, say how your office will serve them from now on: who calls them back, by when, and what they will be offered. The requesting manager reads it (RA-3, RA-4)."
								),
								reqd: 1,
							},
						],
						({ guarantee }) => call("answer_reassignment", { accept: 0, guarantee }),
						__("Keep the Client"),
						__("Reject")
					)
				);
			}
		} else if (frm.doc.status === "Awaiting Signatures") {
			ownership_policies.set_fact(
				frm,
				"request",
				__("Still to sign: {0}. The record moves to {1} with the second signature (RA-10).", [
					frappe.utils.escape_html((signing.still_to_sign || []).join(", ")),
					name(frm.doc.new_agent),
				]),
				signing.may_sign ? "orange" : "blue"
			);
			if (signing.may_sign) {
				frm.add_custom_button(__("Sign"), () => call("sign_reassignment")).addClass("btn-primary");
			}
		} else if (frm.doc.status === "Granted") {
			ownership_policies.set_fact(
				frm,
				"request",
				__("Granted: signed by {0} and {1}; the record moved to {2}.", [
					name(frm.doc.agent_signed_by),
					name(frm.doc.manager_signed_by),
					name(frm.doc.new_agent),
				])
			);
		} else if (frm.doc.status === "Rejected") {
			ownership_policies.set_fact(
				frm,
				"request",
				__("Kept by {0}, with this guarantee of service: {1}", [
					name(frm.doc.answered_by),
					frappe.utils.escape_html(frm.doc.guarantee || ""),
				])
			);
		}
	},
});
