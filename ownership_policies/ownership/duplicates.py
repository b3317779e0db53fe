"""X-7, at entry: the records of the same person the identity index (X-1) knows, shown while a Lead, Contact or
Customer is typed, each with who holds it (X-2); and the policy on an exact duplicate when one is inserted
(Ownership Settings: block, warn or allow). Exact is the index's same person: the same E.164 phone (with a name
alike, or none) or the same email. Suggested: the same name once normalised, or a similar name in the same city
or company. Records a sales manager marked Not the Same Person (a Duplicate Group so marked) are not offered as
each other's duplicates. Merging two records of one person is another module's."""

from urllib.parse import quote

import frappe
from frappe import _
from frappe.query_builder import Order
from frappe.utils import escape_html, get_fullname

from ownership_policies.ownership import ledger
from ownership_policies.ownership.identity import (
	INDEXED_DOCTYPES,
	find_by_keys,
	find_same_person,
	person_facts,
	record_keys,
)
from ownership_policies.ownership.keys import EMAIL, NAME, PHONE, alike_names
from ownership_policies.ownership.partners import is_partner_user
from ownership_policies.ownership.roles import ACTING_ROLES, AGENT_ROLE
from ownership_policies.ownership.settings import get_settings

STAFF_ROLES = (AGENT_ROLE, *ACTING_ROLES)  # who enters clients; partners never see a match
BLOCK, WARN, ALLOW = "Block", "Warn", "Allow"
POLICY_FIELDS = {
	"Lead": "lead_duplicate_policy",
	"Contact": "contact_duplicate_policy",
	"Customer": "customer_duplicate_policy",
}
TITLE_FIELDS = {"Lead": "lead_name", "Contact": "full_name", "Customer": "customer_name"}
STATUS_FIELDS = {"Lead": "status", "Contact": "status", "Customer": "disabled"}
CITY, COMPANY = "City", "Company"
# Where a record of the same city or company is looked for, and how alike its name must be (0–100) to be shown;
# the newest PLACE_LIMIT records of a city or company are compared.
PLACE_FIELDS = {"Lead": {CITY: "city", COMPANY: "company_name"}, "Contact": {COMPANY: "company_name"}}
SIMILAR_NAME = 80
PLACE_LIMIT = 200
# The records a new one comes from, which are not its duplicates: a Customer made from a Lead, a Lead of a Customer.
SOURCE_FIELDS = {"Customer": (("lead_name", "Lead"),), "Lead": (("customer", "Customer"),)}
KIND_ORDER = (PHONE, EMAIL, NAME, CITY, COMPANY)
GROUP, GROUP_RECORD = "Duplicate Group", "Duplicate Group Record"
APART = "Not the Same Person"  # a Duplicate Group's status: its records are different people


# The panel and integrations: find_duplicates


def find_duplicates(
	doctype: str,
	name: str | None = None,
	phone: str | None = None,
	email: str | None = None,
	full_name: str | None = None,
	city: str | None = None,
	company_name: str | None = None,
) -> list[dict]:
	"""The person's other records the caller may read, exact ones first, the record `name` itself aside."""
	ensure_may_look(doctype)
	if not (phone or email or (full_name or "").strip()):
		frappe.throw(
			_("Give a phone number, an email address or a name to look for."), title=_("Nothing to Look For")
		)
	matches = merged(
		find_same_person(phone, email, full_name), same_place_or_company(full_name, city, company_name)
	)
	return described(without(matches, related_to(doctype, name)), for_the_user=True)


def ensure_may_look(doctype: str):
	if doctype not in INDEXED_DOCTYPES:
		frappe.throw(
			_("Duplicates are looked for among Leads, Contacts and Customers: send one of them as doctype."),
			title=_("Invalid Request"),
		)
	if is_partner_user() or not set(STAFF_ROLES) & set(frappe.get_roles()):
		frappe.throw(_("Only sales staff may look for duplicates."), frappe.PermissionError)
	frappe.has_permission(doctype, "read", throw=True)


def same_place_or_company(full_name: str | None, city: str | None, company_name: str | None) -> list[dict]:
	"""Records of a similar name in the same city or company (a suggestion: no key is shared)."""
	given = {CITY: (city or "").strip(), COMPANY: (company_name or "").strip()}
	if not (full_name or "").strip() or not any(given.values()):
		return []
	found = []
	for doctype, fields in PLACE_FIELDS.items():
		for kind, field in fields.items():
			if not given[kind]:
				continue
			table = frappe.qb.DocType(doctype)
			rows = (
				frappe.qb.from_(table)
				.select(table.name, table[TITLE_FIELDS[doctype]])
				.where(table[field] == given[kind])
				.orderby(table.name, order=Order.desc)  # the newest first, in the field's index order
				.limit(PLACE_LIMIT)
				.run()
			)
			titles = [title for _name, title in rows]
			found += [
				{"doctype": doctype, "name": rows[index][0], "matched_on": [kind]}
				for index in alike_names(full_name, titles, SIMILAR_NAME)
			]
	return found


