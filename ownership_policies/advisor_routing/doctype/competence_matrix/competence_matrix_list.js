// Boosters (AR-8): a manager previews how a batch of orphan clients would be shared among the volunteers, in
// proportion to their score, then applies it.
frappe.listview_settings["Competence Matrix"] = {
	onload(listview) {
		if (!ownership_policies.is_manager()) return;
		listview.page.add_inner_button(__("Boosters"), () =>
			frappe.prompt(
				[{ fieldname: "batch_size", fieldtype: "Int", label: __("Orphan Clients"), default: 20, reqd: 1 }],
				({ batch_size }) => preview(batch_size),
				__("Boosters"),
				__("Preview")
			)
		);
	},
};

function preview(batch_size) {
	frappe.xcall("ownership_policies.api.preview_boosters", { batch_size }).then((plan) => {
		if (!plan.length) {
			frappe.msgprint(__("There is no orphan client to share."));
			return;
		}
		const rows = plan
			.map(
				(row) =>
					`<tr><td>${frappe.utils.escape_html(row.customer_name || row.customer)}</td><td>${frappe.utils.escape_html(
						row.advisor
					)}</td></tr>`
			)
			.join("");
		frappe.confirm(
			`<table class="table table-bordered"><tr><th>${__("Customer")}</th><th>${__(
				"Advisor"
			)}</th></tr>${rows}</table>${__("Give these clients to these advisors?")}`,
			() =>
				frappe
					.xcall("ownership_policies.api.apply_boosters", { batch_size })
					.then((applied) =>
						frappe.show_alert({ message: __("{0} clients given.", [applied.length]), indicator: "green" })
					)
		);
	});
}
