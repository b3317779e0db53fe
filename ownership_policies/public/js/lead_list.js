// Lead list: the priority tier as a coloured pill; "Next Lead", which hands the caller the next lead of the
// queue (LQ-2); "Reassignable", the leads no longer protected (RA-2). Extends ERPNext's own list settings.
(() => {
	const TIER_COLORS = { Platinum: "purple", Gold: "yellow", Silver: "gray", Bronze: "orange" };
	const settings = (frappe.listview_settings["Lead"] = frappe.listview_settings["Lead"] || {});
	const erpnext_onload = settings.onload;

	settings.add_fields = [...(settings.add_fields || []), "priority_tier"];
	settings.formatters = {
		...(settings.formatters || {}),
		priority_tier(value) {
			if (!value) return "";
			const color = TIER_COLORS[value] || "blue";
			return `<span class="indicator-pill ${color}">${__(value)}</span>`;
		},
	};
	settings.onload = function (listview) {
		if (erpnext_onload) erpnext_onload(listview);
		if (!ownership_policies.may("take_lead")) return;
		listview.page
			.add_inner_button(__("Next Lead"), () =>
				frappe.xcall("ownership_policies.api.next_lead").then(({ lead, lead_name, priority_tier }) => {
					if (lead) {
						frappe.show_alert(
							{
								message: priority_tier
									? __("{0} ({1}, {2} tier) is yours now: the next lead of the queue.", [
											frappe.utils.escape_html(lead_name || lead),
											lead,
											__(priority_tier),
									  ])
									: __("{0} ({1}) is yours now: the next lead of the queue.", [
											frappe.utils.escape_html(lead_name || lead),
											lead,
									  ]),
								indicator: "green",
							},
							10
						);
						frappe.set_route("Form", "Lead", lead);
					} else {
						frappe.msgprint(__("The queue is empty: every open lead has an owner."));
					}
				})
			)
			.addClass("btn-primary");
	};
	ownership_policies.add_reassignable_filter("Lead");
})();
