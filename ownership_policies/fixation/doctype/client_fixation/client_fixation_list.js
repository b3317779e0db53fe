frappe.listview_settings["Client Fixation"] = {
	add_fields: ["status", "expires_on"],
	get_indicator(doc) {
		const colors = { Active: "green", Expired: "grey", Cancelled: "red" };
		return [__(doc.status), colors[doc.status], "status,=," + doc.status];
	},
};
