"""X-2: one code path for every change of owner. Only the ownership module `claims` (and the owner history of
`history`, which records what no policy decided) writes a ledger line or an owner field; no policy module
calls the ledger, nor sets Lead Owner, Account Manager, Opportunity Owner, a listing's agent or a request's
routed advisor with `set_value`, `db_set` or a raw write. Read from the source with `ast`, no database."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "ownership_policies"
POLICIES = ("prescription", "fixation", "reassignment", "lead_queue", "advisor_routing")
OWNER_FIELDS = {"lead_owner", "account_manager", "opportunity_owner", "agent", "routed_advisor"}
WRITES = {"set_value", "db_set", "bulk_update", "insert_row", "bulk_insert"}


def policy_files():
	for policy in POLICIES:
		yield from (PACKAGE / policy).rglob("*.py")


def names_an_owner_field(node: ast.AST) -> bool:
	for inner in ast.walk(node):
		if isinstance(inner, ast.Constant) and inner.value in OWNER_FIELDS:
			return True
		if isinstance(inner, ast.Call) and getattr(inner.func, "id", getattr(inner.func, "attr", "")) in (
			"owner_field",
		):
			return True
	return False


def offences(source: str, label: str) -> list[str]:
	found = []
	for node in ast.walk(ast.parse(source)):
		if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
			continue
		where = f"{label}:{node.lineno}"
		if node.func.attr == "record" and getattr(node.func.value, "id", "") == "ledger":
			found.append(f"{where} writes a ledger line")
		elif node.func.attr in WRITES and any(
			names_an_owner_field(arg) for arg in [*node.args, *node.keywords]
		):
			found.append(f"{where} writes an owner field")
	return found


def test_x2_no_policy_writes_an_owner_field_or_a_ledger_line_itself():
	found = [
		offence
		for path in policy_files()
		for offence in offences(path.read_text(), str(path.relative_to(PACKAGE)))
	]
	assert found == []


def test_x2_the_check_catches_an_owner_or_a_line_written_by_hand():
	"""The check itself can fail: the old kind of policy code is caught."""
	old = 'frappe.db.set_value("Lead", name, "lead_owner", agent)\nlead.db_set(owner_field("Lead"), agent)\nledger.record("Lead", name)\n'
	assert len(offences(old, "sample")) == 3


def test_x2_no_policy_imports_the_ledger_to_write_it():
	importing = []
	for path in policy_files():
		for node in ast.walk(ast.parse(path.read_text())):
			if isinstance(node, ast.ImportFrom) and node.module == "ownership_policies.ownership":
				if any(alias.name == "ledger" for alias in node.names):
					importing.append(str(path.relative_to(PACKAGE)))
			if isinstance(node, ast.ImportFrom) and node.module == "ownership_policies.ownership.ledger":
				if any(alias.name == "record" for alias in node.names):
					importing.append(str(path.relative_to(PACKAGE)))
	assert importing == []
