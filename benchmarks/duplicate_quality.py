"""Benchmark, not a test: how well X-7's duplicates at entry recognise one person written several ways (#17).

A labelled set is generated from a seed: French, Spanish and Russian people (namesakes among them, as in life),
each with one true mobile, often an email, a city and sometimes a company, and each written 2–4 ways as a
French office types them: phones national and international, with spaces, dots or dashes, "+33 (0)6…",
"0033…", Russian "8 (938) 123-45-67" and "+7 938…", Spanish always with their +34 or 0034 (without it a Spanish
mobile is a valid French number); emails in another case; names without accents, family name first, with an
initial, a Russian's in Cyrillic or transliterated otherwise than in their passport (ICAO 9303 since 2013:
Iuliia, not Yulia nor Ioulia); some writings carry only a phone, some only an email, some only a name and a
city. Every writing is a Lead, bulk-inserted (named DUPQ-…) and indexed through the app's
identity index, then each is looked at as its form does, through `find_duplicates`, as a Sales User. The set is
removed at the end.

Figures, over ordered pairs (a record looked at, another record of the same person it should name):
- exact recall: pairs whose two writings carry the same true phone or email (an exact match is possible),
  named as exact;
- exact false matches: exact matches naming another person (must be 0);
- suggestion precision: suggested (not exact) matches that are the same person;
- suggestion recall: pairs of the same person named at all, exact or suggested, over every pair;
- find_duplicates median and p95, and the matches outside the set (records the site had before).
Recall is broken down by how the writings were written, so that the misses are explained.

From <bench>/sites:  ../env/bin/python ../apps/ownership_policies/benchmarks/duplicate_quality.py SITE
"""

import argparse
import random
import statistics
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

import frappe
import phonenumbers
from frappe.utils import now

PREFIX = "DUPQ-"
SALES_USER = "duplicate.quality@example.com"
CHUNK = 5000


# The labelled set: pure, from a seed


@dataclass(frozen=True)
class Person:
	number: int
	country: str  # FR, ES or RU: where they come from, and how their names and phone are written
	given: str
	family: str
	mobile: str  # E.164, this person's only
	email: str | None  # this person's only
	city: str
	company: str | None
	cyrillic: tuple[str, str] | None = None  # a Russian's given and family name in Cyrillic
	english: tuple[str, str] | None = None  # ... as English transliterates them (Dmitry, Yulia)
	french: tuple[str, str] | None = None  # ... and as a French clerk does (Dmitri, Ioulia)


@dataclass(frozen=True)
class Writing:
	"""One record of a person as somebody typed it, with how each part was written."""

	person: int
	name: str
	name_style: str
	phone: str | None = None
	phone_style: str | None = None
	email: str | None = None
	email_style: str | None = None
	city: str | None = None
	company: str | None = None
	keys: str = "phone and email"


def labelled_set(people: int, seed: int) -> list[Writing]:
	"""Every writing of `people` generated people, the same for the same seed."""
	rng = random.Random(seed)
	return [writing for person in generated_people(people, rng) for writing in writings_of(person, rng)]


def generated_people(count: int, rng: random.Random) -> list[Person]:
	"""French people mostly, Spanish and Russian ones too; names drawn with common ones more often (namesakes
	happen); distinct phones and emails."""
	phones, emails = set(), set()
	return [person_of(number, rng.choice("FFFEERR"), rng, phones, emails) for number in range(count)]


def person_of(number: int, country_letter: str, rng: random.Random, phones: set, emails: set) -> Person:
	country = {"F": "FR", "E": "ES", "R": "RU"}[country_letter]
	cyrillic = english = french = None
	if country == "FR":
		given, family = common(rng, FR_GIVEN), common(rng, FR_FAMILY)
	elif country == "ES":
		given = common(rng, ES_GIVEN)
		family = f"{common(rng, ES_FAMILY)} {common(rng, ES_FAMILY)}"  # both surnames, father's first
	else:
		woman = rng.random() < 0.5
		given, given_en, given_fr, given_cy = common(rng, RU_WOMEN if woman else RU_MEN)
		family, family_en, family_fr, family_cy = (
			feminine(name) if woman else name for name in common(rng, RU_FAMILY)
		)
		cyrillic, english, french = (given_cy, family_cy), (given_en, family_en), (given_fr, family_fr)
	return Person(
		number=number,
		country=country,
		given=given,
		family=family,
		mobile=unique(lambda: true_mobile(country, rng), phones),
		email=unique(lambda: email_of(given, family, country, rng), emails) if rng.random() < 0.7 else None,
		city=common(rng, CITIES[country]),
		company=common(rng, COMPANIES) if rng.random() < 0.25 else None,
		cyrillic=cyrillic,
		english=english,
		french=french,
	)


