"""The dated schedule: one plan of dates, computed once from a model, a start date and a calendar.

Every output that shows a date takes it from here: the handbook (``handbook --start``), the
simulation (its phases and programme events; the units' own meetings are sampled around it), its
JSON, table and ICS calendar. The rules, in one place:

* **Days.** A *working day* is Monday to Friday, not a public holiday (the ``holidays`` library,
  Finland's by default) and not in a break (the Christmas break and the summer pause, which may
  wrap the year end). A *meeting day* is one of the model's ``calendar.meeting_days`` (working
  days by default), not a holiday, not in a break. The ``plain`` calendar has neither weekends,
  holidays nor breaks: every day is both.
* **Phases** follow each other in order; each starts on the first working day from the day after
  the previous one ended. A phase with a duration lasts the middle of its documented range
  ("8–10 months": 9 calendar months; "at least 3": 3), months and years counted by the calendar;
  a phase with neither a duration nor a cadence lasts its kind's default days (one day unless a
  plugin says otherwise). A phase of consecutive days without meetings (a camp, a one-day
  training) is never split by a break: it moves whole to the first working day from which all its
  days are clear of breaks. A phase whose length its units decide (a rolling intake, meetings
  without a duration) has a start but no end here; the phases after it get their dates from the
  simulation.
* **Events.** A staff-hosted event falls on a working day inside its phase: on the phase's first
  day (``at: start``), its last (``at: end``), its middle (``at: middle``) or a share of the way
  through it (``at: 0.25``: day ``first + round(0.25 × (days − 1))``, :func:`event_offset`), two
  weeks in and then every month (``monthly``) — a day that is not a working day moves to the next
  working day, or to the last one before the phase ends. A phase whose units decide its end
  dates only its ``at: start`` events here. ``spread`` events are drawn by the simulation (one
  in each equal part of the phase), then moved to working days alike; the handbook gives no date
  for them.

Example::

    >>> import datetime
    >>> from mentorcore import Library
    >>> schedule = build_schedule(Library().programme("matkalla-tyoelamaan"),
    ...                           datetime.date(2026, 1, 5))
    >>> [(p.id, p.start.isoformat(), p.days) for p in schedule.phases][:2]
    [('mentor-training', '2026-01-05', 1), ('mentoring', '2026-01-07', 179)]
    >>> days = schedule.calendar
    >>> days.is_working(datetime.date(2026, 1, 6)), days.is_working(datetime.date(2026, 1, 7))
    (False, True)
"""

from __future__ import annotations

import datetime
import functools
import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from mentorcore.model.calendar import (
    DEFAULT_CHRISTMAS_BREAK,
    DEFAULT_SUMMER_PAUSE,
    WEEKDAYS,
    WORKING_DAYS,
    Break,
    CalendarSettings,
    parse_break,
)
from mentorcore.model.event import parse_time
from mentorcore.model.quantity import DAYS_PER
from mentorcore.records import record

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from mentorcore.model import Programme

__all__ = [
    "CALENDARS", "FIRST_EVENT_DAY", "Days", "EventDate", "EventInfo", "PhaseDates", "Schedule",
    "build_schedule", "days_for", "event_offset", "phase_days", "phase_is_open",
]

CALENDARS = ("finnish", "plain")
"""``finnish``: the model's calendar (working week, public holidays, breaks); ``plain``: every
day is a working day and a meeting day."""
FIRST_EVENT_DAY = 14
"""A monthly event happens two weeks into its phase, then every month."""
DAYS_PER_MONTH = DAYS_PER["month"]
HORIZON_YEARS = 6
"""Day tables reach this many years past the start at first (and grow when a run needs more)."""


@functools.lru_cache(maxsize=64)
def _holidays(country: str, first_year: int, last_year: int) -> tuple[tuple[datetime.date, str],
                                                                      ...]:
    import holidays

    found = holidays.country_holidays(country, years=range(first_year, last_year + 1))
    return tuple(sorted(found.items()))


