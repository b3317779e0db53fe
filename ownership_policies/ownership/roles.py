"""Who may do what, in one place: every role the app's rules check. The server asks `may()`, `ensure_may()` and
the `is_…` helpers here; the desk reads the same sets from the boot (`boot_session` puts `ACTIONS` in
`frappe.boot.ownership_roles`; public/js/ownership.js's `ownership_policies.may()` reads them), so a button is
shown to exactly those the server lets act."""

import frappe

SYSTEM_MANAGER = "System Manager"
SALES_MANAGER = "Sales Manager"
ADMINISTRATOR_ROLE = "Ownership Administrator"
CALL_CENTRE_ROLE = "Call Centre Operator"
# the queue's agents (LQ-2), who register clients (RA-9) and are given records (RA-10)
AGENT_ROLE = "Sales User"
PARTNER_ROLE = "Ownership Partner"  # a partner's staff: the portal only
ASSISTANT_DIRECTOR_ROLE = "Assistant Director"  # alerted when a client with an appointment turns to financing

# Sales managers and the app's administrators may do by hand what the policies do.
MANAGING_ROLES = (SALES_MANAGER, ADMINISTRATOR_ROLE, SYSTEM_MANAGER)
# Roles that act for any partner: the call centre, sales management, administrators.
ACTING_ROLES = (CALL_CENTRE_ROLE, *MANAGING_ROLES)
# Who may ask whether a client is free (FX-1).
CHECKING_ROLES = (PARTNER_ROLE, CALL_CENTRE_ROLE, AGENT_ROLE, SALES_MANAGER, SYSTEM_MANAGER)

# What each act of the app asks, by name: the server and the desk read this one table.
ACTIONS = {
	"manage": MANAGING_ROLES,  # assign by hand, reassign, merge, close a client request, boosters
	"act_for_any_partner": ACTING_ROLES,
	"check_client": CHECKING_ROLES,
	"take_lead": (AGENT_ROLE,),  # Next Lead (LQ-2)
	"cancel_attachment": MANAGING_ROLES,  # a Prescriber Attachment, with a reason
	"read_ownership_history": MANAGING_ROLES,  # the Ownership History report and the Ledger
	"record_meeting": (SALES_MANAGER,),  # FX-10: a sales manager of the company confirms a meeting
	"cancel_fixation": (SALES_MANAGER,),
	"answer_any_reassignment": (SYSTEM_MANAGER,),  # besides the owning office's manager (RA-3)
	# RA-10: the manager's signature, when the new agent's office has no other manager
	"sign_reassignment_as_manager": (SALES_MANAGER,),
}


def may(action: str, user: str | None = None) -> bool:
	return bool(set(ACTIONS[action]) & set(frappe.get_roles(user)))


def ensure_may(action: str, message: str):
	if not may(action):
		frappe.throw(message, frappe.PermissionError)


def is_manager(user: str | None = None) -> bool:
	return may("manage", user)


def is_agent(user: str | None) -> bool:
	"""An agent registers clients; the queue (no owner), Administrator and the web forms' Guest do not."""
	return bool(user) and user not in ("Administrator", "Guest") and AGENT_ROLE in frappe.get_roles(user)


def acts_for_any_partner(user: str | None = None) -> bool:
	return may("act_for_any_partner", user)


def sales_managers() -> set[str]:
	"""The enabled users with the Sales Manager role (FX-4, AR-*, RA-5), Administrator aside."""
	user, role = frappe.qb.DocType("User"), frappe.qb.DocType("Has Role")
	return set(
		frappe.qb.from_(user)
		.join(role)
		.on((role.parent == user.name) & (role.parenttype == "User"))
		.select(user.name)
		.where(
			(role.role == SALES_MANAGER) & (user.enabled == 1) & user.name.notin(["Administrator", "Guest"])
		)
		.run(pluck=True)
	)


# Each role's home in the desk, its workspace: the first role of this list the user holds chooses it.
HOMES = (
	(ADMINISTRATOR_ROLE, "Ownership"),
	(SALES_MANAGER, "Sales Management"),
	(CALL_CENTRE_ROLE, "Call Centre"),
	(AGENT_ROLE, "My Clients"),
)


def home_workspace(roles) -> str | None:
	return next((workspace for role, workspace in HOMES if role in set(roles)), None)


def set_home(user, method=None):
	"""User validate: a staff user opens the desk (and comes back from the login) on their role's workspace, as
	their Default Workspace. It moves when their roles change; one they chose stays theirs until then."""
	if user.user_type != "System User":
		return
	roles = frappe.get_roles(user.name) if user.name == "Administrator" else [row.role for row in user.roles]
	before = user.get_doc_before_save()
	if user.default_workspace and before and {row.role for row in before.roles} == set(roles):
		return  # the same roles: the workspace is the user's choice
	user.default_workspace = home_of(user.default_workspace, roles)


def home_of(current: str | None, roles) -> str | None:
	"""The Default Workspace of a user with these roles whose present one is `current`."""
	if current and current not in {workspace for _role, workspace in HOMES}:
		return current  # the user's own choice
	home = home_workspace(roles)
	return home if home and frappe.db.exists("Workspace", home) else None


def boot_session(bootinfo):
	"""The desk's copy of ACTIONS (public/js/ownership.js reads it), for desk users only."""
	if frappe.session.user != "Guest":
		bootinfo.ownership_roles = {action: list(roles) for action, roles in ACTIONS.items()}
