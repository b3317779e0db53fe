"""Two agents registering the same new client at the same time (RA-9): the first registration prevails, and
exactly one wins. Each new client gets one Client Registration under a unique key on their phone (else email),
so the database decides who came first; the later lead goes to the first agent, with its ledger line, and its
agent is told. A client already known when the lead is entered is LQ-8's to decide."""

import frappe
from frappe.utils import now_datetime

from ownership_policies.ownership import claims, reasons
from ownership_policies.ownership.identity import PERSON_FIELDS, record_keys
from ownership_policies.ownership.keys import NAME, strongest_key
from ownership_policies.ownership.roles import is_agent
from ownership_policies.ownership.rows import first_wins, insert_row
from ownership_policies.reassignment import rules as ra

REGISTRATION = "Client Registration"
PHONES, EMAILS, _NAMES = PERSON_FIELDS["Lead"]


def register_client(lead, method=None):
	"""Lead after_insert (last): a new client entered by an agent is registered, unless someone was first."""
	registrant = lead.lead_owner
	if lead.flags.ownership_decision or not is_agent(registrant):  # a known client's (LQ-8), or no agent's
		return
	if not (key := client_key(lead)):
		return
	row = {"client_key": key, "agent": registrant, "lead": lead.name, "registered_on": now_datetime()}
	first = first_wins(
		lambda: insert_row(REGISTRATION, row), REGISTRATION, "client_key", key, ("agent", "lead")
	)
	if first:
		give_to_first(lead, registrant, *first)


def client_key(lead) -> str | None:
	keys = {key for key in record_keys(lead) if key.kind != NAME}
	return strongest_key(keys)


def give_to_first(lead, registrant: str, first_agent: str, first_lead: str):
	owner = ra.first_registrant(registrant, first_agent)
	if owner == registrant:
		return
	claims.grant(
		lead,
		owner,
		claim="Activity Protection",
		rule="RA-9",
		after={"lead_owner": owner, "Lead": first_lead},
		note=reasons.kept(reasons.reason("RA-9", "first_registration", owner, first_lead)),
	)


def follow_lead(lead, method=None):
	"""Lead on_update: a first lead whose phone or email is corrected carries its registration to the new key,
	or frees it when that key is already someone else's."""
	if lead.flags.in_insert or not any(lead.has_value_changed(field) for field in (*PHONES, *EMAILS)):
		return
	registration = frappe.db.get_value(
		REGISTRATION, {"lead": lead.name}, ["name", "client_key"], as_dict=True
	)
	if not registration or registration.client_key == (key := client_key(lead)):
		return
	if key and not frappe.db.exists(REGISTRATION, {"client_key": key}):
		frappe.db.set_value(REGISTRATION, registration.name, "client_key", key, update_modified=False)
	else:
		frappe.db.delete(REGISTRATION, {"name": registration.name})


def forget_lead(lead, method=None):
	"""Lead on_trash: a deleted first lead no longer holds its client's registration."""
	frappe.db.delete(REGISTRATION, {"lead": lead.name})