def common(rng: random.Random, names: list):
	"""A name drawn with a Zipf-like weight: the first of a list far more often than the last."""
	return rng.choices(names, weights=[1 / (rank + 1) ** 0.6 for rank in range(len(names))])[0]


def feminine(family: str) -> str:
	"""A Russian family name as a woman bears it (Ivanov, Ivanova; Nikitine, Nikitina; Иванов, Иванова)."""
	if family.endswith("ine"):
		return family[:-1] + "a"
	return family + ("а" if "\u0400" <= family[-1] <= "\u04ff" else "a")


def unique(draw, taken: set) -> str:
	value = draw()
	while value in taken:
		value = draw()
	taken.add(value)
	return value


def true_mobile(country: str, rng: random.Random) -> str:
	"""A valid mobile of the country in E.164, outside the ranges the main benchmark seeds (+3361…, +3376…)."""
	prefix, digits = {"FR": ("+33", 9), "ES": ("+34", 9), "RU": ("+7", 10)}[country]
	while True:
		first = {"FR": rng.choice("67"), "ES": "6", "RU": "9"}[country]
		number = prefix + first + "".join(rng.choice("0123456789") for _ in range(digits - 1))
		if not number.startswith(("+3361", "+3376")) and phonenumbers.is_valid_number(
			phonenumbers.parse(number)
		):
			return number


def email_of(given: str, family: str, country: str, rng: random.Random) -> str:
	if country == "ES" and rng.random() < 0.5:
		family = family.split()[0]  # the father's surname only
	given, family = (plain(name).lower().replace(" ", "").replace("-", "") for name in (given, family))
	local = rng.choice([f"{given}.{family}", f"{given}{family}", f"{given[0]}.{family}", f"{family}.{given}"])
	if rng.random() < 0.4:
		local += str(rng.randrange(1, 100))
	return f"{local}@{rng.choice(EMAIL_PROVIDERS[country])}.example"


def plain(text: str) -> str:
	"""Without accents."""
	return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def writings_of(person: Person, rng: random.Random) -> list[Writing]:
	"""2–4 records of the person: the first as entered first (every key they gave, the name as on their papers),
	the others as somebody else typed them later."""
	first = Writing(
		person=person.number,
		name=f"{person.given} {person.family}",
		name_style="as on their papers",
		city=person.city,
		company=person.company,
		keys="phone and email" if person.email else "phone only",
		**phone_written(person, rng),
		**(email_written(person.email, "as given", rng) if person.email else {}),
	)
	count = rng.choices([2, 3, 4], weights=[45, 35, 20])[0]
	return [first, *(later_writing(person, rng) for _ in range(count - 1))]


def later_writing(person: Person, rng: random.Random) -> Writing:
	keys = rng.choices(["phone and email", "phone only", "email only", "no key"], weights=[35, 30, 15, 20])[0]
	if not person.email and keys != "no key":
		keys = "phone only"
	name, name_style = name_written(person, rng)
	writing = Writing(
		person=person.number,
		name=name,
		name_style=name_style,
		city=person.city if keys == "no key" or rng.random() < 0.7 else None,
		company=person.company if rng.random() < 0.5 else None,
		keys=keys,
	)
	if "phone" in keys:
		writing = replace(writing, **phone_written(person, rng))
	if "email" in keys:
		writing = replace(writing, **email_written(person.email, None, rng))
	return writing


def phone_written(person: Person, rng: random.Random) -> dict:
	style, write = rng.choices(
		list(PHONE_WRITINGS[person.country].items()), weights=PHONE_WEIGHTS[person.country]
	)[0]
	return {"phone": write(person.mobile), "phone_style": style}


def email_written(email: str, style: str | None, rng: random.Random) -> dict:
	style = style or rng.choices(list(EMAIL_WRITINGS), weights=[60, 25, 15])[0]
	return {"email": EMAIL_WRITINGS[style](email), "email_style": style}


