// Protection by activity (RA-1 … RA-4): on a Lead, Customer or Property Listing, until when the agent's last
// activity protects it, and for managers a Request Reassignment action.
frappe.provide("ownership_policies");

ownership_policies.MANAGING_ROLES = ["Sales Manager", "Ownership Administrator", "System Manager"];

ownership_policies.is_manager = () =>
	ownership_policies.MANAGING_ROLES.some((role) => frappe.user.has_role(role));

ownership_policies.show_protection = function (frm) {
	if (frm.is_new() || !frm.doc.protected_until) return;
	const until = frappe.datetime.str_to_user(frm.doc.protected_until);
	const protected_now = frm.doc.protected_until >= frappe.datetime.get_today();
	frm.dashboard.add_comment(
		protected_now
			? __("Protected until {0}: its agent worked it on {1}.", [
					until,
					frappe.datetime.str_to_user(frm.doc.last_activity_on),
			  ])
			: __("Reassignable: no activity by its agent since {0}; protected until {1}.", [
					frappe.datetime.str_to_user(frm.doc.last_activity_on),
					until,
			  ]),
		protected_now ? "blue" : "orange",
		true
	);
	if (ownership_policies.is_manager()) {
		frm.add_custom_button(__("Request Reassignment"), () => ownership_policies.request_reassignment(frm), __("Action"));
	}
};

ownership_policies.request_reassignment = function (frm) {
	const listing = frm.doctype === "Property Listing";
	const reasons = listing ? ["Owner Asks Another Office", "Agent Departure"] : ["Inactivity", "Client's Wish", "Agent Departure"];
	frappe.prompt(
		[
			{
				fieldname: "reason",
				fieldtype: "Select",
				label: __("Reason"),
				options: reasons.map((value) => ({ value, label: __(value) })),
				reqd: 1,
			},
			{ fieldname: "new_agent", fieldtype: "Link", options: "User", label: __("New Agent"), default: frappe.session.user, reqd: 1 },
			{
				fieldname: "client_wish_confirmed",
				fieldtype: "Check",
				label: __("Client's Wish Confirmed"),
				depends_on: "eval:doc.reason==\"Client's Wish\"",
				description: __("You spoke with the client, who wants another agent (RA-4)."),
			},
		],
		(values) =>
			frappe
				.xcall("ownership_policies.api.request_reassignment", {
					reference_doctype: frm.doctype,
					reference_name: frm.doc.name,
					...values,
				})
				.then((answer) => frappe.set_route("Form", "Reassignment Request", answer.request)),
		__("Request Reassignment"),
		__("Send")
	);
};

// A list's "Reassignable" button: the records no longer protected (RA-2).
ownership_policies.add_reassignable_filter = function (doctype) {
	const settings = (frappe.listview_settings[doctype] = frappe.listview_settings[doctype] || {});
	const previous_onload = settings.onload;
	settings.onload = function (listview) {
		if (previous_onload) previous_onload(listview);
		listview.page.add_inner_button(__("Reassignable"), () =>
			listview.filter_area.add([[doctype, "protected_until", "<", frappe.datetime.get_today()]])
		);
	};
};
