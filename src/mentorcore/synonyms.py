"""Suggestions across languages: the Finnish, Swedish and English words a coordinator may write
for a key or a unit of the model format, read from one data table (``synonyms.toml``).

``kesto:`` is not a key, but it means ``duration``; ``6 kuukautta`` is six months::

    >>> meaning("kesto", "keys"), meaning("Kuukautta", "units"), meaning("veckor", "units")
    ('duration', 'month', 'week')
    >>> suggest("kesto", ["name", "duration", "cadence"], "keys")
    'did you mean `duration`?'
    >>> suggest("duraton", ["name", "duration"], "keys")
    'did you mean `duration`?'

Role names are the model's own words: :func:`role_meaning` finds the role whose name, in any
language of the model, is the word written (``mentoroitava`` and ``aktori`` → ``mentee``).
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Mapping

from mentorcore.spelling import did_you_mean

KINDS = ("keys", "units", "numbers")
"""The tables of ``synonyms.toml``."""


def normal(word: str) -> str:
    """A word as people read it: NFC, case-folded, ``_`` and ``-`` as spaces, spaces collapsed."""
    text = unicodedata.normalize("NFC", word).casefold().replace("_", " ").replace("-", " ")
    return " ".join(text.split())


@functools.cache
def table(kind: str) -> Mapping[str, str]:
    """``{word: name}`` of one table (``keys`` or ``units``), each name a word of its own too."""
    import tomllib
    from importlib import resources  # ~6 ms: only when a table is read

    data = tomllib.loads(resources.files("mentorcore").joinpath("synonyms.toml").read_text(
        encoding="utf-8"))
    words: dict[str, str] = {}
    for name, synonyms in data[kind].items():
        words[normal(name)] = name
        for synonym in synonyms:
            words.setdefault(normal(synonym), name)
    return words


def meaning(word: str, kind: str) -> str | None:
    """The key or unit ``word`` means (``kesto`` → ``duration``), or ``None``."""
    return table(kind).get(normal(word))


def suggest(word: str, known: Iterable[str], kind: str) -> str | None:
    """``"did you mean `duration`?"`` for a synonym or a misspelling of a known name; ``None``
    when nothing is close."""
    candidates = list(known)
    meant = meaning(word, kind)
    if meant is not None and meant in candidates and meant != word:
        from mentorcore.i18n import _

        return _("did you mean `{word}`?").format(word=meant)
    return did_you_mean(word, candidates)


def role_meaning(word: str, names: Mapping[str, Iterable[str]]) -> str | None:
    """The role id whose id or name (in any language) is ``word``: ``names`` maps each role id to
    its names (``{"mentee": ["mentoroitava", "mentee"]}``)."""
    wanted = normal(word)
    for role_id, role_names in names.items():
        if wanted == normal(role_id) or any(wanted == normal(n) for n in role_names):
            return role_id
    return meaning(word, "units") if meaning(word, "units") in names else None


__all__ = ["KINDS", "meaning", "normal", "role_meaning", "suggest", "table"]
