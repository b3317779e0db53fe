"""Install, migrate and uninstall: the app's custom fields and roles exist on every site that has the app."""

import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields
from frappe.permissions import add_permission
from frappe.utils import get_datetime, now_datetime

from ownership_policies.lead_queue.financing import FINANCING_LOST_REASON
from ownership_policies.lead_queue.queue import QUEUE_INDEX, QUEUE_INDEX_FIELDS
from ownership_policies.ownership import history, identity_store
from ownership_policies.ownership.duplicates import PLACE_FIELDS
from ownership_policies.ownership.identity import rebuild_identity_keys
from ownership_policies.ownership.roles import (
	ADMINISTRATOR_ROLE,
	ASSISTANT_DIRECTOR_ROLE,
	CALL_CENTRE_ROLE,
	PARTNER_ROLE,
	home_of,
)
from ownership_policies.ownership.settings import PRIORITY_TIERS
from ownership_policies.reassignment.activity import backfill_protection

ROLES = {  # the roles the app adds, with their desk access
	ADMINISTRATOR_ROLE: 1,
	CALL_CENTRE_ROLE: 1,
	PARTNER_ROLE: 0,  # agencies and prescribers: portal only, no desk
	ASSISTANT_DIRECTOR_ROLE: 1,  # alerted when a client with an appointment turns to financing (LQ-6)
}


def custom_fields() -> dict:
	prescriber = {
		"fieldname": "prescriber",
		"label": "Prescriber",
		"fieldtype": "Link",
		"options": "Sales Partner",
		"description": "The referral partner who sent this contact; attaching it starts the partner's claim.",
		"search_index": 1,
	}
	return {
		"Lead": [
			{
				**prescriber,
				"insert_after": "source",
			},
			{
				"fieldname": "priority_tier",
				"label": "Priority Tier",
				"fieldtype": "Select",
				"options": "\n" + "\n".join(PRIORITY_TIERS),
				"insert_after": "prescriber",
				"in_list_view": 1,
				"in_standard_filter": 1,
				"search_index": 1,
				"description": "Leads are handed out by tier first, then oldest first.",
			},
			{
				"fieldname": "request_type",
				"label": "Request Type",
				"fieldtype": "Autocomplete",
				"insert_after": "priority_tier",
				"description": "What the client asks for. A financing request (see Ownership Settings) makes a financing client.",
			},
			{
				"fieldname": "financing_client",
				"label": "Financing Client",
				"fieldtype": "Check",
				"read_only": 1,
				"insert_after": "request_type",
				"in_standard_filter": 1,
				"description": "Set when the client asks for financing; the financing department handles the client.",
			},
			*protection_fields("financing_client"),
		],
		"Customer": [
			{**prescriber, "insert_after": "customer_group"},
			{
				"fieldname": "spouse_contact",
				"label": "Spouse",
				"fieldtype": "Link",
				"options": "Contact",
				"insert_after": "prescriber",
				"description": "The client's spouse, registered as a contact of their own: needed before a commission is paid (RA-11).",
			},
			*protection_fields("spouse_contact"),
		],
		"Sales Invoice": [
			{
				"fieldname": "property_listing",
				"label": "Property Listing",
				"fieldtype": "Link",
				"options": "Property Listing",
				"insert_after": "customer",
				"description": "The property sold; a sale of an unregistered property loses part of the commission (RA-11).",
			}
		],
		"Appointment": [
			{
				"fieldname": "booking_agent",
				"label": "Booking Agent",
				"fieldtype": "Link",
				"options": "User",
				"insert_after": "status",
				"search_index": 1,
				"in_list_view": 1,
				"description": "The agent who booked it; moving the appointment keeps them.",
			},
			{
				"fieldname": "no_show",
				"label": "No-show",
				"fieldtype": "Check",
				"insert_after": "booking_agent",
				"description": "The client did not come. A call back then goes by the no-show rules.",
			},
		],
	}


def protection_fields(insert_after: str) -> list[dict]:
	"""RA-1, RA-2: when the owning agent last worked the client, and until when it is protected."""
	return [
		{
			"fieldname": "last_activity_on",
			"label": "Last Activity",
			"fieldtype": "Datetime",
			"read_only": 1,
			"no_copy": 1,
			"insert_after": insert_after,
			"description": "The owning agent's latest visit, note, call, meeting, email or task on this client (RA-1, RA-7).",
		},
		{
			"fieldname": "protected_until",
			"label": "Protected Until",
			"fieldtype": "Date",
			"read_only": 1,
			"no_copy": 1,
			"in_standard_filter": 1,
			"search_index": 1,
			"insert_after": "last_activity_on",
			"description": "Last activity + the client protection days; after it the client is reassignable (RA-2).",
		},
	]


def after_install():
	"""What a fresh site needs besides what every migrate does. Frappe marks an installed app's patches done
	without running them, so the one-off work of the patches (patches/v1_0) is done here for a new site."""
	after_migrate()
	backfill_protection()  # the clients already there (patches/v1_0/backfill_protection on an upgrade)
	create_race_series()  # patches/v1_0/listing_series and race_series on an upgrade
	rebuild_identity_keys()
	history.backfill()  # the owners the app finds at install (an upgrade runs it as a patch)


