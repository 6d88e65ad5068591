"""The cohort a simulation runs: who is in which unit (and which group).

A cohort is *synthetic* — generated from the model: how many units (``--pairs`` or the
model's ``cohort_size`` assumption, else its group size), members named by role (``mentor-3``,
``mentee-3``), the target group's description carried along — or comes from a file
(``--participants FILE``):

* a *participant list* (one person a row, with ``id`` and ``role`` columns, as
  ``mentorcore match`` reads it): checked against the model's participant schema and matched
  with the model's rules (:mod:`mentorcore.matching`); those left unmatched are not simulated;
* a *units file* of already-formed units, checked against the model.

A units file is CSV (or YAML, a list of maps with the same keys): one row per unit, a column per
role of the unit that meets (``mentor``, ``mentee``…; several people in one cell separated by
``;``), optionally ``unit`` (its id) and ``group`` (the group it belongs to)::

    unit,mentor,mentee,group
    pair-a,Mentor A,Mentee A,g1
    pair-b,Mentor B,Mentee B,g1

A header names a column by its id, by the words mentorcore's own outputs write for it in
Finnish, Swedish or English (``Yksikkö``/``Enhet``, ``Ryhmä``/``Grupp``: the timeline and match
CSVs) or, for a role, by the role's name in any language of the model (``mentoroitava``),
compared as people read text (:func:`mentorcore.spelling.normalise`): the same
header means the same column in every file, and two columns meaning the same one are an error.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from mentorcore.checks import IO
from mentorcore.diagnostics import Diagnostic, MentorcoreError
from mentorcore.i18n import _, pgettext
from mentorcore.loading.structure import MAX_COHORT
from mentorcore.records import record
from mentorcore.simulation.plan import Plan
from mentorcore.simulation.problems import BAD_UNITS_FILE

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from mentorcore.model import Programme
    from mentorcore.plugins import Registry

__all__ = [
    "MAX_UNITS", "Cohort", "default_size", "file_cohort", "matched_cohort", "synthetic_cohort",
    "units_file_cohort",
]

MAX_UNITS = MAX_COHORT  # the model's bound on cohort_size (docs/authoring.md, "Bounds"): --pairs
# and --set cohort_size cannot ask for more either (9e6 took 2.5 GB and an internal error)


@record(kw_only=True)
class Cohort:
    """``size`` units of the model's meeting unit; ``groups`` gives each unit's group (index
    into ``group_ids``) when groups are formed."""

    size: int
    source: str
    unit: str
    member_roles: tuple[str, ...]
    unit_ids: tuple[str, ...] | None = None
    member_ids: tuple[tuple[str, ...], ...] | None = None
    groups: tuple[int, ...] | None = None
    group_ids: tuple[str, ...] | None = None
    target_group: dict[str, Any] = attrs.field(factory=dict)
    matched: bool = False
    """True when the units were formed by matching a participant list."""

    def unit_id(self, index: int) -> str:
        if self.unit_ids is not None:
            return self.unit_ids[index]
        return f"{self.unit}-{index + 1}"

    def members(self, index: int) -> tuple[str, ...]:
        if self.member_ids is not None:
            return self.member_ids[index]
        number = index + 1
        roles = self.member_roles
        counts: dict[str, int] = {}
        for role in roles:
            counts[role] = counts.get(role, 0) + 1
        seen: dict[str, int] = {}
        names = []
        for role in roles:
            seen[role] = seen.get(role, 0) + 1
            names.append(f"{role}-{number}" if counts[role] == 1
                         else f"{role}-{number}.{seen[role]}")
        return tuple(names)

    def group_id(self, group: int) -> str:
        if self.group_ids is not None:
            return self.group_ids[group]
        return f"group-{group + 1}"

    def group_index(self, groups: int) -> NDArray[np.int64]:
        """Each unit's group as a NumPy array, for ``groups`` groups of a synthetic cohort."""
        import numpy as np

        if self.groups is not None:
            return np.asarray(self.groups, dtype=np.int64)
        if groups <= 0:
            return np.full(self.size, -1, dtype=np.int64)
        return (np.arange(self.size, dtype=np.int64) * groups) // max(self.size, 1)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"source": self.source, "unit": self.unit, "units": self.size,
                                "members_per_unit": len(self.member_roles)}
        if self.target_group:
            data["target_group"] = self.target_group
        return data


