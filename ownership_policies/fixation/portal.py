"""What the partners' portal tells a partner's staff about its own agency's work (FX-1, FX-4, FX-7, FX-11, X-5):
its own fixed client is "yours, until …" rather than busy, the managers it may name are shown by their names
only, and its own fixations say why they ended. Nothing here tells a partner about anyone else's clients."""

import hashlib
import hmac

from frappe import _
from frappe.utils import format_datetime, get_datetime, get_fullname, now_datetime
from frappe.utils.password import get_encryption_key

from ownership_policies.fixation import rules as fx
from ownership_policies.ownership.partners import is_partner_user
from ownership_policies.ownership.roles import sales_managers


def manager_key(user: str) -> str:
	"""The picker's value for a manager: stable on the site, and telling nothing of the user (X-6)."""
	return hmac.new(get_encryption_key().encode(), user.encode(), hashlib.sha256).hexdigest()[:16]


def manager_choices() -> list[dict]:
	"""FX-4: the sales managers a partner may name, by their full names only."""
	choices = [{"key": manager_key(user), "name": get_fullname(user)} for user in sales_managers()]
	return sorted(choices, key=lambda choice: choice["name"].casefold())


def named_manager(manager: str | None) -> str | None:
	"""The user a partner named on the portal (a picker's value). A partner names a manager by that value only:
	a login it guessed names no one, so the fix cannot tell it whose login that is (X-6); with no one named the
	policy gives the manager on duty (FX-4)."""
	if not manager or not is_partner_user():
		return manager
	return next((user for user in sales_managers() if manager_key(user) == manager), None)


def manager_shown(user: str | None) -> str | None:
	"""A fixation's manager as a partner may see it: the full name, not the login (X-6)."""
	return get_fullname(user) if user and is_partner_user() else user


def until(fixation: dict) -> dict:
	"""The running fixation's end, for the page: written in the user's format, and its seconds left."""
	expires_on = get_datetime(fixation["expires_on"])
	return {
		"until": format_datetime(expires_on),
		"seconds_left": max(0, int((expires_on - now_datetime()).total_seconds())),
	}


def yours(verdict: fx.Availability, own_fixation: dict | None) -> dict | None:
	"""FX-2, X-5: to its own agency, a client it holds is "yours", with the fixation and the time left.
	`own_fixation` is the running fixation when it is the asking user's agency's (its name and end), read with
	the check's other facts, in the statement every check runs whatever the verdict (X-6)."""
	if not own_fixation or own_fixation["name"] != verdict.fixation:
		return None
	return {"status": "yours", "fixation": own_fixation["name"], **until(own_fixation)}


def how_it_stands(row) -> str:
	"""One line on the partner's own fixation: running until when, expired, or cancelled by the company and why
	(FX-3, FX-5)."""
	if row.status == fx.ACTIVE:
		return _("Yours, until {0}").format(format_datetime(row.expires_on))
	if row.status == fx.EXPIRED:
		return _(
			"Expired on {0}: no meeting was confirmed in time. Check the client again to fix it anew."
		).format(format_datetime(row.expires_on))
	reason = row.cancellation_reason or _("no reason given")
	return _("Cancelled by the company on {0}: {1}").format(format_datetime(row.modified), reason)
