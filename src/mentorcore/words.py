"""Quantities, cadences and dates in words, in the document's language.

``about 8–10 months`` · ``noin 8–10 kuukautta`` · ``cirka 8–10 månader``. The phrases are
gettext messages (``mentorcore/locale``); numbers use a decimal comma in Finnish and Swedish.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from mentorcore.i18n import context_translator, plural_translator, translator
from mentorcore.model import Cadence, Range
from mentorcore.model.quantity import DAYS_PER

Plural = Callable[[str, str, int], str]

_UNITS: dict[str, Callable[[int, Plural], str]] = {
    "day": lambda n, ngettext: ngettext("{number} day", "{number} days", n),
    "week": lambda n, ngettext: ngettext("{number} week", "{number} weeks", n),
    "month": lambda n, ngettext: ngettext("{number} month", "{number} months", n),
    "year": lambda n, ngettext: ngettext("{number} year", "{number} years", n),
    "meeting": lambda n, ngettext: ngettext("{number} meeting", "{number} meetings", n),
    "session": lambda n, ngettext: ngettext("{number} session", "{number} sessions", n),
    "event": lambda n, ngettext: ngettext("{number} time", "{number} times", n),
    "pair": lambda n, ngettext: ngettext("{number} pair", "{number} pairs", n),
    "person": lambda n, ngettext: ngettext("{number} person", "{number} people", n),
    "mentee": lambda n, ngettext: ngettext("{number} mentee", "{number} mentees", n),
    "mentor": lambda n, ngettext: ngettext("{number} mentor", "{number} mentors", n),
    "group": lambda n, ngettext: ngettext("{number} group", "{number} groups", n),
    "hour": lambda n, ngettext: ngettext("{number} hour", "{number} hours", n),
    "meeting/month": lambda n, ngettext: ngettext("{number} meeting a month",
                                                  "{number} meetings a month", n),
    "meeting/week": lambda n, ngettext: ngettext("{number} meeting a week",
                                                 "{number} meetings a week", n),
    "event/month": lambda n, ngettext: ngettext("{number} event a month",
                                                "{number} events a month", n),
    "year_of_age": lambda n, ngettext: ngettext("aged {number}", "aged {number}", n),
    "percent": lambda n, ngettext: ngettext("{number} %", "{number} %", n),
}

Gettext = Callable[[str], str]

_ENTRIES: dict[str, Callable[[Gettext], tuple[str, str, str]]] = {
    # entry rule → (summary, fact label, fact value); cohort is the default, said by the dates
    "rolling": lambda _: (_("starts as soon as a suitable pair is found"), _("Start"),
                          _("as soon as a suitable pair is found")),
    "opt_in": lambda _: (_("for those who choose to take part"), _("Participation"),
                         _("for those who choose to take part")),
}
"""How each entry rule of the model (``Phase.entry``, see ``ENTRY_RULES``) reads in a document."""


_DATE_LOCALES = {"fi": "fi_FI", "sv": "sv_FI"}


class Words:
    """The phrases of one language: ``Words("fi").quantity(range_)``."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._ = translator(language)
        self.ngettext: Plural = plural_translator(language)

    def phase_kind(self, kind: str, registry: Any = None) -> str:
        """The label of a phase kind in the language (``camp`` → ``leiri``): a built-in kind's
        from the catalogs, a plugin's from its ``labels`` (:class:`mentorcore.kinds.PhaseKind`)
        when ``registry`` (a :class:`mentorcore.plugins.Registry`) has it; else the kind's
        name."""
        builtin = _phase_kind_labels(context_translator(self.language))
        if kind in builtin:
            return builtin[kind]
        found = registry.phase_kinds.get(kind) if registry is not None else None
        if found is not None and found.labels is not None:
            from mentorcore.plugins import call_plugin

            label = call_plugin(found, f"phase kind {kind}", found.labels, kind, self.language)
            if isinstance(label, str) and label:
                return label
        return kind

    def number(self, value: float, digits: int | None = None) -> str:
        """``value`` with the language's decimal mark (Babel's: ``1,5`` in Finnish and Swedish):
        a whole number without decimals, else ``digits`` decimals (``None``: as few as it
        takes)."""
        if float(value).is_integer():
            return str(int(value))
        text = f"{value:g}" if digits is None else f"{value:.{digits}f}"
        return text.replace(".", self.decimal_mark())

    def decimal_mark(self) -> str:
        locale = _DATE_LOCALES.get(self.language)
        if locale is None:
            return "."
        from babel.numbers import get_decimal_symbol

        return str(get_decimal_symbol(locale))

    def count(self, count: int, unit: str) -> str:
        """``15 pairs``, ``6 ryhmää``, ``1 person``; a plugin's unit kind by its id
        (``3 camp``)."""
        phrase = _UNITS.get(unit)
        if phrase is None:
            return f"{count} {unit}"
        return phrase(count, self.ngettext).format(number=count)

    def quantity(self, range_: Range, unit: str | None = None) -> str:
        """``about 8–10 months``, ``at least 3 meetings``, ``2 people``."""
        _ = self._
        unit = range_.unit if unit is None else unit
        if range_.max is None or range_.min == range_.max:
            numbers, count = self.number(range_.min), range_.min
        else:
            numbers, count = f"{self.number(range_.min)}–{self.number(range_.max)}", range_.max
        phrase = _UNITS.get(unit)
        text = (phrase(int(count) if float(count).is_integer() else 2, self.ngettext)
                .format(number=numbers) if phrase else f"{numbers} {unit}".strip())
        if range_.max is None:
            return _("at least {quantity}").format(quantity=text)
        if range_.approx:
            return _("about {quantity}").format(quantity=text)
        return text

    def entry(self, rule: str) -> tuple[str, str, str] | None:
        """How a phase's entry rule reads: ``(summary, label, value)``, e.g. ``("for those who
        choose to take part", "Participation", …)``; ``None`` for ``cohort``."""
        phrases = _ENTRIES.get(rule)
        return phrases(self._) if phrases else None

    def cadence(self, cadence: Cadence) -> str:
        """``1–2 meetings a month``; ``about 2 meetings a month, 6–8 meetings in all``."""
        _ = self._
        parts = []
        if cadence.per_month is not None:
            parts.append(self.quantity(cadence.per_month, "meeting/month"))
        if cadence.per_week is not None:
            parts.append(self.quantity(cadence.per_week, "meeting/week"))
        if cadence.total is not None:
            parts.append(_("{quantity} in all").format(
                quantity=self.quantity(cadence.total, "meeting")))
        if cadence.open_ended:
            parts.append(_("may go on as long as the participants want"))
        return ", ".join(parts)

    def date(self, day: dt.date) -> str:
        """A date as the language writes it in Finland (Babel's short format of ``fi_FI`` and
        ``sv_FI``: ``1.9.2025``); ISO ``2025-09-01`` in English, where 1/9 and 9/1 differ."""
        locale = _DATE_LOCALES.get(self.language)
        if locale is None:
            return day.isoformat()
        from babel.dates import format_date

        return str(format_date(day, "short", locale=locale))

    def report_when(self, when: str, phase: str | None = None, event: str | None = None) -> str:
        """When a report is made (``Report.when``), with the name of its phase or event:
        "when the mentoring ends", "at the end of training"; ``""`` for a time it cannot word.

        >>> Words("fi").report_when("each_meeting")
        'jokaisen tapaamisen jälkeen'
        """
        _ = self._
        if when == "unit_end":
            return _("when the mentoring ends")
        if when == "each_meeting":
            return _("after each meeting")
        if when == "phase_end" and phase:
            return _("at the end of {phase}").format(phase=phase)
        if when == "event" and event:
            return _("at {event}").format(event=event)
        return ""

    def month(self, label: str | None) -> str:
        """A month of the outputs (``2026-09``) as people read it: "September 2026",
        "syyskuu 2026", "september 2026"; ``–`` for none.

        >>> Words("fi").month("2027-03"), Words("en").month("2026-09")
        ('maaliskuu 2027', 'September 2026')
        """
        if not label:
            return "–"
        _ = self._
        names = (_("January"), _("February"), _("March"), _("April"), _("May"), _("June"),
                 _("July"), _("August"), _("September"), _("October"), _("November"),
                 _("December"))
        year, month = label.split("-")
        return f"{names[int(month) - 1]} {year}"

    def dates(self, low: dt.date, high: dt.date | None, approx: bool = False) -> str:
        """A date, or a window ``between … and …``; ``None`` as the high end is open-ended."""
        _ = self._
        if high is None:
            return _("{date} or later").format(date=self.date(low))
        if low == high:
            text = self.date(low)
        else:
            dash = "–" if self.language == "fi" else " – "
            text = f"{self.date(low)}{dash}{self.date(high)}"
        return _("about {date}").format(date=text) if approx else text


def _phase_kind_labels(pgettext: Callable[[str, str], str]) -> dict[str, str]:
    """The built-in phase kinds' labels (:mod:`mentorcore.builtins.kinds`)."""
    return {
        "recruitment": pgettext("phase kind", "recruitment"),
        "training": pgettext("phase kind", "training"),
        "orientation": pgettext("phase kind", "orientation"),
        "matching": pgettext("phase kind", "matching"),
        "start": pgettext("phase kind", "start"),
        "mentoring": pgettext("phase kind", "mentoring"),
        "group_mentoring": pgettext("phase kind", "group mentoring"),
        "closing": pgettext("phase kind", "closing"),
        "follow_up": pgettext("phase kind", "follow-up"),
    }


def add(day: dt.date, amount: float, unit: str) -> dt.date:
    """``day`` plus a duration: whole months and years by the calendar, the rest in days."""
    if unit in ("month", "year") and float(amount).is_integer():
        import calendar  # only here: most runs add no months

        months = int(amount) * (12 if unit == "year" else 1)
        year, month = divmod(day.month - 1 + months, 12)
        year, month = day.year + year, month + 1
        return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
    return day + dt.timedelta(days=round(amount * DAYS_PER[unit]))


__all__ = [
    "Words", "add",
]
