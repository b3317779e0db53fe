"""Benchmark, not a test: what the app costs where it matters.

1. A Lead insert with the app's doc events against the same insert with them switched off, interleaved in one
   run on one site (the median ratio is the app's overhead).
2. find_same_person latency (median, p95) once the site holds --leads leads (seeded in bulk, then indexed by the
   app's own backfill, whose time is reported too).
3. check_client latency (FX-2) with those leads and --fixations active fixations, for busy and free clients
   alike: the answer must not take longer for one than for the other.
4. A Lead insert with a prescriber (PR-1: the attachment judged against those leads and written, with its
   ledger line) against the same insert with the app's doc events off, interleaved as in 1.
5. next_lead latency (LQ-2) with those leads queued (unowned, open, of every tier), each call committed.
6. who_owns latency (X-2), now and at a past moment, with --ledger-lines ledger lines seeded in bulk (10 lines a
   record, over a tenth as many records); they are removed afterwards unless --keep-ledger-lines. The default
   (100,000) keeps a run short; --ledger-lines 1000000 gives the figure at a million lines. --only who_owns
   times only that.

Run through dev/benchmark, or from <bench>/sites:  ../env/bin/python ../apps/ownership_policies/benchmarks/ownership_overhead.py SITE
"""

import argparse
import random
import statistics
import time
from datetime import datetime, timedelta

import frappe
from frappe.utils import now

APP = "ownership_policies"
SEED_PREFIX = "BENCH-LEAD-"


