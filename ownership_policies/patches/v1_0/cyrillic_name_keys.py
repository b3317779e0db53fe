"""X-1: a name in Cyrillic has the key of its Latin transliteration (keys.name_key), so that Иван Петров and Ivan
Petrov are one name. The records indexed before under a Cyrillic name key are indexed again; with none, this
is one read of the index's name keys."""

from ownership_policies.ownership import keys
from ownership_policies.ownership.identity import reindex_names_with


def execute():
	reindex_names_with(keys.CYRILLIC_LETTERS)
