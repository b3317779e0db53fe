"""One identity (X-1): the identity index of Leads, Contacts and Customers (kept by identity_store), current
through doc events, and `find_same_person`, which answers through index look-ups only."""

from collections import defaultdict
from functools import lru_cache

import frappe
from frappe import _
from frappe.utils import escape_html

from ownership_policies.ownership import identity_store as store
from ownership_policies.ownership import keys as k
from ownership_policies.ownership.doctype.ownership_settings.ownership_settings import split_codes
from ownership_policies.ownership.settings import get_settings

INDEXED_DOCTYPES = ("Lead", "Contact", "Customer")
NAME_ONLY_LIMIT = 20
NOTHING_INDEXED = frozenset()  # what a record being inserted has in the index
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


def record_keys(doc) -> frozenset[k.Key]:
	"""Every key of a Lead, Contact or Customer as written now. One insert reads the same facts several times
	(its validation, its saves and db_sets, the policies' look-ups): the keys of the same facts are computed once."""
	phones, emails, names = person_facts(doc)
	return _keys_of(tuple(phones), tuple(emails), tuple(names), phone_region())


@lru_cache(maxsize=1024)
def _keys_of(phones: tuple, emails: tuple, names: tuple, region: tuple) -> frozenset[k.Key]:
	return frozenset(k.person_keys(phones, emails, names, region))


def phone_region() -> tuple[str | None, ...]:
	"""The countries phone numbers without a + prefix are read in, in order (keys.phone_key): the default one
	(the setting, else the default company's), then the settings' other phone regions. Read once a request:
	kept on the cached settings, which a change of the settings replaces (one insert asks about ten times)."""
	settings = get_settings()
	if settings.flags.phone_region is None:
		settings.flags.phone_region = (
			settings.default_phone_region or company_region(),
			*split_codes(settings.other_phone_regions),
		)
	return settings.flags.phone_region


def company_region() -> str | None:
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


def phone_key_or_throw(phone: str, region: str | tuple | None) -> str:
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
	keys = record_keys(doc)
	synced = _synced_in_this_transaction()
	record = (doc.doctype, doc.name)
	if synced.get(record) == keys:
		return
	if synced.get(record) == NOTHING_INDEXED or (doc.flags.in_insert and record not in synced):
		# a new record has no rows yet, even when ERPNext's db_set on it comes before its own on_change
		store.add((doc.doctype, doc.name, key) for key in keys)
	else:
		sync_identity_keys(doc.doctype, doc.name, keys)
	synced[record] = keys


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
	store.remove(doc.doctype, doc.name)
	_synced_in_this_transaction().pop((doc.doctype, doc.name), None)


def after_rename(doc, method, old_name, new_name, merge=False):
	store.remove(doc.doctype, old_name)
	_synced_in_this_transaction().pop((doc.doctype, old_name), None)
	_synced_in_this_transaction().pop((doc.doctype, new_name), None)
	sync_identity_keys(doc.doctype, new_name, record_keys(doc))


def display_name(facts) -> str | None:
	return next(filter(None, facts[2]), None)


def sync_identity_keys(doctype: str, name: str, keys: set[k.Key]):
	"""Make the index rows of one record equal to `keys`, touching only what changed."""
	indexed = store.keys_of(doctype, name)
	store.remove(doctype, name, indexed - keys)
	store.add((doctype, name, key) for key in keys - indexed)


def indexed_keys(doctype: str, name: str) -> set[k.Key]:
	"""What the index holds for one record."""
	return store.keys_of(doctype, name)


def has_key(doctype: str, name: str, key: k.Key) -> bool:
	return store.has_key(doctype, name, key)


def index_size() -> int:
	"""How many keys the index holds."""
	return store.count()


def forget_key(key: k.Key):
	"""Take a key out of the index for every record (a test's way to play a look-up that saw nothing)."""
	store.remove_key(key)


def forget_records(doctype: str, names):
	"""Take records out of the index whose rows were removed without their doc events (a bulk delete)."""
	store.remove_records(doctype, names)


REBUILD_STATE = (
	"ownership_identity_rebuild"  # where an interrupted rebuild stopped (in Redis, once committed)
)


def rebuild_identity_keys(doctypes=INDEXED_DOCTYPES, batch_size=5000, progress=print):
	"""Index every existing record again: on install, when the phone regions change, and after a bulk import
	that skipped doc events. Record by record in the order of their names, a batch committed at a time, so that
	a rebuild that was stopped goes on from where it stopped when run again with the same phone regions."""
	region, doctypes = phone_region(), list(doctypes)
	frappe.local.identity_keys_synced = None
	first, after = _where_stopped(region, doctypes)
	for doctype in doctypes[doctypes.index(first) :]:
		after = after if doctype == first else ""
		done, total = 0, frappe.db.count(doctype, {"name": (">", after)})
		while docs := _batch(doctype, after, batch_size):
			store.remove_range(doctype, after, docs[-1].name)
			store.add(
				(doctype, doc.name, key) for doc in docs for key in k.person_keys(*person_facts(doc), region)
			)
			after, done = docs[-1].name, done + len(docs)
			_commit()
			stopped = {"region": region, "doctypes": doctypes, "doctype": doctype, "after": after}
			frappe.cache.set_value(REBUILD_STATE, stopped)
			progress(_("Identity index: {0} of {1} {2} indexed").format(done, total, _(doctype)))
		store.remove_range(doctype, after, None)  # the keys of records deleted since
	_commit()
	frappe.cache.delete_value(REBUILD_STATE)


