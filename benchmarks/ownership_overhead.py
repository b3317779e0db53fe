"""Benchmark, not a test: what the app costs where it matters, and how that cost grows with the data.

The site is grown through each size of --leads in turn (seeded in bulk, then indexed by the app's own backfill,
whose rate is reported at each size), and at each size it times:

1. find_same_person (median, p95), by phone, email, phone + name and a shared name.
2. check_client (FX-2) with --fixations active fixations, busy and free clients interleaved (the answer must not
   take longer for one than for the other), and as a partner user through the door (X-6) against without it.
3. A Lead insert with the app's doc events against the same insert with them switched off, interleaved in one
   run (the median ratio is the app's overhead), then the same with a prescriber (PR-1: the attachment judged
   against those leads and written, with its ledger line).
4. next_lead (LQ-2) with those leads queued (unowned, open, of every tier), each call committed.
5. who_owns (X-2), now and at a past moment, over --ledger-lines ledger lines seeded in bulk (10 lines a record,
   over a tenth as many records; the same lines at every size, removed at the end unless --keep-ledger-lines).
6. The size (data + index, MB) of the tables that grow with the leads.

It ends with a table of every figure side by side, one column a size, and the ratio of the last to the first;
then the owner history backfill (X-2) over the largest size. The default sizes, 10,000 and 100,000, keep a run
under ten minutes on this project's machine (2 cores); `--leads 100000,1000000` gives the comparison the README
keeps (roughly half an hour). A site holding more seeded leads than the first size is cut down to it first. `--only who_owns`
or `--only owner_backfill` times that measure alone.

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
	parser.add_argument("--only", choices=["who_owns", "owner_backfill"], help="time this measure only")
	args = parser.parse_args()

	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	# Gravatar and other outbound look-ups are skipped alike on both sides.
	frappe.flags.in_test = True
	frappe.db.set_single_value("Ownership Settings", "default_phone_region", "FR")
	frappe.db.commit()
	if args.only == "who_owns":
		report_who_owns(args, {})
		finish_ledger(args)
	elif args.only == "owner_backfill":
		report_owner_backfill(args.leads[-1])
	else:
		fixations = args.fixations or args.leads[0] // 10
		if fixations >= args.leads[0]:
			parser.error(
				"--fixations must be below the smallest --leads size (its other leads are the free ones)"
			)
		columns = {size: measure_at(size, fixations, args) for size in args.leads}
		finish_ledger(args)
		print_table(columns)
		report_owner_backfill(args.leads[-1])
	frappe.destroy()


def lead_sizes(text):
	return sorted(int(size) for size in text.replace("_", "").split(","))


def measure_at(size, fixations, args):
	"""Every figure with `size` leads on the site, as {label: value}; the details are printed on the way."""
	figures = {}
	print(f"\n=== {size:,} leads ===")
	took = seed_leads(size)
	total = frappe.db.count("Lead")
	figures["identity backfill (leads/s)"] = total / took
	print(f"Identity backfill of {total:,} leads: {took:.1f} s ({total / took:,.0f} leads/s)")
	for label, query in lookup_queries(args.lookups):
		timings = time_lookups(query)
		figures[f"find_same_person by {label}, p95 (ms)"] = p95(timings) * 1000
		print(
			f"find_same_person by {label}, {len(timings)} look-ups on {total:,} leads (ms): "
			f"median {ms(median(timings))}  p95 {ms(p95(timings))}"
		)

	fixed = seed_fixations(fixations)
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

	from ownership_policies.setup.demo import PRESCRIBER, ensure_convention, ensure_partner

	ensure_partner(PRESCRIBER)
	ensure_convention()
	for label, prescriber in (("Lead insert", None), ("Lead insert with a prescriber", PRESCRIBER)):
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
	)


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

if __name__ == "__main__":
	main()
