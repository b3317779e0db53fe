"""Identity keys (X-1), pure: how a phone, an email and a name are normalised and compared. No Frappe here."""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

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


INITIAL = 90  # how alike an initial is to a given name it begins ('J.' and 'Jérôme'): close, not the same
NO_WORD_IN_COMMON = 0.9  # names of several words differing in every one: more likely two people than typos
WORDS_MORE = (
	90  # every word of a name, and more (a second surname, a middle name): the same name written longer
)


def name_similarity(a: str, b: str) -> float:
	"""0–100: how alike two names are once normalised, whatever the word order. Each word is paired with the
	most alike word of the other name (a typo or two swapped letters cost one edit), weighing its length; a
	word left without a pair counts as unlike. An initial is alike to the words it begins when its name has a
	whole word too ('J. Dupont' and Jérôme Dupont; 'J. D.' is no one in particular). Words are compared in one
	spelling of the Latin writings of Russian names (SPELLINGS). Names of several words sharing none are further
	apart ('Marie Martin' and 'Martine Marin'); a name of several words all in the other is alike (WORDS_MORE)."""
	key_a, key_b = name_key(a), name_key(b)
	if key_a == key_b:  # the same name, as most look-ups find it: no pairing to do
		return 100.0 if key_a else 0.0
	words_a, words_b = key_a.split(), key_b.split()
	if not (words_a and words_b):
		return 0.0
	pairs = _paired_words(words_a, words_b)
	if not any(min(len(x), len(y)) > 1 for _, x, y in pairs):
		# initials alone, each beginning a word of the other name ('M. Díaz' and 'D. Mikhailov'): no word in
		# common, so nothing says they are one person
		pairs = [(0.0, x, y) if similarity == INITIAL else (similarity, x, y) for similarity, x, y in pairs]
	paired = [max(len(x), len(y)) for _, x, y in pairs]
	unpaired = sum(map(len, words_a + words_b)) - sum(len(x) + len(y) for _, x, y in pairs)
	score = sum(similarity * length for (similarity, _, _), length in zip(pairs, paired, strict=True))
	score /= sum(paired) + unpaired
	if len(words_a) > 1 and len(words_b) > 1 and all(similarity < 100 for similarity, _, _ in pairs):
		score *= NO_WORD_IN_COMMON
	if min(len(words_a), len(words_b)) > 1 and all(map(_same_word, pairs)):
		score = max(score, WORDS_MORE)  # 'María García' and 'María García López', or 'M. García López'
	return score


# The rough pass of alike_names (rapidfuzz's token set ratio of the keys, 0–100): of 400,000 pairs of names of
# the X-7 labelled set written every way it writes them, none at least 80 alike (name_similarity) was below 44.
ROUGHLY_ALIKE = 35


def alike_names(name: str, others: list[str | None], threshold: float) -> list[int]:
	"""The indexes of `others` at least `threshold` (80 or more) alike to `name`: a rough pass in C first leaves
	out the names too far apart to be (ROUGHLY_ALIKE), and name_similarity weighs the others."""
	keys = [name_key(other) if other else "" for other in others]
	near = process.extract(
		name_key(name), keys, scorer=fuzz.token_set_ratio, score_cutoff=ROUGHLY_ALIKE, limit=None
	)
	return sorted(index for _key, _score, index in near if name_similarity(name, others[index]) >= threshold)


def _paired_words(words_a: list[str], words_b: list[str]) -> list[tuple[float, str, str]]:
	"""(similarity, word of a, word of b): the most alike two words paired first, then the most alike of those
	left, until one name has no word left."""
	whole_a, whole_b = _has_whole_word(words_a), _has_whole_word(words_b)
	candidates = sorted(
		(
			(_word_similarity(x, y, whole_a, whole_b), i, j)
			for i, x in enumerate(words_a)
			for j, y in enumerate(words_b)
		),
		reverse=True,
	)
	pairs, paired_a, paired_b = [], set(), set()
	for similarity, i, j in candidates:
		if i not in paired_a and j not in paired_b:
			paired_a.add(i)
			paired_b.add(j)
			pairs.append((similarity, words_a[i], words_b[j]))
	return pairs


def _word_similarity(x: str, y: str, whole_x: bool, whole_y: bool) -> float:
	if (len(x) == 1 < len(y) and whole_x and y[0] == x) or (len(y) == 1 < len(x) and whole_y and x[0] == y):
		return INITIAL
	return OSA.normalized_similarity(_spelling(x), _spelling(y)) * 100


# The ways one Russian name is written in Latin letters, brought to one (compared, not kept as the key): the
# passport's Iuliia, the English Yulia and the French Ioulia; Sergei, Sergey and Sergueï; Vasilev, Vasilyev and
# Vassiliev; Maksim and Maxim; Fedorov, Fyodorov and Fiodorov.
SPELLINGS = tuple(
	(re.compile(pattern), plain)
	for pattern, plain in (
		("x", "ks"),
		("ou", "u"),
		("ss", "s"),
		("[yi]o", "e"),
		("y", "i"),
		("gu(?=[ei])", "g"),
		("ii", "i"),
		("^ie", "e"),
		("iev", "ev"),
	)
)


@lru_cache(maxsize=4096)
def _spelling(word: str) -> str:
	for pattern, plain in SPELLINGS:
		word = pattern.sub(plain, word)
	return word


def _same_word(pair: tuple[float, str, str]) -> bool:
	"""The same word, or an initial and the word it begins."""
	similarity, x, y = pair
	return similarity == 100 or (similarity == INITIAL and min(len(x), len(y)) == 1)


def _has_whole_word(words: list[str]) -> bool:
	return any(len(word) > 1 for word in words)


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
