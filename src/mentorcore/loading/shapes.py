"""Shape errors that show the right form for the key, filled with the author's own value.

``duration: 6 kuukautta`` is a text where a range is wanted; the range it means is
``{value: 6, unit: month}``, and the hint says so. The words of a quantity are read in Finnish,
Swedish and English — numbers (``1,5`` too), ranges (``1-2``, ``8–10``), units
(:mod:`mentorcore.synonyms`: kuukausi, kuukautta, kk, viikko, månad, månader, vecka, veckor…),
"about" (noin, cirka, ca, n.) and "at least" (vähintään, ainakin, minst)::

    >>> read_quantity("6 kuukautta")
    {'value': 6, 'unit': 'month'}
    >>> read_quantity("noin 8–10 kk")
    {'min': 8, 'max': 10, 'unit': 'month', 'approx': True}
    >>> flow(read_quantity("1-2"))
    '{min: 1, max: 2}'
    >>> read_quantity("kuusi kuukautta")
    {'value': 6, 'unit': 'month'}
    >>> read_quantity("monta kuukautta") is None
    True
"""

from __future__ import annotations

import re
from typing import Any

from mentorcore.synonyms import meaning, normal

_NUMBER = r"\d+(?:[.,]\d+)?"
_QUANTITY = re.compile(rf"^(?P<low>{_NUMBER})(?:\s*(?:-|–|—|\.\.|to|bis|till)\s*"
                       rf"(?P<high>{_NUMBER}))?\s*(?P<unit>.*?)\s*$")
_ABOUT = ("noin", "n.", "n", "about", "approximately", "around", "circa", "cirka", "ca.", "ca",
          "ungefär", "omkring", "~", "likimain", "suunnilleen")
_AT_LEAST = ("vähintään", "ainakin", "at least", "min.", "min", "minst", "åtminstone", "≥", ">=")
_PER = re.compile(r"\s*(?:/|per|a|an|i|kuussa|kuukaudessa|viikossa)\s*(?P<period>.*)$")


def _number(text: str) -> int | float:
    value = float(text.replace(",", "."))
    return int(value) if value.is_integer() else value


def _strip_prefix(text: str, words: tuple[str, ...]) -> tuple[str, bool]:
    lowered = text.casefold()
    for word in sorted(words, key=len, reverse=True):
        if lowered.startswith(word) and (len(text) == len(word) or not text[len(word)].isalpha()
                                         or not word[-1].isalpha()):
            return text[len(word):].strip(), True
    return text, False


def read_unit(words: str) -> str | None:
    """The unit of the model format that ``words`` name (``kuukautta`` → ``month``;
    ``kertaa kuukaudessa`` → ``meeting/month``), ``None`` when they name none."""
    if not words.strip():
        return None
    unit = meaning(words, "units")
    if unit is not None:
        return unit
    per = _PER.search(normal(words))
    if per is not None and per.start() > 0:
        period = meaning(per.group("period"), "units")
        if period in ("month", "week") and meaning(normal(words)[:per.start()], "units") in (
                "meeting", "event"):
            return "meeting/" + period
    return None


def _digits(text: str) -> str:
    """Number words as digits: ``kuusi kuukautta`` → ``6 kuukautta``."""
    words = text.split()
    return " ".join(meaning(w, "numbers") or w if not w[:1].isdigit() else w for w in words)


def read_quantity(text: str) -> dict[str, Any] | None:
    """The range a text such as ``6 kuukautta`` or ``1-2`` means, as the map to write, or
    ``None`` when it cannot be read."""
    rest, approx = _strip_prefix(_digits(text.strip()), _ABOUT)
    rest, at_least = _strip_prefix(rest, _AT_LEAST)
    if not approx:
        rest, approx = _strip_prefix(rest, _ABOUT)
    match = _QUANTITY.match(rest)
    if match is None:
        return None
    unit_words = match.group("unit")
    unit = read_unit(unit_words)
    if unit_words and unit is None:
        return None
    low, high = _number(match.group("low")), match.group("high")
    result: dict[str, Any] = {}
    if at_least:
        result["min"] = low
    elif high is None:
        result["value"] = low
    else:
        result["min"], result["max"] = low, _number(high)
    if unit is not None:
        result["unit"] = unit
    if approx:
        result["approx"] = True
    return result


def flow(value: dict[str, Any]) -> str:
    """A map as YAML writes it on one line: ``{value: 6, unit: month}``."""
    parts = []
    for key, item in value.items():
        shown = str(item).lower() if isinstance(item, bool) else str(item)
        parts.append(f"{key}: {shown}")
    return "{" + ", ".join(parts) + "}"


def range_form(raw: str, default_unit: str | None,
               allowed: frozenset[str] | None) -> dict[str, Any] | None:
    """The range to write instead of the text ``raw`` at a key whose unit is ``default_unit``
    (``None``: the unit must be given) and may be one of ``allowed``: the author's numbers and
    unit; a unit equal to the default is left out, a missing one filled in."""
    quantity = read_quantity(raw)
    if quantity is None:
        return None
    unit = quantity.get("unit")
    if unit is not None and allowed and unit not in allowed:
        return None
    if unit is None and default_unit is None:
        quantity["unit"] = _example_unit(allowed)
    if unit is not None and unit == default_unit:
        del quantity["unit"]
    return quantity


def cadence_form(raw: Any) -> dict[str, Any] | None:
    """``cadence: 2 kertaa kuukaudessa`` → ``{per_month: 2}``; ``1-2 krt/vko`` →
    ``{per_week: {min: 1, max: 2}}``; ``None`` when the text says no frequency."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return {"per_month": raw}
    if not isinstance(raw, str):
        return None
    quantity = read_quantity(raw)
    if quantity is None or quantity.get("unit") not in ("meeting/month", "meeting/week", None):
        return None
    key = "per_week" if quantity.pop("unit", None) == "meeting/week" else "per_month"
    return {key: quantity["value"] if set(quantity) == {"value"} else flow(quantity)}


def _example_unit(allowed: frozenset[str] | None) -> str:
    if not allowed or "month" in allowed:
        return "month"
    return sorted(allowed)[0]


def example_form(default_unit: str | None, allowed: frozenset[str] | None) -> dict[str, Any]:
    """The form of a range at a key, when the author's value cannot be read."""
    form: dict[str, Any] = {"min": 1, "max": 2}
    if default_unit is None:
        form["unit"] = _example_unit(allowed)
    return form


__all__ = ["cadence_form", "example_form", "flow", "range_form", "read_quantity", "read_unit"]