def name_written(person: Person, rng: random.Random) -> tuple[str, str]:
	given, family = person.given, person.family
	styles = {
		"as on their papers": f"{given} {family}",
		"without accents": plain(f"{given} {family}"),
		"FAMILY name first": f"{family.upper()} {given}",
		"Family, Given": f"{family}, {given}",
		"initial": f"{given[0]}. {family}",
		"lower case": f"{given} {family}".lower(),
	}
	if person.country == "ES":
		styles["first surname only"] = f"{given} {family.split()[0]}"
	if person.cyrillic:
		(given_cy, family_cy), (given_en, family_en) = person.cyrillic, person.english
		styles |= {
			"Cyrillic": f"{given_cy} {family_cy}",
			"Cyrillic, family name first": f"{family_cy} {given_cy}",
			"English transliteration": f"{given_en} {family_en}",
			"French transliteration": " ".join(person.french),
		}
	style = rng.choice(list(styles))
	return styles[style], style


def french_phone(e164: str, join: str = " ", prefix: str = "0") -> str:
	national = "0" + e164[3:]
	pairs = [national[i : i + 2] for i in range(2, 10, 2)]
	return join.join([prefix + national[1], *pairs])


def spanish_phone(e164: str, prefix: str = "+34 ", groups=(3, 3, 3), join: str = " ") -> str:
	digits, parts = e164[3:], []
	for size in groups:
		parts, digits = [*parts, digits[:size]], digits[size:]
	return prefix + join.join(parts)


def russian_phone(e164: str, prefix: str, brackets: bool = True, join: str = "-") -> str:
	n = e164[2:]
	code = f"({n[:3]})" if brackets else n[:3]
	return f"{prefix} {code} {n[3:6]}{join}{n[6:8]}{join}{n[8:]}"


PHONE_WRITINGS = {
	"FR": {
		"FR national, spaces (06 12 …)": french_phone,
		"FR national, digits only": lambda e: "0" + e[3:],
		"FR national, dots": lambda e: french_phone(e, "."),
		"FR national, dashes": lambda e: french_phone(e, "-"),
		"FR +33, spaces": lambda e: french_phone(e, prefix="+33 "),
		"FR +33, digits only (E.164)": lambda e: e,
		"FR +33 (0)6 …": lambda e: french_phone(e, prefix="+33 (0)"),
		"FR 0033 …": lambda e: french_phone(e, prefix="0033 "),
	},
	"ES": {
		"ES +34 612 345 678": spanish_phone,
		"ES +34 612 34 56 78": lambda e: spanish_phone(e, groups=(3, 2, 2, 2)),
		"ES +34, digits only (E.164)": lambda e: e,
		"ES 0034 612 345 678": lambda e: spanish_phone(e, prefix="0034 "),
		"ES +34, dashes": lambda e: spanish_phone(e, prefix="+34-", join="-"),
	},
	"RU": {
		"RU national 8 (938) 123-45-67": lambda e: russian_phone(e, "8"),
		"RU national 8 938 123 45 67": lambda e: russian_phone(e, "8", brackets=False, join=" "),
		"RU national, digits only (8938…)": lambda e: "8" + e[2:],
		"RU +7 938 123-45-67": lambda e: russian_phone(e, "+7", brackets=False),
		"RU +7 (938) 123-45-67": lambda e: russian_phone(e, "+7"),
		"RU +7, digits only (E.164)": lambda e: e,
	},
}
PHONE_WEIGHTS = {
	"FR": [30, 15, 10, 5, 15, 10, 8, 7],
	"ES": [35, 20, 20, 15, 10],
	"RU": [25, 8, 7, 30, 15, 15],
}
EMAIL_WRITINGS = {
	"as given": lambda email: email,
	"Capitalised": lambda email: ".".join(part.capitalize() for part in email.split(".")),
	"UPPER CASE": str.upper,
}


# On the site: write the set, look at each record, remove the set


def report_quality(people: int = 10_000, seed: int = 7) -> dict[str, float]:
	"""The set written into the connected site, each record looked at as a Sales User, the set removed;
	the figures printed and returned as {label: value}."""
	from ownership_policies.ownership.identity import phone_region

	print(f"\nduplicates at entry (X-7): {people:,} people, seed {seed}, phones read in {phone_region()}")
	writings = labelled_set(people, seed)
	remove_set()
	try:
		names = write_set(writings)
		answers, took, refused = look_at_each(names, writings)
	finally:
		remove_set()
	figures = scored(names, writings, answers)
	figures["duplicates: look-ups refused (unreadable phone)"] = sum(refused.values())
	figures["find_duplicates median (ms)"] = statistics.median(took) * 1000
	figures["find_duplicates p95 (ms)"] = statistics.quantiles(took, n=20)[-1] * 1000
	print_figures(figures, refused)
	return figures


