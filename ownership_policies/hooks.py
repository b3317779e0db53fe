app_name = "ownership_policies"
app_title = "Ownership Policies"
app_publisher = "ownership_policies contributors"
app_description = "Expiring, explainable client ownership for ERPNext, with a ledger"
app_email = "ownership-policies@users.noreply.github.com"
app_license = "MIT"
required_apps = ["frappe/erpnext"]  # org/repo form: the installer resolves a bare name on GitHub

export_python_type_annotations = True

after_install = "ownership_policies.setup.install.after_install"
after_migrate = "ownership_policies.setup.install.after_migrate"
before_uninstall = "ownership_policies.setup.install.before_uninstall"
setup_wizard_complete = "ownership_policies.setup.install.keep_jobs_due"  # the jobs run on time (FX-5)

# The shared desk code (the ownership_policies namespace: who holds a record, referrals, protection, and
# `may()`, which reads the roles of ownership/roles.py that the boot sends), once on every desk page; a plain
# file of the app's public folder, no build step. ERPNext's own forms and lists get their scripts per doctype.
app_include_js = "/assets/ownership_policies/js/ownership.js"
boot_session = "ownership_policies.ownership.roles.boot_session"
doctype_js = {
	"Lead": "public/js/lead.js",
	"Customer": "public/js/customer.js",
	"Contact": "public/js/contact.js",
}
doctype_list_js = {"Lead": "public/js/lead_list.js", "Customer": "public/js/customer_list.js"}

# X-5: partners' staff have no desk; their page is the free/busy check with their own fixations and referrals.
role_home_page = {"Ownership Partner": "client-check"}
# a partner's request is checked against an allowlist once authenticated (cookie, API keys, OAuth) and
# before its handler runs; no traceback is answered to a partner or a visitor; its membership is staff's.
auth_hooks = ["ownership_policies.ownership.boundary.guard"]
override_whitelisted_methods = {"frappe.client.get_count": "ownership_policies.ownership.counts.get_count"}
after_request = [
	"ownership_policies.ownership.boundary.hide_tracebacks",
	"ownership_policies.ownership.boundary.hide_staff",
]
override_doctype_dashboards = {
	"Sales Partner": "ownership_policies.ownership.partners.sales_partner_dashboard"
}
portal_menu_items = [{"title": "Check a Client", "route": "/client-check", "role": "Ownership Partner"}]

# a record's ledger lines are its history: they outlive it and never keep it from being deleted.
ignore_links_on_delete = ["Ownership Ledger Entry"]
# the ownership history in plain words on the timeline of each record that has one.
additional_timeline_content = {
	doctype: ["ownership_policies.ownership.history_view.timeline"]
	for doctype in ("Lead", "Customer", "Property Listing", "Client Fixation", "Client Request")
}

