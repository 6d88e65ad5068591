"""How the simulation's outputs word an assumption: where its value came from, the value, and
the one line that names every assumption a run used (the chart's caption, the calendar's
description, the table's last lines); and the labels of the other enumerations a coordinator
reads in the spreadsheets (the timeline's event types and what a row refers to, how a unit
ended, a unit's kind) — the same words in the XLSX workbook and, under Finnish and Swedish, in
the timeline CSV (which keeps the ids under English, its documented form)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from mentorcore.i18n import _, current, pgettext
from mentorcore.simulation.run import UsedAssumption
from mentorcore.words import Words

__all__ = ["assumptions_caption", "ended_label", "origin_label", "peak_months_text",
           "reference_label", "type_label", "unit_kind_label", "value_text"]


def peak_months_text(peaks: Sequence[tuple[str, float]], most: int = 3) -> str:
    """The staff's busiest months and the share of runs each was (``Summary.peak_months``), in
    the language of the run ("March 2027 in 62 % of runs"), as simulate and the planner write
    them."""
    words = Words(current())
    return "; ".join(_("{month} in {share} of runs").format(
        month=words.month(month), share=f"{100 * share:.0f} %") for month, share in peaks[:most])


def origin_label(origin: str) -> str:
    """Where an assumption's value came from, in the language of the run."""
    labels = {"model": _("from the model"), "default": _("engine default"),
              "override": _("set for this run")}
    return labels.get(origin, origin)


def type_label(kind: str, event_names: Mapping[str, str] | None = None) -> str:
    """A row type of the timeline (``phase_start``, ``meeting`` …) in the language of the run:
    ``vaihe alkaa``, ``tapaaminen``; a type a plugin's phase behaviour adds (``camp_day``) by
    the label it gives (``event_names``: :attr:`mentorcore.simulation.run.Run.event_names`),
    else its id."""
    labels = {
        "assumption": pgettext("timeline event type", "assumption"),
        "phase_start": pgettext("timeline event type", "phase starts"),
        "phase_end": pgettext("timeline event type", "phase ends"),
        "unit_formed": pgettext("timeline event type", "unit formed"),
        "programme_event": pgettext("timeline event type", "programme event"),
        "meeting": pgettext("timeline event type", "meeting"),
        "meeting_rescheduled": pgettext("timeline event type", "meeting moved"),
        "meeting_cancelled": pgettext("timeline event type", "meeting cancelled"),
        "report": pgettext("timeline event type", "report"),
        "unit_ended": pgettext("timeline event type", "unit ended"),
        "certificate": pgettext("timeline event type", "certificate"),
    }
    if kind in labels:
        return labels[kind]
    return (event_names or {}).get(kind) or kind


def reference_label(kind: str) -> str:
    """What a timeline row refers to (``phase``, ``event``, ``exit``, ``report``), in the
    language of the run."""
    labels = {"phase": pgettext("timeline reference", "phase"),
              "event": pgettext("timeline reference", "event"),
              "exit": pgettext("timeline reference", "exit rule"),
              "report": pgettext("timeline reference", "report")}
    return labels.get(kind, kind)


def ended_label(ended: str) -> str:
    """How a unit ended (:data:`mentorcore.simulation.behaviours.ENDED`), in the language of
    the run."""
    labels = {"completed": pgettext("how a unit ended", "completed"),
              "ended_early": pgettext("how a unit ended", "ended early"),
              "dropped_out": pgettext("how a unit ended", "dropped out"),
              "ended_below_target": pgettext("how a unit ended", "ended below target")}
    return labels.get(ended, ended)


def unit_kind_label(kind: str) -> str:
    """A built-in unit kind (``pair``, ``reciprocal_pair``, ``group``) in the language of the
    run; a plugin's unit kind by its id."""
    labels = {"pair": pgettext("unit kind", "pair"),
              "reciprocal_pair": pgettext("unit kind", "reciprocal pair"),
              "group": pgettext("unit kind", "group")}
    return labels.get(kind, kind)


def value_text(value: float | str) -> str:
    """A value as the outputs write it (``0.1``, ``07-01..07-31``)."""
    return Words(current()).number(value) if isinstance(value, (int, float)) else str(value)


def assumptions_caption(assumptions: Sequence[UsedAssumption]) -> str:
    """One line naming every assumption a run used, with value and origin (the chart's caption
    and the calendar's description)."""
    listed = "; ".join(f"{a.id} {value_text(a.value)} ({origin_label(a.origin)})"
                       for a in assumptions)
    return _("Assumptions: {assumptions}").format(assumptions=listed or _("none"))