def write_set(writings: list[Writing]) -> list[str]:
	"""Every writing a Lead, bulk-inserted, then indexed as a saved Lead is (the identity keys of its fields)."""
	from ownership_policies.ownership.identity import record_keys, sync_identity_keys

	names = [f"{PREFIX}{i:06d}" for i in range(len(writings))]
	stamp = now()
	rows = [lead_row(name, writing, stamp) for name, writing in zip(names, writings, strict=True)]
	start = time.perf_counter()
	for chunk in range(0, len(rows), CHUNK):
		frappe.db.bulk_insert("Lead", LEAD_FIELDS, rows[chunk : chunk + CHUNK], chunk_size=CHUNK)
		frappe.db.commit()
	for i, (name, writing) in enumerate(zip(names, writings, strict=True)):
		lead = frappe._dict(
			doctype="Lead", mobile_no=writing.phone, email_id=writing.email, lead_name=writing.name
		)
		sync_identity_keys("Lead", name, record_keys(lead))
		if i % CHUNK == CHUNK - 1:
			frappe.db.commit()
	frappe.db.commit()
	print(f"  {len(names):,} leads written and indexed in {time.perf_counter() - start:.1f} s")
	return names


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
	"city",
	"company_name",
)


def lead_row(name: str, writing: Writing, stamp: str) -> tuple:
	"""The name as typed on the form: its first word in First Name, the rest in Last Name."""
	first, _, last = writing.name.partition(" ")
	return (
		name,
		stamp,
		stamp,
		"Administrator",
		"Administrator",
		"CRM-LEAD-.YYYY.-",
		"Lead",
		first,
		last,
		writing.name,
		writing.phone,
		writing.email,
		writing.city,
		writing.company,
	)


def look_at_each(names: list[str], writings: list[Writing]):
	"""Each record's find_duplicates as its form sends it, timed. A look-up refused (a phone that cannot be read)
	shows the form nothing: it counts as no match."""
	from ownership_policies.ownership.duplicates import find_duplicates

	answers, took, refused = [], [], defaultdict(int)
	caller = frappe.session.user
	frappe.set_user(sales_user())
	try:
		for name, writing in zip(names, writings, strict=True):
			start = time.perf_counter()
			try:
				found = find_duplicates(
					"Lead",
					name=name,
					phone=writing.phone,
					email=writing.email,
					full_name=writing.name,
					city=writing.city,
					company_name=writing.company,
				)
			except frappe.ValidationError:
				found = []
				refused[writing.phone_style] += 1
			took.append(time.perf_counter() - start)
			frappe.clear_messages()
			answers.append({match["name"]: (match["exact"], match["matched_on"]) for match in found})
	finally:
		frappe.set_user(caller)
	return answers, took, refused


def sales_user() -> str:
	"""A desk user with the Sales User role only: who types a Lead and sees its panel."""
	if not frappe.db.exists("User", SALES_USER):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": SALES_USER,
				"first_name": "Duplicate Quality",
				"send_welcome_email": 0,
			}
		).insert(ignore_permissions=True)
		user.add_roles("Sales User")
		frappe.db.commit()
	return SALES_USER


def remove_set():
	"""The set's leads and their identity keys (bulk-inserted and only read: nothing else was written)."""
	from ownership_policies.ownership.identity import forget_records

	names = frappe.get_all("Lead", filters={"name": ("like", PREFIX + "%")}, pluck="name")
	for chunk in range(0, len(names), CHUNK):
		frappe.db.delete("Lead", {"name": ("in", names[chunk : chunk + CHUNK])})
		forget_records("Lead", names[chunk : chunk + CHUNK])
	frappe.db.commit()


# The figures


