"""X-7, finding the old ones: a background job that reads the identity index (X-1) for the phones and emails
more than one record holds, and keeps each set of records of one person as a Duplicate Group, for the
Duplicates report.

A key's records are folded into the person's records: a Contact of a Lead or Customer stands for them (ERPNext
copies a client's phone onto its Contact), a Lead made into a Customer is that Customer, and a record merged
into another (an open Merge Log) or deleted is left out. A group is one set of records: its name is made from
them, so that a run again finds the same group (reopened if it was closed), a set the phone and the email both
give is one group, and a run stopped half way goes on from its last batch. A key that more than LARGEST_GROUP
records hold (an office's switchboard) is no one person. At the end of a run, a group it did not see is closed;
a merge closes at once the groups it leaves with fewer than two records.

A sales manager marks an open group Not the Same Person (namesakes sharing a household phone, a company's
switchboard), with an optional reason: a run keeps it so and makes no group of records all marked apart, and the
entry panel no longer offers them as each other's duplicates (duplicates.kept_apart), until it is reopened."""

import hashlib
import time
from itertools import combinations

import frappe
from frappe import _
from frappe.utils import escape_html, get_fullname, now_datetime

from ownership_policies.ownership import identity
from ownership_policies.ownership.duplicates import (
	APART,
	GROUP,
	GROUP_RECORD,
	TITLE_FIELDS,
	add_info,
	apart_pairs,
	link_to,
)
from ownership_policies.ownership.keys import EMAIL, PHONE, is_same_person, name_similarity
from ownership_policies.ownership.roles import ensure_may
from ownership_policies.ownership.rows import insert_rows
from ownership_policies.ownership.settings import get_settings

OPEN, CLOSED = "Open", "Closed"
KINDS = (PHONE, EMAIL)
KEY_FIELDS = {PHONE: "phone", EMAIL: "email"}
BATCH = 1000  # shared keys a batch
LARGEST_GROUP = 50
SCAN_STATE = "ownership_duplicate_scan"  # where a stopped scan is (in Redis, once its batch is committed)
JOB = "ownership_duplicate_scan"


def enqueue_scan() -> dict:
	"""A sales manager starts the scan in the background (one at a time); its progress shows in the desk."""
	ensure_may("manage", _("Only a sales manager looks for duplicates among the existing records."))
	frappe.enqueue(f"{__name__}.scan", queue="long", timeout=4 * 3600, job_id=JOB, deduplicate=True)
	return {"job": JOB, "message": _("Looking for duplicates in the background: the progress shows here.")}


def scan(batch_size: int = BATCH, progress=None) -> dict:
	"""Every shared phone and email, a batch committed at a time; runnable from `bench execute` (it prints
	what it found, and how fast)."""
	progress = progress or publish
	started = time.monotonic()
	state = frappe.cache.get_value(SCAN_STATE) or fresh_state()
	for kind in KINDS[KINDS.index(state["kind"]) :]:
		after = state["after"] if kind == state["kind"] else ""
		while values := identity.shared_keys(kind, after, batch_size):
			found = record_groups(kind, values, state["run"])
			after = values[-1]
			state.update(
				kind=kind, after=after, done=state["done"] + len(values), groups=state["groups"] + found
			)
			commit()
			frappe.cache.set_value(SCAN_STATE, state)
			progress(state["done"], state["total"])
	closed = close_unseen(state["run"])
	commit()
	frappe.cache.delete_value(SCAN_STATE)
	seconds = max(time.monotonic() - started, 1e-6)
	records = sum(frappe.db.count(doctype) for doctype in identity.INDEXED_DOCTYPES)
	return {
		"shared_keys": state["done"],
		"groups": state["groups"],
		"closed": closed,
		"records": records,
		"seconds": round(seconds, 2),
		"records_per_second": round(records / seconds),
	}


def fresh_state() -> dict:
	return {
		"run": frappe.generate_hash(length=10),
		"kind": KINDS[0],
		"after": "",
		"done": 0,
		"groups": 0,
		"total": sum(identity.shared_key_count(kind) for kind in KINDS),
	}