def _in_break(months: Any, days: Any, pause: Break) -> Any:
    """Which (month, day) pairs fall in ``pause`` (NumPy arrays in, a boolean array out)."""
    (m0, d0), (m1, d1) = pause
    key = months * 100 + days
    first, last = m0 * 100 + d0, m1 * 100 + d1
    if first <= last:
        return (key >= first) & (key <= last)
    return (key >= first) | (key <= last)   # wraps the year end: 12-22..01-06


def _in_breaks(dates: Any, breaks: tuple[Break, ...]) -> Any:
    """Which of ``dates`` (a NumPy ``datetime64[D]`` array) fall in any of ``breaks``."""
    import numpy as np

    month_starts = dates.astype("datetime64[M]")
    months = month_starts.astype(np.int64) % 12 + 1
    days = (dates - month_starts).astype(np.int64) + 1
    off = np.zeros(len(dates), dtype=bool)
    for pause in breaks:
        off |= _in_break(months, days, pause)
    return off


@functools.lru_cache(maxsize=32)
def _tables(name: str, start: datetime.date, meeting_days: tuple[str, ...], country: str | None,
            breaks: tuple[Break, ...], horizon: int) -> tuple[Any, Any]:
    """Whether each day from ``start`` is a working day and a meeting day (read-only arrays)."""
    import numpy as np

    dates = np.datetime64(start, "D") + np.arange(horizon)
    weekday = (dates.astype(np.int64) + 3) % 7        # 1970-01-01 was a Thursday (3)
    off = _in_breaks(dates, breaks)
    if country:
        years = dates.astype("datetime64[Y]").astype(np.int64) + 1970
        holidays = [np.datetime64(day, "D") for day, _name in
                    _holidays(country, int(years[0]), int(years[-1]))]
        off |= np.isin(dates, np.array(holidays, dtype="datetime64[D]"))
    if name == "plain":
        working = np.ones(horizon, dtype=bool)
        meeting = working
    else:
        working = (weekday < 5) & ~off
        allowed = np.array([day in meeting_days for day in WEEKDAYS])
        meeting = allowed[weekday] & ~off
    working.flags.writeable = meeting.flags.writeable = False   # shared between runs
    return working, meeting