def merged(*found) -> list[dict]:
	"""One match per record, with everything it matched on."""
	matches = {}
	for match in (match for matches_ in found for match in matches_):
		record = (match["doctype"], match["name"])
		entry = matches.setdefault(record, {"doctype": record[0], "name": record[1], "matched_on": set()})
		entry["matched_on"] |= set(match["matched_on"])
	return list(matches.values())


def related_to(doctype: str, name: str | None) -> set[tuple[str, str]]:
	"""A saved record, its Contacts and the records it comes from: none of them is its duplicate."""
	if not name or not frappe.db.exists(doctype, name):
		return set()
	link = frappe.qb.DocType("Dynamic Link")
	contacts = (
		frappe.qb.from_(link)
		.select(link.parent)
		.where((link.parenttype == "Contact") & (link.link_doctype == doctype) & (link.link_name == name))
		.run(pluck=True)
	)
	return related_of(frappe.get_doc(doctype, name)) | {("Contact", contact) for contact in contacts}


def related_of(doc) -> set[tuple[str, str]]:
	"""The record, what a Contact is linked to, the record it was made from, and the Contact ERPNext makes for a
	new Lead (before the Lead has a name to link it to)."""
	related = {(doc.doctype, doc.name)}
	related |= {(link.link_doctype, link.link_name) for link in doc.get("links") or []}
	related |= {
		(doctype, doc.get(field)) for field, doctype in SOURCE_FIELDS.get(doc.doctype, ()) if doc.get(field)
	}
	if contact := getattr(doc, "contact_doc", None):
		related.add(("Contact", contact.name))
	return related


def without(matches: list[dict], related: set) -> list[dict]:
	"""The matches but the related records, those merged into another (their person is the kept record's) and
	those marked Not the Same Person as one of the related records; a Contact of a Lead or Customer stands for it
	(the index matched that record through it), so it is not shown again."""
	left_out = related | merged_away(matches) | kept_apart(matches, related)
	others = [m for m in matches if (m["doctype"], m["name"]) not in left_out]
	contacts = [m["name"] for m in others if m["doctype"] == "Contact"]
	if not contacts:
		return others
	link = frappe.qb.DocType("Dynamic Link")
	of_clients = set(
		frappe.qb.from_(link)
		.select(link.parent)
		.where(
			(link.parenttype == "Contact")
			& link.parent.isin(contacts)
			& link.link_doctype.isin(["Lead", "Customer"])
		)
		.run(pluck=True)
	)
	return [m for m in others if not (m["doctype"] == "Contact" and m["name"] in of_clients)]


def merged_away(matches: list[dict]) -> set[tuple[str, str]]:
	"""The matches a merge disabled (X-7): a merged record stays, with its identity keys, until the merge is
	undone."""
	if not matches:
		return set()
	log = frappe.qb.DocType("Merge Log")
	return set(
		frappe.qb.from_(log)
		.select(log.merged_doctype, log.merged_name)
		.where((log.status == "Merged") & log.merged_name.isin([m["name"] for m in matches]))
		.run()
	)


def kept_apart(matches: list[dict], related: set) -> set[tuple[str, str]]:
	"""The records a manager marked Not the Same Person as one of the related records: one indexed query, only
	when there is something to leave out (a new record is marked apart from nothing, but the records it comes
	from may be)."""
	saved = {record for record in related if record[1]}
	if not matches or not saved:
		return set()
	return {record for pair in apart_pairs(saved) for record in pair}


def apart_pairs(records: set[tuple[str, str]]) -> set[frozenset]:
	"""Each pair of records marked Not the Same Person (in one group so marked) with one of `records` in it."""
	rows = frappe.db.sql(
		f"""select mine.record_doctype, mine.record_name, other.record_doctype, other.record_name
		from `tab{GROUP_RECORD}` mine
		join `tab{GROUP}` grp on grp.name = mine.parent and grp.status = %s
		join `tab{GROUP_RECORD}` other on other.parent = mine.parent and other.name != mine.name
		where mine.record_name in %s""",
		(APART, tuple({name for _doctype, name in records})),
	)
	return {
		frozenset({(doctype, name), (other_doctype, other)})
		for doctype, name, other_doctype, other in rows
		if (doctype, name) in records
	}


