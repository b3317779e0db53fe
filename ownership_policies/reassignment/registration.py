"""Two agents registering the same new client at the same time (RA-9): the first registration prevails, and
exactly one wins. Each new client gets one Client Registration under a unique key on their phone (else email),
so the database decides who came first; the later lead goes to the first agent, with its ledger line, and its
agent is told. A client already known when the lead is entered is LQ-8's to decide."""

import frappe
from frappe import _
from frappe.utils import now_datetime

from ownership_policies.ownership import ledger
from ownership_policies.ownership.identity import person_facts, phone_region
from ownership_policies.ownership.keys import NAME, person_keys, strongest_key
from ownership_policies.ownership.notify import tell
from ownership_policies.ownership.rows import insert_row
from ownership_policies.reassignment import rules as ra

REGISTRATION = "Client Registration"


def register_client(lead, method=None):
	"""Lead after_insert (last): a new client entered by an agent is registered, unless someone was first."""
	registrant = lead.lead_owner
	if not registrant or lead.flags.ownership_decision:  # the queue's lead, or a known client's (LQ-8)
		return
	keys = {key for key in person_keys(*person_facts(lead), phone_region()) if key.kind != NAME}
	if not (client_key := strongest_key(keys)):
		return
	try:
		insert_row(
			REGISTRATION,
			{
				"client_key": client_key,
				"agent": registrant,
				"lead": lead.name,
				"registered_on": now_datetime(),
			},
		)
	except Exception as error:
		if not frappe.db.is_duplicate_entry(error):
			raise
		# a locking read sees the first registration, committed after this transaction's snapshot was taken
		first = frappe.db.get_value(
			REGISTRATION, {"client_key": client_key}, ["agent", "lead"], for_update=True
		)
		give_to_first(lead, registrant, *first)


def give_to_first(lead, registrant: str, first_agent: str, first_lead: str):
	owner = ra.first_registrant(registrant, first_agent)
	if owner == registrant:
		return
	lead.db_set("lead_owner", owner)
	reason = _(
		"{0} registered this client first, on lead {1}: the first registration prevails (RA-9)."
	).format(owner, first_lead)
	ledger.record(
		"Lead",
		lead.name,
		claim="Activity Protection",
		action="Assign",
		rule="RA-9",
		holder=owner,
		before={"lead_owner": registrant},
		after={"lead_owner": owner, "Lead": first_lead},
		note=reason,
	)
	tell(lead, _("{0} now belongs to {1}").format(lead.get_title(), owner), reason, users=[registrant])


def forget_lead(lead, method=None):
	"""Lead on_trash: a deleted first lead no longer holds its client's registration."""
	frappe.db.delete(REGISTRATION, {"lead": lead.name})