@record(kw_only=True)
class Days:
    """The day tables of a calendar from ``start``: for each day offset, whether it is a working
    day and whether it is a meeting day (NumPy arrays, computed once)."""

    name: str
    start: datetime.date
    meeting_days: tuple[str, ...] = WORKING_DAYS
    country: str | None = "FI"
    breaks: tuple[Break, ...] = ()
    horizon: int = 0
    working: Any = attrs.field(default=None, eq=False, repr=False)   # (horizon,) bool
    meeting: Any = attrs.field(default=None, eq=False, repr=False)   # (horizon,) bool
    cache: dict[str, Any] = attrs.field(factory=dict, eq=False, repr=False)

    @classmethod
    def make(cls, name: str, start: datetime.date, *, meeting_days: tuple[str, ...] = WORKING_DAYS,
             country: str | None = "FI", breaks: tuple[Break, ...] = (),
             horizon: int | None = None) -> Days:
        """The tables of a calendar (the same tables are made once: runs of one model share
        them)."""
        if name == "plain":
            meeting_days, country, breaks = WEEKDAYS, None, ()
        horizon = max(horizon or 0, 366 * HORIZON_YEARS)
        return _days(name, start, tuple(meeting_days), country, tuple(breaks), horizon)

    def grown(self, horizon: int) -> Days:
        """These tables, reaching at least ``horizon`` days."""
        if horizon <= self.horizon:
            return self
        size = self.horizon or 366 * HORIZON_YEARS
        while size < horizon:   # doubling: a long model grows the tables a few times, not often
            size *= 2
        return Days.make(self.name, self.start, meeting_days=self.meeting_days,
                         country=self.country, breaks=self.breaks, horizon=size)

    def offset(self, date: datetime.date) -> int:
        return (date - self.start).days

    def date(self, offset: int) -> datetime.date:
        return self.start + datetime.timedelta(days=int(offset))

    def break_spans(self, until: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
        """The first and last day of each break (Christmas, the summer pause) from the start
        up to ``until``, in order (what a chart shades)."""
        import numpy as np

        length = max((until - self.start).days + 1, 0)
        if not self.breaks or not length:
            return []
        off = _in_breaks(np.datetime64(self.start, "D") + np.arange(length), self.breaks)
        edges = np.flatnonzero(np.diff(np.concatenate(([0], off.astype(np.int8), [0]))))
        return [(self.date(int(a)), self.date(int(b) - 1)) for a, b in zip(edges[::2], edges[1::2],
                                                                          strict=True)]

    def is_working(self, date: datetime.date) -> bool:
        return bool(self.grown(self.offset(date) + 1).working[self.offset(date)])

    def is_meeting_day(self, date: datetime.date) -> bool:
        return bool(self.grown(self.offset(date) + 1).meeting[self.offset(date)])

    def table(self, which: str) -> NDArray[Any]:
        """The offsets of every working (``which="working"``) or meeting day, ascending."""
        import numpy as np

        found = self.cache.get(which)
        if found is None:
            found = self.cache[which] = np.flatnonzero(getattr(self, which)).astype(np.int64)
        return found

    def snap(self, days: Any, low: Any, high: Any) -> Any:
        """Each day offset in ``days`` moved to a working day inside ``[low, high)``: the next
        working day, else the last one before ``high``, else the day itself (a window without a
        working day). Vectorised; one rule for the schedule and the simulation."""
        import numpy as np

        table = self.table("working")
        days = np.asarray(days, dtype=np.int64)
        if not len(table):
            return days
        low = np.broadcast_to(np.asarray(low, dtype=np.int64), days.shape)
        high = np.broadcast_to(np.asarray(high, dtype=np.int64), days.shape)
        at = np.searchsorted(table, days)
        after = table[np.minimum(at, len(table) - 1)]
        before_at = np.searchsorted(table, high) - 1
        before = table[np.clip(before_at, 0, len(table) - 1)]
        use_after = (at < len(table)) & (after < high)
        use_before = ~use_after & (before_at >= 0) & (before >= low)
        return np.where(use_after, after, np.where(use_before, before, days))

    def next_working(self, offset: int) -> int:
        table = self.grown(offset + 400).table("working")
        at = int(table.searchsorted(offset))
        return int(table[at]) if at < len(table) else offset

    def block_start(self, offset: int, length: int) -> int:
        """The first working day from ``offset`` on from which ``length`` consecutive days are
        clear of every break (a camp is never split)."""
        import numpy as np

        days = self.grown(offset + length + 800)
        if not days.breaks:
            return days.next_working(offset)
        clear = days.cache.get("clear")
        if clear is None:   # clear[i]: how many of the first i days are outside every break
            blocked = _in_breaks(np.datetime64(self.start, "D") + np.arange(days.horizon),
                                 days.breaks)
            clear = days.cache["clear"] = np.concatenate([[0], np.cumsum(~blocked)])
        table = days.table("working")
        candidates = table[np.searchsorted(table, offset):]
        candidates = candidates[candidates + length <= days.horizon]
        fits = np.flatnonzero(clear[candidates + length] - clear[candidates] == length)
        if len(fits):
            return int(candidates[fits[0]])
        return days.next_working(offset)


@functools.lru_cache(maxsize=32)
def _days(name: str, start: datetime.date, meeting_days: tuple[str, ...], country: str | None,
          breaks: tuple[Break, ...], horizon: int) -> Days:
    """One :class:`Days` for each calendar and horizon, shared — with the tables derived from it
    and kept in its ``cache`` — by every phase, event and run that asks for it."""
    working, meeting = _tables(name, start, meeting_days, country, breaks, horizon)
    return Days(name=name, start=start, meeting_days=meeting_days, country=country,
                breaks=breaks, horizon=horizon, working=working, meeting=meeting)


def days_for(settings: CalendarSettings | None, name: str, start: datetime.date,
             summer_pause: str | None = None) -> Days:
    """The day tables of a model's calendar settings (``summer_pause``: the assumption of that
    name, which takes the place of ``calendar.summer_pause`` when given)."""
    settings = settings or CalendarSettings()
    breaks = []
    for text in (settings.christmas_break,
                 summer_pause if summer_pause is not None else settings.summer_pause):
        found = parse_break(text) if text is not None else None
        if found is not None:
            breaks.append(found)
    return Days.make(name, start, meeting_days=settings.meeting_days, country=settings.holidays,
                     breaks=tuple(breaks))


@record(kw_only=True)
class PhaseDates:
    """When a phase runs: ``start`` and ``end`` (its last day) are ``None`` where the units
    decide (an open phase has no end, the phases after it no dates); ``days`` is its length in
    calendar days when fixed."""

    index: int
    id: str
    start: datetime.date | None
    end: datetime.date | None
    days: int | None
    open: bool
    block: bool
    approx: bool

    @property
    def one_day(self) -> bool:
        return self.days == 1


@record(kw_only=True)
class EventDate:
    """One dated occurrence of a model event: ``scope`` ``programme``, ``group`` (each group
    holds it) or ``unit`` (each unit that meets holds it, e.g. a pair's start meeting)."""

    event: str
    phase: str
    occurrence: int
    date: datetime.date
    scope: str
    time: tuple[tuple[int, int], tuple[int, int]] | None = None


@record(kw_only=True)
class EventInfo:
    """What a calendar says about a model event, in the schedule's language: its ``name``,
    ``description``, ``location``, who attends (``audience``: role names), the ``forms`` to
    bring, and its time of day (``None``: all day)."""

    name: str
    description: str | None = None
    location: str | None = None
    audience: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    time: tuple[tuple[int, int], tuple[int, int]] | None = None


@record(kw_only=True)
class Schedule:
    """The dated plan of a programme from ``start`` on ``calendar``."""

    model: str
    start: datetime.date
    calendar: Days
    phases: tuple[PhaseDates, ...]
    events: tuple[EventDate, ...]
    info: dict[str, EventInfo] = attrs.field(factory=dict, eq=False)
    """:class:`EventInfo` of each model event, by id."""
    language: str | None = None

    def phase(self, phase_id: str) -> PhaseDates:
        return next(p for p in self.phases if p.id == phase_id)

    def event_dates(self, event_id: str) -> tuple[datetime.date, ...]:
        return tuple(e.date for e in self.events if e.event == event_id)

    def phase_start_offset(self, index: int) -> int | None:
        start = self.phases[index].start
        return None if start is None else self.calendar.offset(start)


def _length_days(start: datetime.date, amount: float, unit: str) -> int:
    """Calendar days from ``start`` for ``amount`` of ``unit``: whole months and years by the
    calendar, a remainder (and days, weeks) in days."""
    from mentorcore.words import add

    if unit in ("month", "year"):
        whole = math.floor(amount)
        end = add(start, whole, unit) + datetime.timedelta(
            days=round((amount - whole) * DAYS_PER[unit]))
    else:
        end = start + datetime.timedelta(days=round(amount * DAYS_PER[unit]))
    return max((end - start).days, 1)


def phase_is_open(programme: Programme, index: int, implicit: tuple[int, ...] = ()) -> bool:
    """True when a phase's units decide its length: it has meetings (a cadence, or a main-work
    phase met at the pace) and no duration, or units enter it one by one (not ``cohort``)."""
    phase = programme.phases[index]
    meets = phase.cadence is not None or index in implicit
    timed = phase.duration is not None and phase.duration.unit in DAYS_PER
    return meets and (not timed or phase.entry != "cohort")


def build_schedule(programme: Programme, start: datetime.date, calendar: str = "finnish", *,
                   summer_pause: str | None = None,
                   default_days: Mapping[str, float] | None = None,
                   days: Days | None = None, language: str | None = None) -> Schedule:
    """The dated schedule of ``programme`` from ``start`` (see the module's rules).

    ``calendar``: ``finnish`` (the model's calendar settings) or ``plain``; ``summer_pause``: the
    model's (or the run's) ``summer_pause`` assumption, else the model's own assumption is read;
    ``default_days``: days a phase of each kind lasts when it has neither a duration nor a cadence
    (plugins' phase behaviours; :func:`phase_days` otherwise); ``language``: of the events'
    texts.
    """
    from mentorcore.model.assumptions import reads

    if summer_pause is None:
        given = programme.assumption("summer_pause")
        summer_pause = None if given is None or parse_break(str(given)) is None else str(given)
    if days is None:
        days = days_for(programme.calendar, calendar, start, summer_pause)
    implicit = reads(programme).implicit_phases
    default_days = default_days or {}
    phases: list[PhaseDates] = []
    cursor: int | None = 0
    approx = False
    whole, main = _whole_process(programme, implicit, start, default_days)
    for index, phase in enumerate(programme.phases):
        open_ = phase_is_open(programme, index, implicit) and index != main
        meets = phase.cadence is not None or index in implicit
        duration = phase.duration if (phase.duration is not None
                                      and phase.duration.unit in DAYS_PER) else None
        block = not meets
        length: int | None = None
        start_offset = None if cursor is None else days.next_working(cursor)
        if duration is not None:
            high = duration.max if duration.max is not None and math.isfinite(duration.max) \
                else duration.min
            middle = (duration.min + high) / 2
            anchor = days.date(start_offset) if start_offset is not None else start
            length = _length_days(anchor, middle, duration.unit)
            approx = approx or duration.approx
        elif not meets:
            length = max(round(default_days.get(phase.kind, phase_days(programme))), 1)
        elif index == main and whole is not None and start_offset is not None:
            length = max(whole[0] - start_offset - whole[1], 1)
        if block and length is not None and start_offset is not None:
            start_offset = days.block_start(start_offset, length)
            if duration is not None and duration.unit in ("month", "year"):
                length = _length_days(days.date(start_offset), middle, duration.unit)
        if open_:
            end = None
        elif start_offset is not None and length is not None:
            end = start_offset + length - 1
        else:
            end = None
        phases.append(PhaseDates(
            index=index, id=phase.id,
            start=days.date(start_offset) if start_offset is not None else None,
            end=days.date(end) if end is not None else None,
            days=None if open_ else length, open=open_, block=block, approx=approx))
        cursor = None if (open_ or end is None) else end + 1
    return Schedule(model=programme.id, start=start, calendar=days, phases=tuple(phases),
                    events=tuple(_events(programme, phases, days)),
                    info=_info(programme, language), language=language)


def _info(programme: Programme, language: str | None) -> dict[str, EventInfo]:
    def named(collection: str, item_id: str) -> str:
        item = programme.get(collection, item_id)
        name = getattr(item, "name", None) or getattr(item, "title", None)
        return name.get(language) if name is not None else item_id

    return {event.id: EventInfo(
        name=event.name.get(language) if event.name else event.id,
        description=event.description.get(language) if event.description else None,
        location=event.location.get(language) if event.location else None,
        audience=tuple(named("roles", r) for r in event.audience),
        forms=tuple(named("forms", f) for f in event.forms),
        time=parse_time(event.time) if event.time else None) for event in programme.events}


def _fixed_length(programme: Programme, index: int, implicit: tuple[int, ...],
                  anchor: datetime.date, default_days: Mapping[str, float]) -> int | None:
    phase = programme.phases[index]
    duration = phase.duration
    if duration is not None and duration.unit in DAYS_PER:
        return _length_days(anchor, _middle(duration), duration.unit)
    if phase.cadence is None and index not in implicit:
        return max(round(default_days.get(phase.kind, phase_days(programme))), 1)
    return None


def phase_days(programme: Programme) -> float:
    """Days a phase lasts that gives no duration and in which units do not meet: the model's
    ``phase_days`` assumption (a run's ``--set``), one day by default."""
    from mentorcore.model.assumptions import default_value

    value = programme.assumption("phase_days")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        value = default_value("phase_days")
    return float(value or 1)


def _middle(duration: Any) -> float:
    high = duration.max if duration.max is not None and math.isfinite(duration.max) \
        else duration.min
    return float(duration.min + high) / 2


def _whole_process(programme: Programme, implicit: tuple[int, ...], start: datetime.date,
                   default_days: Mapping[str, float]) -> tuple[tuple[int, int] | None, int]:
    """A model whose ``duration`` is the whole process (Matkalla työelämään: six months from
    the mentors' training to the closing event): its last phase in which units meet without a
    duration of its own ends where the phases after it still fit before the process ends.
    ``((end of the process, days of the phases after it), index)``, else ``(None, -1)``."""
    duration = getattr(programme, "duration", None)
    if duration is None or duration.unit not in DAYS_PER:
        return None, -1
    main = [i for i, p in enumerate(programme.phases)
            if (p.cadence is not None or i in implicit) and p.duration is None
            and p.entry == "cohort"]
    if not main:
        return None, -1
    later = [_fixed_length(programme, i, implicit, start, default_days)
             for i in range(main[-1] + 1, len(programme.phases))]
    if any(length is None for length in later):
        return None, -1
    end = _length_days(start, _middle(duration), duration.unit)
    return (end, sum(length or 0 for length in later)), main[-1]


def event_offset(start: Any, end: Any, at: str | float | None) -> Any:
    """The day offset of a ``once`` event ``at`` (``start``, ``middle``, ``end`` or a share) of a
    phase whose days are ``[start, end)``: ``start + round(share × (end − 1 − start))`` — the
    first day at 0, the last at 1. Works on whole numbers and on NumPy arrays alike: the
    schedule, the simulation and ``track`` all place events by it.

    >>> event_offset(0, 181, "middle"), event_offset(10, 20, "end"), event_offset(10, 20, 0.25)
    (90, 19, 12)
    """
    import numpy as np

    from mentorcore.model.event import share_of

    share = share_of(at)
    span = np.asarray(end) - 1 - np.asarray(start)
    found = np.asarray(start) + np.floor(share * np.maximum(span, 0) + 0.5).astype(np.int64)
    return int(found) if found.ndim == 0 else found


def monthly_offsets(start: int, end: int, per_month: float = 1.0) -> list[int]:
    """Day offsets of an event ``per_month`` times a month in ``[start, end)``: two weeks in (at
    once a month), then every month (the gaps shrunk alike at a higher rate); one on the first
    day when the phase is shorter than that. The simulation uses the same rule."""
    length = max(end - start, 1)
    months = max(math.ceil(length * per_month / DAYS_PER_MONTH), 1)
    found = []
    for j in range(months):
        if per_month == 1:
            offset = FIRST_EVENT_DAY + int(j * DAYS_PER_MONTH)
        else:
            offset = int((FIRST_EVENT_DAY + j * DAYS_PER_MONTH) / per_month)
        if start + offset < end:
            found.append(start + offset)
    return found or [start]


def _events(programme: Programme, phases: list[PhaseDates], days: Days) -> list[EventDate]:
    import numpy as np

    from mentorcore.model.event import share_of

    by_id = {p.id: p for p in phases}
    meeting_unit = None
    from mentorcore.model.assumptions import meeting_unit as unit_that_meets

    meeting_unit = unit_that_meets(programme)
    group = next((u.id for u in programme.units if u.made_of == meeting_unit), None)
    found: list[EventDate] = []
    for event in programme.events:
        phase = by_id.get(event.phase)
        if phase is None or phase.start is None:
            continue
        scope = ("unit" if event.unit is not None and event.unit == meeting_unit
                 else "group" if event.unit is not None and event.unit == group else "programme")
        low = days.offset(phase.start)
        if phase.end is None:
            if event.timing != "once" or share_of(event.at) > 0:
                continue   # the units decide when the phase ends
            if scope == "unit" and programme.phases[phase.index].entry != "cohort":
                continue   # each unit starts on a day of its own
            high = low + 1
        else:
            high = days.offset(phase.end) + 1
        if event.timing == "once":
            wanted = [event_offset(low, high, event.at)]
        elif event.timing == "monthly":
            wanted = monthly_offsets(low, high)
        else:
            continue   # spread: drawn by the simulation
        snapped = days.grown(high + 1).snap(np.array(wanted), low, high)
        time = parse_time(event.time) if event.time else None
        found += [EventDate(event=event.id, phase=phase.id, occurrence=number,
                            date=days.date(int(day)), scope=scope, time=time)
                  for number, day in enumerate(snapped.tolist())]
    return found


__all__ += ["DEFAULT_CHRISTMAS_BREAK", "DEFAULT_SUMMER_PAUSE", "monthly_offsets"]
