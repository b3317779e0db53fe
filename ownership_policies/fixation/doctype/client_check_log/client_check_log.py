import frappe

from ownership_policies.ownership.immutable import ImmutableDocument, WrittenByApp


class ClientCheckLog(ImmutableDocument, WrittenByApp):
	"""Written by availability.log_check, straight to its table."""


def on_doctype_update():
	# the hourly limit counts a user's checks of the last hour
	frappe.db.add_index("Client Check Log", ["user", "checked_on"])
	# the alerts job looks for the few lines still to tell
	frappe.db.add_index("Client Check Log", ["alert_pending"])
