// Duplicates: the groups of records of one person the duplicate scan found. A manager merges a record into
// another of its group from its row (ownership_policies.api.merge_records), and starts the scan again.
frappe.query_reports["Duplicates"] = {
	filters: [
		{
			fieldname: "status",
			label: __("Status"),
			fieldtype: "Select",
			options: [
				{ value: "Open", label: __("Open") },
				{ value: "Closed", label: __("Closed") },
				{ value: "", label: __("All") },
			],
			default: "Open",
		},
		{
			fieldname: "record_doctype",
			label: __("Record Type"),
			fieldtype: "Select",
			options: ["", "Lead", "Contact", "Customer"].map((value) => ({ value, label: value ? __(value) : "" })),
		},
		{ fieldname: "owner", label: __("Agent"), fieldtype: "Link", options: "User" },
		{ fieldname: "office", label: __("Office"), fieldtype: "Data" },
		{ fieldname: "source", label: __("Source"), fieldtype: "Link", options: "Lead Source" },
		{ fieldname: "from_date", label: __("Entered From"), fieldtype: "Date" },
		{ fieldname: "to_date", label: __("Entered To"), fieldtype: "Date" },
		{
			fieldname: "matched_on",
			label: __("Matched On"),
			fieldtype: "Select",
			options: [
				{ value: "", label: "" },
				{ value: "Phone", label: __("Phone") },
				{ value: "Email", label: __("Email") },
			],
		},
		{
			fieldname: "chart_by",
			label: __("Chart By"),
			fieldtype: "Select",
			options: [
				{ value: "Week", label: __("Week") },
				{ value: "Source", label: __("Source") },
			],
			default: "Week",
		},
	],
	formatter(value, row, column, data, default_formatter) {
		if (column.fieldname === "merge" && data && (data.merge_into || []).length) {
			return `<button class="btn btn-xs btn-default x7-merge" data-group="${encodeURIComponent(data.group)}"
				data-record="${encodeURIComponent(data.record)}">${__("Merge…")}</button>`;
		}
		return default_formatter(value, row, column, data);
	},
	onload(report) {
		report.page.add_inner_button(__("Find Duplicates"), () =>
			frappe.call("ownership_policies.api.scan_duplicates").then((r) => frappe.show_alert(r.message.message)),
		);
		report.page.wrapper.on("click", ".x7-merge", (event) => {
			const { group, record } = event.currentTarget.dataset;
			const row = (report.data || []).find(
				(r) => r.group === decodeURIComponent(group) && r.record === decodeURIComponent(record),
			);
			if (row) merge_dialog(report, row);
		});
	},
};

function merge_dialog(report, row) {
	const targets = row.merge_into;
	const dialog = new frappe.ui.Dialog({
		title: __("Merge {0}", [frappe.utils.escape_html(row.title)]),
		fields: [
			{
				fieldname: "keep",
				label: __("Merge it into"),
				fieldtype: "Select",
				reqd: 1,
				options: targets.map((t, i) => ({ value: String(i), label: `${__(t.doctype)} ${t.name}: ${t.title}` })),
				default: "0",
				description: __("The record merged is disabled, not deleted; everything linked to it moves. A merge can be undone from its Merge Log."),
			},
		],
		primary_action_label: __("Merge"),
		primary_action({ keep }) {
			const target = targets[Number(keep)];
			frappe
				.call({
					method: "ownership_policies.api.merge_records",
					args: { doctype: row.record_doctype, merge: row.record, keep: target.name, keep_doctype: target.doctype },
					freeze: true,
				})
				.then((r) => {
					dialog.hide();
					frappe.show_alert({
						message: __("Merged into {0}. {1}", [
							frappe.utils.escape_html(target.name),
							`<a href="/app/merge-log/${encodeURIComponent(r.message.merge_log)}">${__("Open its Merge Log")}</a>`,
						]),
						indicator: "green",
					});
					report.refresh();
				});
		},
	});
	dialog.show();
}
