"""Writing one record straight to its table, for the hot paths where a document insert would cost more than all
the rest of the request (the check log, the identity index): Frappe's standard columns are filled, no controller
or hook runs. And the one way a race is won by a unique key (`first_wins`): who holds the key once an insert
lost it to a parallel one."""

from collections.abc import Callable

import frappe
from frappe.utils import now

CHUNK = 10_000  # rows in one statement


def insert_row(doctype: str, values: dict) -> str:
	return insert_rows(doctype, [values])[0]


def insert_rows(doctype: str, rows: list[dict]) -> list[str]:
	"""Rows of the same fields in one statement a chunk (a backfill's batch), with Frappe's standard columns."""
	stamp, user = now(), frappe.session.user
	full = [
		{
			"name": frappe.generate_hash(length=12),
			"creation": stamp,
			"modified": stamp,
			"owner": user,
			"modified_by": user,
			**values,
		}
		for values in rows
	]
	# plain statements of at most CHUNK rows, as bulk_insert's: its query builder would cost as much as the
	# insert itself on the check's path
	columns = ", ".join(f"`{field}`" for field in full[0])
	row = f"({', '.join(['%s'] * len(full[0]))})"
	for start in range(0, len(full), CHUNK):
		chunk = full[start : start + CHUNK]
		frappe.db.sql(
			f"insert into `tab{doctype}` ({columns}) values {', '.join([row] * len(chunk))}",
			[value for values in chunk for value in values.values()],
		)
	return [values["name"] for values in full]


def key_holder(doctype: str, key_field: str, key: str, fields: tuple[str, ...] = ("name",)) -> tuple | None:
	"""The row holding `key` once a parallel insert took it first: committed after this transaction's snapshot,
	so only a locking read sees it. A shared lock, as the failed insert already holds one, so that several
	losers at once do not deadlock each other."""
	columns = ", ".join(f"`{field}`" for field in fields)
	rows = frappe.db.sql(
		f"select {columns} from `tab{doctype}` where `{key_field}` = %s lock in share mode", key
	)
	return rows[0] if rows else None


def first_wins(
	insert: Callable[[], object], doctype: str, key_field: str, key: str, fields: tuple[str, ...] = ("name",)
) -> tuple | None:
	"""First one wins by a unique key (RA-9, PR-1, FX-2, RA-8): run `insert` (a document's insert or db_insert,
	or an insert_row) under a savepoint. None: it won. When a parallel insert took `key_field` = `key` first,
	the database refuses this one: everything `insert` wrote is rolled back to the savepoint, Frappe's "must be
	unique" message is taken back, and the row holding the key is returned (its `fields`, by key_holder's
	locking read). A refusal on another unique key of the table (no row holds this one) is raised again."""
	savepoint = f"first_wins_{frappe.generate_hash(length=8)}"
	messages = len(frappe.local.message_log)
	frappe.db.savepoint(savepoint)
	try:
		insert()
	except Exception as error:
		if not unique_violation(error):
			raise
		frappe.db.rollback(save_point=savepoint)
		del frappe.local.message_log[messages:]
		holder = key_holder(doctype, key_field, key, fields)
		if holder is None:
			raise
		return holder
	return None  # the savepoint ends with the transaction: no round trip to release it


def unique_violation(error: Exception) -> bool:
	"""A duplicate of a unique key: as a document's insert raises it (frappe.UniqueValidationError, whatever its
	controller's show_unique_validation_message shows), or as the driver does for a row written directly."""
	if isinstance(error, frappe.UniqueValidationError):
		return True
	return bool(error.args) and frappe.db.is_unique_key_violation(error)
