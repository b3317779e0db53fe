"""LQ-2: the queue's index on Lead now holds the status too (lead_queue.queue.QUEUE_INDEX), so that the
workspaces count the waiting leads from the index alone. The index it replaces is dropped here; the migrate's
after_migrate adds the new one."""

import frappe

OLD_INDEX = "ownership_queue_index"


def execute():
	if frappe.db.has_index("tabLead", OLD_INDEX):
		frappe.db.sql_ddl(f"alter table `tabLead` drop index `{OLD_INDEX}`")
