"""Writing a simulation out: a table for the terminal, JSON (the documented contract), CSV of
the timeline, an ICS calendar of the programme's events, a timeline chart as SVG or PNG.

:func:`render` picks the renderer by name and returns text or bytes; the same seed gives the same
bytes in every format.

Example::

    >>> from mentorcore import Library
    >>> from mentorcore.simulation import render, simulate
    >>> library = Library()
    >>> run = simulate(library.programme("womento"), registry=library.registry, pairs=3,
    ...                start="2026-01-05")
    >>> lines = render(run, "csv").splitlines()
    >>> lines[0]
    'date,type,unit,phase,event,exit,report,assumption,value,origin'
    >>> lines[1]
    '2026-01-05,assumption,,,,,,cancellation_rate,0.1,model'
"""

from __future__ import annotations

import datetime
import itertools
import json
import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from mentorcore.i18n import N_, _, current, ngettext, pgettext
from mentorcore.records import record
from mentorcore.simulation.run import Ensemble, Run, Stats, Summary, UsedAssumption, rounded
from mentorcore.simulation.wording import (
    assumptions_caption,
    origin_label,
    peak_months_text,
    type_label,
    value_text,
)
from mentorcore.spreadsheets import cell_text, csv_text, neutralise
from mentorcore.terminal import columns
from mentorcore.words import Words

if TYPE_CHECKING:
    from mentorcore.formats import RenderOptions
    from mentorcore.plugins import Registry

__all__ = [
    "BINARY_FORMATS", "CSV_COLUMNS", "FIGURE_LABELS", "FORMATS", "JSON_SCHEMA", "SCHEMA_VERSION",
    "assumptions_caption", "assumptions_data", "calendar_ics", "chart", "csv_header",
    "origin_label", "render",
    "summary_data", "table", "timeline_csv", "to_json",
]

FORMATS = ("table", "json", "csv", "ics", "svg", "png", "pdf")
BINARY_FORMATS = frozenset({"png", "pdf"})
SCHEMA_VERSION = 1


def render(result: Run | Ensemble, fmt: str, *, registry: Registry | None = None,
           options: RenderOptions | None = None) -> str | bytes:
    """``result`` in the format ``fmt``: one of :data:`FORMATS`, or a format a plugin
    registers (``simulate --format NAME``), rendered by the plugins of ``registry`` (default:
    the default plugin set) with ``options``; ``MentorcoreError`` for a format no plugin
    has."""
    if fmt not in FORMATS:
        from mentorcore.formats import RenderOptions
        from mentorcore.plugins import Registry, build_plugin_manager

        registry = registry if registry is not None else Registry(build_plugin_manager())
        run = _run(result)
        return registry.render("simulation", fmt, result, options or RenderOptions(
            model=run.model, start=run.start, seed=run.seed))
    renderers: dict[str, Callable[[Run | Ensemble], str | bytes]] = {
        "table": table, "json": to_json, "csv": timeline_csv, "ics": calendar_ics,
        "svg": lambda r: chart(r, "svg"), "png": lambda r: chart(r, "png"),
        "pdf": lambda r: chart(r, "pdf")}
    return renderers[fmt](result)


def _run(result: Run | Ensemble) -> Run:
    return result.run if isinstance(result, Ensemble) else result


def _clean(value: Any) -> Any:
    if isinstance(value, float):
        return None if math.isnan(value) else rounded(value)
    if isinstance(value, Stats):
        return {"p5": _clean(value.p5), "p50": _clean(value.p50), "p95": _clean(value.p95),
                "mean": _clean(value.mean)}
    return value


def summary_data(summary: Summary) -> dict[str, Any]:
    data: dict[str, Any] = {name: _clean(value) for name, value in summary.figures.items()}
    data["staff_hours_by_task"] = {task: _clean(value)
                                   for task, value in summary.staff_tasks.items()}
    if summary.peak_months:
        data["staff_peak_months"] = [{"month": month, "share": share}
                                     for month, share in summary.peak_months]
    data["compliance"] = [{"id": c.id, "target": c.text, "low": _clean(c.low),
                           "high": None if math.isinf(c.high) else _clean(c.high),
                           "share": _clean(c.share)} for c in summary.compliance]
    data["months"] = [{"month": m.month, "active_units": _clean(m.active_units),
                       "meetings_held": _clean(m.meetings_held),
                       "programme_events": _clean(m.programme_events),
                       "staff_hours": _clean(m.staff_hours),
                       "mentor_hours": _clean(m.mentor_hours)} for m in summary.months]
    return data