class Tally:
	"""Pairs counted and found, in all and by how the writings were written."""

	def __init__(self):
		self.pairs = self.found = 0
		self.by_style = defaultdict(lambda: [0, 0])
		self.missed = defaultdict(int)  # how the two writings of a pair missed were written

	def count(self, found: bool, styles: set[str], pair: str):
		self.pairs += 1
		self.found += found
		self.missed[pair] += not found
		for style in styles:
			self.by_style[style][0] += 1
			self.by_style[style][1] += found

	def rate(self) -> float:
		return 100 * self.found / self.pairs if self.pairs else 100.0

	def misses(self, rows: int = 12) -> list[tuple[str, int, float]]:
		"""The writings with the lowest recall: (style, pairs, recall %)."""
		rates = [(style, n, 100 * hits / n) for style, (n, hits) in self.by_style.items() if hits < n]
		return sorted(rates, key=lambda row: (row[2], -row[1]))[:rows]

	def most_missed(self, rows: int = 8) -> list[tuple[str, int]]:
		return sorted(((pair, n) for pair, n in self.missed.items() if n), key=lambda row: -row[1])[:rows]


def scored(names: list[str], writings: list[Writing], answers: list[dict]) -> dict[str, float]:
	index = {name: i for i, name in enumerate(names)}
	records_of = defaultdict(list)
	for i, writing in enumerate(writings):
		records_of[writing.person].append(i)
	exact, any_match = Tally(), Tally()
	false_exact = outside = 0
	suggested = defaultdict(lambda: [0, 0])  # what a suggestion matched on: [suggested, the same person]
	for i, found in enumerate(answers):
		me = writings[i]
		for j in records_of[me.person]:
			if j == i:
				continue
			other, hit = writings[j], found.get(names[j])
			if shared := shared_keys(me, other):
				is_exact = bool(hit and hit[0])
				exact.count(is_exact, exact_styles(me, other, shared), written_as(me, other, shared))
			any_match.count(hit is not None, name_styles(me, other), written_as(me, other, {"name"}))
		for name, (is_exact, matched_on) in found.items():
			if name not in index:
				outside += 1
				continue
			same = writings[index[name]].person == me.person
			false_exact += is_exact and not same
			if not is_exact:
				tally = suggested[" and ".join(matched_on)]
				tally[0] += 1
				tally[1] += same
	print_misses("exact recall", exact)
	print_misses("recall, exact or suggested", any_match)
	print_suggestions(suggested)
	all_suggested, right = (
		(sum(column) for column in zip(*suggested.values(), strict=True)) if suggested else (0, 0)
	)
	return {
		"duplicates: people": len(records_of),
		"duplicates: records": len(writings),
		"duplicates: same-person pairs with a shared phone or email": exact.pairs,
		"duplicates: exact recall (%)": exact.rate(),
		"duplicates: exact false matches": false_exact,
		"duplicates: people sharing their name with another (%)": namesakes(writings),
		"duplicates: suggestions": all_suggested,
		"duplicates: suggestion precision (%)": 100 * right / all_suggested if all_suggested else 100.0,
		"duplicates: suggestion recall (%)": any_match.rate(),
		"duplicates: matches outside the set": outside,
	}


def namesakes(writings: list[Writing]) -> float:
	"""The share of people whose name (as on their papers, accents and case aside) another person bears."""
	names = {w.person: plain(w.name).casefold() for w in writings if w.name_style == "as on their papers"}
	count = Counter(names.values())
	return 100 * sum(n for n in count.values() if n > 1) / len(names)


def shared_keys(a: Writing, b: Writing) -> set[str]:
	"""The true keys both writings carry (each written its own way)."""
	return {
		kind for kind, carried in (("phone", a.phone and b.phone), ("email", a.email and b.email)) if carried
	}


def exact_styles(a: Writing, b: Writing, shared: set[str]) -> set[str]:
	"""How the shared keys were written, and the names (a phone match also wants the names alike)."""
	styles = {f"shared: {' and '.join(sorted(shared))}"}
	if "phone" in shared:
		styles |= {f"phone: {a.phone_style}", f"phone: {b.phone_style}"}
	if "email" in shared:
		styles |= {f"email: {a.email_style}", f"email: {b.email_style}"}
	if shared == {"phone"}:
		styles |= {f"phone only, name: {a.name_style}", f"phone only, name: {b.name_style}"}
	return styles


def written_as(a: Writing, b: Writing, shared: set[str]) -> str:
	"""How the two writings of a pair were written, side by side (the same whichever is looked at): what they
	share and the names."""
	kinds = sorted(shared | {"name"})
	sides = sorted(tuple(getattr(w, f"{kind}_style") for kind in kinds) for w in (a, b))
	return "; ".join(f"{kind}: {mine} / {theirs}" for kind, mine, theirs in zip(kinds, *sides, strict=True))


