import frappe
from frappe import _
from frappe.model.document import Document


def by_app(doc: Document) -> Document:
	"""Mark a WrittenByApp document as the app's own write. A flag on the document, which no request can set:
	Frappe never takes `flags` from input (REST, insert_many, Data Import)."""
	doc.flags.by_app = True
	return doc


class WrittenByApp(Document):
	"""Rows that only the app's code writes (X-2): the ledger, the check log, the identity index, client
	registrations. Their writers put them straight into their table (rows.insert_row, bulk_insert) or insert
	the document marked `by_app`; any other insert or save (REST, frappe.client.insert_many, Data Import, the
	desk) is refused, for every user, Administrator included, and with ignore_permissions too. Put it after
	ImmutableDocument in the bases, so that a line's own refusals keep their messages."""

	def before_insert(self):
		self._refuse_unless_by_app()

	def db_update(self):
		self._refuse_unless_by_app()
		super().db_update()

	def clear_cache(self):
		"""A row just written has nothing cached under its name (a new name): only a later write clears it,
		which spares two round trips to the cache for every line the policies write."""
		if not self.flags.in_insert:
			super().clear_cache()

	def _refuse_unless_by_app(self):
		if not self.flags.by_app:
			frappe.throw(
				_(
					"{0} lines are written by the app's policies only; they cannot be entered, imported or edited by hand."
				).format(_(self.doctype)),
				frappe.PermissionError,
			)


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
