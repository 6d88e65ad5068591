"""The reports and forms the model asks for, made from the meeting log — driven by the model's
``reports:``, ``forms:`` and events, never written for one programme:

* a report at a unit's end (``when: unit_end``) lists every unit the log ends: when, by which
  exit rule, the number of meetings and the themes recorded (Auroras' end report, by the mentor
  to staff); a ``kind: feedback`` report gathers the feedback fields of the meeting forms (the
  fields whose id names feedback: Auroras' ``mentee-feedback``), meeting by meeting;
* an event with ``certificates: true`` gets its certificate list: everyone in a unit that
  completed by the event (and, when the log records who came, attended it) — Matkalla's
  closing event;
* a form filled in at each meeting is given filled in, unit by unit, from the log's rows.

Members are named by role and unit (``mentor of pair-3``) unless ``names`` is true.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from typing import Any, NamedTuple

import attrs

from mentorcore.i18n import _
from mentorcore.model import Programme
from mentorcore.records import record
from mentorcore.simulation.plan import Plan
from mentorcore.tracking.log import Log, meeting_themes, unit_roles
from mentorcore.tracking.logformat import MEETING, each_meeting_forms
from mentorcore.tracking.schedule import Schedule
from mentorcore.tracking.status import Status
from mentorcore.words import Words

__all__ = ["REPORT_FORMATS", "Labelled", "Section", "model_reports", "render_reports"]

REPORT_FORMATS = ("md", "html", "json")


class Labelled(NamedTuple):
    """A model's id in a table (an exit rule's), written as the model words it for people (the
    rule's condition) and as the id in JSON."""

    id: str
    text: str


@record(kw_only=True)
class Section:
    """One report, form or list: a title, what it holds (the model's words) and a table."""

    id: str
    kind: str
    """``report``, ``feedback``, ``certificates`` or ``form``."""
    title: str
    about: tuple[str, ...]
    header: tuple[str, ...]
    rows: tuple[tuple[str | dt.date | Labelled, ...], ...]
    """The table; a date is a :class:`datetime.date`, written as the document's language writes
    dates (``11.1.2027`` in Finnish and Swedish) and in ISO in JSON; a :class:`Labelled` id by
    its text, and by the id in JSON."""


def _say(text: Any, language: str) -> str:
    return "" if text is None else str(text.get(language))


def _people(unit: str, members: Sequence[str], roles: Sequence[str], names: bool) -> list[str]:
    if names:
        return list(members)
    found = []
    for index, _member in enumerate(members):
        role = roles[index] if index < len(roles) else roles[-1] if roles else "member"
        found.append(_("{role} of {unit}").format(role=role, unit=unit))
    return found


def model_reports(programme: Programme, plan: Plan, schedule: Schedule, log: Log,
                  status: Status, language: str, *, names: bool = False) -> tuple[Section, ...]:
    """Every report, certificate list and meeting form of the model, from the log."""
    sections: list[Section] = []
    themes = meeting_themes(programme)
    members = {u.id: u.members for u in status.units}
    by_unit = {u.id: u for u in status.units}
    forms = each_meeting_forms(programme)
    words = Words(language)
    feedback_fields = [(field.id, _say(field.label, language)) for form in forms
                       for field in form.fields if "feedback" in field.id]

    def name(collection: str, item_id: str | None) -> str | None:
        """A phase's or event's name in the language, its id without one."""
        return programme.name_of(collection, item_id, language) if item_id else None

    def role_name(role_id: str) -> str:
        """A role by its name in the language, as the handbook names it (its id without)."""
        return programme.name_of("roles", role_id, language)

    roles = tuple(role_name(role) for role in unit_roles(programme))  # "mentori of pair-1"
    conditions = {rule.id: rule.condition for phase in programme.phases for rule in phase.exits
                  if rule.condition is not None}

    def exit_rule(rule_id: str | None) -> str | Labelled:
        """An exit rule by its condition in the language ("aktori työllistyy …"), else its id."""
        if not rule_id:
            return ""
        condition = conditions.get(rule_id)
        return Labelled(rule_id, _say(condition, language)) if condition is not None else rule_id

    def theme_names(indices: Sequence[int]) -> str:
        return "; ".join(_say(themes[i], language) if 0 <= i < len(themes) else _("other")
                         for i in indices)

    for report in programme.reports:
        about = tuple(_say(item, language) for item in report.contents)
        who = _("by {by} to {to}").format(by=", ".join(role_name(r) for r in report.by),
                                          to=role_name(report.to))
        title = f"{report.id} ({who})"
        if report.kind == "feedback":
            header = (_("unit"), _("date"), *[label for _id, label in feedback_fields])
            rows: list[tuple[str | dt.date | Labelled, ...]] = []
            for entry in log.entries:
                if entry.kind != MEETING or entry.unit is None:
                    continue
                values = [str(entry.fields.get(fid, "")) for fid, _label in feedback_fields]
                if any(values):
                    rows.append((entry.unit, entry.date, *values))
            count = len({row[0] for row in rows})
            about = (*about, _("feedback recorded at {meetings} meetings of {units} "
                               "units").format(meetings=len(rows), units=count))
            sections.append(Section(id=report.id, kind="feedback", title=title, about=about,
                                    header=header, rows=tuple(rows)))
            continue
        if report.when != "unit_end":
            when = words.report_when(report.when, name("phases", report.phase),
                                     name("events", report.event)) or report.when
            sections.append(Section(id=report.id, kind="report", title=title, about=(
                *about, _("made {when}: the log holds no more for it").format(when=when)),
                header=(), rows=()))
            continue
        header = (_("unit"), _("ended"), _("exit"), _("meetings"), _("themes"))
        rows = []
        for unit in status.units:
            if unit.ended is None:
                continue
            rows.append((unit.id, unit.ended, exit_rule(unit.exit), str(unit.meetings),
                         theme_names(by_unit[unit.id].themes)))
        sections.append(Section(id=report.id, kind="report", title=title, about=about,
                                header=header, rows=tuple(rows)))
    for event in schedule.events:
        if not event.certificate:
            continue
        held = [e for e in log.entries if e.kind == event.id]
        date = held[0].date if held else (event.dates[-1] if event.dates else status.today)
        attending = {e.unit for e in held if e.unit is not None}
        rows = []
        for unit in status.units:
            if attending:
                if unit.id not in attending or unit.status == "ended_early":
                    continue
            elif unit.status != "completed":
                continue
            for person in _people(unit.id, members.get(unit.id, ()), roles, names):
                rows.append((person, unit.id))
        about = (_("everyone at the event on {date} whose unit did not end early gets a "
                   "certificate").format(date=words.date(date)) if attending else
                 _("everyone whose unit completed by {date} gets a certificate").format(
                     date=words.date(date)),)
        sections.append(Section(id=f"{event.id}.certificates", kind="certificates",
                                title=_("Certificates: {event}").format(event=event.name),
                                about=about, header=(_("name"), _("unit")), rows=tuple(rows)))
    for form in forms:
        fields = [f for f in form.fields if f.id != "date"]
        header = (_("unit"), _("date"), *[_say(f.label, language) for f in fields])
        rows = []
        for entry in log.entries:
            if entry.kind != MEETING or entry.unit is None:
                continue
            cells: list[str | dt.date] = []
            for field in fields:
                value = entry.fields.get(field.id, "")
                cells.append(value if isinstance(value, dt.date) else str(value))
            rows.append((entry.unit, entry.date, *cells))
        sections.append(Section(id=form.id, kind="form", title=_say(form.name, language),
                                about=(), header=header, rows=tuple(rows)))
    for form in programme.forms:
        if form.used_at in (None, "each_meeting") or form in forms:
            continue
        held = [e for e in log.entries if e.kind == form.used_at]
        if not held and programme.get("events", form.used_at) is None:
            continue  # filled in at a phase: the log does not date it
        rows = [(e.unit or "", e.date) for e in held]
        sections.append(Section(
            id=form.id, kind="form", title=_say(form.name, language),
            about=(_("filled in at {event}: the log records when; the form itself is kept "
                     "apart ({count} times)").format(event=form.used_at, count=len(rows)),),
            header=(_("unit"), _("date")), rows=tuple(rows)))
    return tuple(sections)


def _md_cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render_reports(sections: Sequence[Section], format: str, title: str,
                   language: str) -> str:
    """The reports as Markdown (``md``), one HTML page (``html``) or JSON (``json``); dates in
    ISO in JSON, as ``language`` writes them in the others (``11.1.2027``)."""
    if format == "json":
        import json

        def iso(cell: str | dt.date | Labelled) -> str:
            if isinstance(cell, Labelled):
                return cell.id
            return cell.isoformat() if isinstance(cell, dt.date) else cell

        return json.dumps({"title": title, "reports": [
            {"id": s.id, "kind": s.kind, "title": s.title, "about": list(s.about),
             "header": list(s.header), "rows": [[iso(c) for c in r] for r in s.rows]}
            for s in sections]}, ensure_ascii=False, indent=2) + "\n"
    words = Words(language)

    def text(cell: str | dt.date | Labelled) -> str:
        if isinstance(cell, Labelled):
            return cell.text
        return words.date(cell) if isinstance(cell, dt.date) else cell

    sections = [attrs.evolve(s, rows=tuple(tuple(text(c) for c in r) for r in s.rows))
                for s in sections]
    if format == "html":
        escape = html.escape
        parts = [f"<!DOCTYPE html>\n<html lang=\"{language}\">\n<head>\n<meta charset=\"utf-8\">"
                 f"\n<title>{escape(title)}</title>\n</head>\n<body>\n<main>\n"
                 f"<h1>{escape(title)}</h1>"]
        for section in sections:
            parts.append(f"<section id=\"{escape(section.id)}\">\n<h2>{escape(section.title)}"
                         "</h2>")
            parts += [f"<p>{escape(line)}</p>" for line in section.about]
            if section.header:
                parts.append("<table>\n<thead><tr>" + "".join(
                    f"<th scope=\"col\">{escape(h)}</th>" for h in section.header)
                    + "</tr></thead>\n<tbody>")
                parts += ["<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>"
                          for row in section.rows]
                parts.append("</tbody>\n</table>")
            parts.append("</section>")
        parts.append("</main>\n</body>\n</html>\n")
        return "\n".join(parts)
    lines = [f"# {title}", ""]
    for section in sections:
        lines += [f"## {section.title}", ""]
        lines += [f"{line}" for line in section.about]
        if section.about:
            lines.append("")
        if section.header:
            lines.append("| " + " | ".join(_md_cell(h) for h in section.header) + " |")
            lines.append("|" + "---|" * len(section.header))
            lines += ["| " + " | ".join(_md_cell(str(c)) for c in row) + " |"
                      for row in section.rows]
            lines.append("")
    return "\n".join(lines)