def name_styles(a: Writing, b: Writing) -> set[str]:
	return {f"name: {a.name_style}", f"name: {b.name_style}", f"keys: {a.keys}", f"keys: {b.keys}"}


def print_misses(title: str, tally: Tally):
	print(f"  {title}: {tally.found:,} of {tally.pairs:,} pairs ({tally.rate():.2f} %); lowest, by writing:")
	for style, pairs, rate in tally.misses():
		print(f"    {rate:6.2f} %  of {pairs:>6,} pairs  {style}")
	print("  most missed, the two writings side by side:")
	for pair, missed in tally.most_missed():
		print(f"    {missed:>6,} missed  {pair}")


def print_suggestions(suggested: dict):
	print("  suggestions (not exact), by what they matched on:")
	for matched_on, (count, right) in sorted(suggested.items(), key=lambda row: -row[1][0]):
		print(f"    {count:>7,} suggested, {100 * right / count:6.2f} % the same person  {matched_on}")


def print_figures(figures: dict[str, float], refused: dict[str, int]):
	if refused:
		print("  look-ups refused (the phone cannot be read), by how it was written:")
		for style, count in sorted(refused.items(), key=lambda row: -row[1]):
			print(f"    {count:>6,}  {style}")
	for label, value in figures.items():
		shown = f"{value:,.2f}" if isinstance(value, float) else f"{value:,}"
		print(f"  {label}: {shown}")


def main():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("site")
	parser.add_argument("--people", type=int, default=10_000)
	parser.add_argument("--seed", type=int, default=7)
	parser.add_argument("--region", default="FR", help="the site's default phone region for the run")
	parser.add_argument(
		"--other-regions", default="RU, ES", help="the site's other phone regions for the run (X-1)"
	)
	args = parser.parse_args()
	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	frappe.flags.in_test = True  # no Gravatar look-up for the sales user
	regions = {"default_phone_region": args.region, "other_phone_regions": args.other_regions}
	before = set_regions(regions)
	try:
		report_quality(args.people, args.seed)
	finally:
		set_regions(before)
		frappe.destroy()


def set_regions(regions: dict) -> dict:
	"""The phone regions for the run, as they were before: the set is indexed and looked up in them (the site's
	other records are not indexed again)."""
	meta = frappe.get_meta("Ownership Settings")
	before = {}
	for field, value in regions.items():
		if meta.has_field(field):  # a checkout before the other phone regions has none
			before[field] = frappe.db.get_single_value("Ownership Settings", field)
			frappe.db.set_single_value("Ownership Settings", field, value)
	frappe.db.commit()
	return before


# Names, places and providers (common ones first: they are drawn more often)

