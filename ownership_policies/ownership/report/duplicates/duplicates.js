// Duplicates: the groups of records of one person the duplicate scan found. A manager merges a record into
// another of its group from its row (ownership_policies.api.merge_records), marks an open group Not the Same
// Person from its first row (or reopens one so marked), and starts the scan again.
const API = "ownership_policies.api";
frappe.query_reports["Duplicates"] = {
	filters: [
		{
			fieldname: "status",
			label: __("Status"),
			fieldtype: "Select",
			options: [
				{ value: "Open", label: __("Open") },
				{ value: "Closed", label: __("Closed") },
				{ value: "Not the Same Person", label: __("Not the Same Person") },
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
		if (column.fieldname === "group_action" && data && data.group_action) {
			const label = data.group_action === "mark" ? __("Not the Same Person…") : __("Reopen");
			return `<button class="btn btn-xs btn-default x7-${data.group_action}"
				data-group="${encodeURIComponent(data.group)}">${label}</button>`;
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
		report.page.wrapper.on("click", ".x7-mark", (event) =>
			mark_dialog(report, decodeURIComponent(event.currentTarget.dataset.group)),
		);
		report.page.wrapper.on("click", ".x7-reopen", (event) =>
			reopen(report, decodeURIComponent(event.currentTarget.dataset.group)),
		);
	},
};

function mark_dialog(report, group) {
	const dialog = new frappe.ui.Dialog({
		title: __("Not the Same Person"),
		fields: [
			{
				fieldname: "reason",
				label: __("Reason"),
				fieldtype: "Small Text",
				description: __(
					"These records are different people (namesakes sharing a household phone, a company's switchboard): a scan keeps the group so, and they are no longer offered as each other's duplicates. The mark can be taken back.",
				),
			},
		],
		primary_action_label: __("Mark Not the Same Person"),
		primary_action({ reason }) {
			frappe
				.call({ method: `${API}.mark_not_same_person`, args: { group, reason }, freeze: true })
				.then(() => {
					dialog.hide();
					frappe.show_alert({ message: __("Marked Not the Same Person."), indicator: "green" });
					report.refresh();
				});
		},
	});
	dialog.show();
}

function reopen(report, group) {
	frappe.confirm(__("Reopen this group? Its records are offered as each other's duplicates again."), () =>
		frappe.call({ method: `${API}.reopen_group`, args: { group }, freeze: true }).then(() => {
			frappe.show_alert({ message: __("Reopened."), indicator: "green" });
			report.refresh();
		}),
	);
}

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