def main():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("site")
	parser.add_argument("--inserts", type=int, default=300, help="Lead inserts on each side")
	parser.add_argument("--leads", type=int, default=100_000, help="leads on the site for the look-up test")
	parser.add_argument("--lookups", type=int, default=2_000)
	parser.add_argument("--fixations", type=int, default=10_000, help="active fixations for the check test")
	parser.add_argument(
		"--ledger-lines", type=int, default=100_000, help="ownership ledger lines for the who_owns test"
	)
	parser.add_argument(
		"--keep-ledger-lines", action="store_true", help="keep the seeded ledger lines for the next run"
	)
	parser.add_argument("--only", choices=["who_owns", "owner_backfill"], help="time this measure only")
	args = parser.parse_args()

	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	# Gravatar and other outbound look-ups are skipped alike on both sides.
	frappe.flags.in_test = True
	frappe.db.set_single_value("Ownership Settings", "default_phone_region", "FR")
	frappe.db.commit()
	if args.only:
		{"who_owns": report_who_owns, "owner_backfill": report_owner_backfill}[args.only](args)
		frappe.destroy()
		return

	with_app, without_app = lead_inserts(args.inserts)
	print(f"Lead insert, {args.inserts} each side, interleaved (ms):")
	print(
		f"  vanilla ERPNext (app's doc events off): median {ms(median(without_app))}  p95 {ms(p95(without_app))}"
	)
	print(f"  with ownership_policies:                median {ms(median(with_app))}  p95 {ms(p95(with_app))}")
	print(f"  overhead ratio (median): {median(with_app) / median(without_app):.3f}")

	seeded, backfill = seed_leads(args.leads)
	if backfill is not None:
		print(
			f"\nSeeded {seeded} leads; identity backfill took {backfill:.1f} s ({seeded / backfill:,.0f} leads/s)"
		)
	total = frappe.db.count("Lead")
	for label, query in lookup_queries(args.lookups):
		timings = time_lookups(query)
		print(
			f"find_same_person by {label}, {len(timings)} look-ups on {total:,} leads (ms): "
			f"median {ms(median(timings))}  p95 {ms(p95(timings))}"
		)

	fixed = seed_fixations(args.fixations)
	busy, free = time_checks(args.lookups, fixed)
	print(f"\ncheck_client, {args.lookups} checks each, {fixed:,} active fixations, {total:,} leads (ms):")
	print(f"  busy (fixed to an agency): median {ms(median(busy))}  p95 {ms(p95(busy))}")
	print(f"  free:                      median {ms(median(free))}  p95 {ms(p95(free))}")
	print(f"  all:                       p95 {ms(p95(busy + free))}")
	behind_door, bare = time_partner_checks(args.lookups, fixed)
	print(f"check_client as a partner user, {args.lookups} checks each side, interleaved (ms):")
	print(f"  without the door:               median {ms(median(bare))}  p95 {ms(p95(bare))}")
	print(f"  through the door (X-6 allowlist): median {ms(median(behind_door))}  p95 {ms(p95(behind_door))}")
	print(f"  ratio (p95): {p95(behind_door) / p95(bare):.3f}")

	from ownership_policies.setup.demo import PRESCRIBER, ensure_convention, ensure_partner

	ensure_partner(PRESCRIBER)
	ensure_convention()
	with_app, without_app = lead_inserts(args.inserts, prescriber=PRESCRIBER)
	print(f"\nLead insert with a prescriber, {args.inserts} each side, {total:,} leads on the site (ms):")
	print(
		f"  vanilla ERPNext:                        median {ms(median(without_app))}  p95 {ms(p95(without_app))}"
	)
	print(f"  with the attachment judged and written: median {ms(median(with_app))}  p95 {ms(p95(with_app))}")
	print(f"  overhead ratio (median): {median(with_app) / median(without_app):.3f}")

	queued = frappe.db.count("Lead", {"lead_owner": ("is", "not set"), "status": ("in", ["Lead", "Open"])})
	timings = time_next_lead(args.lookups // 4)
	print(f"\nnext_lead, {len(timings)} calls, {queued:,} leads in the queue (ms):")
	print(f"  median {ms(median(timings))}  p95 {ms(p95(timings))}")
	report_who_owns(args)
	report_owner_backfill(args)
	frappe.destroy()


def lead_inserts(count, prescriber=None):
	"""Time `count` inserts each side, alternating, so both sides see the same caches and table sizes."""
	with_hooks = frappe.get_doc_hooks()
	without_hooks = {
		doctype: {
			event: [m for m in methods if not m.startswith(APP + ".")] for event, methods in events.items()
		}
		for doctype, events in with_hooks.items()
	}
	timings = {True: [], False: []}
	created = []
	for i in range(count + 10):
		for app_on in (True, False) if i % 2 else (False, True):
			frappe.local.doc_events_hooks = with_hooks if app_on else without_hooks
			start = time.perf_counter()
			lead = frappe.get_doc(
				{
					"doctype": "Lead",
					"first_name": random.choice(FIRST),
					"last_name": random.choice(LAST),
					"mobile_no": random_mobile(),
					"email_id": f"bench{random.randrange(10**9)}@example.com",
					"prescriber": prescriber,
				}
			).insert()
			frappe.db.commit()
			if i >= 10:  # the first inserts warm caches
				timings[app_on].append(time.perf_counter() - start)
			created.append(lead.name)
	frappe.local.doc_events_hooks = with_hooks
	remove_leads(created)
	return timings[True], timings[False]


def remove_leads(names):
	"""Delete the benchmark's leads with the Contacts ERPNext made for them, child rows included (Frappe names
	contacts after the person, so orphaned child rows would be picked up by the next contact of that name)."""
	link = frappe.qb.DocType("Dynamic Link")
	contacts = (
		frappe.qb.from_(link)
		.select(link.parent)
		.where((link.parenttype == "Contact") & (link.link_doctype == "Lead") & link.link_name.isin(names))
		.run(pluck=True)
	)
	if contacts:
		for child in ("Dynamic Link", "Contact Phone", "Contact Email"):
			frappe.db.delete(child, {"parenttype": "Contact", "parent": ("in", contacts)})
		frappe.db.delete("Contact", {"name": ("in", contacts)})
	frappe.db.delete("Lead", {"name": ("in", names)})
	frappe.db.delete("Identity Key", {"reference_name": ("in", names + contacts)})
	for table in ("Prescriber Attachment", "Ownership Ledger Entry"):
		frappe.db.delete(table, {"reference_name": ("in", names)})
	frappe.db.commit()


def seed_leads(target):
	"""Bulk-insert leads up to `target` (kept for the next run), then index them with the app's backfill."""
	have = frappe.db.count("Lead", {"name": ("like", SEED_PREFIX + "%")})
	missing = target - have
	if missing <= 0:
		return have, None
	stamp = now()
	fields = (
		"name",
		"creation",
		"modified",
		"owner",
		"modified_by",
		"naming_series",
		"status",
		"first_name",
		"last_name",
		"lead_name",
		"mobile_no",
		"email_id",
		"priority_tier",
	)
	rows = []
	for i in range(have, target):
		first, last = random.choice(FIRST), random.choice(LAST)
		rows.append(
			(
				f"{SEED_PREFIX}{i:07d}",
				stamp,
				stamp,
				"Administrator",
				"Administrator",
				"CRM-LEAD-.YYYY.-",
				"Lead",
				first,
				last,
				f"{first} {last}",
				seeded_mobile(i),
				f"seed{i}@example.com",
				random.choice(TIERS),
			)
		)
	frappe.db.bulk_insert("Lead", fields, rows, chunk_size=5000)
	frappe.db.commit()
	from ownership_policies.ownership.identity import rebuild_identity_keys

	start = time.perf_counter()
	rebuild_identity_keys(["Lead"])
	frappe.db.commit()
	return target, time.perf_counter() - start


def lookup_queries(count):
	seeded = frappe.db.count("Lead", {"name": ("like", SEED_PREFIX + "%")})
	picks = [random.randrange(seeded) for _ in range(count)]
	yield "phone (found)", [{"phone": seeded_mobile(i)} for i in picks]
	yield "phone (not found)", [{"phone": random_mobile()} for _ in picks]
	yield "phone + name", [{"phone": seeded_mobile(i), "name": "Camille Martin"} for i in picks]
	yield "email", [{"email": f"seed{i}@example.com"} for i in picks]
	yield (
		"name (shared by ~800 leads)",
		[{"name": f"{random.choice(FIRST)} {random.choice(LAST)}"} for _ in picks],
	)


def time_lookups(queries):
	from ownership_policies.ownership.identity import find_same_person

	timings = []
	for query in queries:
		start = time.perf_counter()
		find_same_person(**query)
		timings.append(time.perf_counter() - start)
	return timings


def seed_fixations(target):
	"""Active fixations of the first `target` seeded leads' phones (kept for the next run)."""
	from ownership_policies.setup.demo import AGENCY, ensure_partner

	ensure_partner(AGENCY)
	have = frappe.db.count("Client Fixation", {"name": ("like", "BENCH-FIX-%"), "status": "Active"})
	if have >= target:
		return have
	stamp, until = now(), "2099-12-31 00:00:00"
	fields = (
		"name",
		"creation",
		"modified",
		"owner",
		"modified_by",
		"agency",
		"client_name",
		"phone",
		"client_key",
		"active_client_key",
		"status",
		"stage",
		"fixed_on",
		"expires_on",
	)
	rows = [
		(
			f"BENCH-FIX-{i:07d}",
			stamp,
			stamp,
			"Administrator",
			"Administrator",
			AGENCY,
			"Bench Client",
			seeded_mobile(i),
			seeded_mobile(i),
			seeded_mobile(i),
			"Active",
			"Initial",
			stamp,
			until,
		)
		for i in range(have, target)
	]
	frappe.db.bulk_insert("Client Fixation", fields, rows, chunk_size=5000, ignore_duplicates=True)
	frappe.db.commit()
	return target


def time_checks(count, fixed):
	"""Busy and free checks interleaved, as a call-centre operator (no hourly limit), each committed."""
	from ownership_policies.fixation.availability import check_client

	seeded = frappe.db.count("Lead", {"name": ("like", SEED_PREFIX + "%")})
	timings = {"busy": [], "free": []}
	for _ in range(count):
		for status, i in (("busy", random.randrange(fixed)), ("free", random.randrange(fixed, seeded))):
			start = time.perf_counter()
			answer = check_client(seeded_mobile(i), "Camille Martin")
			frappe.db.commit()
			timings[status].append(time.perf_counter() - start)
			assert answer == {"status": status}, (i, answer)
	frappe.db.delete("Client Check Log", {"user": frappe.session.user})
	frappe.db.commit()
	return timings["busy"], timings["free"]


def time_partner_checks(count, fixed):
	"""A partner's checks (X-6), each one as the request would run it: through the door (the auth hook's
	allowlist), or straight to the check; interleaved, each committed. As a real partner near its limit, it has
	at most 100 checks an hour and never more than 50 lines (they are cleared between rounds, untimed)."""
	from werkzeug.test import EnvironBuilder

	from ownership_policies.fixation.availability import check_client
	from ownership_policies.ownership.boundary import guard
	from ownership_policies.ownership.partners import grant_membership
	from ownership_policies.setup.demo import AGENCY, ensure_partner

	partner = "bench.partner@example.com"
	if not frappe.db.exists("User", partner):
		frappe.get_doc(
			{"doctype": "User", "email": partner, "first_name": "Bench", "user_type": "Website User"}
		).insert(ignore_permissions=True)
	ensure_partner(AGENCY)
	grant_membership(partner, AGENCY)
	limit = frappe.db.get_single_value("Ownership Settings", "check_client_hourly_limit")
	frappe.db.set_single_value("Ownership Settings", "check_client_hourly_limit", 100)
	frappe.db.commit()
	frappe.local.request = EnvironBuilder(
		path="/api/method/ownership_policies.api.check_client", method="POST"
	).get_request()
	frappe.set_user(partner)
	seeded = frappe.db.count("Lead", {"name": ("like", SEED_PREFIX + "%")})
	timings = {True: [], False: []}
	try:
		for iteration in range(count):
			if iteration % 25 == 0:
				frappe.db.delete("Client Check Log", {"user": partner})
				frappe.db.commit()
			for door in (True, False):
				phone = seeded_mobile(random.randrange(seeded))
				frappe.local.form_dict = frappe._dict(phone=phone)
				start = time.perf_counter()
				if door:
					guard()
				check_client(phone)
				frappe.db.commit()
				timings[door].append(time.perf_counter() - start)
	finally:
		frappe.set_user("Administrator")
		frappe.local.request = None
		frappe.db.delete("Client Check Log", {"user": partner})
		frappe.db.set_single_value("Ownership Settings", "check_client_hourly_limit", limit)
		frappe.db.commit()
	return timings[True], timings[False]


def time_next_lead(count):
	"""As an agent on shift all week; the leads taken are put back in the queue afterwards."""
	from frappe.desk.form.assign_to import clear as clear_assignments

	from ownership_policies.lead_queue.queue import next_lead

	agent = "bench.agent@example.com"
	if not frappe.db.exists("User", agent):
		frappe.get_doc(
			{"doctype": "User", "email": agent, "first_name": "Bench Agent", "send_welcome_email": 0}
		).insert().add_roles("Sales User")
	if not frappe.db.exists("Agent Schedule", agent):
		days = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
		shifts = [{"weekday": day, "start_time": "00:00:00", "end_time": "23:59:59"} for day in days]
		frappe.get_doc({"doctype": "Agent Schedule", "agent": agent, "shifts": shifts}).insert()
	frappe.db.commit()
	frappe.set_user(agent)
	timings, taken = [], []
	for _ in range(count):
		start = time.perf_counter()
		taken.append(next_lead()["lead"])
		frappe.db.commit()
		timings.append(time.perf_counter() - start)
	frappe.set_user("Administrator")
	for lead in taken:
		clear_assignments("Lead", lead)
	frappe.db.set_value("Lead", {"name": ("in", taken)}, "lead_owner", None)
	frappe.db.delete("Ownership Ledger Entry", {"reference_name": ("in", taken)})
	frappe.db.commit()
	return timings


LEDGER, LEDGER_PREFIX, LINES_PER_RECORD = "Ownership Ledger Entry", "BENCH-OLE-", 10
LEDGER_FIELDS = (
	"name",
	"creation",
	"modified",
	"owner",
	"modified_by",
	"reference_doctype",
	"reference_name",
	"claim",
	"action",
	"rule",
	"holder_type",
	"holder",
	"actor",
	"valid_from",
	"valid_until",
	"before",
	"after",
)
# A record's history, as the policies write it: (days after the record is entered, claim, action, rule, who
# holds it, days it runs). A lead: its owner, a prescriber's referral, an agency's fixation extended twice and
# expired, the queue, protection kept then reassigned on the client's wish, another agency refused.
LEAD_HISTORY = (
	(0, "Owner", "Assign", "X-2", "agent", None),
	(0.01, "Referral", "Attach", "PR-1", "prescriber", 365),
	(1, "Fixation", "Fix", "FX-3", "agency", 3),
	(3, "Fixation", "Extend", "FX-6", "agency", 7),
	(9, "Fixation", "Extend", "FX-9", "agency", 7),
	(16, "Fixation", "Expire", "FX-5", "agency", None),
	(20, "Lead Queue", "Assign", "LQ-2", "agent", None),
	(25, "Activity Protection", "Keep", "RA-1", "agent", 30),
	(40, "Activity Protection", "Reassign", "RA-4", "other agent", 30),
	(45, "Fixation", "Refuse", "FX-8", "other agency", None),
)
# A customer: its account manager, advisors given and kept, a booster, protection, a reassignment for inactivity.
CUSTOMER_HISTORY = (
	(0, "Owner", "Assign", "X-2", "agent", None),
	(0.01, "Advisor", "Assign", "AR-3", "agent", None),
	(2, "Activity Protection", "Keep", "RA-1", "agent", 30),
	(30, "Advisor", "Keep", "AR-4", "agent", None),
	(60, "Advisor", "Release", "AR-6", "agent", None),
	(61, "Advisor", "Assign", "AR-8", "other agent", None),
	(62, "Owner", "Assign", "AR-8", "other agent", None),
	(70, "Activity Protection", "Keep", "RA-1", "other agent", 30),
	(140, "Activity Protection", "Reassign", "RA-2", "agent", 30),
	(141, "Owner", "Assign", "RA-2", "agent", None),
)


def report_who_owns(args):
	seeded, took = seed_ledger(args.ledger_lines)
	if took is not None:
		print(f"\nSeeded {seeded:,} ledger lines in {took:.1f} s")
	records = seeded // LINES_PER_RECORD
	if not records:
		return
	total = frappe.db.count(LEDGER)
	print(
		f"\nwho_owns, {args.lookups} look-ups each, {total:,} ledger lines, {records:,} records of "
		f"{LINES_PER_RECORD} lines, index used: {ledger_index()} (ms):"
	)
	for label, timings in time_who_owns(args.lookups, records).items():
		print(f"  {label:<34} median {ms(median(timings))}  p95 {ms(p95(timings))}")
	if not args.keep_ledger_lines:
		start = time.perf_counter()
		remove_ledger_lines()
		print(f"  (seeded lines removed in {time.perf_counter() - start:.1f} s)")


def ledger_record(i):
	"""The doctype, name, history and first moment of seeded record `i`."""
	doctype, history = ("Customer", CUSTOMER_HISTORY) if i % 5 == 4 else ("Lead", LEAD_HISTORY)
	start = datetime(2024, 1, 1, 8) + timedelta(days=(i * 7919) % 700, minutes=(i * 31) % 600)
	return doctype, f"BENCH-OWN-{i:07d}", history, start


def seed_ledger(target):
	"""Bulk-insert `target` ledger lines (kept from an earlier run when they are exactly that many)."""
	have = frappe.db.count(LEDGER, {"name": ("like", LEDGER_PREFIX + "%")})
	if have == target:
		return have, None
	if have:
		remove_ledger_lines()
	start, stamp, n = time.perf_counter(), now(), 0
	rows = []
	for i in range(target // LINES_PER_RECORD):
		doctype, name, history, first = ledger_record(i)
		people = {
			"agent": ("User", f"bench.agent{i % 50:02d}@example.com"),
			"other agent": ("User", f"bench.agent{(i + 7) % 50:02d}@example.com"),
			"prescriber": ("Sales Partner", f"Bench Prescriber {i % 20:02d}"),
			"agency": ("Sales Partner", f"Bench Agency {i % 30:02d}"),
			"other agency": ("Sales Partner", f"Bench Agency {(i + 1) % 30:02d}"),
		}
		for days, claim, action, rule, who, runs in history:
			holder_type, holder = people[who]
			valid_from = first + timedelta(days=days)
			until = valid_from + timedelta(days=runs) if runs else None  # an extension runs from its meeting
			rows.append(
				(
					f"{LEDGER_PREFIX}{n:08d}",
					stamp,
					stamp,
					"Administrator",
					"Administrator",
					doctype,
					name,
					claim,
					action,
					rule,
					holder_type,
					holder,
					people["agent"][1],
					valid_from,
					until,
					f'{{"holder": "{people["agent"][1]}"}}' if action == "Reassign" else None,
					f'{{"rule": "{rule}", "record": "{name}"}}',
				)
			)
			n += 1
		if len(rows) >= 10_000:
			frappe.db.bulk_insert(LEDGER, LEDGER_FIELDS, rows, chunk_size=10_000)
			frappe.db.commit()
			rows = []
	if rows:
		frappe.db.bulk_insert(LEDGER, LEDGER_FIELDS, rows, chunk_size=10_000)
		frappe.db.commit()
	return n, time.perf_counter() - start


def remove_ledger_lines():
	"""The seeded lines, by their names (the primary key), in chunks."""
	while True:
		frappe.db.sql(f"delete from `tab{LEDGER}` where name like %s limit 50000", LEDGER_PREFIX + "%")
		removed = frappe.db._cursor.rowcount
		frappe.db.commit()
		if removed < 50000:
			return


def ledger_index():
	"""The index MariaDB picks for one record's lines, as holdings() reads them."""
	query = frappe.get_all(
		LEDGER,
		filters={"reference_doctype": "Lead", "reference_name": "BENCH-OWN-0000000"},
		fields=["claim", "action", "rule", "holder", "holder_type", "valid_from", "valid_until"],
		order_by="valid_from asc, creation asc",
		run=False,
	)
	return frappe.db.sql(f"explain {query}", as_dict=True)[0].key or "none (a full scan)"


def time_who_owns(count, records):
	"""who_owns of random seeded records: now, and at a moment within each record's history (a string, as the
	REST method receives it). Each answer names a holder; the first look-ups warm the caches."""
	from ownership_policies.ownership.ledger import who_owns

	timings = {"now": [], "at a past moment (mid-history)": []}
	for iteration in range(count + 20):
		doctype, name, _history, first = ledger_record(random.randrange(records))
		for label, on in zip(timings, (None, str(first + timedelta(days=12))), strict=True):
			start = time.perf_counter()
			answer = who_owns(doctype, name, on)
			elapsed = time.perf_counter() - start
			assert answer["holder"], (doctype, name, on, answer)
			if iteration >= 20:
				timings[label].append(elapsed)
	return timings


def seeded_mobile(i):
	return f"+3361{i:07d}"


def random_mobile():
	return f"+3376{random.randrange(10**7):07d}"


def median(values):
	return statistics.median(values)


def p95(values):
	return statistics.quantiles(values, n=20)[-1]


def ms(seconds):
	return f"{seconds * 1000:.2f}"


def report_owner_backfill(args):
	"""X-2's install backfill: up to `--leads` leads are given an owner and lose their ledger lines, as on a site
	the app is installed on; history.backfill then writes their "owner at install" lines. Put back after."""
	from ownership_policies.ownership import history

	agent = "bench.agent@example.com"
	leads = frappe.get_all("Lead", filters={"lead_owner": ("is", "not set")}, pluck="name", limit=args.leads)
	for start in range(0, len(leads), 10_000):
		chunk = leads[start : start + 10_000]
		frappe.db.set_value("Lead", {"name": ("in", chunk)}, "lead_owner", agent, update_modified=False)
		frappe.db.delete(LEDGER, {"reference_doctype": "Lead", "reference_name": ("in", chunk)})
	frappe.db.commit()
	started = time.perf_counter()
	written = history.backfill(progress=lambda message: None)
	took = time.perf_counter() - started
	print(f"\nowner history backfill (X-2), {len(leads):,} owned leads without a line:")
	print(f"  {written:,} lines in {took:.1f} s ({written / took:,.0f} lines/s)")
	for start in range(0, len(leads), 10_000):
		chunk = leads[start : start + 10_000]
		frappe.db.delete(LEDGER, {"reference_doctype": "Lead", "reference_name": ("in", chunk)})
		frappe.db.set_value("Lead", {"name": ("in", chunk)}, "lead_owner", None, update_modified=False)
	frappe.db.commit()


FIRST = [
	"Camille",
	"Hugo",
	"Léa",
	"Lucas",
	"Chloé",
	"Nathan",
	"Olga",
	"María",
	"Jean",
	"Sofia",
	"Ivan",
	"Inès",
]
LAST = ["Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Ivanova", "García", "López", "Petrov", "Durand"]
TIERS = ["Platinum", "Gold", "Silver", "Bronze"]

if __name__ == "__main__":
	main()
