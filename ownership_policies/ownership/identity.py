"""One identity (X-1): the Identity Key index of Leads, Contacts and Customers, kept current by doc events,
and `find_same_person`, which answers through index look-ups only."""

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import escape_html, now

from ownership_policies.ownership import keys as k
from ownership_policies.ownership.settings import get_settings

INDEXED_DOCTYPES = ("Lead", "Contact", "Customer")
NAME_ONLY_LIMIT = 20
_KEY_FIELDS = ("reference_doctype", "reference_name", "key_type", "key_value", "person_name")
NOTHING_INDEXED = (frozenset(), None)  # what a record being inserted has in the index
# Where each doctype writes a person's phones, emails and names (Contact also has its child tables).
PERSON_FIELDS = {
	"Lead": (("phone", "mobile_no", "whatsapp_no"), ("email_id",), ("lead_name",)),
	"Customer": (("mobile_no",), ("email_id",), ("customer_name",)),
	"Contact": (("phone", "mobile_no"), ("email_id",), ("full_name",)),
}


def person_facts(doc) -> tuple[list[str], list[str], list[str]]:
	"""Phones, emails and names written on a Lead, Contact or Customer."""
	phones, emails, names = ([doc.get(field) for field in fields] for fields in PERSON_FIELDS[doc.doctype])
	if doc.doctype == "Contact":
		phones += [row.phone for row in doc.get("phone_nos") or []]
		emails += [row.email_id for row in doc.get("email_ids") or []]
		names = [doc.full_name or " ".join(filter(None, (doc.first_name, doc.last_name)))]
	return phones, emails, names


def phone_region() -> str | None:
	"""The country phone numbers without a + prefix are read in: the setting, else the default company's."""
	if region := get_settings().default_phone_region:
		return region
	company = frappe.defaults.get_global_default("company")
	country = company and frappe.get_cached_value("Company", company, "country")
	code = country and frappe.get_cached_value("Country", country, "code")
	return code.upper() if code else None


def validate(doc, method=None):
	"""Refuse a new or changed phone number that cannot be read: such a person could not be recognised.
	Data imports are let through (their unreadable numbers are simply not indexed)."""
	if doc.flags.in_insert:  # named, not yet written: the index holds nothing for it
		_synced_in_this_transaction()[(doc.doctype, doc.name)] = NOTHING_INDEXED
	if frappe.flags.in_import:
		return
	before = doc.get_doc_before_save()
	known = set(person_facts(before)[0]) if before else set()
	region = phone_region()
	for phone in filter(None, person_facts(doc)[0]):
		if phone not in known:
			phone_key_or_throw(phone, region)


def phone_key_or_throw(phone: str, region: str | None) -> str:
	try:
		return k.phone_key(phone, region)
	except k.InvalidPhone:
		frappe.throw(
			_(
				"{0} is not a phone number that can be read. Write it with its country code, e.g. +33 6 12 34 56 78."
			).format(frappe.bold(escape_html(phone))),
			title=_("Invalid Phone Number"),
		)


def on_change(doc, method=None):
	"""After every save, and after db_set (ERPNext copies a Contact's phone into its Lead that way)."""
	if doc.flags.in_delete:
		return
	facts = person_facts(doc)
	keys, person = frozenset(k.person_keys(*facts, phone_region())), display_name(facts)
	synced = _synced_in_this_transaction()
	record = (doc.doctype, doc.name)
	if synced.get(record) == (keys, person):
		return
	if synced.get(record) == NOTHING_INDEXED or (doc.flags.in_insert and record not in synced):
		# a new record has no rows yet, even when ERPNext's db_set on it comes before its own on_change
		insert_keys([(doc.doctype, doc.name, key, person) for key in keys])
	else:
		sync_identity_keys(doc.doctype, doc.name, keys, person)
	synced[record] = (keys, person)


