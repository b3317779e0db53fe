// The app's shared desk code, loaded once on every desk page (hooks.py app_include_js); the doctype scripts
// (doctype_js, doctype_list_js and each doctype's own .js) call it.
frappe.provide("ownership_policies");

// Who may do what: the roles of each act, as the server checks them (ownership/roles.py ACTIONS, sent in the
// boot by roles.boot_session), so that a button is shown to exactly those the server lets act.
ownership_policies.may = function (action) {
	const roles = (frappe.boot.ownership_roles || {})[action] || [];
	return roles.some((role) => frappe.user.has_role(role));
};

ownership_policies.is_manager = () => ownership_policies.may("manage");

// A fact in the form's headline, under its own key: a refresh (a save, a reload) replaces it instead of adding
// it a second time, and the headline is orange only while a warning is in it; neutral facts are blue.
ownership_policies.set_fact = function (frm, key, html, color = "blue") {
	const message = frm.layout.message;
	message.find(`[data-ownership-fact="${key}"]`).remove();
	message.find(".close-message").remove(); // Frappe adds one with each message: one is enough
	if (html) {
		frm.layout.show_message(`<div data-ownership-fact="${key}" data-color="${color}">${html}</div>`, color);
	} else if (!message.children().length) {
		frm.layout.show_message();
		return;
	} else {
		$(`<div class="close-message">${frappe.utils.icon("close")}</div>`)
			.appendTo(message)
			.on("click", () => message.empty().addClass("hidden"));
	}
	const colors = message.find("[data-ownership-fact]").map((i, fact) => $(fact).attr("data-color")).get();
	const strongest = ["red", "orange"].find((warning) => colors.includes(warning)) || "blue";
	message.removeClass(frm.layout.message_color).addClass(strongest);
	frm.layout.message_color = strongest;
};

// Who holds each record protected by activity: a record with no one in it waits in a queue (LQ-2).
ownership_policies.OWNER_FIELDS = { Lead: "lead_owner", Customer: "account_manager", "Property Listing": "agent" };

// On every ownership-bearing form: who holds the record according to the ownership ledger, since when, until
// when and under which rule, and a Ledger button opening the record's Ownership History in plain words.
ownership_policies.show_holder = function (frm, reference_doctype = frm.doctype, reference_name = frm.doc.name) {
	if (frm.is_new() || !reference_name) return;
	ownership_policies.add_ledger_button(frm, reference_doctype, reference_name);
	const record = frm.doc.name;
	frappe
		.xcall("ownership_policies.api.who_owns", { reference_doctype, reference_name })
		.then((owner) => {
			if (!owner.holder || frm.doc.name !== record) return;
			const until = owner.until
				? __("until {0}", [frappe.datetime.str_to_user(owner.until)])
				: __("with no end date");
			ownership_policies.set_fact(
				frm,
				"holder",
				__("Held by {0} since {1}, {2} — {3}", [
					frappe.utils.escape_html(
						owner.holder_type === "User" ? frappe.user_info(owner.holder).fullname : owner.holder
					),
					frappe.datetime.str_to_user(owner.since),
					until,
					frappe.utils.escape_html(owner.why),
				]) + ` <span class="text-muted small">(${frappe.utils.escape_html(owner.rule)})</span>`,
				"blue"
			);
		});
};

// The Ledger button: the Ownership History report of one record, for those who may read it (roles.py).
ownership_policies.add_ledger_button = function (frm, reference_doctype, reference_name) {
	if (!ownership_policies.may("read_ownership_history")) return;
	frm.add_custom_button(__("Ledger"), () =>
		frappe.set_route("query-report", "Ownership History", { reference_doctype, reference_name })
	);
};

// On Lead and Customer forms: to which prescriber the contact is attached, since when, until when it is
// remunerable, or why it is not (PR-1 … PR-6).
ownership_policies.VERDICT_COLORS = {
	Remunerable: "green",
	"Not Remunerable": "blue",
	"Existing Client": "orange",
	"Double Prescription": "orange",
	"Already Attached": "grey",
};