def _where_stopped(region: tuple, doctypes: list[str]) -> tuple[str, str]:
	"""The doctype and the last record a rebuild of these doctypes in these phone regions committed before it
	was stopped; else the start."""
	stopped = frappe.cache.get_value(REBUILD_STATE) or {}
	if stopped.get("region") == region and stopped.get("doctypes") == doctypes:
		return stopped["doctype"], stopped["after"]
	return doctypes[0], ""


def _commit():
	"""A batch of the rebuild is kept once written; a test keeps it in the transaction it rolls back."""
	if not frappe.flags.in_test:
		frappe.db.commit()


def _batch(doctype, after, size):
	"""The next `size` records after `after`, by name, with the fields person_facts reads (plain SQL: a
	backfill reads a million of them)."""
	return _with_facts(doctype, "name > %s order by name limit %s", (after, size))


def _with_facts(doctype, condition, values):
	"""The records of `doctype` meeting an SQL condition, with the fields person_facts reads."""
	fields = ["name", *(field for group in PERSON_FIELDS[doctype] for field in group)]
	if doctype == "Contact":
		fields += ["first_name", "last_name"]
	docs = frappe.db.sql(
		f"""select {", ".join(f"`{field}`" for field in fields)} from `tab{doctype}` where {condition}""",
		values,
		as_dict=True,
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


def reindex_names_with(letters: str, batch_size=1000, progress=print) -> int:
	"""Index again the records whose name key holds any of `letters` (their name keys now read otherwise, e.g.
	once Cyrillic is transliterated), a batch committed at a time, and how many. Found through the index's name
	keys only: with no such record, one read of them. A run stopped half way is simply run again: the records
	it indexed again no longer hold these letters."""
	region, after, done = phone_region(), None, 0
	frappe.local.identity_keys_synced = None
	while found := store.names_with(letters, after, batch_size):
		after = found[-1]
		records = defaultdict(set)
		for _value, doctype, name in found:
			records[doctype].add(name)
		for doctype, names in records.items():
			store.remove_records(doctype, names)
			docs = _with_facts(doctype, "name in %s", (tuple(names),))
			store.add(
				(doctype, doc.name, key) for doc in docs for key in k.person_keys(*person_facts(doc), region)
			)
			done += len(names)
		_commit()
		progress(_("Identity index: {0} records indexed again").format(done))
	return done


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


def find_by_keys(keys: set[k.Key], name: str | None = None, skip=()) -> list[dict]:
	"""`find_same_person` for keys already read, e.g. every key of one record; `skip`, (doctype, name) pairs
	left out (a record the caller knows stands for no one else)."""
	rows = _key_rows([key for key in keys if key.kind != k.NAME], name_keys=bool(name))
	rows += _key_rows([key for key in keys if key.kind == k.NAME], limit=NAME_ONLY_LIMIT)
	rows = [row for row in rows if (row.doctype, row.name) not in skip]
	matches = {}
	for row in rows + _linked_through_contacts(rows):
		match = matches.setdefault(
			(row.doctype, row.name),
			{"doctype": row.doctype, "name": row.name, "matched_on": [], "name_key": row.name_key},
		)
		match["matched_on"].append(row.kind)
	threshold = get_settings().name_match_threshold
	found = []
	for match in matches.values():
		name_key = match.pop("name_key")
		similarity = k.name_similarity(name, name_key) if name and name_key else None
		if k.is_same_person(set(match["matched_on"]), similarity, threshold):
			found.append(
				{**match, "matched_on": sorted(set(match["matched_on"])), "name_similarity": similarity}
			)
	return sorted(found, key=lambda m: (m["doctype"], m["name"]))


def _linked_through_contacts(rows) -> list:
	"""A matched Contact stands for the Customers and Leads it is linked to: they count as matched on the same
	key (a Customer's own phone and email are only a copy of its primary Contact's)."""
	contacts = {row.name: row for row in rows if row.doctype == "Contact"}
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
	return [frappe._dict(contacts[row.parent], doctype=row.link_doctype, name=row.link_name) for row in links]


def _key_rows(keys: list[k.Key], limit: int | None = None, name_keys: bool = False) -> list:
	return [
		frappe._dict(doctype=doctype, name=name, kind=kind, name_key=name_key)
		for doctype, name, kind, name_key in store.records_of(keys, limit, name_keys)
	]


def shared_keys(kind: str, after: str = "", limit: int = 1000) -> list[str]:
	"""The phone or email values (`kind`) that more than one record holds, in order after `after`: a batch of
	the duplicate scan (X-7)."""
	return store.shared_keys(kind, after, limit)


def shared_key_count(kind: str) -> int:
	return store.shared_key_count(kind)


def holders_of(kind: str, values: list[str]) -> dict[str, set[tuple[str, str]]]:
	"""Each value of `kind` with the records (doctype, name) holding it."""
	found = defaultdict(set)
	for value, doctype, name in store.holders(kind, values):
		found[value].add((doctype, name))
	return dict(found)
