"""The dated plan ``track`` holds a log against: when each phase runs and when each event of
the model is due, from the programme's first day.

Until the programme has one dated schedule shared by the handbook and the simulation, this is
the plan's own reading of the model (:func:`mentorcore.simulation.plan.compile_plan`): phases
follow each other from ``start``, each lasting the middle of its duration range (a phase the
units' meetings decide lasts the plan's ``unit_months``; one without a duration a day, as the
simulation's skeleton has it); an event ``once`` falls on its phase's first or last day, a
``monthly`` one two weeks into the phase and then every month, a ``spread`` one is spaced evenly.

Example::

    >>> import datetime
    >>> from mentorcore import Library
    >>> from mentorcore.simulation.plan import compile_plan
    >>> library = Library()
    >>> plan = compile_plan(library.programme("matkalla-tyoelamaan"), library.registry)
    >>> schedule = dated_schedule(plan, datetime.date(2027, 1, 4))
    >>> [(p.id, p.start.isoformat()) for p in schedule.phases][:3]
    [('mentor-training', '2027-01-04'), ('start', '2027-01-05'), ('mentoring', '2027-01-06')]
    >>> [e.id for e in schedule.events if e.certificate]
    ['closing-event']
"""

from __future__ import annotations

import datetime as dt

import attrs

from mentorcore.simulation.plan import DAYS_PER_MONTH, PhasePlan, Plan

__all__ = ["FIRST_EVENT_DAY", "DatedEvent", "DatedPhase", "Schedule", "dated_schedule",
           "phase_days"]

FIRST_EVENT_DAY = 14
"""A monthly event falls two weeks into its phase, then every month (as in the simulation)."""


@attrs.frozen(kw_only=True)
class DatedPhase:
    index: int
    id: str
    name: str
    kind: str
    start: dt.date
    end: dt.date
    """The phase's last day."""


@attrs.frozen(kw_only=True)
class DatedEvent:
    id: str
    name: str
    phase: int
    scope: str
    """``programme``, ``group`` or ``unit`` (each unit holds its own)."""
    dates: tuple[dt.date, ...]
    certificate: bool


@attrs.frozen(kw_only=True)
class Schedule:
    start: dt.date
    phases: tuple[DatedPhase, ...]
    events: tuple[DatedEvent, ...]

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


def dated_schedule(plan: Plan, start: dt.date) -> Schedule:
    """The dated plan of ``plan`` from ``start``."""
    phases: list[DatedPhase] = []
    day = start
    for phase in plan.phases:
        length = phase_days(plan, phase)
        end = day + dt.timedelta(days=length - 1)
        phases.append(DatedPhase(index=phase.index, id=phase.id, name=phase.name,
                                 kind=phase.kind, start=day, end=end))
        day = end + dt.timedelta(days=1)
    events: list[DatedEvent] = []
    for event in plan.events:
        span = phases[event.phase]
        length = (span.end - span.start).days + 1
        if event.timing == "once":
            dates = [span.start if event.at == "start" else span.end]
        elif event.timing == "monthly":
            gap = DAYS_PER_MONTH / max(event.per_month, 1e-9)
            dates = []
            offset = float(FIRST_EVENT_DAY)
            while offset < length:
                dates.append(span.start + dt.timedelta(days=int(offset)))
                offset += gap
        else:
            count = max(1, round((event.count_low + event.count_high) / 2))
            dates = [span.start + dt.timedelta(days=int((i + 0.5) * length / count))
                     for i in range(count)]
        events.append(DatedEvent(id=event.id, name=event.name, phase=event.phase,
                                 scope=event.scope, dates=tuple(dates),
                                 certificate=event.certificate))
    return Schedule(start=start, phases=tuple(phases), events=tuple(events))
