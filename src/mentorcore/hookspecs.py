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

import pluggy

hookspec = pluggy.HookspecMarker("mentorcore")
hookimpl = pluggy.HookimplMarker("mentorcore")


@hookspec
def register_models(register):  # type: ignore[no-untyped-def]
    """Provide programme models: ``register(path)`` with a directory of ``*.yaml`` files (each
    file's name is the model id) or a single model file."""


@hookspec
def register_phase_kinds(register):  # type: ignore[no-untyped-def]
    """Provide phase kinds: ``register(PhaseKind(name, rank, description))``. ``rank`` orders
    kinds: preparation 10, matching 20, start 30, main work 40, closing 50."""


@hookspec
def register_unit_kinds(register):  # type: ignore[no-untyped-def]
    """Provide unit kinds: ``register(UnitKind(name, description, members))``."""


@hookspec
def register_criteria(register):  # type: ignore[no-untyped-def]
    """Provide matching criteria: ``register(Criterion(name, description, params, evaluate))``;
    ``evaluate(candidates, params)`` scores all mentee × mentor pairs at once with NumPy arrays
    (see docs/matching.md, "Writing a criterion in a plugin")."""


@hookspec
def register_checks(register):  # type: ignore[no-untyped-def]
    """Provide semantic checks: ``register(Check(id, name, severity, summary, function))``;
    ``function(programme, registry)`` yields :class:`mentorcore.checks.Finding` values."""


@hookspec
def register_renderers(register):  # type: ignore[no-untyped-def]
    """Provide output formats: ``register(Renderer(name, target, description, render,
    binary=False))``; ``target`` is ``simulation`` (``simulate --format NAME``) or ``matching``
    (``match --format NAME``) and ``render(result, options)`` returns text or bytes."""


@hookspec
def register_commands(cli):  # type: ignore[no-untyped-def]
    """Add commands to the ``mentorcore`` click group: ``cli.add_command(...)`` or
    ``@cli.command()``."""


@hookspec
def register_phase_behaviours(register):  # type: ignore[no-untyped-def]
    """Tell the simulation how to run a phase kind: ``register(PhaseBehaviour(kind,
    description, default_days=None, events=None, event_types=()))`` from
    ``mentorcore.simulation.behaviours``; ``events(window)`` yields ``(day, type)`` pairs of
    programme-wide happenings (the camp plugin yields a ``camp_day`` for each day)."""


@hookspec
def register_intakes(register):  # type: ignore[no-untyped-def]
    """Provide entry rules of phases for the simulation: ``register(Intake(entry, description,
    starts))``; ``starts(context)`` returns an (R, N) NumPy array of the day each unit starts,
    counted from the phase's start (``cohort``: all zero; ``rolling``: arrivals over the year)."""


@hookspec
def register_schedule_adjusters(register):  # type: ignore[no-untyped-def]
    """Change sampled schedules and outcomes as whole arrays: ``register(ScheduleAdjuster(name,
    description, adjust))``; ``adjust(schedule, context)`` returns a new ``Schedule``. Called
    once per batch of replications, never once per meeting."""


@hookspec
def register_meeting_handlers(register):  # type: ignore[no-untyped-def]
    """Look at every simulated meeting: ``register(MeetingHandler(name, description, handle))``;
    ``handle(meeting)`` returns a changed ``Meeting`` or ``None``. This costs a Python call per
    meeting, so the engine only makes them when some plugin registers a handler."""
