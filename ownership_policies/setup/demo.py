"""A small demo data set for the dev site (dev/up): a company, partners, leads with tiers, a prescriber with a
remunerated convention and the contacts it sent (one of them sent again by the agency: a double prescription),
an agency with a staff login and a client fixed to it, client requests routed to their advisors (one overdue,
one no volunteer can take: a competence gap), two volunteers, a property listing and its duplicate (a score
entry), a client past its protection that manager A asks manager B for, and a sale whose commission is checked.
One login per role, with that role's permissions only (STAFF, listed in the README). Every claim is made
through the policies themselves. Safe to load again: it creates only what is missing."""

from datetime import timedelta

import frappe
from frappe.utils import add_days, add_years, get_first_day, now_datetime, nowdate

from ownership_policies.advisor_routing.feedback import mark_overdue
from ownership_policies.ownership.partners import grant_membership
from ownership_policies.reassignment import activity
from ownership_policies.reassignment.requests import request_reassignment

COMPANY = "Demo Immobilier"
AGENCY = "Agence Horizon"
PRESCRIBER = "Courtier Dupuis Finance"
MANAGER = "manager@demo.localhost"  # made by the setup wizard
AGENCY_STAFF = "agent@horizon.localhost"  # an agency user (portal only)
AGENCY_STAFF_PASSWORD = "Horizon-demo-2026"
FIXED_CLIENT = ("Anna Volkova", "+7 916 765 43 21")
OFFICE, PROPERTY_OWNER = "Agence Centre", ("Paul", "Girard", "+33 6 11 22 33 09")
STAFF_PASSWORD = "Ownership-demo-2026"
SALES_AGENT, OPERATOR = "sales.agent@demo.localhost", "operator@demo.localhost"
MANAGER_A, MANAGER_B = "manager.a@demo.localhost", "manager.b@demo.localhost"
NORTH, SOUTH = "Agence Nord", "Agence Sud"
# One login per role, with that role's permissions only: email, first and last name, roles, office, heads it.
# A sales manager is also an agent of the office they head (RA-10: a record is given to a Sales User).
STAFF = (
	(SALES_AGENT, "Julie", "Roux", ("Sales User",), NORTH, 0),
	(MANAGER_B, "Marc", "Blanc", ("Sales Manager", "Sales User"), NORTH, 1),
	(MANAGER_A, "Sophie", "Arnaud", ("Sales Manager", "Sales User"), SOUTH, 1),
	(OPERATOR, "Karim", "Benali", ("Call Centre Operator",), None, 0),
)
STALE_CLIENT = ("Thomas", "Lambert", "+33 6 11 22 33 10")  # the agent's client, last worked 45 days ago
SOLD_CLIENT = "Élodie Fontaine"  # bought through the agent; her record lacks what the commission needs
GAP_CLIENT = "Luca Rossi"  # lives abroad: no volunteer covers his territory (AR-9)
LATE_CLIENT = "Henri Mercier"  # his advisor's feedback is overdue (AR-7)
ITEM = "Vente immobilière"
ADVISED_CLIENT, ORPHAN_CLIENT = (
	"Bernard Lemoine",
	"Jeanne Moreau",
)  # the manager's client, and one with no advisor
LEADS = [
	# first, last, mobile, email, tier, prescriber
	("Camille", "Lefèvre", "+33 6 11 22 33 01", "camille.lefevre@example.fr", "Platinum", None),
	("Hugo", "Martin", "+33 6 11 22 33 02", "hugo.martin@example.fr", "Gold", PRESCRIBER),
	("Léa", "Bernard", "+33 6 11 22 33 03", None, "Gold", None),
	("Lucas", "Petit", "+33 6 11 22 33 04", "lucas.petit@example.fr", "Silver", None),
	("Chloé", "Durand", "+33 6 11 22 33 05", None, "Silver", PRESCRIBER),
	("Nathan", "Moreau", "+33 6 11 22 33 06", "nathan.moreau@example.fr", "Bronze", None),
	("Olga", "Ivanova", "+7 916 123 45 67", "olga.ivanova@example.ru", "Platinum", None),
	("María", "García", "+34 612 34 56 78", "maria.garcia@example.es", "Bronze", None),
]