def synthetic_cohort(plan: Plan, units: int | None = None) -> Cohort:
    """A synthetic cohort of ``units`` units (default: from the model's assumptions)."""
    if units is None:
        units = default_size(plan)
    if units < 1:
        raise MentorcoreError.single(BAD_UNITS_FILE, _("a cohort needs at least one unit"),
                                     exit_code=2, hint=_("give --pairs 1 or more"))
    if units > MAX_UNITS:
        raise MentorcoreError.single(BAD_UNITS_FILE, _("{units} units is more than the "
                                                       "simulation handles ({limit})").format(
                                                           units=units, limit=MAX_UNITS),
                                     exit_code=2)
    return Cohort(size=units, source="synthetic", unit=plan.unit,
                  member_roles=plan.member_roles, target_group=plan.target_group)


def default_size(plan: Plan) -> int:
    """Units in a synthetic cohort: the ``cohort_size`` assumption (in the meeting unit, or in
    people), else the largest group the model allows, else 10."""
    if plan.cohort_size is not None:
        unit = plan.cohort_size_unit or plan.unit
        if unit in ("person", "mentee", "participant") and len(plan.member_roles) > 2:
            return max(1, math.ceil(plan.cohort_size / len(plan.member_roles)))
        return max(1, round(plan.cohort_size))
    if plan.group is not None:
        return max(1, plan.group_high)
    return 10


def _problem(message: str, file: str, line: int | None = None,
             hint: str | None = None, column: int | None = None) -> Diagnostic:
    return Diagnostic(rule=BAD_UNITS_FILE.id, severity=BAD_UNITS_FILE.severity, message=message,
                      file=file, line=line, column=column or (1 if line else None), hint=hint)


def _rows(path: Path, plan: Plan
          ) -> tuple[tuple[str, ...], list[tuple[int, dict[str, Any]]], list[Diagnostic]]:
    """A units file's rows (their line) and cells by column — the column's meaning
    (:func:`_header_names`: ``unit``, ``group``, a role id) where the header names one, else the
    header as written — read with the guards of a participant list
    (:func:`mentorcore.matching.sheets.read_sheet`: a regular file only, the size, row and cell
    limits, no control characters, every quote closed; problems at row and column, never a
    cell's text). The problems: two columns meaning the same one."""
    from mentorcore.matching.sheets import Caps, column_letter, read_sheet
    from mentorcore.spelling import normalise

    sheet = read_sheet(path, caps=Caps(yaml_key="units"))
    names = _header_names(plan)
    meaning = {name: names.get(normalise(name), name.strip()) for name, _number in sheet.header}
    known = {name for name, _number in sheet.header if normalise(name) in names}
    problems: list[Diagnostic] = []
    if sheet.header_row:  # CSV or XLSX: one header row, its columns by number and letter
        first: dict[str, tuple[str, int]] = {}
        for name, number in sheet.header:
            key = meaning[name]
            # both headers are words a units file may use (the first means what the second,
            # a known one, does), never a cell's text
            if key in first and name in known:
                earlier, at = first[key]
                problems.append(_problem(
                    _("columns {first} ({first_letter}) and {second} ({second_letter}) both "
                      "give {what}").format(
                        first=_quoted(earlier), first_letter=column_letter(at),
                        second=_quoted(name), second_letter=column_letter(number),
                        what=_meaning(key)),
                    str(path), sheet.header_row, column=number))
            first.setdefault(key, (name, number))
    else:  # YAML: each map's keys
        for _row, cells in sheet.rows:
            keys: dict[str, str] = {}
            for name, cell in cells.items():
                key = meaning[name]
                if key in keys and name in known:
                    problems.append(_problem(
                        _("keys {first} and {second} both give {what}").format(
                            first=_quoted(keys[key]), second=_quoted(name),
                            what=_meaning(key)),
                        str(path), cell.row, column=cell.column))
                keys.setdefault(key, name.strip())
    return tuple(meaning[name] for name, _number in sheet.header), [
        (row, {meaning[name]: cell.value for name, cell in cells.items()})
        for row, cells in sheet.rows], problems


def _quoted(header: str) -> str:
    return f"'{header.strip()}'"


def _meaning(key: str) -> str:
    """What a units file's column gives, in words: the unit, the group, or a role (by id: the
    column's documented header)."""
    if key == "unit":
        return pgettext("units file column", "the unit")
    if key == "group":
        return pgettext("units file column", "the group")
    return pgettext("units file column", "role '{role}'").format(role=key)


