"""The ledger's identity_key column was never filled: who_owns by person reads the identity index (X-1)."""

import frappe


def execute():
	if frappe.db.has_column("Ownership Ledger Entry", "identity_key"):
		frappe.db.sql_ddl("alter table `tabOwnership Ledger Entry` drop column `identity_key`")