def load():
	complete_setup()
	settings = frappe.get_single("Ownership Settings")
	if not settings.default_phone_region:
		settings.default_phone_region = "FR"
		settings.save()
	for partner in (AGENCY, PRESCRIBER):
		ensure_partner(partner)
	ensure_agency_staff()
	ensure_staff()
	ensure_convention()
	leads = [ensure_lead(*row) for row in LEADS]  # a prescriber on a lead attaches it (PR-1)
	ensure_agent_schedule(MANAGER)
	ensure_agent_schedule(SALES_AGENT)
	frappe.get_doc("User", MANAGER).add_roles("Assistant Director")  # sees financing alerts (LQ-6)
	send_again_by_agency()
	fix_for_agency()
	route_client_requests()
	list_a_property()
	list_it_again()
	ask_for_a_stale_client()
	check_a_commission()
	frappe.db.commit()
	print(f"demo: {len(leads)} leads, partners {AGENCY!r} and {PRESCRIBER!r}, attachments and a fixation")
	print("demo logins (password " + STAFF_PASSWORD + "): " + ", ".join(row[0] for row in STAFF))


def complete_setup():
	if frappe.db.a_row_exists("Company"):
		return
	from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

	year = now_datetime().year
	result = setup_complete(
		{
			"currency": "EUR",
			"full_name": "Sales Manager",
			"company_name": COMPANY,
			"company_abbr": "DI",
			"timezone": "Europe/Paris",
			"country": "France",
			"fy_start_date": f"{year}-01-01",
			"fy_end_date": f"{year}-12-31",
			"language": "english",
			"email": MANAGER,
			"password": "admin",
			"chart_of_accounts": "Standard",
		}
	)
	if (result or {}).get("status") != "ok":
		frappe.throw(f"The setup wizard did not complete: {result}. See the Error Log list on the site.")


def ensure_partner(name):
	if not frappe.db.exists("Sales Partner", name):
		frappe.get_doc(
			{
				"doctype": "Sales Partner",
				"partner_name": name,
				"territory": "All Territories",
				"commission_rate": 2,
			}
		).insert()


def ensure_lead(first, last, mobile, email, tier, prescriber):
	name = frappe.db.get_value("Lead", {"first_name": first, "last_name": last})
	if name:
		return frappe.get_doc("Lead", name)
	lead = frappe.get_doc(
		{
			"doctype": "Lead",
			"first_name": first,
			"last_name": last,
			"mobile_no": mobile,
			"email_id": email,
			"priority_tier": tier,
			"prescriber": prescriber,
		}
	).insert()
	if not prescriber:
		lead.db_set("lead_owner", None)  # as a web form leaves it: in the queue for Next Lead (LQ-2)
	return lead


def ensure_agent_schedule(agent):
	"""The demo sales manager is on shift all week, so that Next Lead answers at any hour."""
	if frappe.db.exists("User", agent) and not frappe.db.exists("Agent Schedule", agent):
		days = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
		shifts = [{"weekday": day, "start_time": "00:00:00", "end_time": "23:59:59"} for day in days]
		frappe.get_doc({"doctype": "Agent Schedule", "agent": agent, "shifts": shifts}).insert()


def ensure_convention():
	"""The broker signed a remunerated partner convention at the start of the year, for two years (PR-5)."""
	if not frappe.db.exists("Prescriber Convention", {"partner": PRESCRIBER}):
		start = get_first_day(nowdate()).replace(month=1)
		frappe.get_doc(
			{
				"doctype": "Prescriber Convention",
				"partner": PRESCRIBER,
				"convention_type": "Remunerated",
				"signed_on": start,
				"valid_from": start,
				"valid_to": add_years(start, 2),
			}
		).insert()


def send_again_by_agency():
	"""The agency sends a person the broker sent first: a double prescription (PR-4)."""
	first, last, mobile, *_rest = LEADS[1]
	if not frappe.db.exists("Prescriber Attachment", {"partner": AGENCY}):
		frappe.get_doc(
			{
				"doctype": "Lead",
				"first_name": first,
				"last_name": last,
				"mobile_no": mobile,
				"prescriber": AGENCY,
			}
		).insert()


