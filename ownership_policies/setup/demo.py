"""A small demo data set for the dev site (dev/up): a company, partners, leads with tiers, a prescriber with a
remunerated convention and the contacts it sent (one of them sent again by the agency: a double prescription),
an agency with a staff login and a client fixed to it, two client requests routed to their advisors, and a
property listing. Every claim is made through the policies themselves. Safe to load again: it creates only what
is missing."""

import frappe
from frappe.utils import add_years, get_first_day, now_datetime, nowdate

from ownership_policies.ownership.partners import grant_membership

COMPANY = "Demo Immobilier"
AGENCY = "Agence Horizon"
PRESCRIBER = "Courtier Dupuis Finance"
MANAGER = "manager@demo.localhost"  # made by the setup wizard
AGENCY_STAFF = "agent@horizon.localhost"  # an agency user (portal only)
AGENCY_STAFF_PASSWORD = "Horizon-demo-2026"
FIXED_CLIENT = ("Anna Volkova", "+7 916 765 43 21")
OFFICE, PROPERTY_OWNER = "Agence Centre", ("Paul", "Girard", "+33 6 11 22 33 09")
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
	ensure_convention()
	leads = [ensure_lead(*row) for row in LEADS]  # a prescriber on a lead attaches it (PR-1)
	ensure_agent_schedule(MANAGER)
	frappe.get_doc("User", MANAGER).add_roles("Assistant Director")  # sees financing alerts (LQ-6)
	send_again_by_agency()
	fix_for_agency()
	route_client_requests()
	list_a_property()
	frappe.db.commit()
	print(f"demo: {len(leads)} leads, partners {AGENCY!r} and {PRESCRIBER!r}, attachments and a fixation")


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
	"""The manager volunteers in the competence matrix; a request of the manager's own client goes to them as
	its present advisor (AR-3), one of a client with no advisor through the matrix (AR-4)."""
	if not frappe.db.exists("Competence Matrix", MANAGER):
		frappe.get_doc(
			{
				"doctype": "Competence Matrix",
				"advisor": MANAGER,
				"eligible": 1,
				"territories": [{"territory": "All Territories"}],
				"request_types": frappe.db.get_single_value("Ownership Settings", "client_request_types"),
			}
		).insert()
	for customer, advisor, request_type in (
		(ADVISED_CLIENT, MANAGER, "Arbitrage"),
		(ORPHAN_CLIENT, None, "Surrender"),
	):
		if frappe.db.exists("Customer", customer):
			continue
		frappe.get_doc(
			{
				"doctype": "Customer",
				"customer_name": customer,
				"customer_group": "All Customer Groups",
				"territory": "All Territories",
				"account_manager": advisor,
			}
		).insert()
		frappe.get_doc(
			{
				"doctype": "Client Request",
				"customer": customer,
				"channel": "Phone",
				"request_type": request_type,
				"description": "Le client souhaite un rendez-vous au sujet de son contrat d'assurance vie.",
			}
		).insert()


def list_a_property():
	"""The manager heads the demo office and captured a property (RA-3): protected for three months."""
	if not frappe.db.exists("Branch", OFFICE):
		frappe.get_doc({"doctype": "Branch", "branch": OFFICE}).insert()
	settings = frappe.get_single("Ownership Settings")
	if not settings.office_agents:
		settings.append("office_agents", {"agent": MANAGER, "office": OFFICE, "is_office_manager": 1})
		settings.save()
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
