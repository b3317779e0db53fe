"""Benchmark, not a test: what the app costs where it matters, and how that cost grows with the data.

The site is grown through each size of --leads in turn (seeded in bulk, then indexed by the app's own backfill,
whose rate is reported at each size; InnoDB purges and writes back what the seed left, and the leads and the
identity index are read into the buffer pool, before anything is timed), and at each size it times:

1. find_same_person (median, p95), by phone, email, phone + name and a shared name.
2. check_client (FX-2) with --fixations active fixations, busy and free clients interleaved (the answer must not
   take longer for one than for the other), and as a partner user through the door (X-6) against without it.
3. A Lead insert with the app's doc events against the same insert with them switched off, interleaved in one
   run (the median ratio is the app's overhead), then the same with a prescriber (PR-1: the attachment judged
   against those leads and written, with its ledger line).
4. next_lead (LQ-2) with those leads queued (unowned, open, of every tier), each call committed.
5. who_owns (X-2), now and at a past moment, over --ledger-lines ledger lines seeded in bulk (10 lines a record,
   over a tenth as many records; the same lines at every size, removed at the end unless --keep-ledger-lines).
6. X-7: find_duplicates as a sales user (median, p95) by phone, email, a name alone and a name + city, each for a
   found and a not-found key; a merge of a lead with 50 linked documents into another, and its undo, as a sales
   manager (median, max); the duplicate scan's rate, with a twentieth of the leads entered twice.
7. The size (data + index, MB) of the tables that grow with the leads.

It ends with a table of every figure side by side, one column a size, and the ratio of the last to the first;
then the owner history backfill (X-2) over the largest size. The default sizes, 10,000 and 100,000, keep a run
under ten minutes on this project's machine (2 cores); `--leads 100000,1000000` gives the comparison the README
keeps (roughly half an hour). A site holding more seeded leads than the first size is cut down to it first. After the
table, X-7's labelled set of --people people (benchmarks/duplicate_quality.py) gives the duplicates' quality.
`--only who_owns` or `--only owner_backfill` times that measure alone; `--only duplicates` the X-7 figures alone
(find_duplicates, merge, scan, quality) at the largest --leads size; `--only waiting` LQ-2's Leads Waiting card
and chart, against Frappe's own filter, with the seeded leads all queued and with 10,000 of them queued;
`--only insert_profile` where the app's part of both Lead inserts goes, hook by hook (benchmarks/insert_profile.py).

Run through dev/benchmark, or from <bench>/sites:  ../env/bin/python ../apps/ownership_policies/benchmarks/ownership_overhead.py SITE
"""

import argparse
import random
import statistics
import time
from collections import defaultdict
from datetime import datetime, timedelta

import frappe
from frappe.utils import now

APP = "ownership_policies"
SEED_PREFIX = "BENCH-LEAD-"
FIX_PREFIX = "BENCH-FIX-"


def main():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("site")
	parser.add_argument("--inserts", type=int, default=300, help="Lead inserts on each side")
	parser.add_argument(
		"--leads",
		type=lead_sizes,
		default=[10_000, 100_000],
		help="leads on the site, one size or several: 100000,1000000",
	)
	parser.add_argument("--lookups", type=int, default=2_000)
	parser.add_argument(
		"--fixations",
		type=int,
		help="active fixations for the check test (default: a tenth of the smallest size)",
	)
	parser.add_argument(
		"--ledger-lines", type=int, default=100_000, help="ownership ledger lines for the who_owns test"
	)
	parser.add_argument(
		"--keep-ledger-lines", action="store_true", help="keep the seeded ledger lines for the next run"
	)
	parser.add_argument("--merges", type=int, default=5, help="merges of a lead with 50 documents (X-7)")
	parser.add_argument(
		"--people", type=int, default=10_000, help="people in X-7's labelled quality set (0: skip it)"
	)
	parser.add_argument(
		"--only",
		choices=["who_owns", "owner_backfill", "duplicates", "waiting", "insert_profile"],
		help="time this measure only",
	)
	args = parser.parse_args()

	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	# Gravatar and other outbound look-ups are skipped alike on both sides.
	frappe.flags.in_test = True
	frappe.db.set_single_value("Ownership Settings", "default_phone_region", "FR")
	frappe.db.commit()
	print(
		f"InnoDB buffer pool: {buffer_pool_mb():,} MB (BUFFER_POOL_MB=2048 dev/benchmark sets the production notes')"
	)
	if args.only == "who_owns":
		report_who_owns(args, {})
		finish_ledger(args)
	elif args.only == "owner_backfill":
		report_owner_backfill(args.leads[-1])
	elif args.only == "waiting":
		report_waiting()
	elif args.only == "insert_profile":
		report_insert_profile(args.inserts)
	elif args.only == "duplicates":
		size = args.leads[-1]
		print(f"\n=== {size:,} leads ===")
		seed_leads(size)
		print_table({size: measure_duplicates(args)})
		report_duplicate_quality(args.people)
	else:
		fixations = args.fixations or args.leads[0] // 10
		if fixations >= args.leads[0]:
			parser.error(
				"--fixations must be below the smallest --leads size (its other leads are the free ones)"
			)
		columns = {size: measure_at(size, fixations, args) for size in args.leads}
		finish_ledger(args)
		print_table(columns)
		report_duplicate_quality(args.people)
		report_owner_backfill(args.leads[-1])
	frappe.destroy()