def after_migrate():
	identity_store.create()  # X-1's index (patches/v1_0/lean_identity_index moved it there on an upgrade)
	for role, desk_access in ROLES.items():
		if not frappe.db.exists("Role", role):
			frappe.get_doc({"doctype": "Role", "role_name": role, "desk_access": desk_access}).insert(
				ignore_permissions=True
			)
		elif frappe.db.get_value("Role", role, "desk_access") != desk_access:
			# syncing a doctype that names the role creates it first, with desk access
			frappe.db.set_value("Role", role, "desk_access", desk_access)
	create_custom_fields(custom_fields(), ignore_validate=True)
	# the lead queue (LQ-2) reads unowned leads of one tier, oldest first, straight from this index, and the
	# workspaces count them from it alone (lead_queue/waiting.py): the status is in it, after the queue's order
	frappe.db.add_index("Lead", list(QUEUE_INDEX_FIELDS), QUEUE_INDEX)
	# a client's opportunities by party (FX-2's check, LQ-1's open files): ERPNext does not index it
	frappe.db.add_index("Opportunity", ["party_name"], "ownership_party_index")
	# X-7's suggestions at entry: records of a similar name in the same city or company
	for doctype, fields in PLACE_FIELDS.items():
		for field in fields.values():
			frappe.db.add_index(doctype, [field], f"ownership_{field}_index")
	fill_setting_defaults()
	grant_reads()
	if not frappe.db.exists("Opportunity Lost Reason", FINANCING_LOST_REASON):
		frappe.get_doc({"doctype": "Opportunity Lost Reason", "lost_reason": FINANCING_LOST_REASON}).insert(
			ignore_permissions=True
		)
	keep_jobs_due()
	set_homes()


def set_homes():
	"""Every staff user already there opens the desk on their role's workspace (roles.set_home, for a user saved
	from now on)."""
	users = frappe.get_all("User", {"user_type": "System User", "enabled": 1}, ["name", "default_workspace"])
	for user in users:
		if user.default_workspace:
			continue  # chosen, or set by their roles already
		home = home_of(None, frappe.get_roles(user.name))
		if home:
			frappe.db.set_value("User", user.name, "default_workspace", home, update_modified=False)


def keep_jobs_due(args=None):
	"""The app's scheduled jobs run on time on a new site (FX-5's expiries, FX-8's alerts, RA-3's lapses). A new
	site stamps its Scheduled Job Types in the time zone of the install; the setup wizard then sets the site's
	own, which can move the site's clock back by hours, and a job stamped "later than now" would wait for that
	hour to come. A stamp ahead of the site's clock starts from now. Run after every migrate and, as the
	`setup_wizard_complete` hook, once the wizard has set the time zone."""
	now = now_datetime()
	jobs = frappe.get_all(
		"Scheduled Job Type",
		filters={"method": ("like", "ownership_policies.%")},
		fields=["name", "last_execution", "creation"],
	)
	for job in jobs:
		if get_datetime(job.last_execution or job.creation) > now:
			frappe.db.set_value("Scheduled Job Type", job.name, "last_execution", now, update_modified=False)


# The naming series of the records two users may create at the same moment, first one wins: listings (RA-8,
# RA-9) and fixations (FX-2, FX-8).
RACE_SERIES = ("LST-", "FIX-")


def create_race_series():
	"""Two first-ever records of one series made at once deadlock creating its row (InnoDB's gap locks on an
	insert into tabSeries), and one of them fails for nothing: the rows exist before any such record. INSERT
	IGNORE leaves an existing row and its counter alone."""
	for series in RACE_SERIES:
		frappe.db.sql("INSERT IGNORE INTO `tabSeries` (`name`, `current`) VALUES (%s, 0)", series)


# Records a role must read to do its work in the desk (as Role Permission Manager would add them).
READS = {CALL_CENTRE_ROLE: ("Sales Partner",)}  # the operator picks the agency of a fixation


def grant_reads():
	for role, doctypes in READS.items():
		for doctype in doctypes:
			if not frappe.db.exists("Custom DocPerm", {"parent": doctype, "role": role, "permlevel": 0}):
				add_permission(doctype, role)


def fill_setting_defaults():
	"""Give every setting without a value its default (X-3), also for settings added by a newer version."""
	stored = frappe.db.get_singles_dict("Ownership Settings")
	meta = frappe.get_meta("Ownership Settings")
	missing = {df.fieldname: df.default for df in meta.fields if df.default and df.fieldname not in stored}
	if missing:
		settings = frappe.get_single("Ownership Settings")
		settings.update(missing)
		settings.save(ignore_permissions=True)


def before_uninstall():
	"""Remove what the app added to ERPNext's own doctypes and its table outside the doctype model (X-1's
	index); roles stay, as users may still hold them."""
	identity_store.drop()
	for doctype, fields in custom_fields().items():
		for field in fields:
			frappe.delete_doc_if_exists("Custom Field", f"{doctype}-{field['fieldname']}")
