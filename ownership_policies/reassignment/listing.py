"""Property listings (RA-3, RA-6, RA-8, RA-9): one active listing per property — the address and the owner —,
the first registration prevails and a second one is kept as a duplicate that costs its agent points; a change of
price or a new publication link is activity; the owner's decisions prevail over the proxy's."""

import frappe
from frappe import _
from frappe.utils import now_datetime

from ownership_policies.ownership import claims, reasons, scores
from ownership_policies.ownership.doctype.ownership_settings.ownership_settings import split_lines
from ownership_policies.ownership.identity import person_facts, phone_region
from ownership_policies.ownership.immutable import by_app
from ownership_policies.ownership.keys import person_keys, strongest_key
from ownership_policies.ownership.roles import is_manager
from ownership_policies.ownership.rows import first_wins
from ownership_policies.ownership.settings import get_settings
from ownership_policies.reassignment import activity
from ownership_policies.reassignment import rules as ra
from ownership_policies.reassignment.offices import office_of

PROPERTY_FIELDS = ("address", "city", "owner_contact", "status")  # what the key and its holding depend on


def register(listing):
	"""before_insert: the registering agent and office, the first activity, and the property's key; a property
	already listed makes this registration a duplicate (RA-8)."""
	listing.agent = listing.agent or frappe.session.user
	listing.office = listing.office or (office_of(listing.agent) or frappe._dict()).office
	listing.registered_on = now_datetime()
	listing.status = "Active"
	activity.start_protection(listing)
	key = property_key_of(listing)
	if first := frappe.db.get_value(ra.LISTING, {"property_key": key}):
		mark_duplicate(listing, first)
	else:
		listing.property_key = key


def property_key_of(listing) -> str:
	"""The property: its normalised address and its owner (the owner Contact's strongest key)."""
	owner = frappe.get_doc("Contact", listing.owner_contact)
	owner_key = strongest_key(person_keys(*person_facts(owner), phone_region())) or f"contact:{owner.name}"
	return ra.property_key(listing.address, listing.city, owner_key)


def follow_property(listing):
	"""validate: an active listing's key follows a corrected address or owner, and cannot take another active
	listing's property; a withdrawn listing frees its property for a new registration (RA-8)."""
	if listing.is_new() or not any(map(listing.has_value_changed, PROPERTY_FIELDS)):
		return
	if listing.status != "Active":
		listing.property_key = None
		return
	key = property_key_of(listing)
	holder = frappe.db.get_value(ra.LISTING, {"property_key": key, "name": ("!=", listing.name)})
	if holder:
		frappe.throw(
			_(
				"Listing {0} already holds this property (the same address and owner). Correct the address or the owner, or withdraw one of the two listings (RA-8)."
			).format(frappe.bold(holder)),
			title=_("Property Already Listed"),
		)
	listing.property_key = key


def mark_duplicate(listing, first: str):
	listing.update({"status": "Duplicate", "duplicate_of": first, "property_key": None})
	listing.flags.duplicate_of = first


def insert_first(listing, insert):
	"""RA-9: `insert` writes the listing's row; if a parallel registration of the same property took its key
	first (the database's unique key decides), this one is written again as the duplicate of the winner."""
	if first := first_wins(insert, ra.LISTING, "property_key", listing.property_key):
		mark_duplicate(listing, first[0])  # this registration stands, as a duplicate
		insert()


def on_update(listing, method=None):
	"""A change of price or a new publication link is activity (RA-7)."""
	before = listing.get_doc_before_save()
	if not before:
		return
	new_links = set(split_lines(listing.publication_links)) - set(split_lines(before.publication_links))
	if listing.price != before.price or new_links:
		activity.touch(ra.LISTING, listing.name, frappe.session.user)


def record_decisions(listing, method=None):
	"""validate (RA-6): a new decision of the proxy is refused once the owner has decided; the owner's latest
	decision (else the proxy's) is the one in force."""
	before = listing.get_doc_before_save()
	known = {row.name for row in before.decisions} if before else set()
	for row in listing.decisions:
		if row.name in known:
			continue
		row.recorded_by = frappe.session.user
		earlier = [as_decision(d) for d in listing.decisions if d.name in known]
		if not ra.owner_overrides(earlier, as_decision(row)):
			frappe.throw(
				_("The owner has already decided; a decision of the proxy cannot override it (RA-6)."),
				title=_("Owner's Decision Prevails"),
			)
		known.add(row.name)
	chosen = ra.in_force([as_decision(d) for d in listing.decisions])
	for index, row in enumerate(listing.decisions):
		row.in_force = int(index == chosen)


def as_decision(row) -> ra.Decision:
	return ra.Decision(frappe.utils.get_datetime(row.decided_on), row.decided_by == "Owner")


def after_register(listing, method=None):
	"""after_insert: the listing's claim in the ledger; a duplicate is refused and the second agent to list the
	property loses the duplicate penalty, once (RA-8)."""
	first = listing.flags.duplicate_of
	if not first:
		claims.grant(
			listing,
			listing.agent,
			owner=False,
			claim="Listing",
			action="Attach",
			rule="RA-3",
			valid_until=listing.protected_until,
		)
		return
	claims.refuse(
		listing,
		listing.agent,
		claim="Listing",
		rule="RA-8",
		note=reasons.kept(reasons.reason("RA-8", "duplicate_of", first)),
	)
	if points := get_settings().duplicate_listing_penalty:  # 0: the administrator set no penalty
		scores.award(
			listing.agent,
			-abs(points),
			"RA-8",
			_("Listed {0}, already listed as {1}").format(listing.address, first),
			ra.LISTING,
			listing.name,
		)
	frappe.msgprint(
		_(
			"This property is already listed as {0}, registered first: it prevails, and this registration is kept as a duplicate (RA-8)."
		).format(frappe.bold(first)),
		title=_("Duplicate Listing"),
		indicator="orange",
	)


def withdraw(listing_name: str):
	"""An active listing taken off the market by its agent or a manager: its property is free for a new
	registration (RA-8), and the listing's claim ends in the ledger. Its status is the rules' (X-2): this is
	the one way to withdraw it."""
	listing = frappe.get_doc(ra.LISTING, listing_name, for_update=True)
	listing.check_permission("write")
	if listing.agent != frappe.session.user and not is_manager():
		frappe.throw(_("Only the listing's agent or a sales manager withdraws it."), frappe.PermissionError)
	if listing.status != "Active":
		frappe.throw(_("Only an active listing can be withdrawn; this one is {0}.").format(_(listing.status)))
	listing.status = "Withdrawn"
	by_app(listing).save()
	claims.end(
		listing,
		listing.agent,
		claim="Listing",
		action="Release",
		rule="RA-8",
		note=reasons.kept(reasons.reason("RA-8", "withdrawn")),
	)
	return listing
