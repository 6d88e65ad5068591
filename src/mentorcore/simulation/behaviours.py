"""What plugins give the simulation: phase behaviours, intakes, schedule adjusters and meeting
handlers — each registered through its ``register_*`` hook (see ``mentorcore.hookspecs``).
Phase behaviours are defined in :mod:`mentorcore.simulation.phase_behaviours` (``validate`` asks
for them without importing the rest) and are the same objects here; the :class:`PhaseWindow` a
behaviour's ``events`` sees and the :class:`BehaviourEvent` values it yields are defined here.

Every function a plugin registers works on whole NumPy arrays of a batch of replications, except
a :class:`MeetingHandler`, which sees one meeting at a time and is therefore only called when a
plugin registers one (the engine stays vectorised otherwise).

Functions should be module-level (importable by name), so that a simulation can run in worker
processes or on a cluster.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from mentorcore.records import record
from mentorcore.simulation.phase_behaviours import SCOPES, PhaseBehaviour

__all__ = [
    "CANCELLED", "ENDED", "HELD", "NOT_PLANNED", "RESCHEDULED", "SCOPES", "AdjustContext",
    "BehaviourEvent", "Intake",
    "IntakeContext", "Meeting", "MeetingHandler", "PhaseBehaviour", "PhaseWindow", "Schedule",
    "ScheduleAdjuster",
]

@record(kw_only=True)
class PhaseWindow:
    """One phase of one replication, as a phase behaviour sees it (days are active days from
    the programme's start)."""

    phase: str
    kind: str
    start: int
    days: int
    replication: int


@record(kw_only=True)
class BehaviourEvent:
    """An event a phase behaviour yields: ``day`` counted from the phase's start (0 to
    ``window.days - 1``), its ``type`` (one of the behaviour's ``event_types``) and its
    ``scope``: ``programme`` (one event), ``unit`` (one for each unit of the phase) or
    ``group`` (one for each group; one for the programme when units form no groups)."""

    day: int
    type: str
    scope: str = attrs.field(default="programme", validator=attrs.validators.in_(SCOPES))


ENDED = ("completed", "ended_early", "dropped_out", "ended_below_target")
"""How a unit ended, by code: 0 completed (it ran to the end and met the documented total of
meetings), 1 ended early, 2 dropped out (a group: fewer members remain than its smallest size),
3 ended below target (it ran to the end with fewer meetings than the documented total)."""

NOT_PLANNED, HELD, RESCHEDULED, CANCELLED = 0, 1, 2, 3
"""Status of a meeting slot: not planned, held as planned, held on a later day after being
moved, cancelled (not held)."""


@record(kw_only=True)
class IntakeContext:
    """What an intake function gets: the phase, the units, their random streams, the model's
    assumptions."""

    phase: str
    units: int
    replications: int
    uniform: Callable[[int], Any] = attrs.field(eq=False)
    """``uniform(draw)`` — an (R, N) array of uniform numbers in [0, 1), one from each unit's
    own stream (so adding a unit leaves the others' numbers unchanged)."""
    assumption: Callable[..., float] = attrs.field(eq=False)
    """``assumption(name, default=None)`` — a numeric assumption of the model (an override of
    ``--set`` included), else ``default``, else the value of the table of assumptions
    (:data:`mentorcore.model.assumptions.KNOWN_ASSUMPTIONS`; an assumption a plugin reads belongs
    there, so that ``validate`` knows it is read and outputs list it)."""


@record(kw_only=True)
class Intake:
    """An entry rule of a phase (``cohort``, ``rolling``, ``opt_in``): ``starts(context)``
    returns an (R, N) array of days, counted from the phase's start, on which each unit starts."""

    entry: str
    description: str
    starts: Callable[[IntakeContext], Any] = attrs.field(eq=False)


@record(kw_only=True)
class Schedule:
    """The sampled schedule of a batch of R replications of N units with K meeting slots.

    Days are active days from the programme's start. ``meeting_status`` holds
    :data:`NOT_PLANNED`, :data:`HELD`, :data:`RESCHEDULED` or :data:`CANCELLED`; a rescheduled
    meeting was due on ``meeting_planned`` and held on ``meeting_day``. ``ended`` indexes
    :data:`ENDED`; ``exit`` is the index of the exit rule in ``exit_ids`` (-1 for none).
    """

    unit_start: Any = attrs.field(eq=False)        # (R, N) int
    unit_end: Any = attrs.field(eq=False)          # (R, N) int, exclusive
    ended: Any = attrs.field(eq=False)             # (R, N) int8
    exit: Any = attrs.field(eq=False)              # (R, N) int16
    meeting_day: Any = attrs.field(eq=False)       # (R, N, K) int
    meeting_planned: Any = attrs.field(eq=False)   # (R, N, K) int
    meeting_status: Any = attrs.field(eq=False)    # (R, N, K) int8
    meeting_phase: Any = attrs.field(eq=False)     # (K,) int: the phase of each slot
    exit_ids: tuple[str, ...] = ()
    members_left: Any = attrs.field(default=None, eq=False)
    """(R, N) int: members who left each group that meets (``None`` for pairs, whose members
    never leave alone)."""


@record(kw_only=True)
class AdjustContext:
    """What a schedule adjuster gets besides the schedule."""

    model: str
    phases: tuple[str, ...]
    replications: Any = attrs.field(eq=False)      # (R,) the replication numbers
    phase_start: Any = attrs.field(eq=False)       # (R, P) active day
    phase_end: Any = attrs.field(eq=False)         # (R, P) active day, exclusive
    uniform: Callable[[int, int], Any] = attrs.field(eq=False)
    """``uniform(draw, slots)`` — (R, N, slots) uniform numbers from each unit's plugin stream."""
    assumption: Callable[..., float] = attrs.field(eq=False)
    """``assumption(name, default=None)``, as :attr:`IntakeContext.assumption`."""


@record(kw_only=True)
class ScheduleAdjuster:
    """Changes a sampled schedule as a whole: ``adjust(schedule, context) -> Schedule``
    (return ``attrs.evolve(schedule, ...)``). Meetings it moves outside their unit's window are
    not held."""

    name: str
    description: str
    adjust: Callable[[Schedule, AdjustContext], Schedule] = attrs.field(eq=False)


@record(kw_only=True)
class Meeting:
    """One planned meeting, as a :class:`MeetingHandler` sees it."""

    replication: int
    unit: int
    slot: int
    phase: str
    planned: int
    day: int
    status: int


@record(kw_only=True)
class MeetingHandler:
    """Looks at each planned meeting: ``handle(meeting) -> Meeting | None`` (``None`` keeps it
    as it is). Costs a Python call per meeting, so prefer a :class:`ScheduleAdjuster`."""

    name: str
    description: str
    handle: Callable[[Meeting], Meeting | None] = attrs.field(eq=False)
