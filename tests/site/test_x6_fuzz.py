"""X-6 over real HTTP: the app's REST methods, fed junk by a partner's staff and by a sales user, answer a clear
refusal (403, 404, 417 or 429), never a server error nor a traceback, and write nothing. Seeded: set
OWNERSHIP_FUZZ_SEED to replay a failure (the seed is in every failure's message)."""

import inspect
import json
import os
import random
import string
import time
from concurrent.futures import ThreadPoolExecutor

import frappe
from frappe.utils import add_to_date, now_datetime
from http_cast import PARTNER_A, SALES, Client, message_of

import ownership_policies.api  # noqa: F401 (registers the methods in frappe.whitelisted)
from ownership_policies.ownership.boundary import PARTNER_METHODS

SEED = int(os.environ.get("OWNERSHIP_FUZZ_SEED", "20260613"))
PAYLOADS = 25  # per method and user
SESSIONS = 4  # per user
USERS = (PARTNER_A, SALES)
DOOR = "This is not open to partners."
REFUSALS = {403, 404, 417, 429}
TRACEBACK_KEYS = {"exc", "exception", "_debug_messages", "_exc_source"}
TABLES = (
	"Client Fixation",
	"Prescriber Attachment",
	"Reassignment Request",
	"Client Request",
	"Ownership Ledger Entry",
	"Client Check Log",
	"Lead",
	"ToDo",
	"Comment",
)

HUGE_UNITS = ("x", "é", "' OR 1=1 -- ", "\u202e", "a\u0301")
UNICODE = (
	"😀🏠🔑",
	"مرحبا بالعالم",
	"שלום \u202eevil\u202c",
	"e\u0301\u0302\u0303\u0304\u0305",
	"\u200b\u200d\ufeff",
	"nul\x00byte",
	"\ud800",
	"\udfff",
	"a\ud83db",
	"𝕏𝟞 Ω≈ç√",
	"Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇",
)
WRONG_TYPES = ([], ["a"], [None], {}, {"a": 1}, {"$gt": ""}, True, False, None, 0, 1, 3.5, [[[]]])
INJECTIONS = (
	"' OR 1=1 --",
	"`tabLead`",
	'"; DROP TABLE `tabLead`; --',
	"1) OR (1=1",
	"%",
	"_",
	"Lead` WHERE 1=1 --",
	"name from `tabUser` #",
	"\\",
	"<img src=x onerror=alert(1)>",
	"{{ frappe.session.user }}",
	"{0} {1} %s %(name)s",
	"../../../etc/passwd",
)
DATES = (
	"0000-00-00",
	"2026-13-45",
	"2026-12-01T20:00:00Z",
	"9999-12-31 23:59:59",
	"0001-01-01",
	"2026-02-30",
	"2026-12-01T25:61:61+99:00",
	"yesterday",
	"1e9",
	"-2026-01-01",
)
NUMBERS = (-1, -(10**9), 10**12, 10**30, 2**63, -(2**63), 1e300, -0.0, 0.5, float("inf"), float("-inf"))
KINDS = ("missing", "huge", "unicode", "types", "sql", "dates", "numbers", "extra", "mixed")


def api_methods() -> dict[str, list[inspect.Parameter]]:
	"""name → parameters (without the **kwargs the endpoint decorator adds) of every whitelisted method of
	ownership_policies.api."""
	return {
		fn.__name__: [
			p
			for p in inspect.signature(fn).parameters.values()
			if p.kind is not inspect.Parameter.VAR_KEYWORD
		]
		for fn in frappe.whitelisted
		if fn.__module__ == "ownership_policies.api"
	}


def record_name(rng) -> str:
	return "X6FUZZ-" + "".join(rng.choices(string.ascii_uppercase + string.digits, k=10))


def never_a_phone(rng) -> str:
	"""Letters, or too few digits: no region reads it as a number."""
	return rng.choice(
		(
			"abc",
			"06 12",
			"+33",
			"+",
			"phone",
			"()-.",
			"0" * rng.randint(1, 4),
			"+33 6 xx",
			"tel:",
			"😀📞",
		)
	)


def phone_safe(value) -> bool:
	"""A phone value that can never be a real number: over-long (refused by length), or with too few characters
	a number reader could read as digits (letters count: 1-800-FLOWERS)."""
	if isinstance(value, bool) or value is None or isinstance(value, list | dict):
		return True
	if isinstance(value, int | float):
		return abs(value) < 10**4 or abs(value) > 10**16 or value != value
	return len(value) > 140 or sum(c.isalnum() for c in value) < 5


