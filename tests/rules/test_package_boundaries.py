"""Policies meet only in the core (architecture: one module per policy family; policies decide, the core applies).

The app's packages are of three kinds:
- the core, `ownership`: identity, ledger, settings, roles, rows, owners… It imports no policy;
- the policies, `prescription`, `fixation`, `reassignment`, `lead_queue`, `advisor_routing`: each imports
  itself and the core, never another policy (what two policies share lives in the core);
- the edges, which wire the policies to Frappe and may import any of them: `api.py` (the REST methods),
  `hooks.py` (which names them by dotted path), `setup` (install and migrate), `patches` and `www` (pages).
  The core and the policies import no edge either (an edge imports policies, so that would be a policy
  reached round the back).

Read from the source with `ast`, no database: imports (also inside functions, and relative ones) and the
dotted paths written as strings (`frappe.enqueue("ownership_policies.fixation…")`, `frappe.get_attr`), which
couple modules as much as an import does. A string naming an `api` method (the partner allowlist of the core's
boundary names the methods it lets through) is an address, not a use, and is allowed."""

import ast
from pathlib import Path

import pytest

APP = "ownership_policies"
PACKAGE = Path(__file__).resolve().parents[2] / APP
CORE = "ownership"
POLICIES = ("prescription", "fixation", "reassignment", "lead_queue", "advisor_routing")
EDGES = ("api", "hooks", "setup", "patches", "www")


def kind_of(top: str) -> str:
	if top == CORE:
		return "core"
	if top in POLICIES:
		return "policy"
	return "edge"


def package_of(path: Path) -> str:
	"""The app's top-level package (or module, for api.py and hooks.py) a file belongs to."""
	return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def module_name(path: Path) -> str:
	parts = [APP, *path.relative_to(PACKAGE).with_suffix("").parts]
	return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path):
	"""(line, dotted name, named in a string) of everything the file imports or names by dotted path."""
	tree = ast.parse(path.read_text(), filename=str(path))
	here = module_name(path).split(".")
	if path.name != "__init__.py":
		here = here[:-1]  # the package a relative import starts from
	for node in ast.walk(tree):
		if isinstance(node, ast.Import):
			for alias in node.names:
				yield node.lineno, alias.name, False
		elif isinstance(node, ast.ImportFrom):
			base = node.module or ""
			if node.level:
				base = ".".join([*here[: len(here) - node.level + 1], *filter(None, [base])])
			for alias in node.names:
				yield node.lineno, f"{base}.{alias.name}" if base else alias.name, False
		elif isinstance(node, ast.Constant) and isinstance(node.value, str):
			if node.value.startswith(f"{APP}.") and " " not in node.value:
				yield node.lineno, node.value, True


def top_of(name: str) -> str | None:
	"""The app package a dotted name lies in, or None for anything outside the app."""
	parts = name.split(".")
	return parts[1] if parts[0] == APP and len(parts) > 1 else None


def allowed(source: str, target: str, is_string: bool) -> bool:
	if source == target or kind_of(source) == "edge" or target == CORE:
		return True
	if is_string and target == "api":
		return True  # the address of a REST method, not a use of it
	return False


def sources():
	return sorted(path for path in PACKAGE.rglob("*.py") if "__pycache__" not in path.parts)


def violations() -> list[str]:
	found = []
	for path in sources():
		source = package_of(path)
		for line, name, is_string in imported(path):
			target = top_of(name)
			if target is not None and not allowed(source, target, is_string):
				found.append(
					f"{path.relative_to(PACKAGE.parent)}:{line}: {kind_of(source)} {source} uses {name}"
				)
	return found


def test_the_packages_are_the_ones_this_test_knows():
	"""A new top-level package must be placed: core, policy or edge."""
	packages = {
		path.name.removesuffix(".py")
		for path in PACKAGE.iterdir()
		if (path.is_dir() and (path / "__init__.py").exists()) or path.suffix == ".py"
	} - {"__init__"}
	assert packages == {CORE, *POLICIES, *EDGES}


def test_policies_meet_only_in_the_core():
	assert violations() == []


@pytest.mark.parametrize(
	"source, name, is_string, ok",
	[
		("fixation", "ownership_policies.ownership.roles.sales_managers", False, True),
		("fixation", "ownership_policies.fixation.rules", False, True),
		("reassignment", "ownership_policies.lead_queue.queue.AGENT_ROLE", False, False),
		("advisor_routing", "ownership_policies.fixation.fixing.sales_managers", False, False),
		("ownership", "ownership_policies.fixation.fixing.sales_managers", False, False),
		("ownership", "ownership_policies.setup.install.PRIORITY_TIERS", False, False),
		("lead_queue", "ownership_policies.reassignment.activity.touch", True, False),  # an enqueued path
		("ownership", "ownership_policies.api.check_client", True, True),  # the boundary's allowlist
		("api", "ownership_policies.fixation.fixing", False, True),
		("setup", "ownership_policies.reassignment.activity", False, True),
	],
)
def test_the_rule_itself(source, name, is_string, ok):
	assert allowed(source, top_of(name), is_string) is ok
