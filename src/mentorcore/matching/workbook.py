"""A matching as an XLSX workbook for the office: the pairs, the groups, everyone not placed
(unmatched, not eligible, not matched by this model) with the reasons, and a summary with the
requirements as applied — one sheet each, no formula cells (:mod:`mentorcore.spreadsheets`).

People appear by id only. With ``--show-names`` each identifying field of the participant list
(name, e-mail, phone…) has a column of its own (``identities`` maps an id to its fields' values,
in the order of ``fields``); special-category fields are never among them. The file holds
personal data then, and the command writes it 0600.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from mentorcore.i18n import _
from mentorcore.matching.formats import solver_label, unit_label
from mentorcore.matching.result import MatchResult, Member
from mentorcore.spreadsheets import Sheet, write_xlsx

__all__ = ["Identities", "workbook"]

Identities = tuple[tuple[str, ...], Mapping[str, tuple[str, ...]]]
"""The identifying fields' labels, and each person's values of them (by id): what
:func:`mentorcore.matching.formats.identities` holds as ``fields`` and ``columns``."""


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    value = round(float(value), 6)
    return int(value) if value.is_integer() else value


def workbook(result: MatchResult, identities: Identities | None = None) -> bytes:
    """The bytes of the workbook of ``result``; ``identities`` adds the identifying fields."""
    fields: Sequence[str] = identities[0] if identities else ()
    values = identities[1] if identities else {}

    def who(member: Member | None) -> tuple[Any, ...]:
        if member is None:
            return ("", "", *("" for _f in fields))
        return (member.id, member.role, *values.get(member.id, ("",) * len(fields)))

    def columns(suffix: str = "") -> tuple[str, ...]:
        return (_("id") + suffix, _("role") + suffix, *(f + suffix for f in fields))

    pairs = Sheet(
        _("pairs"), (_("group"), *columns(" 1"), *columns(" 2"), _("score"), _("reasons")),
        tuple((p.group or "", *who(p.members[0]), *who(p.members[1]), _number(p.score),
               "; ".join(p.reasons)) for p in result.pairs),
        types={2 * (2 + len(fields)) + 1: "number"})
    groups = Sheet(
        _("groups"), (_("group"), _("place"), *columns(), _("size")),
        tuple((g.id, _("leader") if m in g.leaders else _("member"), *who(m), g.size)
              for g in result.groups for m in (*g.leaders, *g.members)),
        types={len(columns()) + 2: "integer"})
    left: list[tuple[Any, ...]] = []
    for item in result.unmatched:
        left.append((*who(item.member), _("unmatched"), item.candidates,
                     "; ".join(item.reasons)))
    for status, people in ((_("not eligible"), result.not_eligible),
                           (_("not matched by this model"), result.not_matched)):
        for person in people:
            left.append((*who(person.member), status, None, "; ".join(person.reasons)))
    unplaced = Sheet(_("not placed"), (*columns(), _("status"), _("candidates"), _("reasons")),
                     tuple(left), types={len(columns()) + 1: "integer"})
    s = result.summary
    rows: list[tuple[Any, ...]] = [
        (_("model"), result.model), (_("unit"), unit_label(result)),
        (_("solver"), solver_label(result.solver)),
        (_("seed"), result.seed), (_("people read"), s.rows), (_("pairs"), s.pairs),
        (_("groups"), s.groups), (_("total score"), _number(s.total_score)),
        (_("mean score"), _number(s.mean_score))]
    for label, counts in ((_("participants"), s.participants), (_("placed"), s.placed),
                          (_("unmatched"), s.unmatched), (_("not eligible"), s.not_eligible),
                          (_("not matched by this model"), s.not_matched)):
        rows += [(f"{label}: {result.role_name(role)}", count) for role, count in counts]
    if s.capacity is not None:
        rows.append((_("places used"), f"{s.capacity_used}/{s.capacity}"))
    if s.places is not None:
        rows.append((_("places"), s.places.describe()))
    for use in result.requirements:
        rows.append((_("requirement") + f": {result.role_name(use.role)} '{use.requirement}'",
                     f"{use.text} — {use.describe()}"))
    summary = Sheet(_("summary"), (_("what"), _("value")), tuple(rows))
    return write_xlsx([summary, pairs, groups, unplaced])