FR_GIVEN = """Marie Jean Pierre Nicolas Julien Camille Thomas Sophie Isabelle Nathalie Sandrine Laurent Philippe
Michel Alain Christophe Stéphane Frédéric Sébastien Valérie Émilie Manon Lucas Hugo Louis Emma Jade Louise Alice
Léa Chloé Inès Jérôme Hélène Élodie François Céline Amélie Gaëlle Loïc Anaïs Noémie Benoît Cédric Aurélie Zoé
Maëlle Raphaël Mathéo Clément Théo André René Joël Agnès Paul Arthur Jules Léo Gabriel Sarah Julie Laura Pauline
Marine Mélanie Caroline Claire Anne Catherine Christine Sylvie Martine Françoise Jacques Daniel Patrick Olivier
Éric Guillaume Antoine Maxime Alexandre Romain Vincent Florian Kévin Jérémy Jean-Pierre Marie-Claire""".split()
FR_FAMILY = [
	*"""Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent Simon Michel Lefèvre Leroy
Roux David Bertrand Morel Fournier Girard Bonnet Dupont Lambert Fontaine Rousseau Vincent Muller Lefebvre Faure
André Mercier Blanc Guérin Boyer Garnier Chevalier François Legrand Gauthier Perrin Robin Clément Morin Nicolas
Henry Roussel Mathieu Masson Marchand Duval Denis Dumont Lemaire Noël Meyer Dufour Meunier Brun Blanchard Giraud
Joly Rivière Brunet Gaillard Barbier Arnaud Gérard Roche Renard Schmitt Leroux Colin Vidal Caron Picard Roger
Fabre Aubert Lemoine Renaud Dumas Lacroix Olivier Bourgeois Benoît Leclerc Rolland Lecomte Dupuy Guillot Hubert
Berger Carpentier Dupuis Moulin Deschamps Huet Vasseur Boucher Fleury Royer Klein Jacquet Poirier Marty Aubry
Guyot Carré Renault Charpentier Ménard Maillard Baron Bertin Bailly Hervé Schneider Collet Léger Bouvier Prévost
Millet Perrot Cousin Germain Breton Besson Langlois Rémy Pelletier Lévêque Perrier Leblanc Barré Lebrun Marchal
Weber Mallet Hamon Boulanger Monnier Michaud Guichard Gillet Étienne Poulain Tessier Chauvin Bouchet Lemaître
Bénard Maréchal Humbert Reynaud Perret Barthélémy Cordier Pichon Lejeune Gilbert Lamy Delaunay Pasquier
Laporte""".split(),
	*("Le Gall", "Le Roux", "Le Goff", "Da Silva"),
]
ES_GIVEN = """María José Antonio Manuel Francisco Juan David Javier Daniel Carlos Jesús Alejandro Miguel Rafael
Pablo Sergio Fernando Jorge Luis Alberto Álvaro Adrián Diego Raúl Iván Rubén Óscar Andrés Ramón Enrique Vicente
Joaquín Ángel Carmen Ana Isabel Laura Cristina Marta Lucía Elena Paula Sara Raquel Pilar Rosa Beatriz Nuria Silvia
Patricia Mónica Sofía Inés Belén Rocío Verónica Irene Andrea Natalia Noelia Inmaculada Montserrat Concepción""".split()
ES_FAMILY = """García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz Hernández
Díaz Moreno Muñoz Álvarez Romero Alonso Gutiérrez Navarro Torres Domínguez Vázquez Ramos Gil Ramírez Serrano Blanco
Molina Morales Suárez Ortega Delgado Castro Ortiz Rubio Marín Sanz Núñez Iglesias Medina Garrido Cortés Castillo
Santos Lozano Guerrero Cano Prieto Méndez Cruz Calvo Gallego Vidal León Márquez Herrera Peña Flores Cabrera Campos
Vega Fuentes Carrasco Díez Caballero Reyes Nieto Aguilar Pascual Santana Herrero Lorenzo Montero Hidalgo Giménez
Ibáñez Ferrer Durán Santiago Benítez Mora Vargas Arias Carmona Crespo Román Pastor Soto Sáez Velasco Moya Soler
Parra Esteban Bravo Gallardo Rojas""".split()
# As in a Russian passport's Latin line since 2013 (ICAO 9303), as English writes them, as a French clerk writes
# them, in Cyrillic.
RU_MEN = [
	tuple(names.split("/"))
	for names in """Ivan/Ivan/Ivan/Иван Dmitrii/Dmitry/Dmitri/Дмитрий Aleksandr/Alexander/Alexandre/Александр
Sergei/Sergey/Sergueï/Сергей Andrei/Andrey/Andreï/Андрей Aleksei/Alexey/Alexeï/Алексей Mikhail/Mikhail/Mikhaïl/Михаил
Nikolai/Nikolay/Nikolaï/Николай Vladimir/Vladimir/Vladimir/Владимир Pavel/Pavel/Pavel/Павел Oleg/Oleg/Oleg/Олег
Igor/Igor/Igor/Игорь Iurii/Yuri/Iouri/Юрий Maksim/Maxim/Maxime/Максим Artem/Artyom/Artiom/Артём
Anton/Anton/Anton/Антон Denis/Denis/Denis/Денис Evgenii/Yevgeny/Evgueni/Евгений Viktor/Victor/Viktor/Виктор
Boris/Boris/Boris/Борис Roman/Roman/Roman/Роман Kirill/Kirill/Kirill/Кирилл Egor/Yegor/Egor/Егор
Ilia/Ilya/Ilia/Илья""".split()
]
RU_WOMEN = [
	tuple(names.split("/"))
	for names in """Olga/Olga/Olga/Ольга Natalia/Natalya/Natalia/Наталья Elena/Yelena/Elena/Елена
Tatiana/Tatyana/Tatiana/Татьяна Irina/Irina/Irina/Ирина Svetlana/Svetlana/Svetlana/Светлана
Ekaterina/Yekaterina/Ekaterina/Екатерина Anna/Anna/Anna/Анна Mariia/Maria/Maria/Мария
Anastasiia/Anastasia/Anastasia/Анастасия Iuliia/Yulia/Ioulia/Юлия Marina/Marina/Marina/Марина
Daria/Darya/Daria/Дарья Kseniia/Ksenia/Ksenia/Ксения Polina/Polina/Polina/Полина
Viktoriia/Victoria/Victoria/Виктория Sofiia/Sofia/Sofia/София Valentina/Valentina/Valentina/Валентина
Liudmila/Lyudmila/Lioudmila/Людмила Galina/Galina/Galina/Галина""".split()
]
RU_FAMILY = [
	tuple(names.split("/"))
	for names in """Ivanov/Ivanov/Ivanov/Иванов Smirnov/Smirnov/Smirnov/Смирнов
Kuznetsov/Kuznetsov/Kouznetsov/Кузнецов Popov/Popov/Popov/Попов Vasilev/Vasilyev/Vassiliev/Васильев
Petrov/Petrov/Petrov/Петров Sokolov/Sokolov/Sokolov/Соколов Mikhailov/Mikhaylov/Mikhaïlov/Михайлов
Novikov/Novikov/Novikov/Новиков Fedorov/Fyodorov/Fiodorov/Фёдоров Morozov/Morozov/Morozov/Морозов
Volkov/Volkov/Volkov/Волков Alekseev/Alekseyev/Alekseïev/Алексеев Lebedev/Lebedev/Lebedev/Лебедев
Semenov/Semyonov/Semionov/Семёнов Egorov/Yegorov/Egorov/Егоров Pavlov/Pavlov/Pavlov/Павлов
Kozlov/Kozlov/Kozlov/Козлов Stepanov/Stepanov/Stepanov/Степанов Nikolaev/Nikolayev/Nikolaïev/Николаев
Orlov/Orlov/Orlov/Орлов Andreev/Andreyev/Andreïev/Андреев Makarov/Makarov/Makarov/Макаров
Nikitin/Nikitin/Nikitine/Никитин Zakharov/Zakharov/Zakharov/Захаров Zaitsev/Zaytsev/Zaïtsev/Зайцев
Solovev/Solovyov/Soloviev/Соловьёв Borisov/Borisov/Borissov/Борисов Iakovlev/Yakovlev/Iakovlev/Яковлев
Grigorev/Grigoryev/Grigoriev/Григорьев Romanov/Romanov/Romanov/Романов Vorobev/Vorobyov/Vorobiov/Воробьёв
Sergeev/Sergeyev/Sergueïev/Сергеев Frolov/Frolov/Frolov/Фролов Belov/Belov/Belov/Белов Gusev/Gusev/Goussev/Гусев
Titov/Titov/Titov/Титов Komarov/Komarov/Komarov/Комаров""".split()
]
CITIES = {
	"FR": """Paris, Marseille, Lyon, Toulouse, Nice, Nantes, Montpellier, Strasbourg, Bordeaux, Lille, Rennes, Reims,
Toulon, Saint-Étienne, Le Havre, Grenoble, Dijon, Angers, Nîmes, Villeurbanne, Aix-en-Provence, Clermont-Ferrand,
Le Mans, Brest, Tours, Amiens, Limoges, Annecy, Perpignan, Metz, Besançon, Orléans, Rouen, Mulhouse, Caen, Nancy,
Antibes, Cannes, Béziers, Pau, La Rochelle, Avignon, Poitiers, Menton, Biarritz""",
	"ES": "Madrid, Barcelona, Valencia, Sevilla, Málaga, Alicante, Bilbao, Zaragoza, Palma, Marbella, Perpignan, Toulouse",
	"RU": "Paris, Moscou, Nice, Saint-Pétersbourg, Cannes, Antibes, Menton, Lyon, Monaco, Strasbourg",
}
CITIES = {country: [city.strip() for city in cities.split(",")] for country, cities in CITIES.items()}
COMPANIES = [
	f"{name} {kind}"
	for name in "Azur Horizon Atlas Delta Orion Vega Alpha Boréal Cèdre Iris Lumen Nova Optima Prisma Sirius".split()
	for kind in ("Immobilier", "Conseil", "Patrimoine", "SARL", "Invest")
]
EMAIL_PROVIDERS = {
	"FR": ["gmail", "orange", "free", "laposte", "sfr", "hotmail", "wanadoo"],
	"ES": ["gmail", "hotmail", "yahoo", "telefonica"],
	"RU": ["mail", "yandex", "gmail", "rambler"],
}

if __name__ == "__main__":
	main()