def publish(done: int, total: int):
	frappe.publish_progress(
		done * 100 / total if total else 100,
		title=_("Looking for duplicates"),
		description=_("{0} of {1} shared phones and emails read").format(done, total),
	)


def commit():
	"""A batch is kept once written; a test keeps it in the transaction it rolls back."""
	if not frappe.flags.in_test:
		frappe.db.commit()


# A batch: the keys' records, folded into people's records, kept as groups


def record_groups(kind: str, values: list[str], run: str) -> int:
	"""The groups these keys give, written or seen again; how many."""
	holders = identity.holders_of(kind, values)
	stands_for, sources, titles = people(set().union(*holders.values()))
	found = {}
	for value in values:
		members = {person for record in holders.get(value, ()) for person in stands_for[record]}
		members -= {
			("Lead", sources[name]) for doctype, name in members if doctype == "Customer" and name in sources
		}
		if len(members) > LARGEST_GROUP:
			continue
		for same in same_people(members, titles) if kind == PHONE else [members]:
			if len(same) >= 2:
				found.setdefault(frozenset(same), value)
	found = not_all_apart(found)
	keep_groups(kind, found, run)
	return len(found)


def not_all_apart(found: dict) -> dict:
	"""The sets but those whose records a manager marked Not the Same Person, every one from every other: the
	group so marked stays as it is, and no new group is made of a part of it."""
	apart = apart_pairs(set().union(*found)) if found else set()
	return {
		members: value
		for members, value in found.items()
		if not all(frozenset(pair) in apart for pair in combinations(members, 2))
	}


def same_people(members: set, titles: dict) -> list[set]:
	"""A phone's records split by person, as the index tells them apart (X-1): a household shares a phone, so
	records of clearly different names are different people; a record without a name is anyone's."""
	threshold = get_settings().name_match_threshold
	groups: list[set] = []
	for record in sorted(members):
		alike = [
			group
			for group in groups
			if any(same_name(titles.get(record), titles.get(other), threshold) for other in group)
		]
		joined = {record}.union(*alike)
		groups = [group for group in groups if group not in alike] + [joined]
	return groups


def same_name(a: str | None, b: str | None, threshold: float) -> bool:
	similarity = name_similarity(a, b) if a and b else None
	return is_same_person({PHONE}, similarity, threshold)


def people(records: set[tuple[str, str]]) -> tuple[dict, dict, dict]:
	"""What each record stands for (a Contact of clients: them; a merged or deleted record: nothing), the
	Lead each Customer was made from, and each live record's name."""
	links = contact_links([name for doctype, name in records if doctype == "Contact"])
	candidates = {record for record in records if not (record[0] == "Contact" and record[1] in links)}
	candidates |= {client for clients in links.values() for client in clients}
	live, sources, titles = live_records(candidates)
	stands_for = {}
	for record in records:
		own = links.get(record[1], ()) if record[0] == "Contact" else ()
		stands_for[record] = (
			[client for client in own if client in live] if own else [record] * (record in live)
		)
	return stands_for, sources, titles


def contact_links(contacts: list[str]) -> dict[str, list[tuple[str, str]]]:
	links = {}
	if contacts:
		for row in frappe.get_all(
			"Dynamic Link",
			filters={
				"parenttype": "Contact",
				"parent": ("in", contacts),
				"link_doctype": ("in", ["Lead", "Customer"]),
			},
			fields=["parent", "link_doctype", "link_name"],
		):
			links.setdefault(row.parent, []).append((row.link_doctype, row.link_name))
	return links


def live_records(records: set[tuple[str, str]]) -> tuple[set, dict, dict]:
	"""The records that exist and are not merged into another; the Lead of each such Customer; their names."""
	live, sources, titles = set(), {}, {}
	for doctype in {doctype for doctype, _name in records}:
		names = [name for kind, name in records if kind == doctype]
		title = TITLE_FIELDS[doctype]
		fields = ["name", title, *(["lead_name"] if doctype == "Customer" else [])]
		for row in frappe.get_all(doctype, filters={"name": ("in", names)}, fields=fields):
			live.add((doctype, row.name))
			titles[(doctype, row.name)] = row.get(title)
			if row.get("lead_name"):
				sources[row.name] = row.lead_name
	return live - merged_records(live), sources, titles


