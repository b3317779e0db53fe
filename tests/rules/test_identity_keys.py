"""X-1, pure: normalising phones, emails and names, and deciding when two records are one person."""

import unicodedata

import pytest

from ownership_policies.ownership import keys as k

SIMILAR_NAME = 80  # duplicates.SIMILAR_NAME: a similar name is suggested from there
NAME_MATCH_THRESHOLD = 90  # the settings' default: a phone's records of names this alike are one person


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


FR_RU = ("FR", "RU")  # a French site that lists Russia among its other phone regions


@pytest.mark.parametrize(
	"raw, e164",
	[
		("06 12 34 56 78", "+33612345678"),
		("06.12.34.56.78", "+33612345678"),
		("06-12-34-56-78", "+33612345678"),
		("0612345678", "+33612345678"),
		("+33 6 12 34 56 78", "+33612345678"),
		("+33 (0)6 12 34 56 78", "+33612345678"),
		("0033 6 12 34 56 78", "+33612345678"),
		("+7 938 123-45-67", "+79381234567"),
		("8 (938) 123-45-67", "+79381234567"),
		("8-938-123-45-67", "+79381234567"),
		("+34 612 34 56 78", "+34612345678"),
		("0034 612 345 678", "+34612345678"),
	],
)
def test_x1_the_forms_people_write_read_as_one_number_on_a_french_site_reading_russian_ones_too(raw, e164):
	assert k.phone_key(raw, FR_RU) == e164


def test_x1_a_number_without_prefix_is_read_in_the_other_regions_only_when_not_one_of_the_default():
	with pytest.raises(k.InvalidPhone):
		k.phone_key("8 (938) 123-45-67", "FR")  # not French, and no other region to read it in
	assert k.phone_key("8 (938) 123-45-67", ("FR", "ES", "RU")) == "+79381234567"  # not Spanish either
	# valid in France and in Spain: the default region reads it, whatever the other regions
	assert k.phone_key("612 34 56 78", ("FR", "ES")) == "+33612345678"
	assert k.phone_key("612 34 56 78", ("ES", "FR")) == "+34612345678"
	assert k.phone_key("8 (938) 123-45-67", (None, "RU")) == "+79381234567"  # no default region: the others


@pytest.mark.parametrize("raw", ["12", "not a phone", "8 (938) 12", "+999 123"])
def test_x1_a_number_no_region_can_read_is_refused(raw):
	with pytest.raises(k.InvalidPhone):
		k.phone_key(raw, ("FR", "RU", "ES"))


@pytest.mark.parametrize(
	"raw", ["jean.dupont@example.fr", " Jean.Dupont@Example.FR ", "JEAN.DUPONT@EXAMPLE.FR\t"]
)
def test_x1_emails_differing_in_case_and_surrounding_spaces_are_one(raw):
	assert k.email_key(raw) == "jean.dupont@example.fr"


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


@pytest.mark.parametrize(
	"cyrillic, latin",
	[
		("Иван Петров", "Ivan Petrov"),
		("Юлия Щукина", "IULIIA SHCHUKINA"),  # ICAO 9303, as a Russian passport writes it since 2013
		("Пётр Жуков", "Petr Zhukov"),
		("Андрей Хрущёв", "Andrei Khrushchev"),
		("Наталья Цой", "Natalia Tsoi"),
		("Ольга Чайковская", "Olga Chaikovskaia"),
		("Подъячев Эдуард", "Eduard Podieiachev"),
		("Иванов Пётр", "PETR IVANOV"),  # й and ё decomposed as some keyboards write them
	],
)
def test_x1_a_name_in_cyrillic_has_the_key_of_its_passport_transliteration(cyrillic, latin):
	assert k.name_key(cyrillic) == k.name_key(latin)
	assert k.name_key(unicodedata.normalize("NFD", cyrillic)) == k.name_key(latin)


def test_x1_name_similarity_tolerates_a_typo_but_not_another_person():
	assert k.name_similarity("Jean Dupont", "Dupond Jean") >= 90
	assert k.name_similarity("Jérôme Dupont", "Jerome Dupond") >= 90
	assert k.name_similarity("Marie Claire Fontain", "Marie-Claire Fontaine") >= 90
	assert k.name_similarity("Jean Dupont", "Marie Curie") < 50


