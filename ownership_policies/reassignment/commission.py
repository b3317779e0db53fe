"""Commission eligibility (RA-11) on a real site: when a Sales Invoice is submitted, read what the CRM holds
about the client, the spouse and the property sold, and keep the decision in a Commission Eligibility record,
one per invoice, with each reason in plain words."""

import frappe
from frappe import _
from frappe.contacts.doctype.address.address import get_default_address
from frappe.utils import escape_html, get_fullname, now_datetime

from ownership_policies.ownership import keys as k
from ownership_policies.ownership.doctype.ownership_settings.ownership_settings import split_lines
from ownership_policies.ownership.identity import person_facts, phone_region
from ownership_policies.ownership.immutable import by_app
from ownership_policies.ownership.settings import get_settings
from ownership_policies.reassignment import commission_rules as rules

ELIGIBILITY = "Commission Eligibility"


def on_invoice_submit(invoice, method=None):
	"""RA-11: every sale submitted gets its commission decision; a credit note (a return) is no sale. Submitting
	is what registers the sale in the CRM, the seed's last condition for the commission."""
	if invoice.get("is_return"):
		return
	name = frappe.db.get_value(ELIGIBILITY, {"sales_invoice": invoice.name})
	eligibility = frappe.get_doc(ELIGIBILITY, name) if name else frappe.new_doc(ELIGIBILITY)
	registered = listing_registered(invoice.get("property_listing"))
	cut = get_settings().unregistered_property_commission_cut
	tell(check(invoice, eligibility, registered, cut))


def recheck(eligibility_name: str):
	"""RA-11, "Check Again": once the agent has completed the client's record, decide again. The property is
	judged as it was when the sale was submitted (a listing withdrawn since does not cost a cut, nor does one
	registered since spare it), with the cut decided then."""
	eligibility = frappe.get_doc(ELIGIBILITY, eligibility_name)
	invoice = frappe.get_doc("Sales Invoice", eligibility.sales_invoice)
	tell(check(invoice, eligibility, bool(eligibility.property_registered), eligibility.commission_cut))
	return eligibility


def check(invoice, eligibility, registered: bool, cut: float):
	"""Decide from the client's record as it is now and write the decision on `eligibility` (new or not)."""
	customer = frappe.get_doc("Customer", invoice.customer)
	spouse = contact(customer.get("spouse_contact"))
	decision = rules.decide(facts(customer, spouse, registered), cut)
	eligibility.update(
		{
			"sales_invoice": invoice.name,
			"customer": customer.name,
			"agent": decision.agent,
			"status": decision.status,
			"commission_cut": decision.commission_cut,
			"commission_amount": rules.commission_after_cut(
				invoice.get("total_commission"), decision.commission_cut
			),
			"property_listing": invoice.get("property_listing"),
			"property_registered": int(registered),
			"reasons": "\n".join(reasons(decision, customer, spouse, invoice)),
			"reason_codes": "\n".join(decision.blocked),
			"checked_on": now_datetime(),
		}
	)
	eligibility.flags.ignore_permissions = True  # whoever submits the sale records its commission decision
	by_app(eligibility).save()
	return eligibility


def listing_registered(listing: str | None) -> bool:
	"""RA-11: a property is registered when the sale names its listing and the listing is Active (not a
	duplicate, not withdrawn)."""
	return bool(listing) and frappe.db.get_value("Property Listing", listing, "status") == "Active"


def contact(name: str | None):
	return frappe.get_doc("Contact", name) if name and frappe.db.exists("Contact", name) else None


def facts(customer, spouse, registered: bool) -> rules.CommissionFacts:
	"""What the client's record holds: the Customer and its primary Contact (where the desk edits the client's
	phone and email), its addresses, its Tax ID as the ID number (cédula), and the spouse Contact."""
	primary = contact(customer.customer_primary_contact)
	phones, emails = reach(customer, primary)
	spouse_phones, spouse_emails = reach(None, spouse)
	return rules.CommissionFacts(
		registrar=customer.owner,
		has_address=bool(get_default_address("Customer", customer.name)),
		has_phone=bool(phones),
		has_email=bool(emails),
		has_id_number=bool((customer.tax_id or "").strip()),
		listing_registered=registered,
		client_keys=keys_of(phones, emails, primary),
		has_spouse=bool(spouse),
		spouse_keys=keys_of(spouse_phones, spouse_emails, spouse),
		spouse_registrar=spouse.owner if spouse else None,
	)


