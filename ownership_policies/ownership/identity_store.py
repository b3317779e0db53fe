"""Where the identity index (X-1) is kept: one lean table outside the doctype model, as Frappe keeps
`__global_search`. A row is one key of one record and holds only what a look-up needs: the record (its doctype
as a number, its name), the key's kind (a number) and its normalised value. The primary key orders the rows by
record (a record's keys are read, changed and removed together, and the backfill walks records in the order
of their own tables: hence their names compare as Frappe's tables do); the one other index finds the records of
a key. A record's name key is what the name matching compares, so no display name is kept.

Only ownership/identity.py calls this module."""

import frappe

from ownership_policies.ownership import keys as k

TABLE = "__ownership_identity_key"
DOCTYPE_CODES = {"Lead": 1, "Contact": 2, "Customer": 3}
KIND_CODES = {k.PHONE: 1, k.EMAIL: 2, k.NAME: 3}
DOCTYPES = {code: doctype for doctype, code in DOCTYPE_CODES.items()}
KINDS = {code: kind for kind, code in KIND_CODES.items()}
VALUE_LENGTH = 255  # longer values (a name of hundreds of characters) are kept and looked up cut to this
NAME_LENGTH = 140  # Frappe's names
# A look-up plans from the index's statistics rather than by diving into the index at both ends of every key it
# asks for: a name that thousands of records share spans many pages, and the dive to its far end reads one that
# the look-up itself does not need (at a million leads, a page from outside the buffer pool; see the README).
BY_STATISTICS = "set statement eq_range_index_dive_limit = 1 for"


def create():
	"""The table, if it is not there (install, and the patch that moved the index here)."""
	frappe.db.sql_ddl(
		f"""create table if not exists `{TABLE}` (
			record_doctype tinyint unsigned not null,
			record_name varchar({NAME_LENGTH}) collate utf8mb4_unicode_ci not null,
			key_kind tinyint unsigned not null,
			key_value varchar({VALUE_LENGTH}) not null,
			primary key (record_doctype, record_name, key_kind, key_value),
			key key_lookup (key_kind, key_value)
		) engine=InnoDB character set utf8mb4 collate utf8mb4_bin {row_format()}"""
	)


def row_format() -> str:
	"""Compressed pages keep the index a fraction of the leads' table (see the README's figures); a server
	that keeps compressed tables read-only (MariaDB 10.6.0 to 10.6.5 by default) gets plain pages."""
	flag = frappe.db.sql("show global variables like 'innodb_read_only_compressed'")
	read_only = flag and flag[0][1] == "ON"
	return "row_format=dynamic" if read_only else "row_format=compressed key_block_size=8"


def drop():
	frappe.db.sql_ddl(f"drop table if exists `{TABLE}`")


def keys_of(doctype: str, name: str) -> set[k.Key]:
	rows = frappe.db.sql(
		f"select key_kind, key_value from `{TABLE}` where record_doctype = %s and record_name = %s",
		(DOCTYPE_CODES[doctype], name),
	)
	return {k.Key(KINDS[kind], value) for kind, value in rows}


def add(rows):
	"""Rows of (doctype, name, Key); a row already there is left as it is."""
	values = [
		(DOCTYPE_CODES[doctype], name, KIND_CODES[key.kind], key.value[:VALUE_LENGTH])
		for doctype, name, key in rows
	]
	if values:
		frappe.db.sql(
			f"insert ignore into `{TABLE}` (record_doctype, record_name, key_kind, key_value) values "
			+ ", ".join(["(%s, %s, %s, %s)"] * len(values)),
			[value for row in values for value in row],
		)


def remove(doctype: str, name: str, keys=None):
	"""These keys of the record, or all of them."""
	condition, values = "record_doctype = %s and record_name = %s", [DOCTYPE_CODES[doctype], name]
	if keys is not None:
		if not keys:
			return
		condition += " and (" + " or ".join(["(key_kind = %s and key_value = %s)"] * len(keys)) + ")"
		values += [value for key in keys for value in (KIND_CODES[key.kind], key.value[:VALUE_LENGTH])]
	frappe.db.sql(f"delete from `{TABLE}` where {condition}", values)


def remove_records(doctype: str, names):
	if names:
		frappe.db.sql(
			f"delete from `{TABLE}` where record_doctype = %s and record_name in %s",
			(DOCTYPE_CODES[doctype], tuple(names)),
		)


def remove_key(key: k.Key):
	frappe.db.sql(
		f"delete from `{TABLE}` where key_kind = %s and key_value = %s",
		(KIND_CODES[key.kind], key.value[:VALUE_LENGTH]),
	)


def count() -> int:
	return frappe.db.sql(f"select count(*) from `{TABLE}`")[0][0]


