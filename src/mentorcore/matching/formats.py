"""Rendering a :class:`~mentorcore.matching.result.MatchResult`: ``table`` (for a terminal),
``md`` (Markdown), ``csv`` (one row per pair, group member, unmatched, not eligible or not
matched person, and per requirement) and ``json`` (the documented contract, see
docs/matching.md). Every format lists everyone read: in a unit, unmatched, not eligible (with the
requirements' texts) or not matched by this model (a role the matching does not use), and says
how each requirement was applied ("checked by staff" when it names no attribute).

People appear by id only, unless ``names`` maps ids to names (``--show-names``). CSV cells that a
spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or carriage
return) are neutralised with a leading apostrophe.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from mentorcore.i18n import _, current, ngettext, pgettext
from mentorcore.matching.participants import Participants
from mentorcore.matching.result import Group, MatchResult, Member, Pair, RequirementUse
from mentorcore.spreadsheets import csv_text
from mentorcore.spreadsheets import neutralise as safe_text

if TYPE_CHECKING:
    from mentorcore.plugins import Registry

__all__ = ["FORMATS", "RENDERERS", "csv_header", "identities", "neutralise", "record_label",
           "render", "render_csv", "render_json", "render_markdown", "render_table",
           "solver_label", "to_json", "unit_label"]

FORMATS = ("table", "json", "csv", "md")
Names = Mapping[str, str] | None


class Shown(dict[str, str]):
    """id → the person's identifying fields joined (``Aino Virtanen, aino@example.org``), for
    text; ``fields`` names those fields and ``columns`` holds each person's values of them, so
    spreadsheets give every field a column of its own."""

    fields: tuple[str, ...] = ()
    columns: dict[str, tuple[str, ...]]

    def __init__(self, joined: dict[str, str], fields: tuple[str, ...],
                 columns: dict[str, tuple[str, ...]]) -> None:
        super().__init__(joined)
        self.fields, self.columns = fields, columns


def identities(participants: Participants) -> Shown:
    """id → the person's identifying fields (name, contact…) joined, for ``--show-names``,
    with each field's value apart (:class:`Shown`); a field that is also special-category data
    is never shown."""
    fields = tuple(f.id for f in participants.fields
                   if f.identifying and not f.special_category)
    joined, columns = {}, {}
    for k, ident in enumerate(participants.ids):
        values = tuple("" if participants.values[f][k] is None else str(participants.values[f][k])
                       for f in fields)
        columns[ident] = values
        joined[ident] = ", ".join(v for v in values if v)
    return Shown(joined, fields, columns)


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    value = round(float(value), 6)
    return int(value) if value.is_integer() else value


def _member(member: Member, names: Names) -> dict[str, Any]:
    data: dict[str, Any] = {"id": member.id, "role": member.role}
    if names is not None:
        data["name"] = names.get(member.id, "")
    return data


def _pair(pair: Pair, names: Names) -> dict[str, Any]:
    return {
        "members": [_member(m, names) for m in pair.members],
        "score": _number(pair.score),
        "group": pair.group,
        "reasons": list(pair.reasons),
        "rules": [{"rule": o.rule, "criterion": o.criterion, "hard": o.hard, "met": o.met,
                   "fit": _number(o.fit), "weight": _number(o.weight),
                   "points": _number(o.points)} for o in pair.rules],
    }


def _group(group: Group, names: Names) -> dict[str, Any]:
    return {
        "id": group.id,
        "unit": group.unit,
        "size": group.size,
        "leaders": [_member(m, names) for m in group.leaders],
        "members": [_member(m, names) for m in group.members],
        "pairs": list(group.pairs),
        "balance": group.balance,
        "spread": dict(group.spread),
    }


def to_json(result: MatchResult, names: Names = None) -> dict[str, Any]:
    """The JSON document of a result (a plain dict)."""
    return {
        "model": result.model,
        "unit": result.unit,
        "solver": result.solver,
        "seed": result.seed,
        "participants": result.source,
        "pairs": [_pair(p, names) for p in result.pairs],
        "groups": [_group(g, names) for g in result.groups],
        "unmatched": [{**_member(u.member, names), "candidates": u.candidates,
                       "reasons": list(u.reasons)} for u in result.unmatched],
        "not_eligible": [{**_member(n.member, names), "requirements": list(n.requirements),
                          "reasons": list(n.reasons)} for n in result.not_eligible],
        "not_matched": [{**_member(n.member, names), "reasons": list(n.reasons)}
                        for n in result.not_matched],
        "requirements": [r.to_json() for r in result.requirements],
        "summary": result.summary.to_json(),
        "warnings": [d.to_json() for d in result.warnings],
    }


def render_json(result: MatchResult, names: Names = None) -> str:
    return json.dumps(to_json(result, names), ensure_ascii=False, indent=2) + "\n"


def neutralise(cell: Any) -> Any:
    """A CSV cell a spreadsheet will not run as a formula: ``=1+1`` → ``'=1+1`` (the one guard
    of every output, :func:`mentorcore.spreadsheets.neutralise`); numbers as they are."""
    return safe_text(cell) if isinstance(cell, str) else cell


def solver_label(solver: str) -> str:
    """A solver (``optimal``, ``stable``, ``reciprocal``, ``split``) as people read it, in the
    language of the run (``optimaalinen`` / ``optimal``); the JSON and ``--solver`` keep the
    ids; a solver without a label by its id."""
    labels = {"optimal": pgettext("matching solver", "optimal"),
              "stable": pgettext("matching solver", "stable"),
              "reciprocal": pgettext("matching solver", "reciprocal"),
              "split": pgettext("matching solver", "balanced split")}
    return labels.get(solver, solver)


def unit_label(result: MatchResult) -> str:
    """The unit formed as people read it: its name in the model, else its kind's label
    (``pari`` / ``par``; a plugin's kind by its id)."""
    if result.unit_name:
        return result.unit_name
    from mentorcore.simulation.wording import unit_kind_label

    return unit_kind_label(result.unit_kind or result.unit)


def _requirement(use: RequirementUse, result: MatchResult | None = None) -> str:
    """A requirement as applied: ``mentee 'age': aged 15–20 — applied before matching; 2 not
    eligible``; the role by its name when ``result`` names it."""
    role = result.role_name(use.role) if result is not None else use.role
    text = _("{role} '{requirement}': {text} — {applied}").format(
        role=role, requirement=use.requirement, text=use.text, applied=use.describe())
    if use.not_eligible:
        text += "; " + _("{count} not eligible").format(count=use.not_eligible)
    return text


def csv_header(fields: tuple[str, ...] = ()) -> list[str]:
    """The header row of :func:`render_csv` in the language of the run: ``record, group, id_1,
    role_1, [name_1,] id_2, role_2, [name_2,] score, reasons`` in English (the ids docs/matching.md
    lists), ``Rivi, Ryhmä, Tunniste 1 …`` in Finnish; ``fields``: the identifying fields shown
    (``--show-names``). The row kinds below are labelled by :func:`record_label`."""
    def both(column: str) -> list[str]:
        return [column.format(field=field) for field in fields]

    return [pgettext("match CSV column", "record"), pgettext("match CSV column", "group"),
            pgettext("match CSV column", "id_1"), pgettext("match CSV column", "role_1"),
            *both(pgettext("match CSV column", "{field}_1")),
            pgettext("match CSV column", "id_2"), pgettext("match CSV column", "role_2"),
            *both(pgettext("match CSV column", "{field}_2")),
            pgettext("match CSV column", "score"), pgettext("match CSV column", "reasons")]


def record_label(record: str) -> str:
    """A row kind of :func:`render_csv` (``pair``, ``leader``, ``member``, ``unmatched``,
    ``not_eligible``, ``not_matched``, ``requirement``): its id under English (the documented
    form), under Finnish and Swedish the label a coordinator reads in the spreadsheet (``pari``,
    ``ilman paria`` / ``par``, ``utan par``)."""
    if current() == "en":
        return record
    labels = {"pair": pgettext("match CSV record", "pair"),
              "leader": pgettext("match CSV record", "leader"),
              "member": pgettext("match CSV record", "member"),
              "unmatched": pgettext("match CSV record", "unmatched"),
              "not_eligible": pgettext("match CSV record", "not eligible"),
              "not_matched": pgettext("match CSV record", "not matched by this model"),
              "requirement": pgettext("match CSV record", "requirement")}
    return labels.get(record, record)


def render_csv(result: MatchResult, names: Names = None) -> str:
    """One row per pair, per group member outside pairs, per unmatched, not eligible and not
    matched person, and per requirement of the matched roles; the first cell says which
    (:func:`record_label`), the ids and roles are as the participant list gives them."""
    rows: list[list[Any]] = []
    named = names is not None
    fields: tuple[str, ...] = tuple(getattr(names, "fields", ())) or ("name",)
    columns: Mapping[str, tuple[str, ...]] = getattr(names, "columns", None) or {
        key: (value,) for key, value in (names or {}).items()}
    header = csv_header(fields if named else ())
    blank = [""] * len(fields) if named else []

    def person(m: Member | None) -> list[Any]:
        if m is None:
            return ["", "", *blank]
        return [m.id, m.role] + (list(columns.get(m.id, blank)) if named else [])

    for pair in result.pairs:
        rows.append([neutralise(c) for c in [record_label("pair"), pair.group or "",
                                                  *person(pair.members[0]),
                                                  *person(pair.members[1]),
                                                  _number(pair.score), "; ".join(pair.reasons)]])
    in_pairs = {m.id for p in result.pairs for m in p.members}
    for group in result.groups:
        for m in (*group.leaders, *group.members):
            if m.id not in in_pairs:
                record = "leader" if m in group.leaders else "member"
                rows.append([neutralise(c) for c in [record_label(record), group.id, *person(m),
                                                          *person(None), "", ""]])
    for item in result.unmatched:
        rows.append([neutralise(c) for c in [record_label("unmatched"), "", *person(item.member),
                                                  *person(None), "",
                                                  "; ".join(item.reasons)]])
    for record, people in (("not_eligible", result.not_eligible),
                           ("not_matched", result.not_matched)):
        for left_out in people:
            rows.append([neutralise(c) for c in [record_label(record), "",
                                                      *person(left_out.member),
                                                      *person(None), "",
                                                      "; ".join(left_out.reasons)]])
    for use in result.requirements:
        rows.append([neutralise(c) for c in [record_label("requirement"), "", use.requirement,
                                                  use.role,
                                                  *blank, *person(None), "",
                                                  _requirement(use, result)]])
    return csv_text(header, rows)


def _who(member: Member, names: Names) -> str:
    if names is not None and names.get(member.id):
        return f"{member.id} ({names[member.id]})"
    return member.id


def _plural(word: str, count: int) -> str:
    """An English role name in the plural: ``mentors``, ``Auroras staff members``, ``mentees
    (aktori)`` (the word before a parenthesis)."""
    if count == 1:
        return word
    head, bracket, rest = word.partition(" (")
    if bracket:
        return _plural(head, count) + bracket + rest
    return word[:-1] + "ies" if word.endswith("y") and word[-2:-1] not in "aeiou" else word + "s"


def _summary_line(result: MatchResult) -> str:
    s = result.summary
    english = current() == "en"  # English plurals of the roles' names only in English
    name = result.role_name
    people = ", ".join(_("{count} {role}").format(
        count=count, role=_plural(name(role), count) if english else name(role))
        for role, count in s.participants)
    unmatched = ", ".join(f"{name(role)} {count}" for role, count in s.unmatched) \
        or pgettext("nobody unmatched", "none")
    parts = [f"{people}", ngettext("{count} pair", "{count} pairs", s.pairs).format(
        count=s.pairs)]
    if s.groups:
        parts.append(ngettext("{count} group", "{count} groups", s.groups).format(
            count=s.groups))
    parts.append(_("unmatched: {counts}").format(counts=unmatched))
    if s.pairs:
        parts.append(_("total score {total}, mean {mean}").format(
            total=_number(s.total_score), mean=_number(s.mean_score)))
    if s.capacity is not None:
        parts.append(_("places used {used}/{capacity}").format(used=s.capacity_used,
                                                                capacity=s.capacity))
    if s.places is not None:
        parts.append(s.places.describe())
    if any(count for _role, count in s.not_eligible):
        parts.append(_("not eligible: {counts}").format(
            counts=", ".join(f"{name(role)} {count}" for role, count in s.not_eligible)))
    if s.not_matched:
        parts.append(_("not matched by this model: {counts}").format(
            counts=", ".join(f"{name(role)} {count}" for role, count in s.not_matched)))
    if s.rows is not None:
        parts.append(_("{rows} read = {placed} placed + {unmatched} unmatched + {not_eligible} "
                       "not eligible + {not_matched} not matched").format(
                           rows=s.rows, placed=sum(c for _r, c in s.placed),
                           unmatched=sum(c for _r, c in s.unmatched),
                           not_eligible=sum(c for _r, c in s.not_eligible),
                           not_matched=sum(c for _r, c in s.not_matched)))
    return "; ".join(parts)


def render_table(result: MatchResult, names: Names = None) -> str:
    """Plain text for a terminal."""
    lines = [_("{model}: units: {unit}; solver: {solver} (seed {seed}); from {source}").format(
        model=result.model, unit=unit_label(result), solver=solver_label(result.solver),
        seed=result.seed, source=result.source), ""]
    if result.pairs:
        roles = [result.role_name(m.role) for m in result.pairs[0].members]
        rows = [[_who(p.members[0], names), _who(p.members[1], names), str(_number(p.score)),
                 p.group or "", "; ".join(p.reasons)] for p in result.pairs]
        head = [roles[0], roles[1], pgettext("match table column", "score"),
                pgettext("match table column", "group") if any(p.group for p in result.pairs)
                else "", pgettext("match table column", "reasons")]
        widths = [max(len(r[c]) for r in [head, *rows]) for c in range(4)]
        lines.append(_("Pairs ({count})").format(count=len(result.pairs)))
        for row in [head, *rows]:
            cells = [row[c].ljust(widths[c]) for c in range(4) if widths[c]]
            lines.append("  " + "  ".join(cells + [row[4]]).rstrip())
        lines.append("")
    if result.groups:
        lines.append(_("Groups ({count})").format(count=len(result.groups)))
        for group in result.groups:
            leaders = ", ".join(_who(m, names) for m in group.leaders)
            spread = ", ".join(f"{v} {c}" for v, c in group.spread)
            lines.append(f"  {group.id}: " + ngettext("{count} person", "{count} people",
                                                      group.size).format(count=group.size) +
                         (_(", led by {leaders}").format(leaders=leaders) if leaders else "") +
                         (f"; {group.balance}: {spread}" if spread else ""))
            lines.append("    " + ", ".join(_who(m, names) for m in group.members))
        lines.append("")
    if result.unmatched:
        lines.append(_("Unmatched ({count})").format(count=len(result.unmatched)))
        for item in result.unmatched:
            lines.append(f"  {_who(item.member, names)} ({result.role_name(item.member.role)}): "
                         + "; ".join(item.reasons))
        lines.append("")
    for heading, people in ((_("Not eligible ({count})"), result.not_eligible),
                            (_("Not matched by this model ({count})"), result.not_matched)):
        if people:
            lines.append(heading.format(count=len(people)))
            for left_out in people:
                lines.append(f"  {_who(left_out.member, names)} "
                             f"({result.role_name(left_out.member.role)}): "
                             + "; ".join(left_out.reasons))
            lines.append("")
    if result.requirements:
        lines.append(_("Requirements ({count})").format(count=len(result.requirements)))
        lines.extend(f"  {_requirement(use, result)}" for use in result.requirements)
        lines.append("")
    lines.append(_summary_line(result))
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(result: MatchResult, names: Names = None) -> str:
    """A Markdown report: pairs, groups and unmatched as tables."""
    out = [_("# Matching: {model}").format(model=result.model), "",
           _("Units: {unit}; solver: **{solver}**, seed {seed}; from `{source}`.").format(
               unit=_md(unit_label(result)), solver=solver_label(result.solver),
               seed=result.seed, source=_md(result.source)), "",
           _("**Summary:** {summary}").format(summary=_md(_summary_line(result))), ""]
    if result.pairs:
        roles = [_md(result.role_name(m.role)) for m in result.pairs[0].members]
        out += ["## " + _("Pairs ({count})").format(count=len(result.pairs)), "",
                _("| {first} | {second} | score | group | reasons |").format(
                    first=roles[0], second=roles[1]), "|---|---|---|---|---|"]
        for p in result.pairs:
            out.append(f"| {_md(_who(p.members[0], names))} | {_md(_who(p.members[1], names))} "
                       f"| {_number(p.score)} | {p.group or ''} | "
                       f"{_md('; '.join(p.reasons))} |")
        out.append("")
    if result.groups:
        out += ["## " + _("Groups ({count})").format(count=len(result.groups)), "",
                _("| group | size | leaders | members | spread |"), "|---|---|---|---|---|"]
        for g in result.groups:
            out.append(f"| {g.id} | {g.size} | {_md(', '.join(_who(m, names) for m in g.leaders))}"
                       f" | {_md(', '.join(_who(m, names) for m in g.members))} | "
                       f"{_md(', '.join(f'{v} {c}' for v, c in g.spread))} |")
        out.append("")
    if result.unmatched:
        out += ["## " + _("Unmatched ({count})").format(count=len(result.unmatched)), "",
                _("| id | role | candidates | reasons |"), "|---|---|---|---|"]
        for u in result.unmatched:
            out.append(f"| {_md(_who(u.member, names))} | {_md(result.role_name(u.member.role))} "
                       f"| {u.candidates} | "
                       f"{_md('; '.join(u.reasons))} |")
        out.append("")
    for heading, people in ((_("Not eligible ({count})"), result.not_eligible),
                            (_("Not matched by this model ({count})"), result.not_matched)):
        if people:
            out += ["## " + heading.format(count=len(people)), "",
                    _("| id | role | reasons |"), "|---|---|---|"]
            out.extend(f"| {_md(_who(n.member, names))} | {_md(result.role_name(n.member.role))} | "
                       f"{_md('; '.join(n.reasons))} |" for n in people)
            out.append("")
    if result.requirements:
        out += ["## " + _("Requirements ({count})").format(count=len(result.requirements)), "",
                _("| role | requirement | text | how it is applied | not eligible |"),
                "|---|---|---|---|---|"]
        out.extend(f"| {_md(result.role_name(use.role))} | {use.requirement} | {_md(use.text)} | "
                   f"{_md(use.describe())} | {use.not_eligible} |" for use in result.requirements)
        out.append("")
    return "\n".join(out)


RENDERERS: dict[str, Callable[[MatchResult, Names], str]] = {
    "table": render_table,
    "json": render_json,
    "csv": render_csv,
    "md": render_markdown,
}


def render(result: MatchResult, fmt: str, names: Names = None, *,
           registry: Registry | None = None) -> str | bytes:
    """Render ``result`` in one of :data:`FORMATS`, or a format a plugin registers (``match
    --format NAME``), rendered by the plugins of ``registry`` (default: the default plugin
    set); ``MentorcoreError`` for a format no plugin has."""
    if fmt not in RENDERERS:
        from mentorcore.formats import RenderOptions
        from mentorcore.plugins import Registry, build_plugin_manager

        registry = registry if registry is not None else Registry(build_plugin_manager())
        return registry.render("matching", fmt, result, RenderOptions(names=names))
    return RENDERERS[fmt](result, names)
