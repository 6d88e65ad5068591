"""A meeting log made from a simulated run, as the office would have kept it up to a day: the
demonstration log of docs/tracking.md, the test logs, and the "true" runs of the forecast's
calibration test.

Each meeting the run holds becomes a ``meeting`` row (its themes taken in turn from the unit's
themes, the next meeting agreed when the run has one), each event a row of its kind (a unit's
own event with its unit, a programme event without), each end an ``end`` row with its exit
rule. Only rows dated on or before ``until`` are kept.

Example::

    >>> import datetime
    >>> from mentorcore import Library
    >>> from mentorcore.simulation import simulate
    >>> library = Library()
    >>> programme = library.programme("auroras-individual")
    >>> run = simulate(programme, registry=library.registry, pairs=3, seed=1,
    ...                start="2027-01-04")
    >>> rows = log_rows(run, programme, datetime.date(2027, 2, 1))
    >>> rows[0]["unit"], rows[0]["kind"]
    ('pair-1', 'start-meeting')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from mentorcore.model import Programme
from mentorcore.tracking.logformat import END, MEETING, next_meeting_field

if TYPE_CHECKING:
    from mentorcore.simulation.run import Run

__all__ = ["log_rows"]

Filler = Callable[[str, int, dict[str, Any]], dict[str, Any]]
"""Given a unit id, the meeting's number and its row, the form fields to add (texts)."""


def log_rows(run: Run, programme: Programme, until: dt.date, *,
             fill: Filler | None = None) -> list[dict[str, Any]]:
    """The log of ``run`` up to ``until`` as rows (maps of column id to value)."""
    units = run.units
    themes_of: dict[str, list[int]] = {}
    for index in range(units.count):
        mask = int(units.themes[index]) if len(units.theme_names) else 0
        themes_of[units.cohort.unit_id(index)] = [bit for bit in range(len(units.theme_names))
                                                  if mask >> bit & 1]
    next_field = next_meeting_field(programme)
    meetings: dict[str, list[dt.date]] = {}
    for event in run.timeline.events():
        if event.type == "meeting" and event.unit is not None:
            meetings.setdefault(event.unit, []).append(event.date)
    rows: list[dict[str, Any]] = []
    numbers: dict[str, int] = {}
    for event in run.timeline.events():
        if event.date > until:
            break
        if event.type == "meeting" and event.unit is not None:
            number = numbers.get(event.unit, 0)
            numbers[event.unit] = number + 1
            row: dict[str, Any] = {"unit": event.unit, "date": event.date, "kind": MEETING}
            own = themes_of.get(event.unit) or []
            if own:
                row["themes"] = str(own[number % len(own)] + 1)
            if next_field is not None:
                dates = meetings[event.unit]
                if number + 1 < len(dates):
                    row[next_field] = dates[number + 1]
            if fill is not None:
                row.update(fill(event.unit, number + 1, row))
            rows.append(row)
        elif event.type == "programme_event" and event.event is not None:
            rows.append({"unit": event.unit, "date": event.date, "kind": event.event})
        elif event.type == "unit_ended" and event.unit is not None:
            rows.append({"unit": event.unit, "date": event.date, "kind": END,
                         "exit": event.exit})
    return rows
