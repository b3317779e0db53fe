"""X-1, pure: normalising phones, emails and names, and deciding when two records are one person."""

import pytest

from ownership_policies.ownership import keys as k


@pytest.mark.parametrize(
	"raw, region, e164",
	[
		("06 12 34 56 78", "FR", "+33612345678"),
		("+33 6 12 34 56 78", None, "+33612345678"),
		("0033612345678", "FR", "+33612345678"),
		("8 (916) 123-45-67", "RU", "+79161234567"),
		("+7 916 123 45 67", "FR", "+79161234567"),
		("612 34 56 78", "ES", "+34612345678"),
		("(514) 555-0199", "CA", "+15145550199"),
	],
)
def test_x1_phone_key_is_e164_whatever_the_writing(raw, region, e164):
	assert k.phone_key(raw, region) == e164


@pytest.mark.parametrize(
	"raw, region",
	[("12", "FR"), ("not a phone", "FR"), ("0612345678", None), ("+999 123", None), ("0612345678", "US")],
)
def test_x1_unreadable_phone_is_refused(raw, region):
	with pytest.raises(k.InvalidPhone):
		k.phone_key(raw, region)


def test_x1_email_key_is_case_folded_and_checked():
	assert k.email_key("  Jean.Dupont@Example.FR ") == "jean.dupont@example.fr"
	with pytest.raises(k.InvalidEmail):
		k.email_key("jean.dupont@")


@pytest.mark.parametrize(
	"a, b",
	[
		("Jérôme Dupont", "DUPONT, jerome"),
		("María José García", "garcia maria jose"),
		("Иванов Пётр", "Пётр ИВАНОВ"),
	],
)
def test_x1_name_key_ignores_accents_case_punctuation_and_order(a, b):
	assert k.name_key(a) == k.name_key(b)


def test_x1_name_similarity_tolerates_a_typo_but_not_another_person():
	assert k.name_similarity("Jean Dupont", "Dupond Jean") >= 90
	assert k.name_similarity("Jean Dupont", "Marie Curie") < 50


def test_x1_person_keys_skip_unreadable_values_and_blanks():
	keys = k.person_keys(["06 12 34 56 78", "12", None], ["A@B.fr", "broken"], ["Jean Dupont", ""], "FR")
	assert keys == {k.Key(k.PHONE, "+33612345678"), k.Key(k.EMAIL, "a@b.fr"), k.Key(k.NAME, "dupont jean")}


def test_x1_same_person_by_email_or_phone_but_not_a_household_phone():
	assert k.is_same_person({k.EMAIL}, 10, 90)
	assert k.is_same_person({k.PHONE}, None, 90)
	assert k.is_same_person({k.PHONE}, 95, 90)
	assert not k.is_same_person({k.PHONE}, 40, 90), "a spouse sharing the home phone is another person"
	assert k.is_same_person({k.NAME}, 100, 90)
