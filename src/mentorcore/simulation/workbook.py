"""A simulation as an XLSX workbook for the office: the assumptions used, the figures (with the
5th, 50th and 95th percentile and the mean over replications), the documented targets, the
monthly workload with its percentiles, the units and the dated timeline — one sheet each, with
typed columns (dates as dates, numbers as numbers) and no formula cells
(:mod:`mentorcore.spreadsheets`).

A timeline longer than :data:`MAX_TIMELINE_ROWS` is cut there, and the figures sheet says so
(the CSV format holds all of it).
"""

from __future__ import annotations

import datetime
import math
from typing import Any

from mentorcore.i18n import _
from mentorcore.simulation.run import Ensemble, Run, Stats
from mentorcore.spreadsheets import Sheet, write_xlsx

__all__ = ["MAX_TIMELINE_ROWS", "workbook"]

MAX_TIMELINE_ROWS = 200_000


def _number(value: Any) -> Any:
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    return value


def _stat_cells(value: Any) -> tuple[Any, ...]:
    if isinstance(value, Stats):
        return tuple(_number(v) for v in (value.p5, value.p50, value.p95, value.mean))
    return (None, _number(value), None, None)


def workbook(result: Run | Ensemble) -> bytes:
    """The bytes of the workbook of ``result``."""
    from mentorcore.simulation.formats import FIGURE_LABELS
    from mentorcore.simulation.wording import (
        ended_label,
        origin_label,
        reference_label,
        type_label,
        unit_kind_label,
    )

    run = result.run if isinstance(result, Ensemble) else result
    summary = result.summary
    replications = result.replications if isinstance(result, Ensemble) else 1
    stats = (_("5th percentile"), _("median"), _("95th percentile"), _("mean"))
    assumptions = Sheet(
        _("assumptions"), (_("assumption"), _("value"), _("origin")),
        tuple((a.id, a.value, origin_label(a.origin)) for a in run.assumptions))
    timeline = run.timeline
    dates = timeline.iso_dates()
    total = len(dates)
    kept = min(total, MAX_TIMELINE_ROWS)
    notes: list[tuple[Any, ...]] = [
        (_("model"), run.model, None, None, None),
        (_("replications"), replications, None, None, None),
        (_("seed"), run.seed, None, None, None),
        (_("start"), run.start, None, None, None),
    ]
    if kept < total:
        notes.append((_("the timeline sheet holds the first {kept} of {total} rows; "
                        "--format csv holds every row").format(kept=kept, total=total),
                      None, None, None, None))
    figures = Sheet(
        _("figures"), (_("figure"), *stats),
        tuple(notes) + tuple((_(FIGURE_LABELS[name]) if name in FIGURE_LABELS else name,
                              *_stat_cells(value))
                             for name, value in summary.figures.items()),
        types={1: "number", 2: "number", 3: "number", 4: "number"})
    targets = Sheet(
        _("targets"), (_("target"), _("lowest"), _("highest"), *stats),
        tuple((c.text, _number(c.low), _number(c.high), *_stat_cells(c.share))
              for c in summary.compliance))
    month_names = (("active_units", _("units meeting")), ("meetings_held", _("meetings held")),
                   ("programme_events", _("programme events")),
                   ("staff_hours", _("staff hours")), ("mentor_hours", _("mentor hours")))
    month_header = [_("month")]
    for _name, label in month_names:
        month_header += [f"{label}: {stat}" for stat in stats]
    months = Sheet(
        _("months"), tuple(month_header),
        tuple((m.month, *(cell for name, _label in month_names
                          for cell in _stat_cells(getattr(m, name))))
              for m in summary.months))
    units = Sheet(
        _("units"), (_("unit"), _("kind"), _("members"), _("group"), _("first day"), _("last day"),
                     _("meetings planned"), _("meetings held"), _("meetings cancelled"),
                     _("how it ended"), _("exit")),
        tuple((u.id, unit_kind_label(u.kind), ", ".join(u.members), u.group, u.start, u.end,
               u.meetings_planned, u.meetings_held, u.meetings_cancelled, ended_label(u.ended),
               u.exit) for u in run.units.rows()),
        types={4: "date", 5: "date", 6: "integer", 7: "integer", 8: "integer"})
    refs = timeline.refs
    kinds = timeline.ref_kinds
    units_of = timeline.unit_ids
    type_labels = [type_label(t, run.event_names) for t in timeline.types]
    reference_labels = [reference_label(k) for k in kinds]
    rows = []
    for date, kind, unit, ref in zip(dates[:kept], timeline.type[:kept].tolist(),
                                     timeline.unit[:kept].tolist(),
                                     timeline.ref[:kept].tolist(), strict=True):
        rows.append((datetime.date.fromisoformat(date), type_labels[kind],
                     units_of[unit] if unit >= 0 else None,
                     reference_labels[ref] if ref >= 0 else None,
                     refs[ref] if ref >= 0 else None))
    events = Sheet(_("timeline"), (_("date"), _("type"), _("unit"), _("refers to"), _("id")),
                   tuple(rows), types={0: "date"})
    return write_xlsx([figures, months, targets, assumptions, units, events])
