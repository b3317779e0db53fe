// Client Fixation: who holds the client and how long is left (FX-3 … FX-9), and the manager's Record Meeting.
frappe.ui.form.on("Client Fixation", {
	after_save(frm) {
		if (frm.doc.status !== "Active" || frm.doc.stages.length !== 1) return; // just fixed
		say_what_changed(
			__("{0} is fixed to {1} until {2}; their manager is {3}.", [
				frappe.utils.escape_html(frm.doc.client_name),
				frappe.utils.escape_html(frm.doc.agency),
				frappe.datetime.str_to_user(frm.doc.expires_on),
				frappe.utils.escape_html(frappe.user.full_name(frm.doc.manager)),
			])
		);
	},
	refresh(frm) {
		if (frm.is_new()) {
			frm.set_intro(
				__("Fill in the agency, the client's phone and full name, then save: the client is fixed only if free."),
				"blue"
			);
			return;
		}
		frm.set_intro(headline(frm.doc), indicator_color(frm.doc));
		if (frm.doc.lead) ownership_policies.add_ledger_button(frm, frm.doctype, frm.doc.name);
		if (frm.doc.status === "Active" && ownership_policies.may("record_meeting")) {
			frm.add_custom_button(__("Record Meeting"), () => record_meeting(frm)).addClass("btn-primary");
		}
		if (frm.doc.status === "Active" && ownership_policies.may("cancel_fixation")) {
			frm.add_custom_button(__("Cancel Fixation"), () => cancel_fixation(frm));
		}
	},
});

function headline(doc) {
	const until = frappe.datetime.str_to_user(doc.expires_on);
	if (doc.status !== "Active") {
		return __("{0} since {1}.", [__(doc.status), until]);
	}
	const left = moment(frappe.datetime.convert_to_user_tz(doc.expires_on)).diff(moment(), "minutes");
	if (left <= 0) {
		return __("Time is up ({0}); the fixation expires at the next run of the expiry job.", [until]);
	}
	return __("Fixed to {0} until {1}: {2} left ({3} stage).", [
		frappe.utils.escape_html(doc.agency),
		until,
		duration_in_words(left),
		__(doc.stage),
	]);
}

// "6 days and 23 hours", "6 дней и 23 часа": the units, their plural forms and the "and" of the user's language,
// from the browser's Intl; days and hours, or hours and minutes under a day.
function duration_in_words(minutes) {
	const lang = frappe.boot.lang || "en";
	const amount = (value, unit) =>
		new Intl.NumberFormat(lang, { style: "unit", unit, unitDisplay: "long" }).format(value);
	const days = Math.floor(minutes / 1440);
	const hours = Math.floor((minutes % 1440) / 60);
	const parts = days
		? [amount(days, "day"), hours && amount(hours, "hour")]
		: [hours && amount(hours, "hour"), amount(minutes % 60, "minute")];
	return new Intl.ListFormat(lang, { style: "long", type: "conjunction" }).format(parts.filter(Boolean));
}

function indicator_color(doc) {
	if (doc.status !== "Active") return "grey";
	const hours = moment(frappe.datetime.convert_to_user_tz(doc.expires_on)).diff(moment(), "hours");
	return hours < 24 ? "orange" : "green";
}

function record_meeting(frm) {
	frappe.prompt(
		[
			{
				fieldname: "remote",
				fieldtype: "Check",
				label: __("Remote client (another city)"),
				description: __("A scan of the signed selection act stands for the meeting: 14 days instead of 7."),
			},
		],
		(values) =>
			frm.call("record_meeting", { remote: values.remote }).then(({ message }) => {
				say_what_changed(
					__("Meeting recorded: the fixation of {0} to {1} now runs until {2}; the agency is told.", [
						frappe.utils.escape_html(frm.doc.client_name),
						frappe.utils.escape_html(frm.doc.agency),
						frappe.datetime.str_to_user(message.expires_on),
					])
				);
				frm.reload_doc();
			}),
		__("Record Meeting"),
		__("Confirm")
	);
}

function cancel_fixation(frm) {
	frappe.prompt(
		[{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 }],
		({ reason }) =>
			frappe
				.xcall("ownership_policies.api.cancel_fixation", { fixation: frm.doc.name, reason })
				.then(() => {
					say_what_changed(
						__("The fixation of {0} to {1} is cancelled: the client is free again and the agency is told.", [
							frappe.utils.escape_html(frm.doc.client_name),
							frappe.utils.escape_html(frm.doc.agency),
						])
					);
					frm.reload_doc();
				}),
		__("Cancel the fixation: the client is free again and the agency is told"),
		__("Cancel Fixation")
	);
}

// After each act, what changed, for the one who did it.
function say_what_changed(message) {
	frappe.show_alert({ message, indicator: "green" }, 10);
}
