"""Writing one record straight to its table, for the hot paths where a document insert would cost more than all
the rest of the request (the check log, the queue's ToDo): Frappe's standard columns are filled, no controller
or hook runs. And reading who holds a unique key after an insert lost it to a parallel one."""

import frappe
from frappe.utils import now


def insert_row(doctype: str, values: dict):
	stamp, user = now(), frappe.session.user
	row = {
		"name": frappe.generate_hash(length=12),
		"creation": stamp,
		"modified": stamp,
		"owner": user,
		"modified_by": user,
		**values,
	}
	frappe.db.bulk_insert(doctype, tuple(row), [tuple(row.values())])
	return row["name"]


def key_holder(doctype: str, key_field: str, key: str, fields: tuple[str, ...] = ("name",)) -> tuple | None:
	"""The row holding `key` once a parallel insert took it first: committed after this transaction's snapshot,
	so only a locking read sees it. A shared lock, as the failed insert already holds one, so that several
	losers at once do not deadlock each other."""
	columns = ", ".join(f"`{field}`" for field in fields)
	rows = frappe.db.sql(
		f"select {columns} from `tab{doctype}` where `{key_field}` = %s lock in share mode", key
	)
	return rows[0] if rows else None
