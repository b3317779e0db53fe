"""RA-1, RA-2: clients registered before the app get their last change as their last activity, so that the
protection of every client reads from the same columns. Once, on upgrade (it used to run on every migrate, and
only touches clients with no last activity: harmless to run again); a fresh install runs it from after_install,
as Frappe marks an installed app's patches done without running them."""

from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

from ownership_policies.reassignment.activity import backfill_protection
from ownership_policies.setup.install import custom_fields


def execute():
	# the columns it fills: after_migrate, which makes them on every migrate, runs after the patches
	create_custom_fields(custom_fields(), ignore_validate=True)
	backfill_protection()