def remove_range(doctype: str, after: str, upto: str | None):
	"""The keys of the records named after `after`, up to `upto` included (to the end when None)."""
	condition, values = "record_doctype = %s and record_name > %s", [DOCTYPE_CODES[doctype], after]
	if upto is not None:
		condition += " and record_name <= %s"
		values.append(upto)
	frappe.db.sql(f"delete from `{TABLE}` where {condition}", values)


def records_of(
	keys, limit: int | None = None, name_keys: bool = False
) -> list[tuple[str, str, str, str | None]]:
	"""(doctype, name, kind of the key matched, the record's name key) of the records holding any of `keys`. A
	record matched on a name has that name key; one matched on a phone or an email has its own read along only
	when `name_keys` asks (one more page per record: the rows of the key's index hold everything else)."""
	if not keys:
		return []
	condition = " or ".join(["(hit.key_kind = %s and hit.key_value = %s)"] * len(keys))
	values = [value for key in keys for value in (KIND_CODES[key.kind], key.value[:VALUE_LENGTH])]
	name = KIND_CODES[k.NAME]
	person = (
		f"""left join `{TABLE}` person on person.record_doctype = hit.record_doctype
			and person.record_name = hit.record_name and person.key_kind = {name}"""
		if name_keys
		else ""
	)
	rows = frappe.db.sql(
		f"""{BY_STATISTICS} select hit.record_doctype, hit.record_name, hit.key_kind,
			{"person.key_value" if name_keys else f"if(hit.key_kind = {name}, hit.key_value, null)"}
		from `{TABLE}` hit {person}
		where {condition} {"limit %s" if limit else ""}""",
		[*values, limit] if limit else values,
	)
	return [(DOCTYPES[doctype], name, KINDS[kind], person) for doctype, name, kind, person in rows]


def has_key(doctype: str, name: str, key: k.Key) -> bool:
	return bool(
		frappe.db.sql(
			f"""select 1 from `{TABLE}` where record_doctype = %s and record_name = %s and key_kind = %s
			and key_value = %s""",
			(DOCTYPE_CODES[doctype], name, KIND_CODES[key.kind], key.value[:VALUE_LENGTH]),
		)
	)


def rename(doctype: str, old: str, new: str):
	"""The record's keys under its new name (a merge into an existing record keeps that record's rows)."""
	frappe.db.sql(
		f"update ignore `{TABLE}` set record_name = %s where record_doctype = %s and record_name = %s",
		(new, DOCTYPE_CODES[doctype], old),
	)
	remove(doctype, old)


def shared_keys(kind: str, after: str, limit: int) -> list[str]:
	"""The values of `kind` held by more than one record, the first `limit` after `after` in the key's order
	(the duplicate scan's batches, X-7): read along the key's index, a group of rows a value."""
	return frappe.db.sql_list(
		f"""select key_value from `{TABLE}` force index (key_lookup) where key_kind = %s and key_value > %s
		group by key_value having count(*) > 1 order by key_value limit %s""",
		(KIND_CODES[kind], after, limit),
	)


def shared_key_count(kind: str) -> int:
	return frappe.db.sql(
		f"""select count(*) from (select 1 from `{TABLE}` force index (key_lookup) where key_kind = %s
		group by key_value having count(*) > 1) shared""",
		(KIND_CODES[kind],),
	)[0][0]


def names_with(letters: str, after: tuple[str, str, str] | None, limit: int) -> list[tuple[str, str, str]]:
	"""(name key, doctype, name) of the first `limit` records whose name key holds any of `letters`, after the
	row `after` (one this returned) in the keys' order: read along the key's index, the name keys only."""
	value, doctype, name = after or ("", None, "")
	code = DOCTYPE_CODES[doctype] if doctype else 0
	rows = frappe.db.sql(
		f"""select key_value, record_doctype, record_name from `{TABLE}` force index (key_lookup)
		where key_kind = %s and key_value >= %s
			and (key_value > %s or record_doctype > %s or (record_doctype = %s and record_name > %s))
			and key_value regexp %s
		order by key_value, record_doctype, record_name limit %s""",
		(KIND_CODES[k.NAME], value, value, code, code, name, f"[{letters}]", limit),
	)
	return [(value, DOCTYPES[doctype], name) for value, doctype, name in rows]


def holders(kind: str, values: list[str]) -> list[tuple[str, str, str]]:
	"""(value, doctype, name) of each record holding a key of `kind` with one of these values."""
	if not values:
		return []
	rows = frappe.db.sql(
		f"""select key_value, record_doctype, record_name from `{TABLE}` force index (key_lookup)
		where key_kind = %s and key_value in %s""",
		(KIND_CODES[kind], tuple(values)),
	)
	return [(value, DOCTYPES[doctype], name) for value, doctype, name in rows]
