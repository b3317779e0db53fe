"""Identity keys (X-1), pure: how a phone, an email and a name are normalised and compared. No Frappe here."""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from rapidfuzz import fuzz

PHONE, EMAIL, NAME = "Phone", "Email", "Name"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_NOT_WORD = re.compile(r"[\W_]+")


class InvalidPhone(ValueError):
	pass


class InvalidEmail(ValueError):
	pass


@dataclass(frozen=True)
class Key:
	kind: str
	value: str


@lru_cache(maxsize=4096)  # pure, and read several times for one Lead insert (validate, index, look-ups)
def phone_key(raw: str, region: str | tuple[str | None, ...] | None) -> str:
	"""The number in E.164 (+33612345678). `region` reads numbers written without a country prefix: one country
	code, or several in order, the site's default first: a number valid in a country is never read in a later
	one ('06 12 34 56 78' stays French), one that is not is read in the next ('8 (938) 123-45-67' in RU)."""
	for country in region if isinstance(region, tuple) else (region,):
		try:
			number = phonenumbers.parse(raw, (country or "").upper() or None)
		except phonenumbers.NumberParseException:
			continue
		if phonenumbers.is_valid_number(number):
			return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
	raise InvalidPhone(raw)


def email_key(raw: str) -> str:
	email = raw.strip().casefold()
	if not _EMAIL.match(email):
		raise InvalidEmail(raw)
	return email


# Cyrillic read as ICAO Doc 9303 writes it in the Latin line of a passport (Russian ones since 2013): Юлия Петрова
# is IULIIA PETROVA there, so a name copied from a client's passport has the key of the same name in Cyrillic.
# Letters are looked up once their accents are taken off (й is и, ё is е, ї is і: as ICAO reads them).
CYRILLIC = str.maketrans(
	{
		**dict(zip("абвгдезиклмнопрстуфыэ", "abvgdeziklmnoprstufye", strict=True)),
		**{"ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ь": "", "ю": "iu"},
		**{"я": "ia", "є": "ie", "і": "i", "ґ": "g", "ў": "u", "ђ": "d", "ј": "j", "љ": "lj", "њ": "nj"},
		**{"ћ": "c", "џ": "dz", "ѓ": "g", "ќ": "k", "ѕ": "dz"},
	}
)
CYRILLIC_LETTERS = "".join(chr(code) for code in CYRILLIC)


@lru_cache(maxsize=4096)  # names repeat: a backfill reads the same few thousand again and again
def name_key(raw: str) -> str:
	"""Accents, case, punctuation, word order and script removed: 'DUPONT, Jérôme' and 'jerome dupont' share a
	key, and so do 'Иван Петров' and 'Ivan Petrov'."""
	decomposed = unicodedata.normalize("NFKD", raw.casefold())
	plain = "".join(c for c in decomposed if not unicodedata.combining(c)).translate(CYRILLIC)
	return " ".join(sorted(_NOT_WORD.sub(" ", plain).split()))


def name_similarity(a: str, b: str) -> float:
	"""0–100: how alike two names are once normalised, whatever the word order."""
	return fuzz.token_sort_ratio(name_key(a), name_key(b))


def person_keys(phones, emails, names, region: str | tuple[str | None, ...] | None) -> set[Key]:
	"""Every key of one record; values that cannot be read as a phone or an email are left out."""
	keys = set()
	for raw in filter(None, phones):
		try:
			keys.add(Key(PHONE, phone_key(raw, region)))
		except InvalidPhone:
			pass
	for raw in filter(None, emails):
		try:
			keys.add(Key(EMAIL, email_key(raw)))
		except InvalidEmail:
			pass
	keys.update(Key(NAME, key) for key in map(name_key, filter(None, names)) if key)
	return keys


def is_same_person(matched_on: set[str], name_similarity: float | None, threshold: float) -> bool:
	"""An email is personal, and a name key matches only names equal once normalised; a phone may be shared
	by a household, so a clearly different name on a phone match means another person."""
	if EMAIL in matched_on or NAME in matched_on:
		return True
	return name_similarity is None or name_similarity >= threshold


def strongest_key(keys) -> str | None:
	"""A person's first key by strength (phone, then email, then name), as one string: what identifies them
	when one key has to stand for the person."""
	for kind in (PHONE, EMAIL, NAME):
		if values := sorted(key.value for key in keys if key.kind == kind):
			return f"{kind}:{values[0]}"
	return None
