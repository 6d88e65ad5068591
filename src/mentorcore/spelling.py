"""Suggestions for misspelt names: the closest known word, as a compiler would offer it."""

from __future__ import annotations

from collections.abc import Iterable


def closest(word: str, known: Iterable[str]) -> str | None:
    """The known word closest to ``word``, or ``None`` when nothing is close enough."""
    candidates = list(known)
    lowered = {k.lower(): k for k in candidates}
    if word.lower() in lowered:
        return lowered[word.lower()]
    # difflib's ratio (2 * matches / total length) with its cutoff 0.6, computed by rapidfuzz:
    # microseconds, where difflib took half a millisecond a word (10,000 unknown keys: 4.5 s)
    from rapidfuzz import fuzz, process

    found = process.extract(word, candidates, scorer=fuzz.ratio, score_cutoff=60, limit=None)
    if not found:
        return None
    best = max(score for _choice, score, _index in found)
    return max(choice for choice, score, _index in found if score == best)  # as difflib: ties


def did_you_mean(word: str, known: Iterable[str]) -> str | None:
    """``"did you mean `duration`?"`` or ``None``."""
    found = closest(word, known)
    if found is None or found == word:
        return None
    from mentorcore.i18n import _

    return _("did you mean `{word}`?").format(word=found)
