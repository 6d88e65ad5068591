"""Special categories of personal data (GDPR Art. 9) in participant lists: the words in a column
name that suggest them, and how a message names a category.

A column that looks like special-category data (ethnic origin, refugee background, religion,
health…) is refused unless the model declares it with ``special_category``
(:mod:`mentorcore.matching.schema` applies the rule). The vocabulary — English, Finnish and
Swedish stems, whole words and exceptions for each category — is the data file
``special_categories.toml`` beside this module (its comments say how it is read). A name is
compared as :func:`fold` reads it: NFKC, format characters (zero-width space, soft hyphen…)
removed, Cyrillic and Greek look-alike letters read as Latin ones (by the Unicode confusables
table of the ``confusable_homoglyphs`` package), case-folded and without accents; stems are
found inside inflections and compounds, and a long stem also misspelt by a letter::

    >>> special_category_of("Refugee background")
    'ethnic_origin'
    >>> special_category_of("terveydentila"), special_category_of("Hälsa")
    ('health', 'health')
    >>> special_category_of("t\u0435rv\u0435ys")  # Cyrillic е
    'health'
    >>> special_category_of("usko\u00adnto")  # a soft hyphen
    'religion'
    >>> special_category_of("relgion")  # a letter left out
    'religion'
    >>> special_category_of("wished_field") is None
    True
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from importlib import resources

from mentorcore.i18n import _
from mentorcore.records import record

__all__ = ["CATEGORIES", "Vocabulary", "category_label", "fold", "special_category_of",
           "vocabulary", "words_of"]

CATEGORIES = ("ethnic_origin", "racial_origin", "religion", "health", "sexual_orientation",
              "political_opinion", "trade_union", "biometric", "genetic")
"""The categories of GDPR Art. 9 a column can be declared as (``special_category:``)."""

TYPO_LENGTH = 6
"""A stem of this many letters or more is also found misspelt by one letter."""
TYPO_LENGTH_TWO = 10
"""A stem of this many letters or more is also found misspelt by two letters."""

_SEPARATOR = re.compile(r"[^0-9a-z]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


@functools.lru_cache(maxsize=1)
def _latin_look_alikes() -> object:
    from confusable_homoglyphs import confusables  # type: ignore[import-untyped]

    return confusables


def _fold_confusables(text: str) -> str:
    """Letters of other scripts that look like Latin ones (Cyrillic ``е``, Greek ``Η``) read as
    the Latin letters they look like."""
    if all(ord(char) < 0x370 for char in text):
        return text  # Latin only: nothing to look up
    confusables = _latin_look_alikes()
    found = confusables.is_confusable(text, greedy=True,  # type: ignore[attr-defined]
                                      preferred_aliases=["latin"]) or []
    table: dict[str, str] = {}
    for item in found:
        latin = next((h["c"] for h in item["homoglyphs"]
                      if h["n"].startswith("LATIN") and len(h["c"]) == 1), None)
        if latin is not None:
            table[item["character"]] = latin
    return "".join(table.get(char, char) for char in text)


def fold(name: str) -> str:
    """A column name as the vocabulary is compared with it: NFKC, format characters removed,
    look-alike letters made Latin, case-folded, accents removed, words separated by one space.

    >>> fold("Etnisk\u200b bakgrund"), fold("ＨＥＡＬＴＨ"), fold("lähtö-maa")
    ('etnisk bakgrund', 'health', 'lahto maa')
    >>> fold("religiousAffiliation")
    'religious affiliation'
    """
    text = unicodedata.normalize("NFKC", name)
    text = "".join(char for char in text if unicodedata.category(char) != "Cf")
    text = _CAMEL.sub(" ", _fold_confusables(text)).casefold()
    text = "".join(char for char in unicodedata.normalize("NFD", text)
                   if not unicodedata.combining(char))
    return _SEPARATOR.sub(" ", text).strip()


def words_of(name: str) -> list[str]:
    """The words of a folded name."""
    return fold(name).split()


@record
class Vocabulary:
    """One category's words: stems found inside a name, whole words, and exceptions."""

    category: str
    stems: tuple[str, ...]
    words: frozenset[str]
    exceptions: frozenset[str]


@functools.lru_cache(maxsize=1)
def vocabulary() -> tuple[Vocabulary, ...]:
    """The vocabulary of ``special_categories.toml``, every entry folded as names are."""
    text = resources.files("mentorcore.matching").joinpath(
        "special_categories.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    return tuple(Vocabulary(
        category=category,
        stems=tuple(dict.fromkeys(fold(s).replace(" ", "") for s in entry.get("stems", ()))),
        words=frozenset(fold(w).replace(" ", "") for w in entry.get("words", ())),
        exceptions=frozenset(fold(w).replace(" ", "") for w in entry.get("not", ())))
        for category, entry in data.items())


def _distance_within(word: str, stem: str, limit: int) -> bool:
    """Whether a prefix of ``word`` about as long as ``stem`` is at most ``limit`` edits from
    it (optimal string alignment: a left-out, added or changed letter, two letters swapped)."""
    from rapidfuzz.distance import OSA

    for length in range(len(stem) - limit, len(stem) + limit + 1):
        if 0 < length <= len(word) and \
                OSA.distance(word[:length], stem, score_cutoff=limit) <= limit:
            return True
    return False


def special_category_of(column: str) -> str | None:
    """The Art. 9 category a column's name suggests, or ``None``. Where words of several
    categories are found, the longest decides ("perinnöllinen sairaus", hereditary illness, is
    genetic)."""
    words = words_of(column)
    if not words:
        return None
    best: tuple[int, str] | None = None
    for entry in vocabulary():
        kept = [word for word in words if word not in entry.exceptions]
        squashed = "".join(kept)
        found = [len(word) for word in kept if word in entry.words]
        found += [len(stem) for stem in entry.stems if stem in squashed]
        if found and (best is None or max(found) > best[0]):
            best = (max(found), entry.category)
    if best is not None:
        return best[1]
    for entry in vocabulary():
        kept = [word for word in words if word not in entry.exceptions]
        candidates = (*kept, "".join(kept))
        for stem in entry.stems:
            if len(stem) < TYPO_LENGTH:
                continue
            limit = 2 if len(stem) >= TYPO_LENGTH_TWO else 1
            if any(len(word) >= len(stem) - limit and _distance_within(word, stem, limit)
                   for word in candidates):
                return entry.category
    return None


def category_label(category: str) -> str:
    """How a message names a special category: ``ethnic_origin`` → ``ethnic origin``, in the
    language of the run."""
    labels = {
        "ethnic_origin": _("ethnic origin"), "racial_origin": _("racial origin"),
        "religion": _("religion"), "health": _("health"),
        "sexual_orientation": _("sexual orientation"),
        "political_opinion": _("political opinion"), "trade_union": _("trade union"),
        "biometric": _("biometric"), "genetic": _("genetic"),
    }
    return labels.get(category, category.replace("_", " "))