ownership_policies.show_referral = function (frm) {
	if (frm.is_new() || !frappe.model.can_read("Prescriber Attachment")) return;
	const filters =
		frm.doctype === "Customer"
			? { customer: frm.doc.name, status: "Active" }
			: { reference_doctype: frm.doctype, reference_name: frm.doc.name, status: "Active" };
	const record = frm.doc.name;
	frappe
		.xcall("ownership_policies.api.referrals", {
			reference_doctype: frm.doctype,
			reference_name: frm.doc.name,
		})
		.then((attachments) => {
			if (!attachments.length || frm.doc.name !== record) return;
			const lines = attachments.map((a) =>
				__("Prescriber {0}, attached on {1}: {2} ({3}). {4}", [
					frappe.utils.escape_html(a.partner),
					frappe.datetime.str_to_user(a.attached_on),
					__(a.verdict),
					a.rule,
					frappe.utils.escape_html(a.reason),
				])
			);
			ownership_policies.set_fact(frm, "referral", lines.join("<br>"), ownership_policies.VERDICT_COLORS[attachments[0].verdict]);
			frm.add_custom_button(
				__("Prescriber Attachments"),
				() => frappe.set_route("List", "Prescriber Attachment", filters),
				__("View")
			);
		});
};

// Protection by activity (RA-1 … RA-4): on a Lead, Customer or Property Listing, until when the agent's last
// activity protects it, and for managers a Request Reassignment action.
ownership_policies.show_protection = function (frm) {
	if (frm.is_new() || !frm.doc.protected_until) return;
	const until = frappe.datetime.str_to_user(frm.doc.protected_until);
	const since = frappe.datetime.str_to_user(frm.doc.last_activity_on);
	const holder = frm.doc[ownership_policies.OWNER_FIELDS[frm.doctype]];
	const protected_now = frm.doc.protected_until >= frappe.datetime.get_today();
	let fact;
	if (!holder) {
		fact = __("No agent holds it yet: it waits in the queue. Protected until {0}, from {1}.", [until, since]);
	} else if (protected_now) {
		fact = __("Protected until {0}: its agent worked it on {1}.", [until, since]);
	} else {
		fact = __("Reassignable: no activity by its agent since {0}; protected until {1}.", [since, until]);
	}
	// a warning only to the agent who may lose it; to anyone else a fact
	const warning = holder && !protected_now && holder === frappe.session.user;
	ownership_policies.set_fact(frm, "protection", fact, warning ? "orange" : "blue");
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
				.then((answer) => {
					frappe.show_alert(
						{ message: frappe.utils.escape_html(answer.message), indicator: "green" },
						10
					);
					frappe.set_route("Form", "Reassignment Request", answer.request);
				}),
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

// while a Lead, Contact or Customer is typed (saved or not), the records of the same person the identity
// index knows, each with its status and who holds it now; exact matches (the same phone or email) marked.
// `person(frm)` reads the form's {phone, email, full_name, city, company_name}; `fields` are those it reads.
ownership_policies.watch_duplicates = function (doctype, fields, person) {
	const look = frappe.utils.debounce((frm) => ownership_policies.show_duplicates(frm, person), 500);
	const handlers = { refresh: look };
	for (const field of fields) handlers[field] = look;
	frappe.ui.form.on(doctype, handlers);
	return look;
};

ownership_policies.show_duplicates = function (frm, person) {
	const typed = ownership_policies.typed_person(person(frm));
	const asked = JSON.stringify([frm.doctype, frm.doc.name, typed]);
	if (frm.__duplicates_asked === asked) return;
	frm.__duplicates_asked = asked;
	if (!typed.phone && !typed.email && !typed.full_name) {
		ownership_policies.set_fact(frm, "duplicates", "");
		return;
	}
	frappe.call({
		method: "ownership_policies.api.find_duplicates",
		args: { doctype: frm.doctype, name: frm.is_new() ? undefined : frm.doc.name, ...typed },
		silent: true, // a number half typed is not yet one: the panel waits for the next keystroke
		callback: (r) => {
			if (frm.__duplicates_asked !== asked) return;
			const matches = r.message || [];
			ownership_policies.set_fact(
				frm,
				"duplicates",
				matches.length ? ownership_policies.duplicates_html(matches, frm) : "",
				matches.some((match) => match.exact) ? "orange" : "blue"
			);
			frm.layout.message.find("[data-merge-into]").on("click", (event) => {
				event.preventDefault();
				const match = matches[$(event.currentTarget).attr("data-merge-into")];
				ownership_policies.merge_into(frm, match);
			});
		},
		error: () => {},
	});
};

// What is worth looking up yet: a phone of six digits or more, an email with its domain, a name.
ownership_policies.typed_person = function (values) {
	const text = (value) => (value || "").trim();
	const typed = {};
	if (text(values.phone).replace(/\D/g, "").length >= 6) typed.phone = text(values.phone);
	if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(text(values.email))) typed.email = text(values.email);
	if (text(values.full_name).length >= 2) typed.full_name = text(values.full_name);
	for (const key of ["city", "company_name"]) if (text(values[key]) && typed.full_name) typed[key] = text(values[key]);
	return typed;
};