# Identity keys follow every change to the people they describe.
_identity_events = {
	"validate": "ownership_policies.ownership.identity.validate",
	"on_change": "ownership_policies.ownership.identity.on_change",
	"on_trash": "ownership_policies.ownership.identity.on_trash",
	"after_rename": "ownership_policies.ownership.identity.after_rename",
}
_attach_prescriber = "ownership_policies.prescription.attaching.on_update"  # PR-1
_credit_prescriber = {
	"before_validate": "ownership_policies.prescription.remuneration.credit_partner"
}  # PR-6
_rule_fields = "ownership_policies.ownership.rule_fields"  # what only the rules set
_history = "ownership_policies.ownership.history"  # every owner from its creation, whoever sets it
_owner_events = {
	"after_insert": f"{_history}.on_insert",
	"on_change": f"{_history}.on_change",
	"on_trash": f"{_history}.on_trash",
	"after_rename": f"{_history}.after_merge",
}
_activity = "ownership_policies.reassignment.activity"  # RA-1, RA-3, RA-7: activity that protects
_duplicates = "ownership_policies.ownership.duplicates"  # an exact duplicate at entry
_start_protection = f"{_activity}.start_protection"
doc_events = {
	"Lead": {
		**_identity_events,
		"validate": [
			_identity_events["validate"],
			f"{_rule_fields}.refuse_changed",
			f"{_rule_fields}.refuse_taking_over",
			"ownership_policies.lead_queue.queue.normalise_owner",
			"ownership_policies.lead_queue.financing.validate_request_type",
		],
		"onload": "ownership_policies.lead_queue.financing.offer_request_types",
		"before_insert": [
			f"{_rule_fields}.drop_sent",  # first
			"ownership_policies.lead_queue.recontact.decide_known_client_lead",  # LQ-8
			f"{_duplicates}.judge_entry",  # X-7, after LQ-8: its look-up is reused
			_start_protection,  # RA-1
		],
		"on_update": [
			_attach_prescriber,
			"ownership_policies.lead_queue.financing.on_lead_update",  # LQ-6
			"ownership_policies.reassignment.registration.follow_lead",  # RA-9
		],
		"on_change": [_identity_events["on_change"], _owner_events["on_change"]],
		"after_insert": [
			_owner_events["after_insert"],  # first: the owner it was entered with
			"ownership_policies.fixation.fixing.on_lead_insert",
			"ownership_policies.lead_queue.recontact.record_known_client_lead",
			f"{_duplicates}.flag_possible_duplicates",
			"ownership_policies.reassignment.registration.register_client",  # RA-9, last
		],
		"on_trash": [
			_identity_events["on_trash"],
			_owner_events["on_trash"],
			"ownership_policies.reassignment.registration.forget_lead",
		],
		"after_rename": [_identity_events["after_rename"], _owner_events["after_rename"]],
	},
	"Appointment": {  # LQ-3, LQ-4, LQ-5, LQ-7, LQ-9
		"before_insert": "ownership_policies.lead_queue.recontact.decide_booking",
		"validate": "ownership_policies.lead_queue.recontact.keep_booking_agent",
		"after_insert": [
			"ownership_policies.lead_queue.recontact.apply_booking",
			f"{_activity}.on_appointment",
		],
	},
	"Contact": {
		**_identity_events,
		"before_insert": f"{_duplicates}.judge_entry",
		"after_insert": f"{_duplicates}.flag_possible_duplicates",
	},
	"Customer": {
		**{key: method for key, method in _identity_events.items() if key != "validate"},
		**_owner_events,
		"on_change": [_identity_events["on_change"], _owner_events["on_change"]],
		"on_trash": [_identity_events["on_trash"], _owner_events["on_trash"]],
		"after_rename": [_identity_events["after_rename"], _owner_events["after_rename"]],
		"before_insert": [f"{_rule_fields}.drop_sent", f"{_duplicates}.judge_entry", _start_protection],
		"after_insert": [_owner_events["after_insert"], f"{_duplicates}.flag_possible_duplicates"],
		"validate": [f"{_rule_fields}.refuse_changed", f"{_rule_fields}.refuse_taking_over"],
		"on_update": _attach_prescriber,
	},
	"Opportunity": {**_owner_events, "validate": f"{_rule_fields}.refuse_taking_over"},
	"Property Listing": {**_owner_events, "validate": f"{_rule_fields}.refuse_taking_over"},
	"Client Request": _owner_events,
	"ToDo": {
		"before_insert": "ownership_policies.lead_queue.queue.refuse_hand_assignment",  # LQ-2
		"after_insert": [f"{_activity}.on_todo", f"{_history}.on_rule_assignment"],
	},
	"Employee": {"on_update": "ownership_policies.reassignment.departure.on_employee_update"},  # RA-5
	"User": {"validate": "ownership_policies.ownership.roles.set_home"},  # each role lands on its workspace
	"Communication": {"after_insert": f"{_activity}.on_communication"},
	"Comment": {"after_insert": f"{_activity}.on_comment"},
	"Event": {"after_insert": f"{_activity}.on_event"},
	# a merge closes the duplicate groups it leaves with fewer than two records
	"Merge Log": {"after_insert": "ownership_policies.ownership.duplicate_scan.close_groups_of_merged"},
	"Sales Order": {
		**_credit_prescriber,
		"on_submit": "ownership_policies.advisor_routing.feedback.penalise_replacement",  # AR-7
	},
	"Sales Invoice": {
		**_credit_prescriber,
		"on_submit": "ownership_policies.reassignment.commission.on_invoice_submit",  # RA-11
	},
}

scheduler_events = {
	"daily": ["ownership_policies.advisor_routing.feedback.mark_overdue"],  # AR-7
	"hourly": [
		"ownership_policies.reassignment.requests.grant_lapsed",  # RA-3, RA-4
		"ownership_policies.reassignment.notices.remind_due",  # RA-3, RA-4: B reminded before the lapse
	],
	"cron": {
		"*/15 * * * *": ["ownership_policies.fixation.fixing.expire_due_fixations"],  # FX-5
		"* * * * *": ["ownership_policies.fixation.availability.send_check_alerts"],  # FX-8
	},
}

# X-5: partners' staff see only their own partner's records.
_partner_doctypes = ("Client Fixation", "Prescriber Convention", "Prescriber Attachment")
permission_query_conditions = dict.fromkeys(
	_partner_doctypes, "ownership_policies.ownership.permissions.partner_conditions"
)
has_permission = dict.fromkeys(
	_partner_doctypes, "ownership_policies.ownership.permissions.partner_permission"
)