def assumptions_data(assumptions: Sequence[UsedAssumption]) -> list[dict[str, Any]]:
    """The assumptions a run used, as JSON: ``id``, ``value``, ``origin``."""
    return [{"id": a.id, "value": a.value, "origin": a.origin} for a in assumptions]


def _units_data(run: Run) -> list[dict[str, Any]]:
    out = []
    for unit in run.units.rows():
        row: dict[str, Any] = {
            "id": unit.id, "kind": unit.kind, "members": list(unit.members),
            "group": unit.group, "start": unit.start.isoformat(), "end": unit.end.isoformat(),
            "meetings_planned": unit.meetings_planned, "meetings_held": unit.meetings_held,
            "meetings_cancelled": unit.meetings_cancelled, "ended": unit.ended,
            "exit": unit.exit}
        if run.units.theme_names and unit.kind != "group":
            row["report"] = {"meetings": unit.meetings_held, "themes": list(unit.themes)}
        out.append(row)
    return out


def _event_lines(run: Run) -> list[str]:
    timeline = run.timeline
    dump = json.dumps
    types = [dump(t) for t in timeline.types]
    refs = [f", {dump(kind)}: {dump(ref)}" for kind, ref in
            zip(timeline.ref_kinds, timeline.refs, strict=True)]
    units = [f", \"unit\": {dump(u, ensure_ascii=False)}" for u in timeline.unit_ids]
    return [f'{{"date": "{date}", "type": {types[t]}{units[u] if u >= 0 else ""}'
            f'{refs[r] if r >= 0 else ""}}}'
            for date, t, u, r in zip(timeline.iso_dates(), timeline.type.tolist(),
                                     timeline.unit.tolist(), timeline.ref.tolist(), strict=True)]


def to_json(result: Run | Ensemble) -> str:
    """The JSON contract of docs/simulation.md: ``model``, ``seed``, ``start``, ``units``,
    ``events``, ``summary`` (and ``replications``, with statistics per figure)."""
    run = _run(result)
    data: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "model": run.model,
        "title": run.title,
        "seed": run.seed,
        "start": run.start.isoformat(),
        "end": run.end.isoformat(),
        "calendar": run.calendar,
    }
    if isinstance(result, Ensemble):
        data["replications"] = result.replications
    data["cohort"] = run.cohort.to_json()
    data["assumptions"] = assumptions_data(run.assumptions)
    data["phases"] = [{"id": p.id, "name": p.name, "kind": p.kind, "start": p.start.isoformat(),
                       "end": p.end.isoformat()} for p in run.phases]
    data["units"] = _units_data(run)
    data["events"] = "\x00events\x00"
    data["summary"] = summary_data(result.summary)
    if run.notes:
        data["notes"] = list(run.notes)
    text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)
    lines = _event_lines(run)
    events = "[]" if not lines else "[\n    " + ",\n    ".join(lines) + "\n  ]"
    return text.replace('"\\u0000events\\u0000"', events, 1) + "\n"


CSV_COLUMNS = ("date", "type", "unit", "phase", "event", "exit", "report", "assumption", "value",
               "origin")
"""The columns of :func:`timeline_csv`: its header row in English (:func:`csv_header`)."""


def csv_header() -> list[str]:
    """The header row of :func:`timeline_csv` in the language of the run (the column ids of
    :data:`CSV_COLUMNS` in English): a coordinator opens the file in a spreadsheet."""
    return [pgettext("timeline CSV column", "date"), pgettext("timeline CSV column", "type"),
            pgettext("timeline CSV column", "unit"), pgettext("timeline CSV column", "phase"),
            pgettext("timeline CSV column", "event"), pgettext("timeline CSV column", "exit"),
            pgettext("timeline CSV column", "report"),
            pgettext("timeline CSV column", "assumption"),
            pgettext("timeline CSV column", "value"), pgettext("timeline CSV column", "origin")]


