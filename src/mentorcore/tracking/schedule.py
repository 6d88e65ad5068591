"""The dated plan ``track`` holds a log against: when each phase runs and when each event of
the model is due — the programme's one dated schedule (:func:`mentorcore.schedule.
build_schedule`, the dates of the handbook and the simulation), seen from a running programme.

Its phases and events are those of the schedule, on its calendar (``finnish`` by default: the
model's working days, public holidays and breaks). What the schedule leaves to the units:

* a phase whose length its units decide (a rolling intake, meetings without a duration) has no
  end in the schedule; here it ends after the plan's ``unit_months`` (as the simulation runs it),
  and the phases after it follow;
* a ``spread`` event (the simulation draws its days) is spaced evenly over its phase.

Example::

    >>> import datetime
    >>> from mentorcore import Library
    >>> from mentorcore.simulation.plan import compile_plan
    >>> library = Library()
    >>> programme = library.programme("matkalla-tyoelamaan")
    >>> plan = compile_plan(programme, library.registry)
    >>> schedule = dated_schedule(plan, datetime.date(2027, 1, 4), programme)
    >>> [(p.id, p.start.isoformat()) for p in schedule.phases][:2]
    [('mentor-training', '2027-01-04'), ('mentoring', '2027-01-05')]
    >>> [e.id for e in schedule.events if e.certificate]
    ['closing-event']
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from mentorcore.records import record
from mentorcore.schedule import event_offset
from mentorcore.simulation.plan import DAYS_PER_MONTH, PhasePlan, Plan

if TYPE_CHECKING:
    from mentorcore.model import Programme

__all__ = ["FIRST_EVENT_DAY", "DatedEvent", "DatedPhase", "Schedule", "dated_schedule",
           "phase_days"]

FIRST_EVENT_DAY = 14
"""A monthly event falls two weeks into its phase, then every month (as in the simulation)."""


@record(kw_only=True)
class DatedPhase:
    index: int
    id: str
    name: str
    kind: str
    start: dt.date
    end: dt.date
    """The phase's last day."""


@record(kw_only=True)
class DatedEvent:
    id: str
    name: str
    phase: int
    scope: str
    """``programme``, ``group`` or ``unit`` (each unit holds its own)."""
    dates: tuple[dt.date, ...]
    certificate: bool


@record(kw_only=True)
class Schedule:
    start: dt.date
    phases: tuple[DatedPhase, ...]
    events: tuple[DatedEvent, ...]
    calendar: str = "finnish"
    """The calendar the dates are on (``finnish`` or ``plain``), as the simulation runs it."""

    @property
    def end(self) -> dt.date:
        return self.phases[-1].end if self.phases else self.start

    def phase(self, index: int) -> DatedPhase:
        return self.phases[index]


def phase_days(plan: Plan, phase: PhasePlan) -> int:
    """How many days ``phase`` lasts in the dated plan."""
    if phase.days is not None and not phase.unit_driven:
        low, high = phase.days
        return max(1, round((low + high) / 2))
    if phase.cadence is not None:
        return max(1, round(plan.unit_months * DAYS_PER_MONTH))
    return 1


def dated_schedule(plan: Plan, start: dt.date, programme: Programme | None = None, *,
                   calendar: str = "finnish") -> Schedule:
    """The dated plan of ``plan`` from ``start``: the programme's schedule (when ``programme``
    is given; else the plan's own reading, phase after phase at the middle of its range)."""
    dates: dict[str, tuple[dt.date | None, dt.date | None]] = {}
    event_dates: dict[str, tuple[dt.date, ...]] = {}
    if programme is not None:
        from mentorcore.schedule import build_schedule

        made = build_schedule(programme, start, calendar, default_days={
            p.kind: p.behaviour.default_days for p in plan.phases
            if p.behaviour is not None and p.behaviour.default_days})
        dates = {p.id: (p.start, p.end) for p in made.phases}
        for event in plan.events:
            given = made.event_dates(event.id)
            if given:
                event_dates[event.id] = tuple(given)
    phases: list[DatedPhase] = []
    day = start
    for phase in plan.phases:
        first, last = dates.get(phase.id, (None, None))
        first = first if first is not None and first >= day else day
        if last is None or last < first:
            last = first + dt.timedelta(days=phase_days(plan, phase) - 1)
        phases.append(DatedPhase(index=phase.index, id=phase.id, name=phase.name,
                                 kind=phase.kind, start=first, end=last))
        day = last + dt.timedelta(days=1)
    events: list[DatedEvent] = []
    for event in plan.events:
        span = phases[event.phase]
        length = (span.end - span.start).days + 1
        found: list[dt.date]
        if event.id in event_dates:
            found = [d for d in event_dates[event.id] if span.start <= d <= span.end] or list(
                event_dates[event.id])
        elif event.timing == "once":
            found = [span.start + dt.timedelta(days=event_offset(0, length, event.at))]
        elif event.timing == "monthly":
            gap = DAYS_PER_MONTH / max(event.per_month, 1e-9)
            found = []
            offset = float(FIRST_EVENT_DAY)
            while offset < length:
                found.append(span.start + dt.timedelta(days=int(offset)))
                offset += gap
        else:
            count = max(1, round((event.count_low + event.count_high) / 2))
            found = [span.start + dt.timedelta(days=int((i + 0.5) * length / count))
                     for i in range(count)]
        events.append(DatedEvent(id=event.id, name=event.name, phase=event.phase,
                                 scope=event.scope, dates=tuple(found),
                                 certificate=event.certificate))
    return Schedule(start=start, phases=tuple(phases), events=tuple(events), calendar=calendar)
