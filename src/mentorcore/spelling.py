"""Suggestions for misspelt names: the closest known word, as a compiler would offer it."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, known: Iterable[str]) -> str | None:
    """The known word closest to ``word``, or ``None`` when nothing is close enough."""
    candidates = list(known)
    lowered = {k.lower(): k for k in candidates}
    if word.lower() in lowered:
        return lowered[word.lower()]
    found = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return found[0] if found else None


def did_you_mean(word: str, known: Iterable[str]) -> str | None:
    """``"did you mean `duration`?"`` or ``None``."""
    found = closest(word, known)
    if found is None or found == word:
        return None
    from mentorcore.i18n import _

    return _("did you mean `{word}`?").format(word=found)
