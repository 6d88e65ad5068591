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
    """Provide matching criteria: ``register(Criterion(name, description))``."""


@hookspec
def register_checks(register):  # type: ignore[no-untyped-def]
    """Provide semantic checks: ``register(Check(id, name, severity, summary, function))``;
    ``function(programme, registry)`` yields :class:`mentorcore.checks.Finding` values."""


@hookspec
def register_commands(cli):  # type: ignore[no-untyped-def]
    """Add commands to the ``mentorcore`` click group: ``cli.add_command(...)`` or
    ``@cli.command()``."""