def _synced_in_this_transaction() -> dict:
	"""What each record was indexed as in the current transaction, so that the several saves and db_sets
	ERPNext runs for one Lead insert (its Contact, its phone copies) read the index once. Forgotten at commit
	and rollback (Frappe's transaction callbacks do not fire for a rollback to a savepoint)."""
	synced = getattr(frappe.local, "identity_keys_synced", None)
	if synced is None:
		synced = frappe.local.identity_keys_synced = {}

		def forget():
			frappe.local.identity_keys_synced = None

		frappe.db.after_commit.add(forget)
		frappe.db.after_rollback.add(forget)
	return synced


def on_trash(doc, method=None):
	frappe.db.delete("Identity Key", {"reference_doctype": doc.doctype, "reference_name": doc.name})
	_synced_in_this_transaction().pop((doc.doctype, doc.name), None)


def after_rename(doc, method, old_name, new_name, merge=False):
	frappe.db.delete("Identity Key", {"reference_doctype": doc.doctype, "reference_name": old_name})
	_synced_in_this_transaction().pop((doc.doctype, old_name), None)
	_synced_in_this_transaction().pop((doc.doctype, new_name), None)
	facts = person_facts(doc)
	sync_identity_keys(doc.doctype, new_name, k.person_keys(*facts, phone_region()), display_name(facts))


def display_name(facts) -> str | None:
	return next(filter(None, facts[2]), None)


def sync_identity_keys(doctype: str, name: str, keys: set[k.Key], person_name: str | None):
	"""Make the index rows of one record equal to `keys`, touching only what changed."""
	table = frappe.qb.DocType("Identity Key")  # the query builder: half the cost of get_all on this hot path
	rows = (
		frappe.qb.from_(table)
		.select(table.name, table.key_type, table.key_value, table.person_name)
		.where((table.reference_doctype == doctype) & (table.reference_name == name))
		.run(as_dict=True)
	)
	stale = [
		r.name for r in rows if k.Key(r.key_type, r.key_value) not in keys or r.person_name != person_name
	]
	if stale:
		frappe.db.delete("Identity Key", {"name": ("in", stale)})
	existing = {k.Key(r.key_type, r.key_value) for r in rows if r.name not in stale}
	insert_keys([(doctype, name, key, person_name) for key in keys - existing])


def insert_keys(rows):
	if not rows:
		return
	stamp, user = now(), frappe.session.user
	values = [
		(
			frappe.generate_hash(length=12),
			stamp,
			stamp,
			user,
			user,
			doctype,
			name,
			key.kind,
			key.value,
			person,
		)
		for doctype, name, key, person in rows
	]
	frappe.db.bulk_insert(
		"Identity Key",
		("name", "creation", "modified", "owner", "modified_by", *_KEY_FIELDS),
		values,
		ignore_duplicates=True,  # the unique key makes a repeated write harmless
	)


def rebuild_identity_keys(doctypes=INDEXED_DOCTYPES, batch_size=5000):
	"""Index every existing record again: on install, when the phone region changes, and after a bulk import
	that skipped doc events."""
	region = phone_region()
	frappe.local.identity_keys_synced = None
	for doctype in doctypes:
		frappe.db.delete("Identity Key", {"reference_doctype": doctype})
		last = ""
		while docs := _batch(doctype, last, batch_size):
			rows = []
			for doc in docs:
				facts = person_facts(doc)
				rows += [
					(doctype, doc.name, key, display_name(facts)) for key in k.person_keys(*facts, region)
				]
			insert_keys(rows)
			last = docs[-1].name


def _batch(doctype, after, size):
	fields = ["name", *(field for group in PERSON_FIELDS[doctype] for field in group)]
	if doctype == "Contact":
		fields += ["first_name", "last_name"]
	docs = frappe.get_all(
		doctype, fields=fields, filters={"name": (">", after)}, order_by="name asc", limit_page_length=size
	)
	for doc in docs:
		doc.doctype = doctype
	if doctype == "Contact" and docs:
		children = defaultdict(lambda: defaultdict(list))
		for child, field in (("Contact Phone", "phone"), ("Contact Email", "email_id")):
			rows = frappe.get_all(
				child, filters={"parent": ("in", [d.name for d in docs])}, fields=["parent", field]
			)
			for row in rows:
				children[row.parent][field].append(row)
		for doc in docs:
			doc.phone_nos, doc.email_ids = children[doc.name]["phone"], children[doc.name]["email_id"]
	return docs


