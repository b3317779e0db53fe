"""Boosters (AR-8): a batch of orphan clients — no advisor still with the firm, no open request — shared among the
volunteers in proportion to their score, shown first as a preview, then applied with a ledger line per client."""

import frappe
from frappe import _

from ownership_policies.advisor_routing import rules as ar
from ownership_policies.advisor_routing.advisors import advisor_status_of
from ownership_policies.advisor_routing.routing import OPEN_STATUSES
from ownership_policies.ownership import claims, reasons, scores

ORPHAN_STATUSES = (ar.FORMER, ar.NONE)
MAX_BATCH = 500


def plan(batch_size: int) -> list[dict]:
	"""Who would get which orphan client: [{"customer", "customer_name", "advisor"}]."""
	batch_size = int(batch_size or 0)
	if not 1 <= batch_size <= MAX_BATCH:
		frappe.throw(_("Choose a batch of 1 to {0} clients.").format(MAX_BATCH), title=_("Invalid Batch"))
	candidates = [
		ar.BoosterCandidate(
			advisor, scores.balance(advisor), frappe.db.count("Customer", {"account_manager": advisor})
		)
		for advisor in frappe.get_all(
			"Competence Matrix", filters={"active": 1, "volunteer": 1, "eligible": 1}, pluck="advisor"
		)
	]
	if not candidates:
		frappe.throw(
			_(
				"No active, eligible volunteer in the competence matrix: there is no one to give boosters to (AR-8)."
			),
			title=_("No Volunteers"),
		)
	clients = orphans(batch_size)
	shares = ar.booster_split(candidates, len(clients))
	advisors = [advisor for advisor, share in shares.items() for _seat in range(share)]
	return [
		{"customer": client.name, "customer_name": client.customer_name, "advisor": advisor}
		for client, advisor in zip(clients, advisors, strict=True)
	]


def apply(batch_size: int) -> list[dict]:
	"""Give the planned clients to their advisors (account manager) with a ledger line each, all or nothing."""
	allocation = plan(batch_size)
	for row in allocation:
		claims.grant(
			("Customer", row["customer"]),
			row["advisor"],
			claim="Advisor",
			rule="AR-8",
			note=reasons.kept(reasons.reason("AR-8", "booster")),
		)
	return allocation


def orphans(limit: int) -> list:
	"""Enabled customers without an open request whose advisor, if any, has left, oldest first."""
	request = frappe.qb.DocType("Client Request")
	customer = frappe.qb.DocType("Customer")
	with_open_request = (
		frappe.qb.from_(request).select(request.customer).where(request.status.isin(OPEN_STATUSES))
	)
	found, offset, page = [], 0, 200
	while len(found) < limit:
		rows = (
			frappe.qb.from_(customer)
			.select(customer.name, customer.customer_name)
			.where((customer.disabled == 0) & customer.name.notin(with_open_request))
			.orderby(customer.creation)
			.orderby(customer.name)
			.limit(page)
			.offset(offset)
			.run(as_dict=True)
		)
		found += [row for row in rows if advisor_status_of(row.name).status in ORPHAN_STATUSES]
		if len(rows) < page:
			break
		offset += page
	return found[:limit]