def ensure_agency_staff():
	if frappe.db.exists("User", AGENCY_STAFF):
		return
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": AGENCY_STAFF,
			"first_name": "Agent Horizon",
			"user_type": "Website User",
			"send_welcome_email": 0,
			"new_password": AGENCY_STAFF_PASSWORD,
		}
	).insert(ignore_permissions=True)
	user.add_roles("Ownership Partner")
	frappe.get_doc(
		{
			"doctype": "Contact",
			"first_name": "Agent Horizon",
			"email_ids": [{"email_id": AGENCY_STAFF, "is_primary": 1}],
			"user": AGENCY_STAFF,
			"links": [{"link_doctype": "Sales Partner", "link_name": AGENCY}],
		}
	).insert(ignore_permissions=True)
	grant_membership(AGENCY_STAFF, AGENCY)  # the membership is staff's, the Contact only addresses mail


def fix_for_agency():
	"""A client fixed to the agency through the policy itself (FX-3, FX-4), as the call centre would."""
	name, phone = FIXED_CLIENT
	if not frappe.db.exists("Client Fixation", {"client_name": name}):
		frappe.get_doc(
			{"doctype": "Client Fixation", "agency": AGENCY, "client_name": name, "phone": phone}
		).insert()


def route_client_requests():
	"""Two volunteers in the competence matrix, both for France: the manager for every request type, manager B for
	arbitrages and surrenders. A request of the manager's own client goes to them as its present advisor (AR-3),
	one of a client with no advisor through the matrix (AR-4); one of a client abroad finds no volunteer (a gap
	of the matrix, AR-9); manager B's feedback on another is overdue (AR-7: a malus)."""
	every_type = frappe.db.get_single_value("Ownership Settings", "client_request_types")
	ensure_volunteer(MANAGER, every_type)
	ensure_volunteer(MANAGER_B, "Arbitrage\nSurrender")
	for customer, advisor, territory, request_type in (
		(ADVISED_CLIENT, MANAGER, "France", "Arbitrage"),
		(ORPHAN_CLIENT, None, "France", "Surrender"),
		(GAP_CLIENT, None, "Rest Of The World", "Retirement Benefit"),
		(LATE_CLIENT, MANAGER_B, "France", "Arbitrage"),
	):
		if frappe.db.exists("Customer", customer):
			continue
		frappe.get_doc(
			{
				"doctype": "Customer",
				"customer_name": customer,
				"customer_group": "All Customer Groups",
				"territory": territory,
				"account_manager": advisor,
			}
		).insert()
		request = frappe.get_doc(
			{
				"doctype": "Client Request",
				"customer": customer,
				"channel": "Phone",
				"request_type": request_type,
				"description": "Le client souhaite un rendez-vous au sujet de son contrat d'assurance vie.",
			}
		).insert()
		if customer == LATE_CLIENT:  # forwarded ten days ago, no feedback since: the daily job marks it
			request.db_set("due_date", add_days(nowdate(), -3))
			mark_overdue()


def ensure_volunteer(advisor: str, request_types: str):
	"""AR-4, AR-9: an eligible volunteer for France. The first demo's manager covered every territory: France
	now, so that a client abroad shows a gap of the matrix."""
	name = frappe.db.exists("Competence Matrix", {"advisor": advisor})
	matrix = frappe.get_doc("Competence Matrix", name) if name else frappe.new_doc("Competence Matrix")
	if name and [row.territory for row in matrix.territories] != ["All Territories"]:
		return
	matrix.update({"advisor": advisor, "eligible": 1, "volunteer": 1, "request_types": request_types})
	matrix.set("territories", [{"territory": "France"}])
	matrix.save()


def list_a_property():
	"""The manager heads the demo office and captured a property (RA-3): protected for three months."""
	if not frappe.db.exists("Branch", OFFICE):
		frappe.get_doc({"doctype": "Branch", "branch": OFFICE}).insert()
	ensure_offices()
	if frappe.db.exists("Property Listing", {"address": "12 rue de la Paix"}):
		return
	first, last, phone = PROPERTY_OWNER
	owner = frappe.get_doc(
		{
			"doctype": "Contact",
			"first_name": first,
			"last_name": last,
			"phone_nos": [{"phone": phone, "is_primary_mobile_no": 1}],
		}
	).insert()
	frappe.set_user(MANAGER)
	frappe.get_doc(
		{
			"doctype": "Property Listing",
			"address": "12 rue de la Paix",
			"city": "Paris",
			"owner_contact": owner.name,
			"price": 850000,
		}
	).insert()
	frappe.set_user("Administrator")