def timeline_csv(result: Run | Ensemble) -> str:
    """The timeline, one event a row (:data:`CSV_COLUMNS`, the header in the language of the
    run: :func:`csv_header`), after a row of type ``assumption`` for each assumption the run
    used (``assumption``, ``value``, ``origin``).

    The enumerations' cells — the type and the origin — are ids under English (the documented
    form: ``meeting``, ``phase_start``, ``model``) and under Finnish and Swedish the labels the
    XLSX workbook writes (``tapaaminen``, ``vaihe alkaa``, ``mallista``): a coordinator reads
    the file in a spreadsheet. What the model names (units, phases, events, exit rules,
    reports, assumptions) keeps its ids in every language."""
    run = _run(result)
    timeline = run.timeline
    columns = ("phase", "event", "exit", "report")
    first = run.start.isoformat()
    labelled = current() != "en"
    types = [neutralise(type_label(t, run.event_names)) if labelled else t
             for t in timeline.types]
    rows: list[Any] = [(first, type_label("assumption") if labelled else "assumption",
                        "", "", "", "", "", neutralise(a.id), cell_text(a.value),
                        origin_label(a.origin) if labelled else neutralise(a.origin))
                       for a in run.assumptions]
    # every text a model or a units file names is made safe once (spreadsheets.neutralise): a
    # unit or phase called "=HYPERLINK(…)" is no formula to a spreadsheet
    ref_cells = [tuple(neutralise(ref) if kind == column else "" for column in columns)
                 for kind, ref in zip(timeline.ref_kinds, timeline.refs, strict=True)]
    blank = ("",) * (len(columns) + 3)
    cells = [(*cell, "", "", "") for cell in ref_cells]
    units = [neutralise(unit) for unit in timeline.unit_ids]
    events = ((date, types[t], units[u] if u >= 0 else "",
               *(cells[r] if r >= 0 else blank))
              for date, t, u, r in zip(timeline.iso_dates(), timeline.type.tolist(),
                                       timeline.unit.tolist(), timeline.ref.tolist(),
                                       strict=True))
    return csv_text(csv_header(), itertools.chain(rows, events), prepared=True)


def _fmt(value: Any, digits: int = 1) -> str:
    if isinstance(value, Stats):
        return f"{_fmt(value.p50, digits)} ({_fmt(value.p5, digits)}–{_fmt(value.p95, digits)})"
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return Words(current()).number(value, digits)


def _share(value: Any) -> str:
    if isinstance(value, Stats):
        return f"{_share(value.p50)} ({_share(value.p5)}–{_share(value.p95)})"
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{100 * value:.0f} %"


FIGURE_LABELS = {
    "units": N_("units"), "groups": N_("groups"), "units_completed": N_("completed"),
    "units_ended_early": N_("ended early"), "units_dropped_out": N_("dropped out"),
    "units_below_target": N_("ended below target"),
    "members_left": N_("members who left groups"), "event_participants": N_("people at events"),
    "meetings_planned": N_("meetings planned"), "meetings_held": N_("meetings held"),
    "meetings_rescheduled": N_("meetings moved"), "meetings_cancelled": N_("meetings cancelled"),
    "meetings_per_unit_median": N_("meetings per unit (median)"),
    "meetings_per_completed_unit_median": N_("meetings per completed unit (median)"),
    "group_meetings_per_group_median": N_("group meetings per group (median)"),
    "programme_events": N_("programme events"), "certificates": N_("certificates"),
    "reports": N_("end reports"), "duration_days": N_("days from start to end"),
    "staff_hours": N_("staff hours"), "mentor_hours": N_("mentor hours"),
}
"""The figures' labels in English (marked for extraction): ``_(FIGURE_LABELS[name])`` in the
language of the run."""


