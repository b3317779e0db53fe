"""X-1's index leaves the Identity Key doctype for a lean table outside the doctype model (identity_store): the
table is created, every Lead, Contact and Customer is indexed into it (batched and restartable), then the old
doctype and its table go."""

import frappe

from ownership_policies.ownership import identity_store
from ownership_policies.ownership.identity import rebuild_identity_keys


def execute():
	identity_store.create()
	rebuild_identity_keys()
	frappe.delete_doc("DocType", "Identity Key", force=True, ignore_missing=True)
	frappe.db.sql_ddl("drop table if exists `tabIdentity Key`")