// What a manager may merge this record into (merge_records): a Lead into a Lead or a Customer, a Contact into a
// Contact, once the record is saved.
ownership_policies.mergeable = function (frm, match) {
	if (frm.is_new() || !ownership_policies.is_manager()) return false;
	const into = { Lead: ["Lead", "Customer"], Contact: ["Contact"] }[frm.doctype] || [];
	return into.includes(match.doctype);
};

ownership_policies.merge_into = function (frm, match) {
	const escape = frappe.utils.escape_html;
	frappe.confirm(
		__(
			"Merge {0} into {1} {2}? Every document linked to {0} will point at {2}, who holds the client is decided by the rules, and {0} is disabled. The merge can be undone from its Merge Log.",
			[escape(frm.doc.name), escape(__(match.doctype)), escape(match.title)]
		),
		() =>
			frappe.call({
				method: "ownership_policies.api.merge_records",
				args: { doctype: frm.doctype, keep: match.name, merge: frm.doc.name, keep_doctype: match.doctype },
				freeze: true,
				callback: (r) => {
					frappe.show_alert({
						message: __("Merged into {0}. Undo it from Merge Log {1}.", [
							escape(match.title),
							escape(r.message.merge_log),
						]),
						indicator: "green",
					});
					frappe.set_route("Form", match.doctype, r.message.kept);
				},
			})
	);
};

ownership_policies.duplicates_html = function (matches, frm) {
	const escape = frappe.utils.escape_html;
	const lines = matches.map((match, index) => {
		const link = `<a href="/app/${frappe.router.slug(match.doctype)}/${encodeURIComponent(match.name)}">${escape(
			__(match.doctype)
		)} ${escape(match.title)}</a>`;
		const facts = [
			match.exact ? `<b>${__("Same person")}</b>` : __("Similar"),
			match.status ? escape(__(match.status)) : "",
			match.holder ? __("held by {0}", [escape(match.holder_name || match.holder)]) : __("held by no one"),
			__("matched on {0}", [match.matched_on.map((kind) => __(kind)).join(", ")]),
		];
		const merge =
			frm && ownership_policies.mergeable(frm, match)
				? ` · <a href="#" data-merge-into="${index}">${__("Merge into this")}</a>`
				: "";
		return `<li data-duplicate="${escape(match.name)}">${link}: ${facts.filter(Boolean).join(" · ")}${merge}</li>`;
	});
	return `${__("Possibly the same person (X-7):")}<ul class="mb-0">${lines.join("")}</ul>`;
};
