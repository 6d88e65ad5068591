"""The hooks of mentorcore: every variation point a plugin can fill.

Each hook receives a ``register`` callback and calls it once per thing it provides, so a plugin
can add several things and mentorcore keeps track of which plugin provided what. The built-in
behaviour is registered through these very hooks (see ``mentorcore.builtins``).

Write a plugin with the :data:`hookimpl` marker (every type a plugin registers or receives is
in :mod:`mentorcore.plugin_api`)::

    from mentorcore.plugin_api import PhaseKind, hookimpl

    MENTORCORE_PLUGIN_API = ">=1.0,<2"

    @hookimpl
    def register_phase_kinds(register):
        register(PhaseKind(name="retreat", rank=40, description="a weekend retreat"))

The hooks are versioned together: :data:`PLUGIN_API_VERSION` follows semantic versioning (a
new hook or a new optional argument is a minor version; removing or changing one is a major
version, after a minor version that warns), and each hook's docstring says since which
version it exists. A plugin declares the versions it supports in its module attribute
``MENTORCORE_PLUGIN_API`` (a version range); a plugin outside its range is refused.

Implementations may be ``wrapper=True`` (or the older ``hookwrapper=True``): they run around
the other implementations of the hook, isolated like any other, and must be generator
functions. ``specname`` is refused when the plugin loads (name the function after its hook);
``firstresult`` and ``historic`` are properties of a hook, not of an implementation, and none
of mentorcore's hooks has them (``hookimpl(firstresult=True)`` fails the plugin's import, which
is reported like any failing import).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Protocol, TypeVar

import pluggy

if TYPE_CHECKING:
    import click

    from mentorcore.checks import Check
    from mentorcore.formats import Renderer
    from mentorcore.kinds import Criterion, PhaseKind, UnitKind
    from mentorcore.sections import Section
    from mentorcore.simulation.behaviours import Intake, MeetingHandler, ScheduleAdjuster
    from mentorcore.simulation.phase_behaviours import PhaseBehaviour

__all__ = ["PLUGIN_API_VERSION", "Register", "hookimpl", "hookspec"]

PLUGIN_API_VERSION = "1.1.0"
"""The version of the plugin API (these hooks and the types of :mod:`mentorcore.plugin_api`),
in semantic versioning. 1.0: the hooks of mentorcore 0.x; 1.1: ``register_sections``,
``replace=True``, phase behaviours' per-unit and per-group events with labels."""

hookspec = pluggy.HookspecMarker("mentorcore")
hookimpl = pluggy.HookimplMarker("mentorcore")

Item = TypeVar("Item", contravariant=True)


class Register(Protocol[Item]):
    """The callback a ``register_*`` hook receives: call it once per thing provided, and return
    nothing (a hook that returns its items instead is an error). The type it takes is the hook's
    contract: ``Register[PhaseKind]`` accepts ``PhaseKind`` values only, and mentorcore checks
    each registration against it when it is made (see :func:`mentorcore.plugins.contract`).

    A name another plugin already registered is an error naming both plugins;
    ``register(item, replace=True)`` replaces it deliberately (``mentorcore plugins`` shows it).
    """

    def __call__(self, item: Item, /, *, replace: bool = False) -> None: ...


@hookspec
def register_models(register: Register[str | os.PathLike[str]]) -> None:
    """Provide programme models: ``register(path)`` with a directory of ``*.yaml`` files (each
    file's name is the model id) or a single model file.

    Since plugin API 1.0.
    """


@hookspec
def register_phase_kinds(register: Register[PhaseKind]) -> None:
    """Provide phase kinds: ``register(PhaseKind(name, rank, description))``. ``rank`` orders
    kinds: preparation 10, matching 20, start 30, main work 40, closing 50.

    Since plugin API 1.0.
    """


@hookspec
def register_unit_kinds(register: Register[UnitKind]) -> None:
    """Provide unit kinds: ``register(UnitKind(name, description, members))``.

    Since plugin API 1.0.
    """


@hookspec
def register_criteria(register: Register[Criterion]) -> None:
    """Provide matching criteria: ``register(Criterion(name, description, params, evaluate))``;
    ``evaluate(candidates, params)`` scores all mentee × mentor pairs at once with NumPy arrays
    (see docs/matching.md, "Writing a criterion in a plugin").

    Since plugin API 1.0.
    """


@hookspec
def register_checks(register: Register[Check]) -> None:
    """Provide semantic checks: ``register(Check(id, name, severity, summary, function))``;
    ``function(programme, registry)`` yields :class:`mentorcore.checks.Finding` values.

    Since plugin API 1.0.
    """


@hookspec
def register_renderers(register: Register[Renderer]) -> None:
    """Provide output formats: ``register(Renderer(name, target, description, render,
    binary=False))``; ``target`` is ``simulation`` (``simulate --format NAME``) or ``matching``
    (``match --format NAME``) and ``render(result, options)`` returns text or bytes.

    Since plugin API 1.0.
    """


@hookspec
def register_commands(cli: click.Group) -> None:
    """Add commands to the ``mentorcore`` click group: ``cli.add_command(...)`` or
    ``@cli.command()``.

    Since plugin API 1.0.
    """


@hookspec
def register_phase_behaviours(register: Register[PhaseBehaviour]) -> None:
    """Tell the simulation how to run a phase kind: ``register(PhaseBehaviour(kind,
    description, default_days=None, events=None, event_types=()))`` from
    ``mentorcore.plugin_api`` (defined in ``mentorcore.simulation.phase_behaviours``);
    ``events(window)`` yields ``(day, type)`` pairs of
    programme-wide happenings (the camp plugin yields a ``camp_day`` for each day).

    Since plugin API 1.0.
    """


@hookspec
def register_intakes(register: Register[Intake]) -> None:
    """Provide entry rules of phases for the simulation: ``register(Intake(entry, description,
    starts))``; ``starts(context)`` returns an (R, N) NumPy array of the day each unit starts,
    counted from the phase's start (``cohort``: all zero; ``rolling``: arrivals over the year).

    Since plugin API 1.0.
    """


@hookspec
def register_schedule_adjusters(register: Register[ScheduleAdjuster]) -> None:
    """Change sampled schedules and outcomes as whole arrays: ``register(ScheduleAdjuster(name,
    description, adjust))``; ``adjust(schedule, context)`` returns a new ``Schedule``. Called
    once per batch of replications, never once per meeting.

    Since plugin API 1.0.
    """


@hookspec
def register_meeting_handlers(register: Register[MeetingHandler]) -> None:
    """Look at every simulated meeting: ``register(MeetingHandler(name, description, handle))``;
    ``handle(meeting)`` returns a changed ``Meeting`` or ``None``. This costs a Python call per
    meeting, so the engine only makes them when some plugin registers a handler.

    Since plugin API 1.0.
    """


@hookspec
def register_sections(register: Register[Section]) -> None:
    """Add sections to the handbook and the forms: ``register(Section(name, title, render,
    documents=("handbook",), after=None))``; ``render(context)`` gets a
    :class:`~mentorcore.sections.SectionContext` (``programme``, ``language``, ``document``) and
    returns the section's Markdown text, or ``None`` to leave it out for that model. Every
    handbook format (Markdown, HTML, …) shows it.

    Since plugin API 1.1.
    """