def reach(customer, person) -> tuple[list[str], list[str]]:
	"""The phones and emails written on the Customer and on a Contact, blanks left out."""
	phones = [customer.mobile_no] if customer else []
	emails = [customer.email_id] if customer else []
	if person:
		person_phones, person_emails, _names = person_facts(person)
		phones, emails = phones + person_phones, emails + person_emails
	return [p for p in phones if (p or "").strip()], [e for e in emails if (e or "").strip()]


def keys_of(phones, emails, person) -> frozenset[str]:
	"""A person's normalised phones and emails, and the Contact record itself: two records sharing any of them
	are one person."""
	found = {f"{key.kind}:{key.value}" for key in k.person_keys(phones, emails, (), phone_region())}
	if person:
		found.add(f"Contact:{person.name}")
	return frozenset(found)


def reasons(decision, customer, spouse, invoice) -> list[str]:
	"""One sentence per reason: what blocks the commission, then what it costs or is worth knowing."""
	sentences = [block_sentence(code, customer.customer_name, spouse) for code in decision.blocked]
	if rules.UNREGISTERED_PROPERTY in decision.notes:
		sentences.append(property_sentence(invoice.get("property_listing"), decision.commission_cut))
	if rules.SPOUSE_REGISTERED_BY_ANOTHER in decision.notes:
		sentences.append(
			_(
				"The spouse {0} was registered by {1}; the commission goes to {2}, who registered the client."
			).format(
				spouse.full_name or spouse.name, get_fullname(spouse.owner), get_fullname(decision.agent)
			)
		)
	return sentences


def block_sentence(code: str, client: str, spouse) -> str:
	if code == rules.SPOUSE_IS_CLIENT:
		return _(
			"The spouse contact {0} is the client again (same contact, phone or email): register the spouse as a contact of their own."
		).format(spouse.full_name or spouse.name)
	return {
		rules.NO_ADDRESS: _("The record of {0} has no address."),
		rules.NO_PHONE: _("The record of {0} has no phone number."),
		rules.NO_EMAIL: _("The record of {0} has no email address."),
		rules.NO_SPOUSE: _("The record of {0} names no spouse registered as a contact of their own."),
		rules.NO_ID_NUMBER: _("The record of {0} has no ID number (Tax ID)."),
	}[code].format(client)


def property_sentence(listing: str | None, cut: float) -> str:
	if listing:
		return _(
			"The property listing {0} was not registered as Active when the sale was submitted: the commission is cut by {1}%."
		).format(listing, frappe.format(cut, "Float"))
	return _("The sale names no registered property listing: the commission is cut by {0}%.").format(
		frappe.format(cut, "Float")
	)


def block_label(code: str) -> str:
	"""A short name of each block reason, for the report."""
	return {
		rules.NO_ADDRESS: _("No address"),
		rules.NO_PHONE: _("No phone"),
		rules.NO_EMAIL: _("No email"),
		rules.NO_SPOUSE: _("No spouse"),
		rules.SPOUSE_IS_CLIENT: _("Spouse is the client"),
		rules.NO_ID_NUMBER: _("No ID number"),
	}.get(code, code)


def tell(eligibility):
	"""The decision, at once, to whoever submitted the sale or checked it again."""
	blocked = eligibility.status == rules.BLOCKED
	agent = get_fullname(eligibility.agent)
	if blocked:
		headline = _("The commission on {0}, due to {1}, is blocked until the client's record is complete.")
	else:
		headline = _("The commission on {0} may be paid to {1}.")
	lines = "".join(f"<li>{escape_html(line)}</li>" for line in split_lines(eligibility.reasons))
	frappe.msgprint(
		f"<p>{escape_html(headline.format(eligibility.sales_invoice, agent))}</p>"
		+ (f"<ul>{lines}</ul>" if lines else ""),
		title=_("Commission Eligibility"),
		indicator="orange" if blocked else "green",
	)
