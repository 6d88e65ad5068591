"""How the simulation's outputs word an assumption: where its value came from, the value, and
the one line that names every assumption a run used (the chart's caption, the calendar's
description, the table's last lines)."""

from __future__ import annotations

from collections.abc import Sequence

from mentorcore.i18n import _, current
from mentorcore.simulation.run import UsedAssumption
from mentorcore.words import Words

__all__ = ["assumptions_caption", "origin_label", "value_text"]


def origin_label(origin: str) -> str:
    """Where an assumption's value came from, in the language of the run."""
    labels = {"model": _("from the model"), "default": _("engine default"),
              "override": _("set for this run")}
    return labels.get(origin, origin)


def value_text(value: float | str) -> str:
    """A value as the outputs write it (``0.1``, ``07-01..07-31``)."""
    return Words(current()).number(value) if isinstance(value, (int, float)) else str(value)


def assumptions_caption(assumptions: Sequence[UsedAssumption]) -> str:
    """One line naming every assumption a run used, with value and origin (the chart's caption
    and the calendar's description)."""
    listed = "; ".join(f"{a.id} {value_text(a.value)} ({origin_label(a.origin)})"
                       for a in assumptions)
    return _("Assumptions: {assumptions}").format(assumptions=listed or _("none"))