def table(result: Run | Ensemble) -> str:
    """A summary for the terminal."""
    run = _run(result)
    summary = result.summary
    ensemble = isinstance(result, Ensemble)
    calendars = {"finnish": _("Finnish calendar"), "plain": _("plain calendar")}
    source = pgettext("simulated cohort", "synthetic") if run.cohort.source == "synthetic" \
        else run.cohort.source
    words = Words(current())
    cohort = _("{units} ({source})").format(units=words.count(run.cohort.size, run.cohort.unit),
                                            source=source)
    lines = [f"{run.title} ({run.model})",
             _("simulated from {start} to {end}; seed {seed}; {calendar}; {cohort}").format(
                 start=words.date(run.start), end=words.date(run.end), seed=run.seed,
                 calendar=calendars.get(run.calendar, run.calendar), cohort=cohort)
             + (ngettext("; {count} replication: median (5th–95th percentile)",
                         "; {count} replications: median (5th–95th percentile)",
                         result.replications).format(count=result.replications)
                if isinstance(result, Ensemble) else ""),
             "", _("Phases (first replication)") if ensemble else _("Phases")]
    rows: list[tuple[str, ...]] = [
        (pgettext("simulate table column", "phase"), pgettext("simulate table column", "kind"),
         pgettext("simulate table column", "start"), pgettext("simulate table column", "end"),
         pgettext("simulate table column", "days"))]
    for phase in run.phases:
        rows.append((phase.name or phase.id, phase.kind_label or phase.kind,
                     words.date(phase.start), words.date(phase.end),
                     str((phase.end - phase.start).days + 1)))
    lines += ["  " + line for line in columns(rows, {4})]
    lines += ["", _("Figures")]
    rows = [(_(FIGURE_LABELS[name]) if name in FIGURE_LABELS else name, _fmt(value))
            for name, value in summary.figures.items()
            if not (name == "groups" and not run.units.groups)
            and not (name == "group_meetings_per_group_median" and not run.units.groups)]
    lines += ["  " + line for line in columns(rows, {1})]
    if summary.staff_tasks:
        lines += ["", _("Staff hours by task")]
        rows = [(_(TASK_LABELS.get(task, task)), _fmt(value))
                for task, value in summary.staff_tasks.items()]
        lines += ["  " + line for line in columns(rows, {1})]
    if summary.peak_months:
        lines += ["", _("Peak month of the staff: {peaks}").format(
            peaks=peak_months_text(summary.peak_months))]
    if summary.compliance:
        lines += ["", _("Documented targets (share that meets each)")]
        rows = [(_share(c.share), c.text) for c in summary.compliance]
        lines += ["  " + line for line in columns(rows, {0})]
    if summary.months:
        lines += ["", _("Workload per month")]
        rows = [(pgettext("simulate table column", "month"),
                 pgettext("simulate table column", "units"),
                 pgettext("simulate table column", "meetings"),
                 pgettext("simulate table column", "events"),
                 pgettext("simulate table column", "staff h"),
                 pgettext("simulate table column", "mentor h"))]
        words = Words(current())
        for month in summary.months:
            rows.append((words.month(month.month), _fmt(month.active_units),
                         _fmt(month.meetings_held),
                         _fmt(month.programme_events), _fmt(month.staff_hours),
                         _fmt(month.mentor_hours)))
        lines += ["  " + line for line in columns(rows, {1, 2, 3, 4, 5})]
    if run.assumptions:
        lines += ["", _("Assumptions used (value, where it comes from)")]
        rows = [(a.id, value_text(a.value), origin_label(a.origin)) for a in run.assumptions]
        lines += ["  " + line for line in columns(rows, {1})]
    for note in run.notes:
        lines.append(_("note: {note}").format(note=note))
    return "\n".join(lines) + "\n"


@record
class _Entry:
    """One VEVENT: first and last day, summary, the stable UID key, the model event (if any)."""

    first: datetime.date
    last: datetime.date
    summary: str
    key: str
    event: str | None = None


def _calendar_rows(run: Run, only: str | None = None) -> list[_Entry]:
    """The calendar's entries: the phases (a one-day phase only when no event of it falls on its
    day) and every programme event — the programme's, each group's and each unit's own (a
    pair's start meeting) — each keyed by model, event, unit and occurrence (never by seed,
    start or row), so a re-imported revised plan updates its events instead of repeating them.
    ``only``: one unit's calendar — the programme's events and that unit's and its group's."""
    timeline = run.timeline
    keep: set[str] | None = None
    if only is not None:
        row = next(r for r in run.units.rows() if r.id == only)
        keep = {"programme", only, *([row.group] if row.group else [])}
    code = timeline.types.index("programme_event")
    dates = timeline.iso_dates()
    entries: list[_Entry] = []
    seen: dict[tuple[str, str], int] = {}
    event_days: set[tuple[str | None, datetime.date]] = set()
    phase_of = {}
    if run.schedule is not None:
        phase_of = {e.event: e.phase for e in run.schedule.events}
    for index, (kind, unit, ref) in enumerate(zip(timeline.type.tolist(), timeline.unit.tolist(),
                                                  timeline.ref.tolist(), strict=True)):
        if kind != code or ref < 0:
            continue
        event_id = timeline.refs[ref]
        date = datetime.date.fromisoformat(dates[index])
        name = run.event_names.get(event_id, event_id)
        holder = timeline.unit_ids[unit] if unit >= 0 else "programme"
        if keep is not None and holder not in keep:
            continue
        if unit >= 0:
            name = f"{name} ({holder})"
        occurrence = seen.get((event_id, holder), 0)
        seen[(event_id, holder)] = occurrence + 1
        entries.append(_Entry(date, date, name, f"event.{event_id}.{holder}.{occurrence}",
                              event_id))
        event_days.add((phase_of.get(event_id), date))
        event_days.add((None, date))
    phases = []
    for phase in run.phases:
        one_day = phase.start == phase.end
        if one_day and ((phase.id, phase.start) in event_days
                        or (None, phase.start) in event_days and not phase_of):
            continue   # its event says it all
        phases.append(_Entry(phase.start, phase.end, phase.name, f"phase.{phase.id}"))
    return phases + entries


