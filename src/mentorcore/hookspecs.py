"""The hooks of mentorcore: every variation point a plugin can fill.

Each hook receives a ``register`` callback and calls it once per thing it provides, so a plugin
can add several things and mentorcore keeps track of which plugin provided what. The built-in
behaviour is registered through these very hooks (see ``mentorcore.builtins``).

Write a plugin with the :data:`hookimpl` marker::

    from mentorcore import hookimpl
    from mentorcore.kinds import PhaseKind

    @hookimpl
    def register_phase_kinds(register):
        register(PhaseKind(name="retreat", rank=40, description="a weekend retreat"))
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import pluggy

if TYPE_CHECKING:
    import click

    from mentorcore.checks import Check
    from mentorcore.kinds import Criterion, PhaseKind, Renderer, UnitKind
    from mentorcore.simulation.behaviours import (
        Intake,
        MeetingHandler,
        PhaseBehaviour,
        ScheduleAdjuster,
    )

__all__ = ["Register", "hookimpl", "hookspec"]

hookspec = pluggy.HookspecMarker("mentorcore")
hookimpl = pluggy.HookimplMarker("mentorcore")

Item = TypeVar("Item")
Register = Callable[[Item], None]
"""The callback a ``register_*`` hook receives: call it once per thing provided. The type it
takes is the hook's contract: ``Register[PhaseKind]`` accepts ``PhaseKind`` values only, and
mentorcore checks each registration against it (see :func:`mentorcore.plugins.contract`)."""


@hookspec
def register_models(register: Register[str | os.PathLike[str]]) -> None:
    """Provide programme models: ``register(path)`` with a directory of ``*.yaml`` files (each
    file's name is the model id) or a single model file."""


@hookspec
def register_phase_kinds(register: Register[PhaseKind]) -> None:
    """Provide phase kinds: ``register(PhaseKind(name, rank, description))``. ``rank`` orders
    kinds: preparation 10, matching 20, start 30, main work 40, closing 50."""


@hookspec
def register_unit_kinds(register: Register[UnitKind]) -> None:
    """Provide unit kinds: ``register(UnitKind(name, description, members))``."""


@hookspec
def register_criteria(register: Register[Criterion]) -> None:
    """Provide matching criteria: ``register(Criterion(name, description, params, evaluate))``;
    ``evaluate(candidates, params)`` scores all mentee × mentor pairs at once with NumPy arrays
    (see docs/matching.md, "Writing a criterion in a plugin")."""


@hookspec
def register_checks(register: Register[Check]) -> None:
    """Provide semantic checks: ``register(Check(id, name, severity, summary, function))``;
    ``function(programme, registry)`` yields :class:`mentorcore.checks.Finding` values."""


@hookspec
def register_renderers(register: Register[Renderer]) -> None:
    """Provide output formats: ``register(Renderer(name, target, description, render,
    binary=False))``; ``target`` is ``simulation`` (``simulate --format NAME``) or ``matching``
    (``match --format NAME``) and ``render(result, options)`` returns text or bytes."""


@hookspec
def register_commands(cli: click.Group) -> None:
    """Add commands to the ``mentorcore`` click group: ``cli.add_command(...)`` or
    ``@cli.command()``."""


@hookspec
def register_phase_behaviours(register: Register[PhaseBehaviour]) -> None:
    """Tell the simulation how to run a phase kind: ``register(PhaseBehaviour(kind,
    description, default_days=None, events=None, event_types=()))`` from
    ``mentorcore.simulation.behaviours``; ``events(window)`` yields ``(day, type)`` pairs of
    programme-wide happenings (the camp plugin yields a ``camp_day`` for each day)."""


@hookspec
def register_intakes(register: Register[Intake]) -> None:
    """Provide entry rules of phases for the simulation: ``register(Intake(entry, description,
    starts))``; ``starts(context)`` returns an (R, N) NumPy array of the day each unit starts,
    counted from the phase's start (``cohort``: all zero; ``rolling``: arrivals over the year)."""


@hookspec
def register_schedule_adjusters(register: Register[ScheduleAdjuster]) -> None:
    """Change sampled schedules and outcomes as whole arrays: ``register(ScheduleAdjuster(name,
    description, adjust))``; ``adjust(schedule, context)`` returns a new ``Schedule``. Called
    once per batch of replications, never once per meeting."""


@hookspec
def register_meeting_handlers(register: Register[MeetingHandler]) -> None:
    """Look at every simulated meeting: ``register(MeetingHandler(name, description, handle))``;
    ``handle(meeting)`` returns a changed ``Meeting`` or ``None``. This costs a Python call per
    meeting, so the engine only makes them when some plugin registers a handler."""
