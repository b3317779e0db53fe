import frappe
from frappe import _

from ownership_policies.ownership.immutable import WrittenByApp


class MergeLog(WrittenByApp):
	"""X-7: what one merge changed. Written by the app's merge only, and changed only by its undo (the status
	and who undid it); never renamed or deleted, so that a merge stays answerable."""

	def before_rename(self, old, new, merge=False):
		frappe.throw(_("{0} lines cannot be renamed.").format(_(self.doctype)), frappe.PermissionError)

	def on_trash(self):
		frappe.throw(
			_("A Merge Log cannot be deleted: it is what the merge changed, and how to undo it."),
			frappe.PermissionError,
		)
