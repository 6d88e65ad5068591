"""Text as people spell it: :func:`normalise`, the one comparison of values people type (the
same word in another case, spacing or Unicode form is the same word), and suggestions for
misspelt names — the closest known word, as a compiler would offer it."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_SPACE = re.compile(r"\s+")


def normalise(value: str) -> str:
    """Text as people read it — the one comparison of typed values (participant lists, matching,
    meeting logs): Unicode NFC, case-folded,
    trimmed, every run of white space (also no-break and other Unicode spaces) one space.

    Canonically equivalent spellings are equal (``ö`` as one code point or as ``o`` and a
    combining diaeresis), so are case and spacing variants:

    >>> normalise("Kiinteisto\u0308ala") == normalise(" KIINTEISTÖALA\u00a0") == "kiinteistöala"
    True
    >>> normalise("social\t  work") == normalise("Social Work")
    True
    >>> normalise("Straße") == normalise("STRASSE")
    True
    """
    folded = unicodedata.normalize("NFD", value).casefold()
    return _SPACE.sub(" ", unicodedata.normalize("NFC", folded)).strip()


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
