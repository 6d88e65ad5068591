"""The plan of a simulated programme as a chart for a funding application: the phases as bars,
the programme's events as markers, the breaks shaded, and below them the staff hours and mentor
hours of each month — with the band from the 5th to the 95th percentile when the simulation ran
more than one replication. The model's name is the title and the assumptions are the caption;
every text is in the run's language. SVG, PNG or PDF (matplotlib, its Agg backend).

The same result gives the same bytes (no dates or versions in the file's metadata).
"""

from __future__ import annotations

import datetime
import io
import textwrap
from typing import TYPE_CHECKING, Any

from mentorcore.i18n import _, ngettext
from mentorcore.simulation.engine import ENGINE_TYPES
from mentorcore.simulation.run import Ensemble, Run, Stats

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["CHART_FORMATS", "chart", "chart_figure"]

CHART_FORMATS = ("svg", "png", "pdf")
_STAFF, _MENTOR, _PAUSE = "#0b4f8a", "#b35806", "#d9d9d9"


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def _band(value: Any) -> tuple[float, float, float]:
    """The median and the p5–p95 band of a monthly figure (a plain number: no band)."""
    if isinstance(value, Stats):
        return value.p50, value.p5, value.p95
    number = float(value)
    return number, number, number


def _pauses(run: Run) -> list[tuple[datetime.date, datetime.date]]:
    """The breaks of the run's calendar (Christmas, the summer pause) as first and last days."""
    schedule = run.schedule
    if schedule is None:
        return []
    return list(schedule.calendar.break_spans(run.end))