def merged_records(records) -> set[tuple[str, str]]:
	if not records:
		return set()
	rows = frappe.get_all(
		"Merge Log",
		filters={"status": "Merged", "merged_name": ("in", [name for _doctype, name in records])},
		fields=["merged_doctype", "merged_name"],
	)
	return {(row.merged_doctype, row.merged_name) for row in rows} & set(records)


def group_name(members) -> str:
	ordered = "\n".join(f"{doctype}\t{name}" for doctype, name in sorted(members))
	return "DG-" + hashlib.sha1(ordered.encode()).hexdigest()[:12]


def keep_groups(kind: str, found: dict, run: str):
	"""New groups written (rows straight into the tables); those already there seen again by this run,
	reopened and matched on this kind too."""
	named = {group_name(members): (members, value) for members, value in found.items()}
	if not named:
		return
	existing = {
		row.name: row
		for row in frappe.get_all(
			GROUP,
			filters={"name": ("in", list(named))},
			fields=["name", "status", "matched_on", "phone", "email"],
		)
	}
	now = now_datetime()
	new = [name for name in named if name not in existing]
	if new:
		write_groups(kind, {name: named[name] for name in new}, run, now)
	unchanged = []
	for name, row in existing.items():
		kinds = matched_kinds(row.matched_on) | {kind}
		if row.status == OPEN and row.get(KEY_FIELDS[kind]) and kinds == matched_kinds(row.matched_on):
			unchanged.append(name)
			continue
		matched_on = ", ".join(k for k in KINDS if k in kinds)
		values = {
			"status": OPEN,
			"closed_on": None,
			"matched_on": matched_on,
			"last_scan": run,
			"last_seen_on": now,
		}
		values[KEY_FIELDS[kind]] = row.get(KEY_FIELDS[kind]) or named[name][1]
		frappe.db.set_value(GROUP, name, values, update_modified=False)
		frappe.db.sql(f"update `tab{GROUP_RECORD}` set matched_on = %s where parent = %s", (matched_on, name))
	if unchanged:
		frappe.db.sql(
			f"update `tab{GROUP}` set last_scan = %s, last_seen_on = %s where name in %s",
			(run, now, tuple(unchanged)),
		)


def matched_kinds(matched_on: str | None) -> set[str]:
	return {kind for kind in KINDS if kind in (matched_on or "").split(", ")}


def write_groups(kind: str, groups: dict, run: str, now):
	insert_rows(
		GROUP,
		[
			{
				"name": name,
				"status": OPEN,
				"matched_on": kind,
				KEY_FIELDS[kind]: value,
				"record_count": len(members),
				"found_on": now,
				"last_seen_on": now,
				"last_scan": run,
			}
			for name, (members, value) in groups.items()
		],
	)
	insert_rows(
		GROUP_RECORD,
		[
			{
				"parent": name,
				"parenttype": GROUP,
				"parentfield": "records",
				"idx": idx,
				"record_doctype": doctype,
				"record_name": record,
				"matched_on": kind,
			}
			for name, (members, _value) in groups.items()
			for idx, (doctype, record) in enumerate(sorted(members), start=1)
		],
	)


# Closing


def close_unseen(run: str) -> int:
	"""The open groups this run did not find again: their records were merged, deleted or changed."""
	names = frappe.db.sql_list(
		f"select name from `tab{GROUP}` where status = %s and ifnull(last_scan, '') != %s", (OPEN, run)
	)
	close(names)
	return len(names)


def close(names: list[str]):
	if names:
		frappe.db.sql(
			f"update `tab{GROUP}` set status = %s, closed_on = %s where name in %s",
			(CLOSED, now_datetime(), tuple(names)),
		)


