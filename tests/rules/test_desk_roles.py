"""The desk and the server agree on who may do what: the desk asks `ownership_policies.may(action)` (public/js/
ownership.js), which reads the sets the server checks (ownership/roles.py ACTIONS, sent in the boot); no desk
script names a role itself. Read from the source, no database."""

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "ownership_policies"
SHARED = PACKAGE / "public" / "js" / "ownership.js"


def actions() -> set[str]:
	tree = ast.parse((PACKAGE / "ownership" / "roles.py").read_text())
	(table,) = (
		node.value
		for node in tree.body
		if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "ACTIONS" for t in node.targets)
	)
	return {key.value for key in table.keys}


def scripts() -> list[Path]:
	return sorted(PACKAGE.rglob("*.js"))


def test_every_action_the_desk_asks_is_one_the_server_checks():
	asked = {
		(path.relative_to(PACKAGE).as_posix(), action)
		for path in scripts()
		for action in re.findall(r"\bmay\(\s*[\"'](\w+)[\"']", path.read_text())
	}
	assert asked, "the desk asks ownership_policies.may()"
	assert sorted((path, action) for path, action in asked if action not in actions()) == []


def test_no_desk_script_names_a_role_but_the_shared_one():
	naming = [
		path.relative_to(PACKAGE).as_posix()
		for path in scripts()
		if path != SHARED and re.search(r"has_role\(|user_roles", path.read_text())
	]
	assert naming == []
