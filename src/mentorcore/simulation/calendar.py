"""The calendar a simulation runs on: plain days, or a Finnish year with a summer pause and
public holidays.

The engine samples in *active days* (days on which the programme runs); a :class:`Calendar`
maps them to real dates. In the plain calendar every day is active. In the Finnish calendar the
summer pause (July by default) and the public holidays are skipped, so a meeting due on
Midsummer Eve lands on the next active day and a phase spanning July lasts a month longer.

Example: from Monday 16 June 2025, Midsummer Eve (Friday 20 June) and Midsummer Day (Saturday
21 June) are skipped; weekends are not — only the summer pause and the holidays are::

    >>> import datetime
    >>> calendar = Calendar.finnish(datetime.date(2025, 6, 16))
    >>> [calendar.to_date(calendar.to_calendar_days(day)).day for day in range(6)]
    [16, 17, 18, 19, 22, 23]
    >>> calendar.to_date(calendar.to_calendar_days(4))
    datetime.date(2025, 6, 22)
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = [
    "CALENDARS", "DEFAULT_SUMMER_PAUSE", "Calendar", "easter", "finnish_holidays", "next_monday",
]

CALENDARS = ("plain", "finnish")
DEFAULT_SUMMER_PAUSE = ((7, 1), (7, 31))


def easter(year: int) -> datetime.date:
    """Easter Sunday of ``year`` (the Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month = (h + ell - 7 * m + 114) // 31
    day = (h + ell - 7 * m + 114) % 31 + 1
    return datetime.date(year, month, day)


def _weekday_between(year: int, month: int, first: int, last: int, weekday: int) -> datetime.date:
    for day in range(first, last + 1):
        date = datetime.date(year, month, day)
        if date.weekday() == weekday:
            return date
    raise AssertionError("no such weekday")  # pragma: no cover - the ranges span a week


def finnish_holidays(year: int) -> dict[datetime.date, str]:
    """Finland's public holidays and the usual days off (Midsummer Eve, Christmas Eve)."""
    sunday = easter(year)
    midsummer_eve = _weekday_between(year, 6, 19, 25, 4)
    october_31 = datetime.date(year, 10, 31)
    all_saints = october_31 + datetime.timedelta(days=(5 - october_31.weekday()) % 7)
    return {
        datetime.date(year, 1, 1): "uudenvuodenpäivä",
        datetime.date(year, 1, 6): "loppiainen",
        sunday - datetime.timedelta(days=2): "pitkäperjantai",
        sunday: "pääsiäispäivä",
        sunday + datetime.timedelta(days=1): "2. pääsiäispäivä",
        datetime.date(year, 5, 1): "vappu",
        sunday + datetime.timedelta(days=39): "helatorstai",
        sunday + datetime.timedelta(days=49): "helluntaipäivä",
        midsummer_eve: "juhannusaatto",
        midsummer_eve + datetime.timedelta(days=1): "juhannuspäivä",
        all_saints: "pyhäinpäivä",
        datetime.date(year, 12, 6): "itsenäisyyspäivä",
        datetime.date(year, 12, 24): "jouluaatto",
        datetime.date(year, 12, 25): "joulupäivä",
        datetime.date(year, 12, 26): "tapaninpäivä",
    }


def next_monday(today: datetime.date | None = None) -> datetime.date:
    """The first Monday after ``today`` (a week later when today is a Monday)."""
    today = today or datetime.date.today()
    return today + datetime.timedelta(days=7 - today.weekday())


@attrs.frozen
class Calendar:
    """Active days from ``start``: ``skipped`` holds the calendar days (offsets) that are not."""

    name: str
    start: datetime.date
    summer_pause: tuple[tuple[int, int], tuple[int, int]] | None = None
    holidays: bool = False

    @classmethod
    def plain(cls, start: datetime.date) -> Calendar:
        return cls("plain", start)

    @classmethod
    def finnish(cls, start: datetime.date,
                summer_pause: tuple[tuple[int, int], tuple[int, int]] = DEFAULT_SUMMER_PAUSE
                ) -> Calendar:
        return cls("finnish", start, summer_pause, True)

    @property
    def is_plain(self) -> bool:
        return self.summer_pause is None and not self.holidays

    def is_active(self, date: datetime.date) -> bool:
        if self.summer_pause is not None:
            (m0, d0), (m1, d1) = self.summer_pause
            if (m0, d0) <= (date.month, date.day) <= (m1, d1):
                return False
        return not (self.holidays and date in finnish_holidays(date.year))

    def table(self, active_days: int) -> NDArray[np.int64]:
        """A NumPy array: the calendar-day offset of each of the first ``active_days`` active
        days (the identity in the plain calendar)."""
        import numpy as np

        if self.is_plain:
            return np.arange(active_days, dtype=np.int64)
        horizon = int(active_days * 1.25) + 400
        while True:
            dates = np.datetime64(self.start, "D") + np.arange(horizon)
            years = dates.astype("datetime64[Y]").astype(int) + 1970
            month_starts = dates.astype("datetime64[M]")
            months = month_starts.astype(int) % 12 + 1
            days = (dates - month_starts).astype(int) + 1
            active = np.ones(horizon, dtype=bool)
            if self.summer_pause is not None:
                (m0, d0), (m1, d1) = self.summer_pause
                key = months * 100 + days
                active &= ~((key >= m0 * 100 + d0) & (key <= m1 * 100 + d1))
            if self.holidays:
                holidays = [np.datetime64(day, "D") for year in range(years[0], years[-1] + 1)
                            for day in finnish_holidays(int(year))]
                active &= ~np.isin(dates, np.array(holidays, dtype="datetime64[D]"))
            found = np.flatnonzero(active)
            if len(found) >= active_days:
                return found[:active_days].astype(np.int64)
            horizon *= 2

    def to_calendar_days(self, active_day: int) -> int:
        """The calendar-day offset of one active day."""
        return int(self.table(active_day + 1)[active_day])

    def to_date(self, calendar_day: int) -> datetime.date:
        return self.start + datetime.timedelta(days=int(calendar_day))
