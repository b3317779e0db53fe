"""What links to a record, found through the meta (X-7): every Link field to its doctype, every Dynamic Link
(the Dynamic Link table of Contacts and Addresses, a Communication's or a ToDo's reference, an Opportunity's
or a Quotation's party, an Appointment's party, an Event's participants, the ledger's lines, the app's
attachments and fixations), a File's attachment, and a merged Contact's own phones, emails and links. Each link
is moved by a direct update of the row, the row's `modified` untouched, and each move says exactly which values
it changed, so that it can be put back."""

from collections import defaultdict
from dataclasses import dataclass

import frappe
from frappe.model.dynamic_links import get_dynamic_links
from frappe.model.rename_doc import get_link_fields

# Rows that are a record's own history or the merge's own account, never moved: the record's versions stay
# with it, and the Merge Log names both records.
NOT_MOVED = frozenset({"Version", "Deleted Document", "Merge Log", "Merge Log Change", "Access Log"})
# (doctype field, name field) pairs that are Data, not Dynamic Link, in their doctype.
DATA_PAIRS = {"File": ("attached_to_doctype", "attached_to_name")}
# A merged Contact's own rows, moved to the kept Contact unless it has the same value: (table, value field,
# its primary flags).
CONTACT_ROWS = (
	("Contact Email", "email_id", ("is_primary",)),
	("Contact Phone", "phone", ("is_primary_phone", "is_primary_mobile_no")),
	("Dynamic Link", "link_name", ()),
)


@dataclass(frozen=True)
class Move:
	"""One row's change: (field, value before, value after) for each field it changes."""

	doctype: str
	name: str
	changes: tuple[tuple[str, str | None, str | None], ...]


def links_to(merged: tuple[str, str], kept: tuple[str, str]) -> list[Move]:
	"""Every row that points at `merged`, as the move that points it at `kept`."""
	moves = _set_aside_doubles(_dynamic_links(merged, kept), kept) + _data_pairs(merged, kept)
	if merged[0] == kept[0]:
		moves += _link_fields(merged, kept)
	if merged[0] == kept[0] == "Contact":
		moves += _contact_rows(merged[1], kept[1])
	return [move for move in moves if (move.doctype, move.name) != merged]


def staying(merged: tuple[str, str], kept: tuple[str, str]) -> list[tuple[str, str]]:
	"""The rows that point at `merged` by a Link field to its doctype, which cannot point at a `kept` of
	another doctype (a Lead's fixation or registration, when it is merged into a Customer): they stay."""
	if merged[0] == kept[0]:
		return []
	return [(move.doctype, move.name) for move in _link_fields(merged, kept)]


def _link_fields(merged, kept) -> list[Move]:
	moves = []
	for field in get_link_fields(merged[0]):
		if field.issingle or field.parent in NOT_MOVED:
			continue
		for name in _rows(field.parent, {field.fieldname: merged[1]}):
			moves.append(Move(field.parent, name, ((field.fieldname, merged[1], kept[1]),)))
	return moves


def _dynamic_links(merged, kept) -> list[Move]:
	moves = []
	for field in get_dynamic_links():
		if field.parent in NOT_MOVED or frappe.get_meta(field.parent).issingle:
			continue
		moves += _pair_moves(field.parent, field.options, field.fieldname, merged, kept)
	return moves


