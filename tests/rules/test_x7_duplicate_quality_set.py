"""X-7, pure: the labelled set of benchmarks/duplicate_quality.py says the truth about whom each writing is, so
that its recall and precision mean something (#17)."""

import importlib.util
import random
from collections import Counter
from pathlib import Path

import phonenumbers
import pytest

from ownership_policies.ownership import keys as k

PATH = Path(__file__).parents[2] / "benchmarks" / "duplicate_quality.py"
SPEC = importlib.util.spec_from_file_location("duplicate_quality", PATH)
quality = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(quality)


@pytest.fixture(scope="module")
def people():
	return quality.generated_people(2000, random.Random(7))


@pytest.fixture(scope="module")
def writings():
	return quality.labelled_set(2000, 7)


def test_x7_the_set_is_the_same_for_the_same_seed_only(writings):
	assert quality.labelled_set(2000, 7) == writings
	assert quality.labelled_set(2000, 8) != writings


def test_x7_distinct_people_have_distinct_phones_and_emails_but_namesakes(people):
	emails = [person.email for person in people if person.email]
	assert len({person.mobile for person in people}) == len(people)
	assert len(set(emails)) == len(emails)
	names = Counter((person.given, person.family) for person in people)
	assert names.most_common(1)[0][1] > 1  # two different "Marie Martin": what precision is measured on


def test_x7_no_phone_or_email_of_the_main_benchmark(people):
	assert not [p.mobile for p in people if p.mobile.startswith(("+3361", "+3376"))]
	assert not [p.email for p in people if p.email and p.email.endswith("@example.com")]


def test_x7_each_person_is_written_two_to_four_ways_the_first_with_a_phone(writings):
	by_person = Counter(writing.person for writing in writings)
	assert set(by_person.values()) == {2, 3, 4}
	firsts = {}
	for writing in writings:
		firsts.setdefault(writing.person, writing)
	assert all(first.phone and first.name_style == "as on their papers" for first in firsts.values())


def test_x7_each_written_phone_is_the_persons_true_mobile_read_in_their_country(people, writings):
	for writing in (w for w in writings if w.phone):
		person = people[writing.person]
		read = phonenumbers.parse(writing.phone, person.country)
		assert phonenumbers.format_number(read, phonenumbers.PhoneNumberFormat.E164) == person.mobile, writing


def test_x7_a_spanish_phone_is_written_with_its_country_code(people, writings):
	spanish = [w.phone for w in writings if w.phone and people[w.person].country == "ES"]
	assert spanish and all(phone.startswith(("+34", "0034")) for phone in spanish)


def test_x7_each_written_email_is_the_persons_in_another_case_at_most(people, writings):
	for writing in (w for w in writings if w.email):
		assert k.email_key(writing.email) == people[writing.person].email


def test_x7_the_writings_cover_what_issue_17_lists(writings):
	phone_styles = {w.phone_style for w in writings}
	name_styles = {w.name_style for w in writings}
	assert {"RU national 8 (938) 123-45-67", "FR +33 (0)6 …", "FR national, dots", "ES 0034 612 345 678"} <= (
		phone_styles
	)
	assert {"Cyrillic", "initial", "FAMILY name first", "without accents"} <= name_styles
	assert {"phone only", "email only", "no key"} <= {w.keys for w in writings}
	assert all(w.city for w in writings if w.keys == "no key")  # a name and a city: a suggestion at best


def test_x7_cyrillic_writings_are_russians_only(people, writings):
	assert {people[w.person].country for w in writings if w.name_style.startswith("Cyrillic")} == {"RU"}


def test_x7_a_writing_carries_the_keys_its_label_says(writings):
	for writing in writings:
		assert bool(writing.phone) == ("phone" in writing.keys), writing
		assert bool(writing.email) == ("email" in writing.keys), writing