def ensure_staff():
	"""STAFF: one login per role, with only that role's permissions."""
	for email, first, last, roles, _office, _heads in STAFF:
		if frappe.db.exists("User", email):
			continue
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first,
				"last_name": last,
				"user_type": "System User",
				"send_welcome_email": 0,
				"new_password": STAFF_PASSWORD,
				"roles": [{"role": role} for role in roles],
			}
		).insert(ignore_permissions=True)


def ensure_offices():
	"""RA-3: the manager heads Agence Centre; manager B heads Agence Nord, the sales agent's office; manager A
	heads Agence Sud."""
	rows = [(MANAGER, OFFICE, 1)] + [(email, office, heads) for email, *_n, office, heads in STAFF if office]
	settings = frappe.get_single("Ownership Settings")
	listed = {row.agent for row in settings.office_agents}
	for agent, office, heads in rows:
		if not frappe.db.exists("Branch", office):
			frappe.get_doc({"doctype": "Branch", "branch": office}).insert()
		if agent not in listed:
			settings.append("office_agents", {"agent": agent, "office": office, "is_office_manager": heads})
	settings.save()


def list_it_again():
	"""The sales agent lists the manager's property again: a duplicate, and 50 points off (RA-8)."""
	if frappe.db.exists("Property Listing", {"address": "12 rue de la Paix", "agent": SALES_AGENT}):
		return
	first, last, _phone = PROPERTY_OWNER
	owner = frappe.db.get_value("Contact", {"first_name": first, "last_name": last})
	frappe.set_user(SALES_AGENT)
	frappe.get_doc(
		{
			"doctype": "Property Listing",
			"address": "12 rue de la Paix",
			"city": "Paris",
			"owner_contact": owner,
			"price": 850000,
		}
	).insert()
	frappe.set_user("Administrator")


def ask_for_a_stale_client():
	"""The sales agent's client, last worked 45 days ago, is past its protection (RA-2); manager A asks manager B
	for it, and the request waits for manager B's answer (RA-3)."""
	first, last, mobile = STALE_CLIENT
	lead = frappe.db.get_value("Lead", {"first_name": first, "last_name": last})
	if not lead:
		frappe.set_user(SALES_AGENT)
		lead = (
			frappe.get_doc({"doctype": "Lead", "first_name": first, "last_name": last, "mobile_no": mobile})
			.insert()
			.name
		)
		frappe.set_user("Administrator")
		worked = now_datetime() - timedelta(days=45)
		frappe.db.set_value(
			"Lead",
			lead,
			{"last_activity_on": worked, "protected_until": activity.protected_until("Lead", worked)},
		)
	if frappe.db.exists("Reassignment Request", {"reference_doctype": "Lead", "reference_name": lead}):
		return
	frappe.set_user(MANAGER_A)
	request_reassignment("Lead", lead, "Inactivity")
	frappe.set_user("Administrator")


def check_a_commission():
	"""A sale to a client the sales agent registered, with neither address nor spouse on record: its commission
	is blocked until the record is complete (RA-11)."""
	if frappe.db.exists("Customer", SOLD_CLIENT):
		return
	if not frappe.db.exists("Item", ITEM):
		frappe.get_doc(
			{"doctype": "Item", "item_code": ITEM, "item_group": "All Item Groups", "is_stock_item": 0}
		).insert()
	frappe.set_user(SALES_AGENT)
	customer = frappe.get_doc(
		{
			"doctype": "Customer",
			"customer_name": SOLD_CLIENT,
			"customer_type": "Individual",
			"customer_group": "All Customer Groups",
			"territory": "France",
			"mobile_no": "+33 6 11 22 33 11",
		}
	).insert()
	frappe.set_user("Administrator")
	listing = frappe.db.get_value("Property Listing", {"address": "12 rue de la Paix", "status": "Active"})
	frappe.get_doc(
		{
			"doctype": "Sales Invoice",
			"customer": customer.name,
			"company": frappe.defaults.get_global_default("company"),
			"posting_date": nowdate(),
			"due_date": nowdate(),
			"property_listing": listing,
			"commission_rate": 3,
			"items": [{"item_code": ITEM, "qty": 1, "rate": 850000}],
		}
	).submit()
