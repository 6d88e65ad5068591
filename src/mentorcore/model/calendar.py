"""The calendar a programme runs on: the days its units meet, its public holidays, its breaks.

Staff-hosted events and trainings fall on working days (Monday to Friday, not a public holiday,
not in a break); a unit's own meetings fall on its ``meeting_days`` outside holidays and breaks.
A break is written ``MM-DD..MM-DD`` and may wrap the year end (``"12-22..01-06"``)::

    >>> parse_break("12-22..01-06")
    ((12, 22), (1, 6))
    >>> parse_break("13-01..01-06") is None
    True
"""

import datetime

import attrs

from mentorcore.i18n import _
from mentorcore.model.fields import fact
from mentorcore.records import record

__all__ = ["DEFAULT_CHRISTMAS_BREAK", "DEFAULT_SUMMER_PAUSE", "LONGEST_BREAK", "WEEKDAYS",
           "WORKING_DAYS", "CalendarSettings", "break_days", "parse_break"]

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WORKING_DAYS = WEEKDAYS[:5]
DEFAULT_SUMMER_PAUSE = "07-01..07-31"
DEFAULT_CHRISTMAS_BREAK = "12-24..01-01"

Break = tuple[tuple[int, int], tuple[int, int]]


def parse_break(text: str) -> Break | None:
    """``"06-22..08-09"`` as ``((6, 22), (8, 9))``; ``None`` when it is not ``MM-DD..MM-DD``
    (a first day after the last wraps the year end)."""
    try:
        first, last = str(text).split("..")
        (m0, d0), (m1, d1) = (tuple(int(x) for x in part.strip().split("-"))
                              for part in (first, last))
        datetime.date(2000, m0, d0), datetime.date(2000, m1, d1)  # 2000: 29 February exists
    except (ValueError, TypeError):
        return None
    return (m0, d0), (m1, d1)


LONGEST_BREAK = 92
"""Days a break may last at most (three months): a longer one leaves too little programme."""


def break_days(pause: Break) -> int:
    """How many days a break lasts (in a year that is not a leap year, wrapping the year end)."""
    (m0, d0), (m1, d1) = pause
    first = datetime.date(2001, m0, min(d0, 28 if m0 == 2 else d0))
    last = datetime.date(2001, m1, min(d1, 28 if m1 == 2 else d1))
    return (last - first).days % 365 + 1


def _a_break(_instance: object, attribute: attrs.Attribute, value: str | None) -> None:
    if value is None:
        return
    found = parse_break(value)
    if found is None:
        raise ValueError(_("{key} must be MM-DD..MM-DD (e.g. {example}), found {value}").format(
            key=attribute.name, example='"12-22..01-06"', value=repr(value)))
    if break_days(found) > LONGEST_BREAK:
        raise ValueError(_("{key} {value} lasts {days} days; a break lasts at most {longest} "
                           "(a first day after the last wraps the year end: {example})").format(
            key=attribute.name, value=repr(value), days=break_days(found),
            longest=LONGEST_BREAK, example='"12-22..01-06"'))


def _weekdays(_instance: object, attribute: attrs.Attribute, value: tuple[str, ...]) -> None:
    wrong = [day for day in value if day not in WEEKDAYS]
    if wrong or not value:
        raise ValueError(_("{key} must list days among {days}, found {value}").format(
            key=attribute.name, days=", ".join(WEEKDAYS), value=repr(list(value))))


@record(kw_only=True)
class CalendarSettings:
    """Which days a programme's people meet on and when it pauses (``calendar:`` in a model).

    Every key has a default, so a model without ``calendar:`` runs on the Finnish working week
    with Finland's public holidays, a Christmas break and a July summer pause.
    """

    meeting_days: tuple[str, ...] = fact(
        "the weekdays units meet on by themselves (staff-hosted events and trainings are on "
        "working days)", factory=lambda: WORKING_DAYS, validator=_weekdays,
        example=["mon", "tue", "wed", "thu", "fri", "sat"])
    holidays: str | None = fact("whose public holidays are days off (a country code of the "
                                "holidays library); null for none", default="FI", example="FI")
    christmas_break: str | None = fact("no events or meetings from the first to the last day "
                                       "(MM-DD..MM-DD, may wrap the year end); null for none",
                                       default=DEFAULT_CHRISTMAS_BREAK, validator=_a_break,
                                       example="12-22..01-06")
    summer_pause: str | None = fact("the summer pause (MM-DD..MM-DD); the assumption "
                                    "summer_pause, when given, takes its place; null for none",
                                    default=DEFAULT_SUMMER_PAUSE, validator=_a_break,
                                    example="06-22..08-09")
    source: str | None = fact("source id", default=None, ref="sources")