def close_groups_of_merged(log, method=None):
	"""Merge Log after_insert: the open groups of the merged record with fewer than two records left."""
	groups = frappe.db.sql_list(
		f"""select distinct grp.name from `tab{GROUP_RECORD}` member join `tab{GROUP}` grp
			on grp.name = member.parent and grp.status = %s
		where member.record_doctype = %s and member.record_name = %s""",
		(OPEN, log.merged_doctype, log.merged_name),
	)
	if not groups:
		return
	rows = frappe.get_all(
		GROUP_RECORD,
		filters={"parent": ("in", groups), "parenttype": GROUP},
		fields=["parent", "record_doctype", "record_name"],
	)
	members = {(row.record_doctype, row.record_name) for row in rows}
	live = live_records(members)[0]
	left = {group: 0 for group in groups}
	for row in rows:
		left[row.parent] += (row.record_doctype, row.record_name) in live
	close([group for group, count in left.items() if count < 2])


# Not the same person: a sales manager's mark, and its undo


def mark_not_same_person(group: str, reason: str | None = None) -> dict:
	"""A sales manager says the records of an open group are different people, with an optional reason;
	who and when are kept on the group, and an Info line on its timeline and its records'."""
	ensure_may("manage", _("Only a sales manager marks records as not the same person."))
	status = locked_status(group)
	if status != OPEN:
		frappe.throw(
			_("Only an open duplicate group is marked Not the Same Person: {0} is {1}.").format(
				escape_html(group), _(status)
			),
			title=_("Not Open"),
		)
	reason = (reason or "").strip() or None
	frappe.db.set_value(
		GROUP,
		group,
		{
			"status": APART,
			"marked_by": frappe.session.user,
			"marked_on": now_datetime(),
			"mark_reason": reason,
		},
		update_modified=False,
	)
	said = _("Marked Not the Same Person by {0}.").format(escape_html(get_fullname()))
	if reason:
		said += " " + _("Reason: {0}").format(escape_html(reason))
	add_info(GROUP, group, said)
	records = group_records(group)
	for record in records:
		others = ", ".join(link_to(*other) for other in records if other != record)
		add_info(
			record[0], record[1], _("Not the same person as {0} (Duplicate Group {1}).").format(others, group)
		)
	return {"group": group, "status": APART}


def reopen_group(group: str) -> dict:
	"""A sales manager takes back a Not the Same Person mark: the group is open again (and closed at the
	next scan if its records no longer share a key), and its records are offered as duplicates again."""
	ensure_may("manage", _("Only a sales manager reopens a duplicate group."))
	status = locked_status(group)
	if status != APART:
		frappe.throw(
			_("Only a group marked Not the Same Person is reopened: {0} is {1}.").format(
				escape_html(group), _(status)
			),
			title=_("Not Marked"),
		)
	frappe.db.set_value(
		GROUP,
		group,
		{"status": OPEN, "marked_by": None, "marked_on": None, "mark_reason": None},
		update_modified=False,
	)
	add_info(
		GROUP,
		group,
		_("Reopened by {0}: possibly the same person again.").format(escape_html(get_fullname())),
	)
	return {"group": group, "status": OPEN}


def locked_status(group: str) -> str:
	"""The group's status, its row locked until the commit (two managers at once: the second sees the first's)."""
	status = frappe.db.get_value(GROUP, group, "status", for_update=True)
	if status is None:
		frappe.throw(
			_("Duplicate Group {0} does not exist.").format(escape_html(group)), frappe.DoesNotExistError
		)
	return status


def group_records(group: str) -> list[tuple[str, str, str]]:
	"""The group's records that still exist, each as (doctype, name, title)."""
	rows = frappe.get_all(
		GROUP_RECORD,
		{"parent": group, "parenttype": GROUP},
		["record_doctype", "record_name"],
		order_by="idx",
	)
	records = []
	for row in rows:
		title = TITLE_FIELDS[row.record_doctype]
		if found := frappe.db.get_value(row.record_doctype, row.record_name, title, as_dict=True):
			records.append((row.record_doctype, row.record_name, found[title]))
	return records