def _header_names(plan: Plan) -> dict[str, str]:
    """Every header a units file may give a column, normalised, → the column it names:
    ``unit`` (also ``id``), ``group`` and each role of the unit that meets, by id, by the words
    mentorcore's outputs write for them in each of its languages (the timeline CSV's
    ``Yksikkö``/``Enhet``, the match CSV's ``Ryhmä``/``Grupp``, the meeting log's unit column)
    and, for a role, by its names in the model (``mentoroitava``). Ids win over words."""
    from mentorcore.i18n import LANGUAGES, context_translator, translator
    from mentorcore.spelling import normalise

    roles = tuple(dict.fromkeys(plan.member_roles))
    names: dict[str, str] = {}
    for key in ("unit", "id", "group", *roles):
        names.setdefault(normalise(key), "unit" if key == "id" else key)
        names.setdefault(normalise(key.replace("-", " ").replace("_", " ")),
                         "unit" if key == "id" else key)
    for code in LANGUAGES:
        pgettext, gettext = context_translator(code), translator(code)
        for word in (pgettext("timeline CSV column", "unit"), gettext("Unit")):
            names.setdefault(normalise(word), "unit")
        names.setdefault(normalise(pgettext("match CSV column", "group")), "group")
    for role in roles:
        for name in plan.role_names.get(role, ()):
            names.setdefault(normalise(name), role)
    return names


def _suggestion(key: str, plan: Plan) -> str | None:
    """"did you mean `mentoroitava`?" for an unknown header: the closest of the ids and of the
    model's role names (as the model writes them), in the language of the run."""
    from mentorcore.spelling import closest, normalise

    roles = tuple(dict.fromkeys(plan.member_roles))
    known = {normalise(name): name for name in ("unit", "group", *roles)}
    for role in roles:
        for name in plan.role_names.get(role, ()):
            known.setdefault(normalise(name), name)
    found = closest(normalise(key), list(known))
    return None if found is None else _("did you mean `{word}`?").format(word=known[found])


def _people(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value).replace("|", ";").split(";") if part.strip()]


