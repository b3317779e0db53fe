import frappe
from frappe import _
from frappe.model.document import Document


class ImmutableDocument(Document):
	"""A ledger line: written once by the app, never changed, renamed or deleted, by anyone (X-2). Every path
	Frappe offers is closed: save (with or without validation), db_set, rename and delete (with or without
	on_trash). Renaming or merging the record a line refers to is Frappe's own doing and carries the lines along."""

	def db_update(self):
		self._refuse_change()

	def before_change(self):
		self._refuse_change()

	def before_rename(self, old, new, merge=False):
		frappe.throw(_("{0} lines cannot be renamed.").format(_(self.doctype)), frappe.PermissionError)

	def on_trash(self):
		self._refuse_delete()

	def after_delete(self):
		self._refuse_delete()

	def _refuse_change(self):
		if not self.is_new():
			frappe.throw(
				_("{0} lines cannot be changed. Record a new line instead.").format(_(self.doctype)),
				frappe.PermissionError,
			)

	def _refuse_delete(self):
		frappe.throw(
			_("{0} lines cannot be deleted. Record a new line instead.").format(_(self.doctype)),
			frappe.PermissionError,
		)