TASK_LABELS = {
    "intake": N_("intake"), "matching": N_("matching"), "trainings": N_("trainings"),
    "start_meetings": N_("start meetings"), "monitoring": N_("monitoring"),
    "events": N_("events"), "reports": N_("reports received"),
    "certificates": N_("certificates")}
"""The staff's tasks as the table names them (``mentorcore.model.assumptions.STAFF_TASKS``)."""

HELSINKI = "Europe/Helsinki"


def _description(info: Any) -> str | None:
    if info is None:
        return None
    lines = [info.description] if info.description else []
    if info.audience:
        lines.append(_("Who takes part: {roles}").format(roles=", ".join(info.audience)))
    if info.forms:
        lines.append(_("Bring: {forms}").format(forms=", ".join(info.forms)))
    return "\n".join(lines) or None


def calendar_ics(result: Run | Ensemble, unit: str | None = None) -> bytes:
    """An iCalendar file of the programme's phases and events, each unit's own events included
    (not the units' meetings): the dates of the run's schedule, a time of day in Finnish time
    where the model gives one (with its VTIMEZONE), what happens, who takes part and the forms
    to bring; UIDs stable across seeds and cohort sizes. ``unit``: the calendar of one unit
    (the programme's events and the unit's and its group's own), named after it."""
    import zoneinfo

    import icalendar

    run = _run(result)
    info = run.schedule.info if run.schedule is not None else {}
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//mentorcore//simulation//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("{title}: programme calendar").format(title=run.title)
                 if unit is None else _("{title}: calendar of {unit}").format(title=run.title,
                                                                              unit=unit))
    calendar.add("x-wr-caldesc", assumptions_caption(run.assumptions))
    calendar.add("x-wr-timezone", HELSINKI)
    zone = zoneinfo.ZoneInfo(HELSINKI)
    stamp = datetime.datetime.combine(run.start, datetime.time(0, 0), datetime.UTC)
    for entry in _calendar_rows(run, unit):
        details = info.get(entry.event) if entry.event else None
        event = icalendar.Event()
        event.add("uid", f"{run.model}.{entry.key}@mentorcore")
        event.add("dtstamp", stamp)
        if details is not None and details.time is not None and entry.first == entry.last:
            (h0, m0), (h1, m1) = details.time
            event.add("dtstart", datetime.datetime.combine(entry.first, datetime.time(h0, m0),
                                                           zone))
            event.add("dtend", datetime.datetime.combine(entry.first, datetime.time(h1, m1),
                                                         zone))
        else:
            event.add("dtstart", entry.first)
            event.add("dtend", entry.last + datetime.timedelta(days=1))
        event.add("summary", entry.summary)
        description = _description(details)
        if description:
            event.add("description", description)
        if details is not None and details.location:
            event.add("location", details.location)
        event.add("transp", "TRANSPARENT" if entry.event is None else "OPAQUE")
        calendar.add_component(event)
    if any(isinstance(event.decoded("dtstart"), datetime.datetime)
           for event in calendar.walk("VEVENT")):
        calendar.subcomponents.insert(0, _helsinki())   # before the events that use it
    return calendar.to_ical()


def _helsinki() -> Any:
    """Finnish time as a VTIMEZONE with yearly rules (EU summer time: the last Sundays of March
    and October), which every calendar reads — a zone written as lists of dates (RDATE) is
    misread by some (dateutil's reader keeps winter time all year)."""
    import icalendar

    zone = icalendar.Timezone()
    zone.add("tzid", HELSINKI)
    for kind, start, month, before, after, name in (
            (icalendar.TimezoneDaylight, datetime.datetime(1970, 3, 29, 3), 3, 2, 3, "EEST"),
            (icalendar.TimezoneStandard, datetime.datetime(1970, 10, 25, 4), 10, 3, 2, "EET")):
        part = kind()
        part.add("dtstart", start)
        part.add("tzoffsetfrom", datetime.timedelta(hours=before))
        part.add("tzoffsetto", datetime.timedelta(hours=after))
        part.add("tzname", name)
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        zone.add_component(part)
    return zone