@pytest.mark.parametrize(
	"a, b",
	[
		("J. Dupont", "Jérôme Dupont"),
		("Dupont J", "Jérôme Dupont"),
		("DUPONT, J.", "jerome dupont"),
		("J.-P. Dupont", "Jean-Pierre Dupont"),
		("Yulia Ivanova", "Юлия Иванова"),  # typed as said, stored as the passport writes it
		("Sergey Kuznetsov", "Сергей Кузнецов"),
	],
)
def test_x1_an_initial_or_another_spelling_of_a_given_name_is_alike(a, b):
	assert k.name_similarity(a, b) >= SIMILAR_NAME
	assert k.name_similarity(b, a) == k.name_similarity(a, b)


@pytest.mark.parametrize(
	"a, b",
	[
		("Yulia Kuznetsova", "Юлия Кузнецова"),  # English, and the passport's Iuliia
		("Ioulia Kouznetsova", "Iuliia Kuznetsova"),  # French
		("Sergueï Vassiliev", "Sergei Vasilev"),
		("Yevgeny Fyodorov", "Евгений Фёдоров"),
		("Artiom Semionov", "Artem Semenov"),
		("Maxim Alexeyev", "Maksim Alekseev"),
		("María García", "María García López"),  # the first surname only
		("María García", "M. García López"),  # ... and the given name's initial
	],
)
def test_x1_a_name_written_otherwise_or_shorter_is_the_same_name_on_a_shared_phone(a, b):
	assert k.name_similarity(a, b) >= NAME_MATCH_THRESHOLD


@pytest.mark.parametrize(
	"a, b",
	[
		("Marie Martin", "Martine Marin"),  # a letter off in each word, in another order: two people
		("Paul Dupont", "Jérôme Dupont"),
		("P. Dupont", "Jérôme Dupont"),  # an initial that is not the given name's
		("J. D.", "John Doe"),  # initials only: anyone
		("Dupont", "Jérôme Dupont"),
		("Marie Dupont", "Jean Dupont"),
		("García", "María García López"),  # a surname alone
		("M. Díaz", "D. Mikhailov"),  # each initial begins a word of the other name, no word in common
		("M. Romero Díaz", "D. Mikhailov"),
	],
)
def test_x1_another_given_name_or_a_typo_in_every_word_is_not_alike(a, b):
	assert k.name_similarity(a, b) < SIMILAR_NAME


def test_x1_person_keys_skip_unreadable_values_and_blanks():
	keys = k.person_keys(["06 12 34 56 78", "12", None], ["A@B.fr", "broken"], ["Jean Dupont", ""], "FR")
	assert keys == {k.Key(k.PHONE, "+33612345678"), k.Key(k.EMAIL, "a@b.fr"), k.Key(k.NAME, "dupont jean")}


def test_x1_same_person_by_email_or_phone_but_not_a_household_phone():
	assert k.is_same_person({k.EMAIL}, 10, 90)
	assert k.is_same_person({k.PHONE}, None, 90)
	assert k.is_same_person({k.PHONE}, 95, 90)
	assert not k.is_same_person({k.PHONE}, 40, 90), "a spouse sharing the home phone is another person"
	assert k.is_same_person({k.NAME}, 100, 90)


def test_x1_alike_names_finds_what_name_similarity_finds_among_many():
	names = [
		"Jérôme Dupont",
		"J. Dupont",
		"DUPONT Jerome",
		"Paul Dupont",
		"Юлия Кузнецова",
		"Ioulia Kouznetsova",
		"Yekaterina Mikhaylova",
		"Ekaterina Mikhailova",
		"María García López",
		"M. García",
		"Marie Martin",
		"Martine Marin",
		None,
		"",
	]
	for name in filter(None, names):
		expected = [i for i, other in enumerate(names) if other and k.name_similarity(name, other) >= 80]
		assert k.alike_names(name, names, 80) == expected, name
