import frappe
from frappe import _
from frappe.model.document import Document


class ImmutableDocument(Document):
	"""A ledger line: written once by the app, never edited or deleted, by anyone (X-2)."""

	def validate(self):
		if not self.is_new():
			frappe.throw(
				_("{0} lines cannot be changed. Record a new line instead.").format(_(self.doctype)),
				frappe.PermissionError,
			)

	def on_trash(self):
		frappe.throw(
			_("{0} lines cannot be deleted. Record a new line instead.").format(_(self.doctype)),
			frappe.PermissionError,
		)