def chart(result: Run | Ensemble, fmt: str = "svg") -> bytes:
    """The plan and the monthly hours as a chart (SVG, PNG or PDF; see
    :mod:`mentorcore.simulation.charts`)."""
    from mentorcore.simulation.charts import chart as draw

    return draw(result, fmt)


_NUMBER_OR_STATS = {"oneOf": [
    {"type": ["number", "null"]},
    {"type": "object", "required": ["p5", "p50", "p95", "mean"], "additionalProperties": False,
     "properties": {k: {"type": ["number", "null"]} for k in ("p5", "p50", "p95", "mean")}},
]}
_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}

JSON_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "mentorcore simulation",
    "type": "object",
    "required": ["schema", "model", "seed", "start", "end", "calendar", "cohort", "assumptions",
                 "phases", "units", "events", "summary"],
    "properties": {
        "schema": {"const": SCHEMA_VERSION},
        "model": {"type": "string"},
        "title": {"type": "string"},
        "seed": {"type": "integer", "minimum": 0},
        "start": _DATE,
        "end": _DATE,
        "calendar": {"enum": ["plain", "finnish"]},
        "replications": {"type": "integer", "minimum": 1},
        "cohort": {"type": "object", "required": ["source", "unit", "units"]},
        "assumptions": {"type": "array", "items": {
            "type": "object", "required": ["id", "value", "origin"],
            "additionalProperties": False,
            "properties": {"id": {"type": "string"},
                           "value": {"type": ["number", "string"]},
                           "origin": {"enum": ["model", "default", "override"]}}}},
        "phases": {"type": "array", "items": {
            "type": "object", "required": ["id", "kind", "start", "end"],
            "properties": {"start": _DATE, "end": _DATE}}},
        "units": {"type": "array", "items": {
            "type": "object",
            "required": ["id", "kind", "members", "meetings_held", "ended"],
            "properties": {
                "id": {"type": "string"}, "kind": {"type": "string"},
                "members": {"type": "array", "items": {"type": "string"}},
                "group": {"type": ["string", "null"]},
                "start": _DATE, "end": _DATE,
                "meetings_planned": {"type": "integer", "minimum": 0},
                "meetings_held": {"type": "integer", "minimum": 0},
                "meetings_cancelled": {"type": "integer", "minimum": 0},
                "ended": {"enum": ["completed", "ended_early", "dropped_out",
                                   "ended_below_target"]},
                "exit": {"type": ["string", "null"]},
                "report": {"type": "object", "required": ["meetings", "themes"]}}}},
        "events": {"type": "array", "items": {
            "type": "object", "required": ["date", "type"], "additionalProperties": False,
            "properties": {"date": _DATE, "type": {"type": "string"},
                           "unit": {"type": "string"}, "phase": {"type": "string"},
                           "event": {"type": "string"}, "exit": {"type": "string"},
                           "report": {"type": "string"}}}},
        "summary": {
            "type": "object", "required": ["compliance", "months", "meetings_held", "units"],
            "additionalProperties": _NUMBER_OR_STATS,
            "properties": {
                "staff_hours_by_task": {"type": "object",
                                        "additionalProperties": _NUMBER_OR_STATS},
                "staff_peak_months": {"type": "array", "items": {
                    "type": "object", "required": ["month", "share"],
                    "additionalProperties": False,
                    "properties": {"month": {"type": "string", "pattern": r"^\d{4}-\d{2}$"},
                                   "share": {"type": "number", "minimum": 0,
                                             "maximum": 1}}}},
                "compliance": {"type": "array", "items": {
                    "type": "object", "required": ["id", "target", "low", "high", "share"],
                    "properties": {"share": _NUMBER_OR_STATS}}},
                "months": {"type": "array", "items": {
                    "type": "object", "required": ["month", "active_units", "meetings_held",
                                                   "programme_events", "staff_hours",
                                                   "mentor_hours"],
                    "properties": {"month": {"type": "string", "pattern": r"^\d{4}-\d{2}$"}},
                    "additionalProperties": _NUMBER_OR_STATS}}}},
        "notes": {"type": "array", "items": {"type": "string"}},
    },
}
"""The JSON Schema of :func:`to_json`'s output (documented in docs/simulation.md)."""