def fuzz_value(rng, kind: str):
	if kind == "huge":
		unit = rng.choice(HUGE_UNITS)
		return unit * (rng.randint(10_000, 200_000) // len(unit))
	return rng.choice(
		{"unicode": UNICODE, "types": WRONG_TYPES, "sql": INJECTIONS, "dates": DATES, "numbers": NUMBERS}[
			kind
		]
	)


def base_value(rng, parameter: inspect.Parameter):
	"""A well-formed value that names no existing record."""
	if parameter.name == "phone":
		return never_a_phone(rng)
	if parameter.annotation is int:
		return rng.choice((0, 1))
	if parameter.name == "reference_doctype":
		return rng.choice(("Lead", "Customer", "Property Listing", record_name(rng)))
	if parameter.name == "on":
		return rng.choice(DATES)
	return record_name(rng)


def payload(rng, parameters: list[inspect.Parameter]):
	"""One invalid call: a JSON object (or, now and then, a body that is no object at all)."""
	if rng.random() < 0.03:
		return rng.choice(([], ["x"], "text", 12, None, [{"phone": "abc"}]))
	required = [p for p in parameters if p.default is inspect.Parameter.empty]
	data = {p.name: base_value(rng, p) for p in required}
	data |= {p.name: base_value(rng, p) for p in parameters if p not in required and rng.random() < 0.5}
	kinds = [rng.choice(KINDS)]
	if kinds == ["mixed"]:
		kinds = rng.sample([k for k in KINDS if k != "mixed"], 3)
	for kind in kinds:
		if kind == "missing" and required:
			for p in rng.sample(required, rng.randint(1, len(required))):
				data.pop(p.name, None)
		elif kind in ("missing", "extra") or not parameters:
			for _ in range(rng.randint(1, 3)):
				data["x6_" + "".join(rng.choices(string.ascii_lowercase, k=6))] = fuzz_value(
					rng, rng.choice(("unicode", "types", "sql", "numbers"))
				)
		else:
			for p in rng.sample(parameters, rng.randint(1, min(2, len(parameters)))):
				data[p.name] = fuzz_value(rng, kind)
	if "phone" in data and not phone_safe(data["phone"]):
		data["phone"] = never_a_phone(rng)
	if not parameters and not data:  # a method without arguments would run: an unknown one is refused
		data["x6_extra"] = 1
	return data


def calls(methods) -> list[tuple[str, str, object]]:
	rng = random.Random(SEED)
	return [
		(user, method, payload(rng, parameters))
		for user in USERS
		for method, parameters in sorted(methods.items())
		for _ in range(PAYLOADS)
	]


def shown(data) -> str:
	text = json.dumps(data, ensure_ascii=True)
	return text if len(text) <= 200 else f"{text[:150]}… ({len(text)} chars)"


def fault(user, method, data, response) -> str | None:
	"""What is wrong with this answer, if anything."""
	status, body = response.status_code, response.text
	try:
		answer = response.json()
	except ValueError:
		answer = None
	if status not in REFUSALS:
		problem = f"HTTP {status}"
	elif not isinstance(answer, dict):
		problem = "not a JSON object"
	elif TRACEBACK_KEYS & set(answer):
		problem = f"traceback keys {sorted(TRACEBACK_KEYS & set(answer))}"
	elif status == 417 and not message_of(response):
		problem = "a refusal of input without a message"
	elif (
		user == PARTNER_A
		and isinstance(data, dict)  # a body that is no object is refused before the door
		and f"ownership_policies.api.{method}" not in PARTNER_METHODS
		and (status != 403 or DOOR not in message_of(response))
	):
		problem = "not refused at the door"
	else:
		return None
	return f"{user} {method} {shown(data)} → {problem}: {status} {body[:300]}"


def written_since(since) -> dict[str, int]:
	"""Rows of the app's tables the fuzzed users made or changed since `since` (read afresh)."""
	frappe.db.rollback()
	written = {}
	for table in TABLES:
		made = frappe.db.count(table, {"creation": (">=", since), "owner": ("in", USERS)})
		changed = frappe.db.count(table, {"modified": (">=", since), "modified_by": ("in", USERS)})
		if table == "Client Check Log":
			made += frappe.db.count(table, {"checked_on": (">=", since), "user": ("in", USERS)})
		if made or changed:
			written[table] = made + changed
	return written


def counts() -> dict[str, int]:
	frappe.db.rollback()
	return {table: frappe.db.count(table) for table in TABLES}


def test_x6_junk_is_refused_cleanly_and_writes_nothing(cast):
	methods = api_methods()
	assert len(methods) >= 15, sorted(methods)
	todo = calls(methods)
	before, since, started = counts(), add_to_date(now_datetime(), seconds=-2), time.monotonic()

	def run(chunk):
		client, user = None, None
		faults = []
		for call_user, method, data in chunk:
			if call_user != user:
				client, user = Client(call_user), call_user
			response = client.post(
				f"/api/method/ownership_policies.api.{method}",
				data=json.dumps(data),  # allow_nan: Infinity is sent too
				headers={"Content-Type": "application/json"},
			)
			faults.append(fault(call_user, method, data, response))
		return faults

	chunks = [todo[i::SESSIONS] for i in range(SESSIONS)]
	for chunk in chunks:
		chunk.sort(key=lambda call: call[0])  # one login per user and session
	with ThreadPoolExecutor(SESSIONS) as pool:
		faults = [f for found in pool.map(run, chunks) for f in found if f]
	elapsed = time.monotonic() - started
	written, after = written_since(since), counts()
	replay = f"OWNERSHIP_FUZZ_SEED={SEED}"
	assert not faults, f"{replay}: {len(faults)} of {len(todo)} calls went wrong:\n" + "\n".join(faults)
	assert not written, f"{replay}: rows written {written}; counts before {before}, after {after}"
	assert elapsed < 90, f"{replay}: {len(todo)} calls took {elapsed:.0f} s"
	print(f"{replay}: {len(todo)} calls in {elapsed:.1f} s; counts {before} → {after}")