def chart_figure(result: Run | Ensemble) -> Figure:
    """The chart as a matplotlib figure (the caller closes it)."""
    import matplotlib.dates as mdates

    from mentorcore.simulation.wording import assumptions_caption

    plt = _pyplot()
    run = result.run if isinstance(result, Ensemble) else result
    replications = result.replications if isinstance(result, Ensemble) else 1
    summary = result.summary
    caption = textwrap.wrap(assumptions_caption(run.assumptions), 140)
    extra = 0.16 * len(caption)
    figure, (top, bottom) = plt.subplots(2, 1, figsize=(12, 5.6 + extra), sharex=True,
                                         gridspec_kw={"height_ratios": [3, 2]})
    colours = plt.get_cmap("tab10")
    labels: list[str] = []
    for row, phase in enumerate(run.phases):
        width = max((phase.end - phase.start).days + 1, 1)
        top.broken_barh([(mdates.date2num(phase.start), width)], (row - 0.35, 0.7),
                        color=colours(row % 10), alpha=0.6)
        labels.append(phase.name)
    by_event: dict[str, list[datetime.date]] = {}
    if run.schedule is not None:
        for entry in run.schedule.events:  # a group's or a unit's event: its dates, once
            dates = by_event.setdefault(entry.event, [])
            if entry.date not in dates:
                dates.append(entry.date)
        for event, dates in by_event.items():
            row = len(labels)
            top.plot([mdates.date2num(d) for d in dates], [row] * len(dates), linestyle="none",
                     marker="D", markersize=5, color=colours(row % 10))
            info = run.schedule.info.get(event)
            labels.append(info.name if info is not None else run.event_names.get(event, event))
    import numpy as np

    timeline = run.timeline  # events the schedule cannot date (drawn, spread): as run
    shown = set(by_event) if run.schedule is not None else set()
    mask = timeline.of_type("programme_event")
    origin = np.datetime64(run.start, "D")
    for ref in sorted(set(timeline.ref[mask].tolist())):
        event = timeline.refs[ref]
        if event in shown:
            continue
        days = np.unique(timeline.day[mask & (timeline.ref == ref)])
        row = len(labels)
        top.plot(mdates.date2num((origin + days).astype("datetime64[D]").astype(object)),
                 np.full(len(days), row), linestyle="none", marker="o", markersize=4,
                 color=colours(row % 10))
        labels.append(_("{event} (as in the first run)").format(
            event=run.event_names.get(event, event)))
    for kind in timeline.types:  # what phase behaviours of plugins add (a camp day, a visit)
        if kind in ENGINE_TYPES or not timeline.of_type(kind).any():
            continue
        days = np.unique(timeline.day[timeline.of_type(kind)])
        row = len(labels)
        top.plot(mdates.date2num((origin + days).astype("datetime64[D]").astype(object)),
                 np.full(len(days), row), linestyle="none", marker="s", markersize=4,
                 color=colours(row % 10))
        labels.append(run.event_names.get(kind, kind.replace("_", " ")))
    top.set_yticks(range(len(labels)), labels)
    top.set_ylim(-0.8, max(len(labels), 1) - 0.2)
    top.invert_yaxis()
    top.grid(axis="x", alpha=0.3)
    for first, last in _pauses(run):
        for axis in (top, bottom):
            axis.axvspan(mdates.date2num(first), mdates.date2num(last) + 1, color=_PAUSE,
                         alpha=0.6, zorder=0, label="_pause")
    months = summary.months
    x = [mdates.date2num(datetime.date(int(m.month[:4]), int(m.month[5:7]), 15))
         for m in months]
    for name, colour, label in (("staff_hours", _STAFF, _("staff hours a month")),
                                ("mentor_hours", _MENTOR, _("mentor hours a month"))):
        values = [_band(getattr(m, name)) for m in months]
        if not values:
            continue
        middle = [v[0] for v in values]
        bottom.plot(x, middle, color=colour, marker="o", markersize=3, label=label)
        if replications > 1:
            bottom.fill_between(x, [v[1] for v in values], [v[2] for v in values],
                                color=colour, alpha=0.2, linewidth=0,
                                label=_("{figure}: 5th–95th percentile").format(figure=label))
    bottom.set_ylabel(_("hours"))
    bottom.set_ylim(bottom=0)
    bottom.grid(alpha=0.3)
    if _pauses(run):
        from matplotlib.patches import Patch

        handles, texts = bottom.get_legend_handles_labels()
        handles.append(Patch(color=_PAUSE, alpha=0.6))
        texts.append(_("break (no meetings or events)"))
    else:
        handles, texts = bottom.get_legend_handles_labels()
    bottom.legend(handles, texts, fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0),
                  frameon=False)
    bottom.xaxis.set_major_locator(mdates.MonthLocator())
    bottom.xaxis.set_major_formatter(mdates.DateFormatter("%m/%Y"))
    figure.autofmt_xdate()
    if replications > 1:
        runs = ngettext("{count} simulated run", "{count} simulated runs",
                        replications).format(count=replications)
    else:
        runs = _("one simulated run, seed {seed}").format(seed=run.seed)
    top.set_title(_("{programme}: the plan and the hours a month ({runs})").format(
        programme=run.title, runs=runs))
    figure.tight_layout(rect=(0, (extra + 0.05) / (5.6 + extra) if caption else 0, 1, 1))
    if caption:
        figure.text(0.01, 0.01, "\n".join(caption), fontsize=7, ha="left", va="bottom")
    return figure


def chart(result: Run | Ensemble, fmt: str = "svg") -> bytes:
    """The chart as the bytes of an SVG, PNG or PDF file."""
    import matplotlib

    if fmt not in CHART_FORMATS:
        raise ValueError(f"unknown chart format {fmt!r}")
    plt = _pyplot()
    with matplotlib.rc_context({"svg.hashsalt": "mentorcore", "svg.fonttype": "path",
                                "font.size": 9, "pdf.compression": 6}):
        figure = chart_figure(result)
        buffer = io.BytesIO()
        metadata: dict[str, Any] = {"svg": {"Date": None}, "png": {"Software": None},
                                    "pdf": {"CreationDate": None, "ModDate": None,
                                            "Producer": None, "Creator": None}}[fmt]
        figure.savefig(buffer, format=fmt, metadata=metadata, dpi=110)
        plt.close(figure)
    return buffer.getvalue()