def lead_sizes(text):
	return sorted(int(size) for size in text.replace("_", "").split(","))


def measure_at(size, fixations, args):
	"""Every figure with `size` leads on the site, as {label: value}; the details are printed on the way."""
	figures = {"InnoDB buffer pool (MB)": buffer_pool_mb()}
	print(f"\n=== {size:,} leads ===")
	took = seed_leads(size)
	total = frappe.db.count("Lead")
	figures["identity backfill (leads/s)"] = total / took
	print(f"Identity backfill of {total:,} leads: {took:.1f} s ({total / took:,.0f} leads/s)")
	settled = wait_for_purge() + wait_for_written_back()
	print(f"{settled:.0f} s for InnoDB to purge and write back what the seed left")
	print(f"{warm_pool():.1f} s to read the leads and the identity index into the buffer pool")
	for label, query in lookup_queries(args.lookups):
		timings = time_lookups(query)
		figures[f"find_same_person by {label}, p95 (ms)"] = p95(timings) * 1000
		print(
			f"find_same_person by {label}, {len(timings)} look-ups on {total:,} leads (ms): "
			f"median {ms(median(timings))}  p95 {ms(p95(timings))}"
		)

	fixed = seed_fixations(fixations)
	wait_for_purge()
	wait_for_written_back()
	warm_pool()
	busy, free = time_checks(args.lookups, fixed)
	print(f"\ncheck_client, {args.lookups} checks each, {fixed:,} active fixations, {total:,} leads (ms):")
	print(f"  busy (fixed to an agency): median {ms(median(busy))}  p95 {ms(p95(busy))}")
	print(f"  free:                      median {ms(median(free))}  p95 {ms(p95(free))}")
	print(f"  all:                       p95 {ms(p95(busy + free))}")
	figures["check_client busy, p95 (ms)"] = p95(busy) * 1000
	figures["check_client free, p95 (ms)"] = p95(free) * 1000
	figures["check_client all, p95 (ms)"] = p95(busy + free) * 1000
	behind_door, bare = time_partner_checks(args.lookups, fixed)
	print(f"check_client as a partner user, {args.lookups} checks each side, interleaved (ms):")
	print(f"  without the door:               median {ms(median(bare))}  p95 {ms(p95(bare))}")
	print(f"  through the door (X-6 allowlist): median {ms(median(behind_door))}  p95 {ms(p95(behind_door))}")
	print(f"  ratio (p95): {p95(behind_door) / p95(bare):.3f}")
	figures["check_client through the partner door, p95 ratio"] = p95(behind_door) / p95(bare)

	for label, prescriber in insert_kinds():
		with_app, without_app = lead_inserts(args.inserts, prescriber=prescriber)
		ratio = median(with_app) / median(without_app)
		figures[f"{label}, ratio to vanilla (median)"] = ratio
		print(f"\n{label}, {args.inserts} each side, interleaved, {total:,} leads on the site (ms):")
		print(
			f"  vanilla ERPNext (app's doc events off): median {ms(median(without_app))}  p95 {ms(p95(without_app))}"
		)
		print(
			f"  with ownership_policies:                median {ms(median(with_app))}  p95 {ms(p95(with_app))}"
		)
		print(f"  overhead ratio (median): {ratio:.3f}")

	queued = frappe.db.count("Lead", {"lead_owner": ("is", "not set"), "status": ("in", ["Lead", "Open"])})
	timings = time_next_lead(args.lookups // 4)
	figures["next_lead, p95 (ms)"] = p95(timings) * 1000
	print(f"\nnext_lead, {len(timings)} calls, {queued:,} leads in the queue (ms):")
	print(f"  median {ms(median(timings))}  p95 {ms(p95(timings))}")
	report_who_owns(args, figures)
	figures.update(measure_duplicates(args))
	figures.update(table_sizes())
	return figures


def print_table(columns):
	"""Every figure, a column a size, and the ratio of the last size's figure to the first's."""
	sizes = list(columns)
	header = ["figure", *(f"{size:,} leads" for size in sizes)]
	if len(sizes) > 1:
		header.append(f"ratio {sizes[-1]:,} / {sizes[0]:,}")
	print("\n" + " | ".join(header))
	print(" | ".join(["---"] * len(header)))
	for label in columns[sizes[-1]]:
		values = [columns[size].get(label) for size in sizes]
		cells = [label, *(number(value) for value in values)]
		if len(sizes) > 1:
			cells.append(f"{values[-1] / values[0]:.2f}×" if values[0] and values[-1] is not None else "—")
		print(" | ".join(cells))


def number(value):
	if value is None:
		return "—"
	return f"{value:,.0f}" if value >= 1000 else f"{value:.2f}"


def table_sizes():
	"""The tables that grow with the leads, as InnoDB counts them after fresh statistics: {label: MB}. A table's
	data is its primary key (the rows); its indexes are the others."""
	from ownership_policies.ownership.identity_store import TABLE

	tables = [
		"tabLead",
		TABLE,
		"tabOwnership Ledger Entry",
		"tabPrescriber Attachment",
		"tabClient Fixation",
		"tabClient Check Log",
	]
	frappe.db.sql("analyze table " + ", ".join(f"`{table}`" for table in tables))
	rows = frappe.db.sql(
		"""select table_name, data_length / 1048576, index_length / 1048576 from information_schema.tables
		where table_schema = database() and table_name in %s""",
		[tables],
	)
	sizes = {table: (float(data), float(index)) for table, data, index in rows}
	figures = {f"`{table}`, data + indexes (MB)": sum(sizes.get(table, (0, 0))) for table in tables}
	for table in ("tabLead", TABLE):
		figures[f"`{table}`, its indexes (MB)"] = sizes[table][1]
	figures["identity index / `tabLead` (size ratio)"] = sum(sizes[TABLE]) / sum(sizes["tabLead"])
	return figures


def insert_kinds() -> tuple[tuple[str, str | None], ...]:
	"""Both Lead inserts timed, with the prescriber of the second (its partner and convention made if need be)."""
	from ownership_policies.setup.demo import PRESCRIBER, ensure_convention, ensure_partner

	ensure_partner(PRESCRIBER)
	ensure_convention()
	return ("Lead insert", None), ("Lead insert with a prescriber", PRESCRIBER)


def report_insert_profile(inserts):
	"""--only insert_profile: where the app's part of both Lead inserts goes, hook by hook, on the site as it is
	(benchmarks/insert_profile.py). The hooks are wrapped, so the ratios are a little above the main run's."""
	from insert_profile import HookProfile

	kinds = insert_kinds()
	lead_inserts(10)  # caches warmed on both sides before anything is counted
	for label, prescriber in kinds:
		profile = HookProfile(APP)
		with profile.active():
			with_app, without_app = lead_inserts(inserts, prescriber=prescriber)
		profile.report(label, inserts + 10, with_app, without_app)  # its first ten inserts a side included


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
	from ownership_policies.ownership.identity import forget_records

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
	forget_records("Lead", names)
	forget_records("Contact", contacts)
	for table in ("Prescriber Attachment", "Ownership Ledger Entry"):
		frappe.db.delete(table, {"reference_name": ("in", names)})
	frappe.db.commit()


def seed_leads(target):
	"""Exactly `target` seeded leads (kept for the next run), bulk-inserted in chunks, then the whole Lead table
	indexed again by the app's backfill; returns the backfill's time in seconds."""
	from ownership_policies.ownership.identity import rebuild_identity_keys

	have = frappe.db.count("Lead", {"name": ("like", SEED_PREFIX + "%")})
	if have > target:
		trim_leads(target)
	stamp = now()
	for chunk in range(have, target, 50_000):
		rows = [seeded_lead(i, stamp) for i in range(chunk, min(chunk + 50_000, target))]
		frappe.db.bulk_insert("Lead", LEAD_FIELDS, rows, chunk_size=5000)
		frappe.db.commit()
	give_cities()
	frappe.flags.in_test = False  # a batch committed at a time, as on a live site
	start = time.perf_counter()
	rebuild_identity_keys(["Lead"], progress=lambda message: None)
	frappe.db.commit()
	took = time.perf_counter() - start
	frappe.flags.in_test = True
	return took


LEAD_FIELDS = (
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
	"city",
)


def seeded_lead(i, stamp):
	first, last = random.choice(FIRST), random.choice(LAST)
	return (
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
		seeded_city(i),
	)


def seeded_city(i):
	return CITIES[i % len(CITIES)]


def give_cities():
	"""Leads seeded before they had a city (an older run's site) are given theirs, as seeded_city gives it."""
	cities = ", ".join(["%s"] * len(CITIES))
	frappe.db.sql(
		f"""update `tabLead` set city = elt(1 + cast(substring(name, %s) as unsigned) %% %s, {cities})
		where name like %s and ifnull(city, '') = ''""",
		[len(SEED_PREFIX) + 1, len(CITIES), *CITIES, SEED_PREFIX + "%"],
	)
	frappe.db.commit()


def trim_leads(target):
	"""The seeded leads from number `target` on, with their identity keys (bulk-inserted: no Contact, no ledger);
	both tables are then rebuilt, so that their sizes are those of the leads left."""
	from ownership_policies.ownership.identity import forget_records
	from ownership_policies.ownership.identity_store import TABLE

	while names := frappe.get_all(
		"Lead", filters={"name": (">=", f"{SEED_PREFIX}{target:07d}")}, pluck="name", limit=10_000
	):
		frappe.db.delete("Lead", {"name": ("in", names)})
		forget_records("Lead", names)
		frappe.db.commit()
	frappe.db.sql(f"optimize table `tabLead`, `{TABLE}`")


def lookup_queries(count):
	seeded = frappe.db.count("Lead", {"name": ("like", SEED_PREFIX + "%")})
	picks = [random.randrange(seeded) for _ in range(count)]
	yield "phone (found)", [{"phone": seeded_mobile(i)} for i in picks]
	yield "phone (not found)", [{"phone": random_mobile()} for _ in picks]
	yield "phone + name", [{"phone": seeded_mobile(i), "name": "Camille Martin"} for i in picks]
	yield "email", [{"email": f"seed{i}@example.com"} for i in picks]
	yield (
		f"a shared name (1 lead in {len(FIRST) * len(LAST)})",
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
	"""Active fixations of the first `target` seeded leads' phones, exactly (kept for the next run)."""
	from ownership_policies.setup.demo import AGENCY, ensure_partner

	ensure_partner(AGENCY)
	frappe.db.delete("Client Fixation", {"name": (">=", f"{FIX_PREFIX}{target:07d}")})
	have = frappe.db.count("Client Fixation", {"name": ("like", FIX_PREFIX + "%"), "status": "Active"})
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
			f"{FIX_PREFIX}{i:07d}",
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
	"""As an agent on shift all week; the leads taken are put back in the queue afterwards, without the
	assignments (ToDos) and their timeline lines."""
	from frappe.desk.form.assign_to import clear as clear_assignments

	from ownership_policies.lead_queue.queue import next_lead

	agent = bench_user(AGENT, "Bench Agent", "Sales User")
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
	frappe.db.delete(
		"ToDo", {"reference_type": "Lead", "reference_name": ("in", taken), "allocated_to": agent}
	)
	frappe.db.delete(
		"Comment",
		{
			"reference_doctype": "Lead",
			"reference_name": ("in", taken),
			"comment_type": ("in", ["Assigned", "Assignment Completed"]),
		},
	)
	frappe.db.set_value("Lead", {"name": ("in", taken)}, "lead_owner", None)
	frappe.db.delete("Ownership Ledger Entry", {"reference_name": ("in", taken)})
	frappe.db.commit()
	return timings


def buffer_pool_mb() -> int:
	return int(frappe.db.sql("select @@innodb_buffer_pool_size")[0][0]) // 1048576


def wait_for_written_back(limit=600) -> float:
	"""Seconds until InnoDB has written back to disk all but 1% of the buffer pool's pages that a bulk seed
	changed, at most `limit`. Right after a seed most of the pool is dirty, and a read that misses the pool waits
	for a dirty page to be written before it can take its place: at 1,000,000 leads, a found phone's p95 was
	1.01 ms just after the owner lines' removal and 0.39 ms once they were written back. A site at work is not
	in the middle of a bulk load; its look-ups are timed as such."""
	start = time.perf_counter()
	status = "show global status where variable_name in ('Innodb_buffer_pool_pages_dirty', 'Innodb_buffer_pool_pages_total')"
	while time.perf_counter() - start < limit:
		pages = {name.lower(): int(value) for name, value in frappe.db.sql(status)}
		if pages["innodb_buffer_pool_pages_dirty"] <= pages["innodb_buffer_pool_pages_total"] // 100:
			break
		time.sleep(1)
	return time.perf_counter() - start


def warm_pool() -> float:
	"""Seconds to read the hot tables once into the buffer pool, where a site at work keeps them (what the
	production notes size the pool for): the leads, and the identity table by both its indexes, in that order. A
	pool too small for them reads from disk all the same, and the figures show it. At 1,000,000 leads with a 2 GB
	pool, the look-ups read about one page from disk each before this, and none after."""
	from ownership_policies.ownership.identity_store import TABLE

	start = time.perf_counter()
	for table, index in (("tabLead", "primary"), (TABLE, "primary"), (TABLE, "key_lookup")):
		frappe.db.sql(f"select count(*) from `{table}` force index ({index})")
	return time.perf_counter() - start


def wait_for_purge(limit=600) -> float:
	"""Seconds until InnoDB has purged what committed transactions left (a mass update leaves its old index
	entries delete-marked, and a range read walks them until they are purged), at most `limit`. A few undo logs
	may stay as long as another connection's snapshot is older than them (an idle desk worker's): those are
	not waited for."""
	start = time.perf_counter()
	while time.perf_counter() - start < limit:
		if int(frappe.db.sql("show global status like 'Innodb_history_list_length'")[0][1]) <= 10:
			break
		time.sleep(1)
	return time.perf_counter() - start


def report_waiting(queued=10_000):
	"""LQ-2's Leads Waiting card and chart, as the workspaces load them, beside the same counts with Frappe's own
	filter for an unset owner (what they used before): with the site's leads as they are (the seeded ones all
	queued), then with `queued` of them queued, the other seeded leads given an owner (committed, and taken
	back after)."""
	from frappe.desk.doctype.number_card.number_card import get_result

	from ownership_policies.lead_queue import waiting
	from ownership_policies.lead_queue.queue import QUEUE_STATUSES

	unset_owner = [["Lead", "lead_owner", "is", "not set"], ["Lead", "status", "in", list(QUEUE_STATUSES)]]
	card = {"document_type": "Lead", "function": "Count", "aggregate_function_based_on": ""}
	measures = {
		"card": waiting.count,
		"card, Frappe's filter": lambda: get_result(card, unset_owner),
		"chart": waiting.by_tier,
		"chart, Frappe's filter": lambda: frappe.get_list(
			"Lead",
			filters=unset_owner,
			fields=["priority_tier", "count(*) as leads"],
			group_by="priority_tier",
		),
	}
	for owned in (False, True):
		if owned:
			start = time.perf_counter()
			frappe.db.sql(
				"""update `tabLead` set lead_owner = %s where name like %s and name >= %s and lead_owner is null""",
				(AGENT, SEED_PREFIX + "%", f"{SEED_PREFIX}{queued:07d}"),
			)
			frappe.db.commit()
			given = time.perf_counter() - start
			print(
				f"\n(the seeded leads after the first {queued:,} given an owner in {given:.0f} s, then "
				f"{wait_for_purge():.0f} s for InnoDB to purge the index entries the update left behind)"
			)
		leads, waiting_leads = frappe.db.count("Lead"), waiting.count()["value"]
		print(f"\nLeads Waiting card and chart, {waiting_leads:,} of {leads:,} leads queued (ms, 5 calls):")
		for label, measure in measures.items():
			timings = []
			for _ in range(5):
				start = time.perf_counter()
				measure()
				timings.append(time.perf_counter() - start)
			print(f"  {label:<24} median {ms(median(timings))}  max {ms(max(timings))}")
	frappe.db.sql(
		"update `tabLead` set lead_owner = null where lead_owner = %s and name like %s",
		(AGENT, SEED_PREFIX + "%"),
	)
	frappe.db.commit()
	wait_for_purge()


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


def report_who_owns(args, figures):
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
		figures[f"who_owns {label}, p95 (ms)"] = p95(timings) * 1000
		print(f"  {label:<34} median {ms(median(timings))}  p95 {ms(p95(timings))}")


def finish_ledger(args):
	if not args.keep_ledger_lines:
		start = time.perf_counter()
		remove_ledger_lines()
		print(f"\n(seeded ledger lines removed in {time.perf_counter() - start:.1f} s)")


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


# duplicates found at entry, merged and undone, and scanned for

AGENT, OTHER_AGENT = "bench.agent@example.com", "bench.agent.two@example.com"
MANAGER = "bench.manager@example.com"
TWIN_PREFIX = "BENCH-TWIN-"
# A merged lead's documents, as its agent writes them: with the Contact ERPNext makes for it (its Dynamic Link),
# 50 documents; the merge moves their rows (a Communication's timeline links too).
MERGED_LEAD_DOCUMENTS = {
	"Opportunity": 2,
	"Communication": 14,
	"Comment": 12,
	"ToDo": 8,
	"File": 6,
	LEDGER: 7,
}


def measure_duplicates(args) -> dict:
	"""X-7's figures with the site's leads: find_duplicates, a merge and its undo, the duplicate scan."""
	figures = {}
	count = args.lookups // 4
	agent = bench_user(AGENT, "Bench Agent", "Sales User")
	print(
		f"\nfind_duplicates as a sales user, {count} look-ups each, {frappe.db.count('Lead'):,} leads (ms):"
	)
	for label, queries in duplicate_queries(count):
		timings = time_find_duplicates(agent, queries, found=label.endswith("(found)"))
		figures[f"find_duplicates by {label}, p95 (ms)"] = p95(timings) * 1000
		print(f"  {label:<24} median {ms(median(timings))}  p95 {ms(p95(timings))}")
	figures.update(report_merges(args.merges))
	figures.update(report_scan())
	return figures


def duplicate_queries(count):
	"""(label, [find_duplicates arguments]) for each kind of key, of a seeded lead (found) or of nobody."""
	seeded = frappe.db.count("Lead", {"name": ("like", SEED_PREFIX + "%")})
	picks = [random.randrange(seeded) for _ in range(count)]
	names = {f"{SEED_PREFIX}{i:07d}" for i in picks}
	leads = frappe.get_all("Lead", filters={"name": ("in", names)}, fields=["name", "lead_name", "city"])
	leads = {lead.name: lead for lead in leads}
	known = [leads[f"{SEED_PREFIX}{i:07d}"] for i in picks]
	nobody = [f"{random.choice(UNKNOWN_FIRST)} {random.choice(UNKNOWN_LAST)}" for _ in picks]
	yield "phone (found)", [{"phone": seeded_mobile(i)} for i in picks]
	yield "phone (not found)", [{"phone": random_mobile()} for _ in picks]
	yield "email (found)", [{"email": f"seed{i}@example.com"} for i in picks]
	yield "email (not found)", [{"email": f"nobody{random.randrange(10**9)}@example.com"} for _ in picks]
	yield "a name (found)", [{"full_name": lead.lead_name} for lead in known]
	yield "a name (not found)", [{"full_name": name} for name in nobody]
	yield "name + city (found)", [{"full_name": lead.lead_name, "city": lead.city} for lead in known]
	yield "name + city (not found)", [{"full_name": name, "city": random.choice(CITIES)} for name in nobody]


def time_find_duplicates(agent, queries, found):
	"""As the panel asks while a new Lead is typed: the agent's own permission checks on each match. The first
	ten look-ups, asked again after, warm the caches."""
	from ownership_policies.ownership.duplicates import find_duplicates

	frappe.set_user(agent)
	timings = []
	try:
		for n, query in enumerate(queries[:10] + queries):
			start = time.perf_counter()
			answer = find_duplicates("Lead", **query)
			if n >= 10:
				timings.append(time.perf_counter() - start)
			assert bool(answer) == found, (query, answer)
	finally:
		frappe.set_user("Administrator")
	return timings


def report_merges(count):
	"""`count` merges, as a sales manager, of a lead with its 50 documents into another lead of the same person,
	each one undone at once; everything they made is removed after."""
	from ownership_policies.ownership.merging import merge_records, unmerge_records

	manager = bench_user(MANAGER, "Bench Manager", "Sales Manager", "Sales User")
	agents = (
		bench_user(AGENT, "Bench Agent", "Sales User"),
		bench_user(OTHER_AGENT, "Bench Colleague", "Sales User"),
	)
	timings, made, moved = {"merge": [], "undo": []}, defaultdict(list), set()
	try:
		for _ in range(count):
			kept, merged = merge_pair(agents, made)
			frappe.set_user(manager)
			start = time.perf_counter()
			log = merge_records("Lead", kept, merged)["merge_log"]
			frappe.db.commit()
			timings["merge"].append(time.perf_counter() - start)
			start = time.perf_counter()
			undone = unmerge_records(log)
			frappe.db.commit()
			timings["undo"].append(time.perf_counter() - start)
			assert not undone["refused"], undone
			moved.add(moved_rows(log))
	finally:
		frappe.set_user("Administrator")
		remove_merged(made)
	documents = sum(MERGED_LEAD_DOCUMENTS.values()) + 1
	print(
		f"\nA lead with {documents} documents ({', '.join(map(str, sorted(moved)))} rows moved) merged into another"
		f" and the merge undone, as a sales manager, {count} times, each committed (ms):"
	)
	figures = {}
	labels = {"merge": f"merge of a lead with {documents} documents", "undo": "undo of that merge"}
	for act, took in timings.items():
		print(f"  {act:<5} median {ms(median(took))}  max {ms(max(took))}")
		figures[f"{labels[act]}, median (ms)"] = median(took) * 1000
		figures[f"{labels[act]}, max (ms)"] = max(took) * 1000
	return figures


def merge_pair(agents, made) -> tuple[str, str]:
	"""The same person entered by two agents, on two numbers; the second lead with its documents. Every record
	made is added to `made`, by doctype."""
	first, last, city = random.choice(FIRST), random.choice(LAST), random.choice(CITIES)
	leads = []
	for agent in agents:
		frappe.set_user(agent)
		lead = {
			"doctype": "Lead",
			"first_name": first,
			"last_name": last,
			"mobile_no": random_mobile(),
			"city": city,
		}
		leads.append(frappe.get_doc(lead).insert())
		made["Lead"].append(leads[-1].name)
	add_documents(leads[-1], made)
	frappe.set_user("Administrator")
	frappe.db.commit()
	return leads[0].name, leads[1].name


def add_documents(lead, made):
	"""The lead's documents, as its agent writes them, and lines of its past in the ledger."""
	counts = MERGED_LEAD_DOCUMENTS
	agent = frappe.session.user

	def insert(values):
		made[values["doctype"]].append(frappe.get_doc(values).insert(ignore_permissions=True).name)

	for _ in range(counts["Opportunity"]):  # first: ERPNext moves a lead's open ToDos to its new opportunity
		insert({"doctype": "Opportunity", "opportunity_from": "Lead", "party_name": lead.name})
	for n in range(counts["Communication"]):
		insert(
			{
				"doctype": "Communication",
				"communication_type": "Communication",
				"communication_medium": "Phone" if n % 2 else "Email",
				"sent_or_received": "Received" if n % 3 else "Sent",
				"subject": f"About the flat ({n})",
				"content": "Is the balcony south-facing?",
				"reference_doctype": "Lead",
				"reference_name": lead.name,
			}
		)
	for n in range(counts["Comment"]):
		made["Comment"].append(lead.add_comment("Comment", f"Called back, wants a visit ({n})").name)
	for n in range(counts["ToDo"]):
		insert(
			{
				"doctype": "ToDo",
				"description": f"Send the floor plans ({n})",
				"reference_type": "Lead",
				"reference_name": lead.name,
				"allocated_to": agent,
				"status": "Closed" if n % 2 else "Open",
			}
		)
	for n in range(counts["File"]):
		insert(
			{
				"doctype": "File",
				"file_name": f"plan-{n}.pdf",
				"file_url": f"https://example.com/bench/{lead.name}/plan-{n}.pdf",
				"attached_to_doctype": "Lead",
				"attached_to_name": lead.name,
			}
		)
	add_past_lines(lead.name, agent, counts[LEDGER])


def add_past_lines(lead, agent, count):
	"""`count` ended lines of the lead's past (its agent's protection by activity, RA-1), bulk-inserted."""
	stamp, first = now(), datetime.now() - timedelta(days=400)
	rows = [
		(
			f"BENCH-MERGE-OLE-{frappe.generate_hash(length=12)}",
			stamp,
			stamp,
			"Administrator",
			"Administrator",
			"Lead",
			lead,
			"Activity Protection",
			"Keep",
			"RA-1",
			"User",
			agent,
			agent,
			first + timedelta(days=40 * n),
			first + timedelta(days=40 * n + 30),
			None,
			f'{{"rule": "RA-1", "record": "{lead}"}}',
		)
		for n in range(count)
	]
	frappe.db.bulk_insert(LEDGER, LEDGER_FIELDS, rows)


def moved_rows(log) -> int:
	return frappe.db.sql(
		"""select count(distinct reference_doctype, reference_name) from `tabMerge Log Change`
		where parent = %s and `change` = 'Link'""",
		log,
	)[0][0]


def remove_merged(made):
	"""The merged leads and all they made: their documents, Merge Logs, timelines, registrations and ledger."""
	leads = made.pop("Lead", [])
	if not leads:
		return
	records = leads + [name for names in made.values() for name in names]
	logs = frappe.get_all("Merge Log", filters={"merged_name": ("in", leads)}, pluck="name")
	if logs:
		frappe.db.delete("Merge Log Change", {"parent": ("in", logs)})
		frappe.db.delete("Merge Log", {"name": ("in", logs)})
	frappe.db.delete("Communication Link", {"parent": ("in", made["Communication"] or [""])})
	for doctype, names in made.items():
		frappe.db.delete(doctype, {"name": ("in", names)})
	for doctype, field in (("Comment", "reference_name"), ("ToDo", "reference_name"), ("Version", "docname")):
		frappe.db.delete(doctype, {field: ("in", records)})
	frappe.db.delete("Client Registration", {"lead": ("in", leads)})
	frappe.db.delete(LEDGER, {"reference_name": ("in", records)})
	remove_leads(leads)


def report_scan() -> dict:
	"""The duplicate scan over the site's records (as the background job runs, a batch committed at a time),
	with a twentieth of the seeded leads entered twice (their phones are otherwise all different); the pairs
	and the groups are removed after. Its time goes with the shared keys more than with the records: both
	rates are given."""
	from ownership_policies.ownership.duplicate_scan import SCAN_STATE, scan

	twins = seed_twins(max(frappe.db.count("Lead", {"name": ("like", SEED_PREFIX + "%")}) // 20, 10))
	frappe.cache.delete_value(SCAN_STATE)  # a scan stopped in an earlier run is not resumed
	frappe.flags.in_test = False
	try:
		found = scan(progress=lambda done, total: None)
	finally:
		frappe.flags.in_test = True
		remove_bench_groups()
		remove_leads(twins)
	keys_per_second = found["shared_keys"] / found["seconds"]
	print(
		f"\nDuplicate scan (X-7), {found['records']:,} records, {len(twins):,} leads entered twice: "
		f"{found['shared_keys']:,} shared phones and emails, {found['groups']:,} groups, in {found['seconds']:.2f} s "
		f"({found['records_per_second']:,} records/s, {keys_per_second:,.0f} shared keys/s)"
	)
	return {
		"duplicate scan (records/s)": found["records_per_second"],
		"duplicate scan (shared keys/s)": keys_per_second,
	}


def seed_twins(count) -> list[str]:
	"""A second lead of `count` seeded leads, spread over them: the same name, city and mobile, another email;
	bulk-inserted and indexed. Their names."""
	from ownership_policies.ownership.identity import record_keys, sync_identity_keys

	seeded = frappe.db.count("Lead", {"name": ("like", SEED_PREFIX + "%")})
	names = [f"{SEED_PREFIX}{n * (seeded // count):07d}" for n in range(count)]
	fields = ["first_name", "last_name", "lead_name", "mobile_no", "city"]
	originals = frappe.get_all("Lead", filters={"name": ("in", names)}, fields=fields, order_by="name")
	stamp = now()
	rows = [
		(
			f"{TWIN_PREFIX}{n:07d}",
			stamp,
			stamp,
			"Administrator",
			"Administrator",
			"CRM-LEAD-.YYYY.-",
			"Lead",
			lead.first_name,
			lead.last_name,
			lead.lead_name,
			lead.mobile_no,
			f"twin{n}@example.com",
			random.choice(TIERS),
			lead.city,
		)
		for n, lead in enumerate(originals)
	]
	frappe.db.bulk_insert("Lead", LEAD_FIELDS, rows, chunk_size=5000)
	for row in rows:
		sync_identity_keys(
			"Lead", row[0], record_keys(frappe._dict(zip(LEAD_FIELDS, row, strict=True), doctype="Lead"))
		)
	frappe.db.commit()
	return [row[0] for row in rows]


def remove_bench_groups():
	"""The Duplicate Groups of the benchmark's records."""
	groups = frappe.db.sql_list(
		"select distinct parent from `tabDuplicate Group Record` where record_name like 'BENCH-%%'"
	)
	if groups:
		frappe.db.delete("Duplicate Group Record", {"parent": ("in", groups)})
		frappe.db.delete("Duplicate Group", {"name": ("in", groups)})
	frappe.db.commit()


def report_duplicate_quality(people):
	"""X-7's labelled set of `people` (benchmarks/duplicate_quality.py), which prints its own figures: read in
	the regions a French office with Russian and Spanish clients sets (X-1's other phone regions), then the
	site's own again."""
	if people:
		from duplicate_quality import report_quality, set_regions

		before = set_regions({"other_phone_regions": "RU, ES"})
		try:
			report_quality(people)
		finally:
			set_regions(before)


def bench_user(email, first_name, *roles) -> str:
	"""A desk user of the benchmark, made once and kept."""
	if not frappe.db.exists("User", email):
		user = {"doctype": "User", "email": email, "first_name": first_name, "send_welcome_email": 0}
		frappe.get_doc(user).insert().add_roles(*roles)
	return email


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


def report_owner_backfill(limit):
	"""X-2's install backfill: up to `limit` leads are given an owner and lose their ledger lines, as on a site
	the app is installed on; history.backfill then writes their "owner at install" lines. Put back after."""
	from ownership_policies.ownership import history

	agent = "bench.agent@example.com"
	leads = frappe.get_all("Lead", filters={"lead_owner": ("is", "not set")}, pluck="name", limit=limit)
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
# A regional agency's cities: at 100,000 leads, about 4,000 a city.
CITIES = [
	"Paris",
	"Lyon",
	"Marseille",
	"Toulouse",
	"Nice",
	"Nantes",
	"Montpellier",
	"Strasbourg",
	"Bordeaux",
	"Lille",
	"Rennes",
	"Reims",
	"Toulon",
	"Grenoble",
	"Dijon",
	"Angers",
	"Nîmes",
	"Aix-en-Provence",
	"Brest",
	"Limoges",
	"Tours",
	"Amiens",
	"Perpignan",
	"Metz",
	"Besançon",
]
# Names nobody among the seeded leads has (the not-found look-ups of a name).
UNKNOWN_FIRST = ["Apolline", "Barnabé", "Clémence", "Dorian", "Eulalie", "Fulbert", "Gaspard", "Hortense"]
UNKNOWN_LAST = ["Vasseur", "Tessier", "Rigaud", "Quemener", "Pujol", "Ollivier", "Nicolle", "Marchal"]

if __name__ == "__main__":
	main()
