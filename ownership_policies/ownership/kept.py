"""What a failed request keeps: a write that must stand although the request that made it fails and is
rolled back (the check line of a refused fixation, X-6). The write, already made in the request's
transaction, is made again after a rollback and committed alone: the rest of the request stays rolled back.
A commit forgets it, as the first write then stands."""

from functools import partial

import frappe


def keep(write, *args, **kwargs):
	frappe.db.after_rollback.add(partial(_write_again, write, args, kwargs))


def _write_again(write, args, kwargs):
	write(*args, **kwargs)
	frappe.db.commit()
