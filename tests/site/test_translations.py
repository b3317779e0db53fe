"""X-4: every user-facing string of the app reads in French, Spanish and Russian."""

import frappe
import pytest
from frappe.translate import get_all_translations, get_messages_for_app


def install_strings() -> set[str]:
	"""Labels, descriptions and options of the custom fields and the role names, which install.py holds as
	data (Frappe translates them when it shows them; its string extractor does not see them)."""
	from ownership_policies.setup.install import ROLES, custom_fields

	strings = set(ROLES)
	for fields in custom_fields().values():
		for field in fields:
			strings |= {field["label"], field["description"]}
			if field["fieldtype"] == "Select":
				strings |= set(filter(None, field["options"].split("\n")))
	return strings


@pytest.mark.parametrize("lang", ["fr", "es", "ru"])
def test_x4_no_string_of_the_app_is_left_untranslated(lang):
	strings = {
		message
		for path, message, *_ in get_messages_for_app("ownership_policies")
		if not str(path).startswith("Navbar")
	}
	strings |= install_strings()
	translated = get_all_translations(lang)  # the app's locale/*.po, over Frappe's and ERPNext's own
	assert len(strings) > 100
	assert sorted(s for s in strings if not translated.get(s)) == []


def test_x4_messages_follow_the_user_language():
	from ownership_policies.ownership.identity import find_same_person

	for lang, expected in (
		("fr", "n'est pas un numéro"),
		("es", "no es un número"),
		("ru", "нечитаемый номер"),
	):
		frappe.local.lang = lang
		with pytest.raises(frappe.ValidationError, match=expected):
			find_same_person(phone="12")


@pytest.mark.parametrize("lang", ["fr", "es", "ru"])
def test_x4_every_kept_reason_and_word_of_the_history_reads_in_each_language(lang):
	"""Reasons are kept as a rule and parameters and rendered when read (ownership/reasons.py); the history's
	words (ownership/history_view.py) too: each has its translation."""
	from ownership_policies.ownership import history_view, reasons

	frappe.local.lang = "en"
	english = [text for text, _kinds in reasons.sentences().values()]
	english += [*history_view.rule_words().values(), *history_view.claim_words().values()]
	translated = get_all_translations(lang)
	assert len(english) > 50
	assert sorted(text for text in english if not translated.get(text)) == []
