// Agent departure (RA-5): a manager previews who takes each listing of an agent who leaves, then opens the
// reassignments, which the successors and the office manager sign.
frappe.listview_settings["Property Listing"] = {
	onload(listview) {
		if (!ownership_policies.is_manager()) return;
		listview.page.add_inner_button(__("Agent Departure"), () =>
			frappe.prompt(
				[{ fieldname: "agent", fieldtype: "Link", options: "User", label: __("Departing Agent"), reqd: 1 }],
				({ agent }) =>
					frappe.xcall("ownership_policies.api.agent_departure", { agent }).then((plan) => {
						if (!plan.length) return frappe.msgprint(__("{0} has no active listing.", [agent]));
						const rows = plan
							.map(
								(row) =>
									`<tr><td>${frappe.utils.escape_html(row.address)}</td><td>${frappe.utils.escape_html(
										row.successor
									)}</td><td>${frappe.utils.escape_html(row.why)}</td></tr>`
							)
							.join("");
						frappe.confirm(
							`<table class="table table-bordered"><tr><th>${__("Listing")}</th><th>${__("Successor")}</th><th>${__(
								"Why"
							)}</th></tr>${rows}</table>${__("Open these reassignments?")}`,
							() =>
								frappe
									.xcall("ownership_policies.api.agent_departure", { agent, apply: 1 })
									.then(() => listview.refresh())
						);
					}),
				__("Agent Departure"),
				__("Preview")
			)
		);
	},
};
