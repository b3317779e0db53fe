import frappe
from frappe import _
from frappe.utils import get_datetime

from ownership_policies.ownership.immutable import ImmutableDocument, WrittenByApp
from ownership_policies.ownership.rules import EXTENDS, GRANTS


class OwnershipLedgerEntry(ImmutableDocument, WrittenByApp):
	def validate(self):
		if self.action in GRANTS | EXTENDS and not self.holder:
			frappe.throw(_("A {0} line needs a holder.").format(_(self.action)))
		if self.action in EXTENDS and not self.valid_until:
			frappe.throw(_("An extension needs its new end (Valid Until)."))
		if self.valid_until and get_datetime(self.valid_until) <= get_datetime(self.valid_from):
			frappe.throw(_("Valid Until must be after Valid From."))


def on_doctype_update():
	"""One record's lines in time order, as who_owns reads them (ledger.holdings): a few index rows, whatever
	the ledger's size. Its first column also serves a filter on the doctype alone, which has no index of its own."""
	frappe.db.add_index(
		"Ownership Ledger Entry", ["reference_doctype", "reference_name", "valid_from"], "reference_index"
	)
	# a rule's lines of a day, as the Lead Queue report counts the leads handed out (LQ-2): the day's lines only,
	# whatever the ledger's size
	frappe.db.add_index("Ownership Ledger Entry", ["rule", "valid_from"], "rule_index")
