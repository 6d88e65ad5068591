"""``track``: a units file and a meeting log held against the model — the one function behind
``mentorcore track``.

Example::

    >>> from mentorcore import Library
    >>> from mentorcore.tracking.track import track
    >>> library = Library()
    >>> followed = track(library.programme("matkalla-tyoelamaan"),
    ...                  "tests/data/logs/matkalla-units.csv",
    ...                  "tests/data/logs/matkalla-log.csv", registry=library.registry,
    ...                  today="2027-04-06")                           # doctest: +SKIP
    >>> followed.status.programme.counts["behind"]                     # doctest: +SKIP
    3
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from mentorcore.dates import parse_date
from mentorcore.diagnostics import MentorcoreError
from mentorcore.i18n import _, current
from mentorcore.matching.sheets import read_sheet
from mentorcore.records import record
from mentorcore.simulation.cohort import units_file_cohort
from mentorcore.simulation.plan import Plan, compile_plan
from mentorcore.tracking.log import Log, check_log
from mentorcore.tracking.logformat import MEETING
from mentorcore.tracking.problems import BAD_TRACK_OPTION
from mentorcore.tracking.schedule import Schedule, dated_schedule
from mentorcore.tracking.status import Status, meeting_phase, status_of
from mentorcore.words import Words

if TYPE_CHECKING:
    from mentorcore.model import Programme
    from mentorcore.plugins import Registry

__all__ = ["Followed", "infer_start", "track"]


@record(kw_only=True)
class Followed:
    """What ``track`` found: the plan, the dated schedule, the checked log and the status."""

    plan: Plan
    schedule: Schedule
    log: Log
    status: Status


def _day(value: dt.date | str | None, name: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return parse_date(value)
    except ValueError as error:
        raise MentorcoreError.single(BAD_TRACK_OPTION, _("{option}: {error}").format(
            option=name, error=error), exit_code=2) from None


def infer_start(plan: Plan, log: Log, programme: Programme | None = None,
                calendar: str = "finnish") -> dt.date:
    """The programme's first day when none is given: the latest day that puts the log's first
    row on its planned day (an event on its date, a meeting on the first day of the meeting
    phase), on the schedule's calendar; when none does, the first row's day less the plan's
    days before it."""
    first = log.entries[0] if log.entries else None
    if first is None:
        return dt.date.today()

    def planned(start: dt.date) -> dt.date:
        schedule = dated_schedule(plan, start, programme, calendar=calendar)
        if first.kind != MEETING:
            event = next((e for e in schedule.events if e.id == first.kind and e.dates), None)
            if event is not None:
                return event.dates[0]
        return schedule.phase(meeting_phase(plan).index).start

    offset = (planned(first.date) - first.date).days
    for back in range(max(offset, 0) + 15):
        start = first.date - dt.timedelta(days=back)
        if planned(start) == first.date:
            return start
    return first.date - dt.timedelta(days=offset)


def track(programme: Programme, units: str | Path, log: str | Path, *, registry: Registry,
          today: dt.date | str | None = None, start: dt.date | str | None = None,
          sheet: str | None = None, language: str | None = None, calendar: str = "finnish",
          forecast: bool = False, seed: int = 0) -> Followed:
    """Read ``units`` (a units file, as ``simulate --participants`` reads it) and ``log`` (the
    meeting log) and hold them against ``programme`` on ``today`` (default: the real today).

    ``start``: the programme's first day (default: inferred from the log, :func:`infer_start`);
    ``calendar``: ``finnish`` (the model's working days, holidays and breaks) or ``plain``, as
    for ``simulate``;
    ``forecast``: add the forecast (:mod:`mentorcore.tracking.forecast`) with ``seed``.
    Problems are raised together as :class:`mentorcore.MentorcoreError`; nothing is returned
    half-checked.
    """
    today = _day(today, "--today") or dt.date.today()
    start = _day(start, "--start")
    if start is not None and today < start:
        raise MentorcoreError.single(BAD_TRACK_OPTION, _(
            "today ({today}) is before the start ({start})").format(
                today=Words(current()).date(today), start=Words(current()).date(start)),
            exit_code=2)
    plan = compile_plan(programme, registry, language)
    cohort = units_file_cohort(plan, units)
    ids = [cohort.unit_id(i) for i in range(cohort.size)]
    groups = list(cohort.group_ids or ())  # a group's own rows (its group meetings) name it
    sheet_data = read_sheet(log, sheet=sheet)
    checked = check_log(sheet_data, programme, units=[*ids, *groups], start=start, today=today,
                        events=[(e.id, e.name) for e in plan.events])
    if start is None:
        start = infer_start(plan, checked, programme, calendar)
    schedule = dated_schedule(plan, start, programme, calendar=calendar)
    members = [(ids[i], cohort.members(i)) for i in range(cohort.size)]
    status = status_of(programme, plan, schedule, checked, members, today)
    if forecast:
        from mentorcore.tracking.forecast import forecast as make_forecast

        status = attrs.evolve(status, forecast=make_forecast(
            programme, plan, schedule, status, registry=registry, seed=seed))
    return Followed(plan=plan, schedule=schedule, log=checked, status=status)