def described(matches: list[dict], for_the_user: bool = False) -> list[dict]:
	"""Each match with its title and status, exact ones first; `for_the_user`: only those the user may read
	(one query a doctype, under their permissions, as the desk's lists are), with who holds each now (the
	ledger, one query a doctype)."""
	rows, holders = {}, {}
	read = frappe.get_list if for_the_user else frappe.get_all
	for doctype in {m["doctype"] for m in matches}:
		fields = ["name", TITLE_FIELDS[doctype], STATUS_FIELDS[doctype]]
		names = [m["name"] for m in matches if m["doctype"] == doctype]
		for row in read(doctype, filters={"name": ("in", names)}, fields=fields, order_by=None):
			rows[(doctype, row.name)] = row
		if for_the_user:
			readable = [name for name in names if (doctype, name) in rows]
			for name, owner in ledger.who_owns_each(doctype, readable).items():
				holders[(doctype, name)] = holder_of(owner)
	found = []
	for match in matches:
		if not (row := rows.get((match["doctype"], match["name"]))):
			continue
		matched_on = set(match["matched_on"])
		found.append(
			{
				"doctype": match["doctype"],
				"name": match["name"],
				"title": row[TITLE_FIELDS[match["doctype"]]] or match["name"],
				"status": status_of(match["doctype"], row),
				"matched_on": [kind for kind in KIND_ORDER if kind in matched_on],
				"exact": bool(matched_on & {PHONE, EMAIL}),
				**holders.get((match["doctype"], match["name"]), {}),
			}
		)
	return sorted(found, key=lambda m: (not m["exact"], INDEXED_DOCTYPES.index(m["doctype"]), m["name"]))


def status_of(doctype: str, row) -> str:
	if doctype == "Customer":
		return "Disabled" if row.disabled else "Active"
	return row.status


def holder_of(owner: dict) -> dict:
	holder = owner.get("holder")
	shown = get_fullname(holder) if holder and owner.get("holder_type") == "User" else holder
	return {"holder": holder, "holder_name": shown}


# The policy on an insert: block, warn or allow


def judge_entry(doc, method=None):
	"""before_insert (on a Lead, after LQ-8's look-up, which it reuses): an exact duplicate is refused (Block)
	or kept to be flagged once the record has a name (Warn)."""
	policy = entry_policy(doc)
	if policy == ALLOW:
		return
	found = exact_duplicates(doc)
	if not found:
		return
	if policy == BLOCK:
		frappe.throw(
			_(
				"This person is already entered: {0}. Open that record rather than entering them again."
			).format(", ".join(link_to(m["doctype"], m["name"], m["title"]) for m in found)),
			title=_("Already Entered"),
		)
	doc.flags.possible_duplicates = found


def entry_policy(doc) -> str:
	"""The doctype's policy for a record a person enters (desk, REST, Data Import). A record code inserts with
	no permission check (ERPNext's Contact of a new Lead, a fixation's Lead, a web form's) is not judged, nor a
	Contact of a Lead or Customer; a referral of a known person is recorded and explained by PR-3, so it is warned of, never refused."""
	if doc.flags.ignore_permissions:
		return ALLOW
	if any(link.link_doctype in ("Lead", "Customer") for link in doc.get("links") or []):
		return ALLOW  # a Lead's or a Customer's Contact stands for it, judged when it was entered
	policy = get_settings().get(POLICY_FIELDS[doc.doctype]) or WARN
	return WARN if policy == BLOCK and doc.get("prescriber") else policy


def exact_duplicates(doc) -> list[dict]:
	keys = frozenset(key for key in record_keys(doc) if key.kind != NAME)
	if not keys:
		return []
	name = person_facts(doc)[2][0]
	looked_up = doc.flags.person_lookup  # LQ-8's, on a Lead's insert (open_files.same_client)
	if looked_up and looked_up[0] == (keys, name):
		matches = looked_up[1]
	else:
		matches = find_by_keys(set(keys), name)
	others = without(matches, related_of(doc))
	return described(others) if others else []


def flag_possible_duplicates(doc, method=None):
	"""after_insert (Warn): "Possible duplicate of …" on the timeline of both records."""
	if not (found := doc.flags.possible_duplicates):
		return
	here = link_to(doc.doctype, doc.name, doc.get(TITLE_FIELDS[doc.doctype]))
	for match in found:
		there = link_to(match["doctype"], match["name"], match["title"])
		add_info(doc.doctype, doc.name, _("Possible duplicate of {0}.").format(there))
		add_info(match["doctype"], match["name"], _("Possible duplicate of {0}.").format(here))


def link_to(doctype: str, name: str, title: str | None) -> str:
	href = f"/app/{frappe.scrub(doctype).replace('_', '-')}/{quote(name, safe='')}"
	return f'<a href="{href}">{escape_html(_(doctype))} {escape_html(title or name)}</a>'


def add_info(doctype: str, name: str, content: str):
	"""A line on the record's timeline (an Info comment: not the agent's activity, RA-1)."""
	frappe.get_doc(
		{
			"doctype": "Comment",
			"comment_type": "Info",
			"reference_doctype": doctype,
			"reference_name": name,
			"content": content,
		}
	).insert(ignore_permissions=True)
