"""What a phase kind does in a simulation: a :class:`PhaseBehaviour`, registered by a plugin
through ``register_phase_behaviours`` (see ``mentorcore.hookspecs``), the :class:`PhaseWindow`
its ``events`` sees and the :class:`BehaviourEvent` values it yields.

These are in a module of their own because ``validate`` asks which phase kinds have a behaviour
(W223) without running a simulation; :mod:`mentorcore.simulation.behaviours` holds them too,
with the other things plugins give the simulation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import attrs

from mentorcore.records import record

__all__ = ["SCOPES", "BehaviourEvent", "PhaseBehaviour", "PhaseWindow"]


@record(kw_only=True)
class PhaseWindow:
    """One phase of one replication, as a phase behaviour sees it (days are active days from
    the programme's start)."""

    phase: str
    kind: str
    start: int
    days: int
    replication: int


SCOPES = ("programme", "unit", "group")
"""Who a phase behaviour's event concerns: the whole programme, each unit, or each group."""


@record(kw_only=True)
class BehaviourEvent:
    """An event a phase behaviour yields: ``day`` counted from the phase's start (0 to
    ``window.days - 1``), its ``type`` (one of the behaviour's ``event_types``) and its
    ``scope``: ``programme`` (one event), ``unit`` (one for each unit of the phase) or
    ``group`` (one for each group; one for the programme when units form no groups)."""

    day: int
    type: str
    scope: str = attrs.field(default="programme", validator=attrs.validators.in_(SCOPES))


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