def _set_aside_doubles(moves: list[Move], kept) -> list[Move]:
	"""A Dynamic Link row whose document (a Contact, an Address) links to the kept record already is not
	pointed at it, which would give the document the same link twice: it is set aside instead, out of its
	table (its `parentfield` cleared), pointing at the merged record still. The document reads its rows by
	table, so it shows its one link to the kept record; nothing is deleted, so the undo puts the row back as
	it puts back every moved one, by the same direct update, exactly (a deleted row would have to be kept
	whole in the Merge Log and inserted again); a save of the document leaves it alone (Frappe rewrites the
	rows of its tables only), and a delete takes it along (Frappe deletes every row of the document)."""
	names = [move.name for move in moves if move.doctype == "Dynamic Link"]
	if not names:
		return moves
	doubles = dict(
		frappe.db.sql(
			"""select mine.name, mine.parentfield from `tabDynamic Link` mine
			join `tabDynamic Link` theirs on theirs.parent = mine.parent and theirs.parenttype = mine.parenttype
				and theirs.parentfield = mine.parentfield
			where mine.name in %s and theirs.link_doctype = %s and theirs.link_name = %s""",
			[tuple(names), *kept],
		)
	)
	return [
		Move(move.doctype, move.name, (("parentfield", doubles[move.name], None),))
		if move.doctype == "Dynamic Link" and move.name in doubles
		else move
		for move in moves
	]


def _data_pairs(merged, kept) -> list[Move]:
	moves = []
	for doctype, (type_field, name_field) in DATA_PAIRS.items():
		moves += _pair_moves(doctype, type_field, name_field, merged, kept)
	return moves


def _pair_moves(doctype, type_field, name_field, merged, kept) -> list[Move]:
	changes = ((type_field, merged[0], kept[0]),) if merged[0] != kept[0] else ()
	return [
		Move(doctype, name, (*changes, (name_field, merged[1], kept[1])))
		for name in _rows(doctype, {type_field: merged[0], name_field: merged[1]})
	]


def _rows(doctype: str, filters: dict) -> list[str]:
	where = " and ".join(f"`{field}` = %s" for field in filters)
	try:
		return frappe.db.sql_list(f"select name from `tab{doctype}` where {where}", list(filters.values()))
	except (frappe.db.TableMissingError, frappe.db.InternalError):
		return []  # a doctype without its table, or a field without its column (an app half-installed)


def _contact_rows(merged: str, kept: str) -> list[Move]:
	"""The merged Contact's emails, phones and links that the kept Contact lacks become the kept one's, after
	its own rows and never its primary ones (a link an earlier merge set aside stays aside)."""
	moves = []
	for table, value_field, primary_flags in CONTACT_ROWS:
		fields = ["name", "parent", "idx", value_field, *primary_flags]
		if table == "Dynamic Link":
			fields.append("link_doctype")
		rows = frappe.get_all(
			table,
			filters={"parenttype": "Contact", "parent": ("in", [merged, kept]), "parentfield": ("is", "set")},
			fields=fields,
			order_by="idx asc",
		)
		have = {_value(row, value_field) for row in rows if row.parent == kept}
		idx = max((row.idx for row in rows if row.parent == kept), default=0)
		for row in (row for row in rows if row.parent == merged and _value(row, value_field) not in have):
			idx += 1
			flags = tuple((flag, 1, 0) for flag in primary_flags if row.get(flag))
			moves.append(Move(table, row.name, (("parent", merged, kept), ("idx", row.idx, idx), *flags)))
	return moves


def _value(row, value_field):
	return (row.get("link_doctype"), row.get(value_field))


def apply(moves: list[Move], forward: bool = True):
	"""Write each move (forward) or put it back, a statement for the rows that get the same values."""
	groups = defaultdict(list)
	for move in moves:
		values = tuple((field, after if forward else before) for field, before, after in move.changes)
		groups[(move.doctype, values)].append(move.name)
	for (doctype, values), names in groups.items():
		assignments = ", ".join(f"`{field}` = %s" for field, _value in values)
		frappe.db.sql(
			f"update `tab{doctype}` set {assignments} where name in %s",
			[*(value for _field, value in values), tuple(names)],
		)


def current(doctype: str, names: list[str], fields: list[str]) -> dict[str, dict]:
	"""The rows as they are now, read with a lock (so that an undo sees the latest values and holds them)."""
	columns = ", ".join(f"`{field}`" for field in {"name", *fields})
	rows = frappe.db.sql(
		f"select {columns} from `tab{doctype}` where name in %s for update", [tuple(names)], as_dict=True
	)
	return {row.name: row for row in rows}
