frappe.listview_settings["Prescriber Attachment"] = {
	add_fields: ["verdict", "status"],
	get_indicator(doc) {
		if (doc.status === "Cancelled") return [__("Cancelled"), "grey", "status,=,Cancelled"];
		const color = ownership_policies.VERDICT_COLORS[doc.verdict];
		return [__(doc.verdict), color, "verdict,=," + doc.verdict];
	},
};