def query_keys(phone=None, email=None, name=None) -> set[k.Key]:
	"""The keys to look up; a phone or email that cannot be read is refused with a message that says so."""
	if not (phone or email or name):
		frappe.throw(_("Give a phone number, an email address or a name to look for."))
	keys = set()
	if phone:
		keys.add(k.Key(k.PHONE, phone_key_or_throw(phone, phone_region())))
	if email:
		try:
			keys.add(k.Key(k.EMAIL, k.email_key(email)))
		except k.InvalidEmail:
			frappe.throw(
				_("{0} is not a valid email address.").format(frappe.bold(escape_html(email))),
				title=_("Invalid Email"),
			)
	if name and (key := k.name_key(name)):
		keys.add(k.Key(k.NAME, key))
	return keys


def find_same_person(
	phone: str | None = None, email: str | None = None, name: str | None = None
) -> list[dict]:
	"""Leads, Contacts and Customers of the same person (X-1), each with what matched and how alike the names
	are. Records sharing only the name are capped at NAME_ONLY_LIMIT: a name that hundreds of records share says
	little about one person, and a caller needs one such match to know the name is taken."""
	return find_by_keys(query_keys(phone, email, name), name)


def find_by_keys(keys: set[k.Key], name: str | None = None) -> list[dict]:
	"""`find_same_person` for keys already read, e.g. every key of one record."""
	rows = _key_rows([key for key in keys if key.kind != k.NAME])
	rows += _key_rows([key for key in keys if key.kind == k.NAME], limit=NAME_ONLY_LIMIT)
	matches = {}
	for row in rows + _linked_through_contacts(rows):
		match = matches.setdefault(
			(row.reference_doctype, row.reference_name),
			{
				"doctype": row.reference_doctype,
				"name": row.reference_name,
				"matched_on": [],
				"person_name": row.person_name,
			},
		)
		match["matched_on"].append(row.key_type)
	threshold = get_settings().name_match_threshold
	found = []
	for match in matches.values():
		similarity = k.name_similarity(name, match["person_name"]) if name and match["person_name"] else None
		if k.is_same_person(set(match["matched_on"]), similarity, threshold):
			found.append(
				{**match, "matched_on": sorted(set(match["matched_on"])), "name_similarity": similarity}
			)
	return sorted(found, key=lambda m: (m["doctype"], m["name"]))


def _linked_through_contacts(rows) -> list:
	"""A matched Contact stands for the Customers and Leads it is linked to: they count as matched on the same
	key (a Customer's own phone and email are only a copy of its primary Contact's)."""
	contacts = {row.reference_name: row for row in rows if row.reference_doctype == "Contact"}
	if not contacts:
		return []
	link = frappe.qb.DocType("Dynamic Link")
	links = (
		frappe.qb.from_(link)
		.select(link.parent, link.link_doctype, link.link_name)
		.where(
			(link.parenttype == "Contact")
			& link.parent.isin(list(contacts))
			& link.link_doctype.isin(["Customer", "Lead"])
		)
		.run(as_dict=True)
	)
	return [
		frappe._dict(
			reference_doctype=row.link_doctype,
			reference_name=row.link_name,
			key_type=contacts[row.parent].key_type,
			person_name=contacts[row.parent].person_name,
		)
		for row in links
	]


def _key_rows(keys: list[k.Key], limit: int | None = None) -> list:
	if not keys:
		return []
	table = frappe.qb.DocType("Identity Key")
	condition = None
	for key in keys:
		one = (table.key_value == key.value) & (table.key_type == key.kind)
		condition = one if condition is None else condition | one
	query = (
		frappe.qb.from_(table)
		.select(table.reference_doctype, table.reference_name, table.key_type, table.person_name)
		.where(condition)
	)
	return (query.limit(limit) if limit else query).run(as_dict=True)
