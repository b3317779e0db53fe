"""Offices and agent types (RA-3, RA-4, RA-5, RA-10), as Ownership Settings lists them: each agent's office and
type, and who manages each office."""

import frappe
from frappe import _

from ownership_policies.ownership.settings import get_settings


def office_agents() -> list:
	return get_settings().office_agents or []


def office_of(agent: str | None):
	"""The agent's row of the settings (office, type), or None."""
	return next((row for row in office_agents() if row.agent == agent), None)


def office_manager(office: str | None) -> str | None:
	return next(
		(row.agent for row in office_agents() if row.is_office_manager and row.office == office), None
	)


def manager_of(agent: str) -> str:
	"""The manager of the office the agent works in (manager B, or the office manager who signs)."""
	row = office_of(agent)
	manager = row and office_manager(row.office)
	if not manager:
		frappe.throw(
			_(
				"{0} has no office with a manager in Ownership Settings > Office Agents. Add the agent's office and its manager there."
			).format(frappe.bold(agent))
		)
	return manager
