"""``track``'s outputs: a table for the terminal, JSON for machines (field names stable, see
docs/tracking.md), an XLSX workbook and an HTML page for the office.

Units are named by their ids (pseudonymous: ``pair-3``); their members' names only when
``names`` is true (``--show-names``). Texts are in the language of the run.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
from collections.abc import Sequence
from typing import Any

from mentorcore.i18n import _, current
from mentorcore.simulation.run import Stats
from mentorcore.tracking.forecast import Forecast
from mentorcore.tracking.status import Status, UnitStatus
from mentorcore.words import Words

__all__ = ["FORMATS", "render", "status_label", "to_data"]

FORMATS = ("table", "json", "xlsx", "html")


def status_label(status: str) -> str:
    """A unit's status in the language of the run."""
    return {"not_started": _("not started"), "on_track": _("on track"), "behind": _("behind"),
            "ahead": _("ahead"), "ended_early": _("ended early"),
            "completed": _("completed")}[status]


def _percent(value: float | None) -> str:
    if value is None or math.isnan(value):
        return "—"
    return f"{100 * value:.0f} %"


def _number(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if current() in ("fi", "sv") else text


def _stats(stats: Stats) -> dict[str, float | None]:
    def clean(value: float) -> float | None:
        return None if math.isnan(value) else round(value, 4)

    return {"p5": clean(stats.p5), "p50": clean(stats.p50), "p95": clean(stats.p95),
            "mean": clean(stats.mean)}


def _date(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _shown(value: dt.date | None) -> str | None:
    """A date as people read it in the language of the run (``11.1.2027`` in Finnish and
    Swedish, ISO in English: :meth:`mentorcore.words.Words.date`); the JSON keeps ISO."""
    return None if value is None else Words(current()).date(value)


def _unit_data(unit: UnitStatus, forecast: Forecast | None, names: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": unit.id, "status": unit.status, "start": _date(unit.start),
        "planned_end": _date(unit.planned_end), "meetings": unit.meetings,
        "expected": {"low": unit.expected_low, "high": unit.expected_high},
        "total": {"low": unit.total_low, "high": unit.total_high},
        "last_meeting": _date(unit.last_meeting), "days_since_last": unit.days_since_last,
        "rhythm_days": unit.rhythm_days, "next_meeting": _date(unit.next_meeting),
        "ended": _date(unit.ended), "exit": unit.exit, "start_event": unit.start_event,
        "alerts": [{"rule": a.rule, "message": a.message} for a in unit.alerts],
    }
    if names:
        data["members"] = list(unit.members)
    if forecast is not None:
        found = forecast.of(unit.id)
        if found is not None:
            data["forecast"] = {"chance": round(found.chance, 4),
                                "meetings": _stats(found.meetings), "alike": found.alike,
                                "widened": found.widened}
    return data


def to_data(status: Status, *, names: bool = False, alerts: bool = False) -> dict[str, Any]:
    """The status as plain data (the JSON output)."""
    forecast = status.forecast if isinstance(status.forecast, Forecast) else None
    programme = status.programme
    data: dict[str, Any] = {
        "model": status.model, "title": status.title, "today": _date(status.today),
        "log": status.log,
        "programme": {
            "start": _date(programme.start), "end": _date(programme.end),
            "phase": programme.phase, "counts": programme.counts,
            "events": [{"id": e.id, "name": e.name, "scope": e.scope,
                        "planned": [_date(d) for d in e.planned], "due": e.due,
                        "held": [_date(d) for d in e.held], "certificate": e.certificate}
                       for e in programme.events],
            "due": [{"date": _date(d.date), "kind": d.kind, "id": d.what, "units": d.units,
                     "overdue": d.overdue} for d in programme.due],
        },
        "units": [_unit_data(u, forecast, names) for u in status.units
                  if not alerts or u.alerts],
        "warnings": list(status.warnings),
    }
    if forecast is not None:
        data["forecast"] = {
            "total": forecast.total, "seed": forecast.seed, "runs": forecast.runs,
            "simulated_units": forecast.simulated_units, "draws": forecast.draws,
            "figures": {name: _stats(value) for name, value in forecast.figures.items()}}
    return data


def _grid(rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for number, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def _unit_rows(status: Status, names: bool, alerts: bool) -> list[list[str]]:
    forecast = status.forecast if isinstance(status.forecast, Forecast) else None
    header = [_("unit"), _("status"), _("meetings"), _("expected"), _("total"),
              _("days since last"), _("next meeting")]
    if forecast is not None:
        header.append(_("chance to reach total"))
    if names:
        header.insert(1, _("members"))
    if alerts:
        header.append(_("alert (rule)"))
    rows = [header]
    for unit in status.units:
        if alerts and not unit.alerts:
            continue
        total = "—" if unit.total_low is None else (
            f"{unit.total_low}–{unit.total_high}" if unit.total_high not in (None, unit.total_low)
            else f"{unit.total_low}")
        row = [unit.id, status_label(unit.status), str(unit.meetings),
               f"{unit.expected_low}–{unit.expected_high}", total,
               f"{unit.days_since_last} / {unit.rhythm_days}",
               _shown(unit.next_meeting) or "—"]
        if forecast is not None:
            found = forecast.of(unit.id)
            row.append(_percent(found.chance if found else None))
        if names:
            row.insert(1, ", ".join(unit.members))
        if alerts:
            row.append("; ".join(f"{a.message} ({a.rule})" for a in unit.alerts))
        rows.append(row)
    return rows


def table(status: Status, *, names: bool = False, alerts: bool = False) -> str:
    """The status as text for a terminal."""
    programme = status.programme
    heading = _("{programme} — status on {date}").format(programme=status.title,
                                                          date=_shown(status.today))
    lines = [heading, ""]
    counts = programme.counts
    lines.append(_("{units} units: {on_track} on track, {behind} behind, {ahead} ahead, "
                   "{completed} completed, {ended_early} ended early, {not_started} not "
                   "started; {meetings} meetings held").format(
                       units=len(status.units), **counts))
    if programme.phase:
        lines.append(_("phase running: {phase}").format(phase=programme.phase))
    lines.append("")
    rows = _unit_rows(status, names, alerts)
    if len(rows) > 1:
        lines += _grid(rows)
    else:
        lines.append(_("no unit needs contact") if alerts else _("no units"))
    if not alerts:
        lines.append("")
        if programme.events:
            lines.append(_("Events against the plan:"))
            for event in programme.events:
                lines.append("  " + _("{event}: {held} held, {due} due by today of {planned} "
                                      "planned").format(event=event.name, held=len(event.held),
                                                        due=event.due,
                                                        planned=len(event.planned)))
        if programme.due:
            lines.append(_("Due next:"))
            for due in programme.due[:8]:
                what = due.name if due.kind == "event" else _("report {report}").format(
                    report=due.what)
                if due.units:
                    what += " " + _("({units} units)").format(units=due.units)
                flag = " " + _("(overdue)") if due.overdue else ""
                lines.append(f"  {_shown(due.date)}  {what}{flag}")
    forecast = status.forecast if isinstance(status.forecast, Forecast) else None
    if forecast is not None and not alerts:
        lines.append("")
        lines.append(_("Forecast ({runs} simulated runs, {units} simulated units, seed {seed}): "
                       "median and 5th–95th percentile").format(
                           runs=forecast.runs, units=forecast.simulated_units,
                           seed=forecast.seed))
        labels = {"meetings_held": _("meetings held in all"),
                  "units_reaching_total": _("units reaching the total of {total}").format(
                      total=forecast.total),
                  "units_completed": _("units completing"),
                  "units_ended_early": _("units ending early or dropping out")}
        for name, stats in forecast.figures.items():
            lines.append(f"  {labels[name]}: {_number(stats.p50)} "
                         f"({_number(stats.p5)}–{_number(stats.p95)})")
    if status.warnings:
        lines.append("")
        lines += status.warnings
    return "\n".join(lines) + "\n"


def html_page(status: Status, *, names: bool = False, alerts: bool = False) -> str:
    """The status as one HTML page (no scripts, no external resources)."""
    rows = _unit_rows(status, names, alerts)
    escape = html.escape
    head = "".join(f"<th scope=\"col\">{escape(cell)}</th>" for cell in rows[0])
    body = "\n".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>"
                     for row in rows[1:])
    text = table(status, names=names, alerts=alerts)
    summary = escape(text.split("\n\n")[1] if "\n\n" in text else "")
    title = escape(f"{status.title} — {_shown(status.today)}")
    return (f"<!DOCTYPE html>\n<html lang=\"{current()}\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{title}</title>\n<style>table{{border-collapse:collapse}}"
            "td,th{border:1px solid #999;padding:.2em .5em;text-align:left}</style>\n"
            f"</head>\n<body>\n<main>\n<h1>{title}</h1>\n<p>{summary}</p>\n"
            f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n"
            f"<pre>{escape(text)}</pre>\n</main>\n</body>\n</html>\n")


def xlsx(status: Status, *, names: bool = False, alerts: bool = False) -> bytes:
    """The status as an XLSX workbook: the units on one sheet, the programme on another."""
    from mentorcore.tracking.sheetio import write_xlsx

    rows = _unit_rows(status, names, alerts)
    notes = [(line, "") for line in table(status, names=names, alerts=alerts).splitlines()
             if line.strip()]
    return write_xlsx(rows[0], rows[1:], title=_("status"), notes=notes,
                      notes_title=_("programme"))


def render(status: Status, format: str, *, names: bool = False, alerts: bool = False
           ) -> str | bytes:
    """The status in one of :data:`FORMATS`."""
    if format == "json":
        return json.dumps(to_data(status, names=names, alerts=alerts), ensure_ascii=False,
                          indent=2) + "\n"
    if format == "xlsx":
        return xlsx(status, names=names, alerts=alerts)
    if format == "html":
        return html_page(status, names=names, alerts=alerts)
    return table(status, names=names, alerts=alerts)
