"""Checks that what a model names from plugins can be honoured by the engines.

A phase kind is a plugin's word; what happens in such a phase is the plugin's phase behaviour.
A kind without one is simulated as days with nothing of its own, which ``validate`` says (W223)
before ``simulate`` does it (the simulation's notes say it too)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from mentorcore.checks import Check, Finding
from mentorcore.diagnostics import Severity
from mentorcore.hookspecs import Register, hookimpl
from mentorcore.i18n import _

if TYPE_CHECKING:
    from mentorcore.model import Programme
    from mentorcore.plugins import Registry


def phase_kinds_simulated(programme: Programme, registry: Registry) -> Iterator[Finding]:
    """A phase of a plugin's phase kind has a simulation behaviour for that kind."""
    manager = registry.manager
    for index, phase in enumerate(programme.phases):
        plugin = registry.unsimulated_kind(phase.kind)
        if plugin is None:
            continue
        what = (_("a phase in which units meet by its cadence and nothing else happens")
                if phase.cadence is not None
                else _("days on which nothing happens but the model's own events"))
        yield Finding(
            path=("phases", index, "kind"),
            message=_("phase '{phase}' is of kind '{kind}' (plugin {plugin}), for which no "
                      "plugin registers a simulation behaviour: simulate runs it as "
                      "{what}").format(phase=phase.id, kind=phase.kind,
                                       plugin=manager.describe(plugin), what=what),
            hint=_("give the kind a PhaseBehaviour in its plugin (register_phase_behaviours, "
                   "docs/plugins.md), or use a built-in kind"))


PHASE_KIND_NOT_SIMULATED = Check(
    id="W223", name="phase-kind-not-simulated", severity=Severity.WARNING,
    summary=(phase_kinds_simulated.__doc__ or "").strip(), function=phase_kinds_simulated)


@hookimpl
def register_checks(register: Register[Check]) -> None:
    register(PHASE_KIND_NOT_SIMULATED)
