"""What a phase kind does in a simulation: a :class:`PhaseBehaviour`, registered by a plugin
through ``register_phase_behaviours`` (see ``mentorcore.hookspecs``).

It is in a module of its own because ``validate`` asks which phase kinds have a behaviour (W223)
without running a simulation. What a behaviour's ``events`` sees (``PhaseWindow``) and yields
(``BehaviourEvent``) are in :mod:`mentorcore.simulation.behaviours`, with the other things the
simulation gives plugins and gets from them; this module gives them too, imported when first
asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import attrs

from mentorcore.records import record

if TYPE_CHECKING:
    from mentorcore.simulation.behaviours import BehaviourEvent, PhaseWindow

__all__ = ["SCOPES", "BehaviourEvent", "PhaseBehaviour", "PhaseWindow"]


SCOPES = ("programme", "unit", "group")
"""Who a phase behaviour's event concerns: the whole programme, each unit, or each group."""


@record(kw_only=True)
class PhaseBehaviour:
    """How the simulation treats a phase kind.

    ``default_days``: the length of a phase of this kind that gives no ``duration``.
    ``events(window)``: yields :class:`BehaviourEvent` values (or ``(day, type)`` pairs, a
    programme-wide event each) — ``day`` counted from the phase's start (the camp plugin
    yields a ``camp_day`` per day; a workplace-visit plugin one visit per group).
    ``labels(type, language)``: the label of an event type in a language (``fi``, ``sv``,
    ``en``), e.g. from the plugin's own gettext catalog
    (:func:`mentorcore.plugin_api.catalog_labels`); outputs show the type's name without it.
    """

    kind: str
    description: str
    default_days: float | None = None
    events: Callable[[PhaseWindow], Iterable[tuple[int, str]]] | None = attrs.field(
        default=None, eq=False)
    event_types: tuple[str, ...] = ()
    """The event types ``events`` may yield (they become part of the timeline's vocabulary)."""
    labels: Callable[[str, str], str] | None = attrs.field(default=None, eq=False)


def __getattr__(name: str) -> object:
    if name in ("BehaviourEvent", "PhaseWindow"):  # once defined here: still importable from here
        import importlib

        return getattr(importlib.import_module("mentorcore.simulation.behaviours"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