def _is_participant_list(path: Path) -> bool:
    """A participant list has a ``role`` column; a units file has a column per role."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return True
    try:
        with path.open(encoding="utf-8-sig", errors="replace") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    if path.suffix.lower() in (".yaml", ".yml"):
        return any(line.strip().lstrip("- ").startswith("role:") for line in head.splitlines())
    first = head.splitlines()[0] if head else ""
    columns = [c.strip().strip('"').lower() for c in first.replace(";", ",").split(",")]
    return "role" in columns


def file_cohort(plan: Plan, programme: Programme, path: str | Path, *, registry: Registry,
                seed: int = 0) -> Cohort:
    """The cohort of a participant list (matched with the model's rules) or of a units file."""
    path = Path(path)
    if not path.is_file():
        raise MentorcoreError.single(IO, _("file not found") if not path.exists()
                                     else _("not a regular file"), file=str(path), exit_code=2)
    if _is_participant_list(path):
        return matched_cohort(plan, programme, path, seed=seed, registry=registry)
    return units_file_cohort(plan, path)


def matched_cohort(plan: Plan, programme: Programme, path: str | Path, *,
                   registry: Registry, seed: int = 0) -> Cohort:
    """Read a participant list, form the model's units with :func:`mentorcore.matching.match`
    and make them the cohort."""
    from mentorcore.matching import load_participants, match

    people = load_participants(path, programme)
    result = match(programme, people, seed=seed, registry=registry)
    name = Path(path).name
    roles = tuple(dict.fromkeys(plan.member_roles))
    unit_ids: list[str] = []
    members: list[tuple[str, ...]] = []
    group_names: list[str] = []
    if result.pairs and len(plan.member_roles) <= 2:
        for number, pair in enumerate(result.pairs, start=1):
            ordered = sorted(pair.members, key=lambda m: roles.index(m.role)
                             if m.role in roles else len(roles))
            unit_ids.append(f"{plan.unit}-{number}")
            members.append(tuple(m.id for m in ordered))
            group_names.append(pair.group or "")
    else:
        for group in result.groups:
            unit_ids.append(group.id)
            members.append(tuple(m.id for m in (*group.leaders, *group.members)))
            group_names.append("")
    if not unit_ids:
        raise MentorcoreError([_problem(
            _("matching formed no units from this participant list"), name,
            hint=_("run `mentorcore match` on it to see why"))])
    groups = group_ids = None
    if plan.group is not None and all(group_names):
        group_ids = tuple(dict.fromkeys(group_names))
        index = {g: i for i, g in enumerate(group_ids)}
        groups = tuple(index[g] for g in group_names)
    unmatched = len(result.unmatched)
    return Cohort(size=len(unit_ids), source=f"{name} (matched"
                  + (f"; {unmatched} unmatched)" if unmatched else ")"),
                  unit=plan.unit, member_roles=plan.member_roles, unit_ids=tuple(unit_ids),
                  member_ids=tuple(members), groups=groups, group_ids=group_ids,
                  matched=True)


def units_file_cohort(plan: Plan, path: str | Path) -> Cohort:
    """Read a units file (CSV or YAML) of already-formed units and check it fits ``plan``."""
    path = Path(path)
    name = str(path)
    header, rows, problems = _rows(path, plan)
    roles = tuple(dict.fromkeys(plan.member_roles))
    allowed = {"unit", "group", *roles}
    columns: dict[str, int] = dict.fromkeys(header, 1)
    for line, row in rows:
        for key in row:
            columns.setdefault(key, line)
    if columns and not set(columns) & allowed:  # no header: the first row may name people
        raise MentorcoreError([_problem(
            _("the first row is not a header: it names none of the columns {columns}").format(
                columns=", ".join(["unit", *roles] + (["group"] if plan.group else []))),
            name, 1)])
    for key, line in columns.items():
        if key not in allowed:
            hint = _suggestion(key, plan) or (
                _("a units file for unit '{unit}' has the columns {columns}").format(
                    unit=plan.unit,
                    columns=", ".join(["unit", *roles] + (["group"] if plan.group else []))))
            # named by its number, never by its text: a first row that is no header names people
            number = header.index(key) + 1 if key in header else None
            problems.append(Diagnostic(
                rule=BAD_UNITS_FILE.id, severity=BAD_UNITS_FILE.severity,
                message=_("column {number} is no column of a units file").format(
                    number=number) if number else _("a key is no column of a units file"),
                file=name, line=1 if line else None, column=number, hint=hint))
    for role in roles:
        if role not in columns:
            problems.append(_problem(
                _("no column '{role}': each '{unit}' of the model has a {role}").format(
                    role=role, unit=plan.unit), name, 1))
    if "group" in columns and plan.group is None:
        problems.append(_problem(_("the model forms no groups of units, but the file has a "
                                   "'group' column"), name, 1, _("leave the column out")))
    if problems:
        raise MentorcoreError(problems)
    if not rows:
        raise MentorcoreError([_problem(_("the file has no units"), name)])
    expected = {role: plan.member_roles.count(role) for role in roles}
    variable = len(plan.member_roles) > 2
    unit_ids: list[str] = []
    members: list[tuple[str, ...]] = []
    group_names: list[str] = []
    seen_units: dict[str, int] = {}
    seen_people: dict[tuple[str, str], int] = {}
    place = {key: number for number, key in enumerate(header, start=1)}  # a column's number
    for line, row in rows:
        unit_id = str(row.get("unit") or f"{plan.unit}-{len(unit_ids) + 1}")
        if unit_id in seen_units:  # ids and names are never quoted: they may name people
            problems.append(_problem(_("the unit's id appears twice (also on line "
                                       "{line})").format(line=seen_units[unit_id]), name, line,
                                     column=place.get("unit")))
        seen_units.setdefault(unit_id, line)
        people: list[str] = []
        for role in roles:
            found = _people(row.get(role))
            if not found:
                problems.append(_problem(_("the unit has no {role}").format(role=role), name,
                                         line, column=place.get(role)))
            elif not variable and len(found) != expected[role]:
                problems.append(_problem(
                    _("the unit has {count} {role}s; a {kind} has {expected}").format(
                        count=len(found), role=role, kind=plan.unit_kind,
                        expected=expected[role]), name, line, column=place.get(role)))
            for person in found:
                holder = (role, person)
                if holder in seen_people and role in plan.exclusive_roles:
                    problems.append(_problem(
                        _("a {role} of this unit is in another unit too (on line "
                          "{line})").format(role=role, line=seen_people[holder]), name, line,
                        column=place.get(role)))
                seen_people.setdefault(holder, line)
            people.extend(found)
        unit_ids.append(unit_id)
        members.append(tuple(people))
        group_names.append(str(row.get("group") or "").strip())
    if problems:
        raise MentorcoreError(problems)
    groups = group_ids = None
    if plan.group is not None and any(group_names):
        if not all(group_names):
            line = rows[group_names.index("")][0]
            raise MentorcoreError([_problem(_("a unit without a group, while others have "
                                              "one"), name, line)])
        group_ids = tuple(dict.fromkeys(group_names))
        index = {g: i for i, g in enumerate(group_ids)}
        groups = tuple(index[g] for g in group_names)
    return Cohort(size=len(unit_ids), source=path.name, unit=plan.unit,
                  member_roles=plan.member_roles, unit_ids=tuple(unit_ids),
                  member_ids=tuple(members), groups=groups, group_ids=group_ids)
