"""The model's participant schema applied to a sheet: which columns are kept, refused or
dropped, and each cell turned into the typed value of its declared field.

Only the fields the model declares in ``participant_data.fields`` are kept; a column that looks
like special-category data (:mod:`mentorcore.matching.special_categories`) is refused unless
declared as such. Cells become ``str`` (text, checked against the allowed values), ``float``
(numbers, also ``1,5`` and ``−2``), ``tuple[str, ...]`` (lists, split at ``;`` or ``|``),
``datetime.date`` (``2025-03-31`` or ``31.3.2025``) or ``bool`` (also kyllä/ei, ja/nej);
a cell that holds a formula or starts like one is refused. Every problem of the file is
reported at once, by row and column.

:func:`load_participants` reads a file (:mod:`mentorcore.matching.sheets`) and applies the
schema; :func:`participants_from_records` applies it to Python maps.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from mentorcore.dates import read_date
from mentorcore.i18n import _, ngettext
from mentorcore.matching import problems
from mentorcore.matching.participants import Participants
from mentorcore.matching.plan import Places, place_rule
from mentorcore.matching.problems import Collector, failure
from mentorcore.matching.sheets import Cell, Sheet, read_sheet, shown_column
from mentorcore.matching.special_categories import category_label, special_category_of
from mentorcore.model import ParticipantField, Programme
from mentorcore.spelling import did_you_mean, normalise

__all__ = ["FALSE_WORDS", "ID_COLUMN", "ROLE_COLUMN", "TRUE_WORDS", "check_sheet",
           "load_participants", "participants_from_records", "read_cell_text"]

ID_COLUMN = "id"
ROLE_COLUMN = "role"

TRUE_WORDS = frozenset({"true", "yes", "y", "kyllä", "kylla", "k", "ja", "1", "x"})
FALSE_WORDS = frozenset({"false", "no", "n", "ei", "e", "nej", "0"})
MAX_LISTED = 20
"""A message lists at most this many of a header's column names."""
_LIST_SPLIT = re.compile(r"[;|]")
_NUMBERISH = re.compile(r"^[+-][\d\s().,/-]*\d[\d\s().,/-]*$")


def load_participants(path: str | Path, programme: Programme, *, sheet: str | None = None,
                      required_columns: Iterable[str] = ()) -> Participants:
    """Read and check a participant list against ``programme``'s participant schema.

    Raises :class:`~mentorcore.MentorcoreError` with every problem (file, row, column) when the
    list cannot be used; warnings (dropped columns) are in ``Participants.warnings``.
    """
    return check_sheet(read_sheet(path, sheet=sheet), programme, required_columns)


def participants_from_records(records: Iterable[Mapping[str, Any]], programme: Programme, *,
                              source: str = "<records>") -> Participants:
    """The same checks for participants given as Python maps (``{"id": …, "role": …, …}``);
    rows are numbered from 1 in the order given."""
    names: dict[str, int] = {}
    rows: list[tuple[int, dict[str, Cell]]] = []
    for index, record in enumerate(records, start=1):
        cells = {}
        for key, value in record.items():
            name = str(key)
            names.setdefault(name, len(names) + 1)
            if isinstance(value, (list, tuple, set, frozenset)):
                value = tuple(str(v) for v in value)
            cells[name] = Cell(value, index, names[name])
        rows.append((index, cells))
    return check_sheet(Sheet(source, tuple(names.items()), 0, tuple(rows)), programme)


def read_cell_text(value: Any) -> str | None:
    """A raw cell as text (``None`` when empty); XLSX numbers and dates made canonical."""
    if type(value) is str:  # a CSV cell: the common case, first
        return value.strip() or None
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def _looks_like_formula(text: str) -> bool:
    if text[0] in "=@":
        return True
    if text[0] in "+-":
        return len(text) == 1 or not _NUMBERISH.match(text)
    return False


class _Converter:
    """Turns one cell's text into the declared type, or says what was expected."""

    def __init__(self, field: ParticipantField) -> None:
        self.field = field
        self.allowed = {normalise(v): v for v in field.values}
        self.normalised: dict[str, str] = {}  # a list repeats few values: each folded once

    def normalise(self, text: str) -> str:
        found = self.normalised.get(text)
        if found is None:
            if len(self.normalised) > 10_000:
                self.normalised.clear()
            found = self.normalised[text] = normalise(text)
        return found

    def __call__(self, cell: Cell, text: str) -> tuple[Any, str | None]:
        kind = self.field.type
        if kind == "list":
            raw = cell.value if isinstance(cell.value, tuple) else _LIST_SPLIT.split(text)
            items: list[str] = []
            keys: set[str] = set()
            for item in raw:
                item = str(item).strip()
                key = normalise(item)
                if key and key not in keys:  # one value once, however it is spelled
                    keys.add(key)
                    items.append(item)
            for item in items:
                problem = self._allowed(item)
                if problem:
                    return None, problem
            return (tuple(items) or None), None
        if isinstance(cell.value, tuple):
            return None, _("expected one value, found a list")
        if kind == "number":
            return _number(cell.value, text)
        if kind == "boolean":
            word = self.normalise(text)
            if word in TRUE_WORDS:
                return True, None
            if word in FALSE_WORDS:
                return False, None
            return None, _("expected true/false (also kyllä/ei, yes/no, 1/0)")
        if kind == "date":
            return _date(cell.value, text)
        problem = self._allowed(text)
        return (None, problem) if problem else (text, None)

    def _allowed(self, item: str) -> str | None:
        if self.allowed and self.normalise(item) not in self.allowed:
            return _("not one of the allowed values ({values})").format(
                values=", ".join(self.field.values))
        return None


def _number(value: Any, text: str) -> tuple[float | None, str | None]:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    else:
        cleaned = text.replace("\u2212", "-").replace("\u00a0", "").replace(" ", "")
        if "," in cleaned and "." not in cleaned:
            cleaned = cleaned.replace(",", ".")
        try:
            number = float(cleaned)
        except ValueError:
            return None, _("expected a number")
    if not math.isfinite(number):
        return None, _("expected a finite number")
    return number, None


def _date(value: Any, text: str) -> tuple[dt.date | None, str | None]:
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    found = read_date(text)  # never repeated in the message: the cell is personal data
    return (found, None) if found is not None else (
        None, _("expected a date (2025-03-31 or 31.3.2025)"))


def _places_hint(places: Places) -> str:
    if places.each is None:
        return _("leave the cell empty for no limit")
    return ngettext("leave the cell empty for the model's {count} place",
                    "leave the cell empty for the model's {count} places",
                    places.each).format(count=places.each)


def _role_lookup(programme: Programme) -> dict[str, str]:
    """Every way a file may name a role: its id and its display names, case-folded."""
    lookup: dict[str, str] = {}
    for role in programme.roles:
        lookup.setdefault(normalise(role.id), role.id)
        for name in role.name.by_language.values():
            lookup.setdefault(normalise(name), role.id)
    return lookup


def _kept_columns(sheet: Sheet, declared: Mapping[str, ParticipantField],
                  header: Mapping[str, tuple[str, int]], required_columns: Iterable[str],
                  found: Collector) -> list[tuple[ParticipantField, str]]:
    """The header against the schema: the declared columns kept (with their names in the file);
    missing, undeclared and special-category columns reported to ``found``."""
    row = sheet.header_row or None
    if ID_COLUMN not in header and ROLE_COLUMN not in header:
        # no header row: the first row may be a participant's own cells, never quoted
        found.add(problems.MISSING_COLUMN,
                  _("the first row is not a header: it has no column 'id' and no column "
                    "'role'"), row, None,
                  hint=_("a participant list starts with a header row naming its columns "
                         "(id, role and the model's fields)"))
        return []
    for required in (ID_COLUMN, ROLE_COLUMN):
        if required not in header:
            names = [shown_column(n) for n, _number in sheet.header]
            found.add(problems.MISSING_COLUMN,
                      _("missing column '{column}'").format(column=required), row, None,
                      hint=_("columns found: {columns}").format(
                          columns=", ".join(names[:MAX_LISTED]
                                            + (["…"] if len(names) > MAX_LISTED else []))))
    kept: list[tuple[ParticipantField, str]] = []
    for key, (name, number) in header.items():
        if key in (ID_COLUMN, ROLE_COLUMN):
            continue
        field = declared.get(key)
        category = special_category_of(name)
        if field is None:
            if category is not None:
                found.add(problems.SPECIAL_CATEGORY,
                          _("column '{column}' looks like special-category data ({category}) "
                            "and the model does not declare it").format(
                                column=shown_column(name), category=category_label(category)),
                          row, number, hint=_("remove the column from the file; it is not "
                                              "needed"))
            else:
                found.add(problems.UNDECLARED_COLUMN,
                          _("column '{column}' is not declared by the model and is "
                            "dropped").format(column=shown_column(name)), row,
                          number, hint=did_you_mean(name, [f.id for f in declared.values()]))
            continue
        if category is not None and field.special_category is None:
            found.add(problems.SPECIAL_CATEGORY,
                      _("column '{column}' looks like special-category data ({category}) but "
                        "the model declares it without special_category").format(
                            column=shown_column(name), category=category_label(category)),
                      row, number,
                      hint=_("add special_category: {category} to the field in "
                             "participant_data, with its lawful basis").format(
                                 category=category))
            continue
        kept.append((field, name))
    for field in declared.values():
        if field.required and normalise(field.id) not in header:
            found.add(problems.MISSING_COLUMN, _("missing column '{column}', which the model "
                                                 "requires").format(column=field.id), row, None)
    for name in required_columns:
        if normalise(name) not in header and normalise(name) in declared and \
                not declared[normalise(name)].required:
            found.add(problems.MISSING_COLUMN, _("missing column '{column}', which the "
                                                 "matching rules use").format(column=name),
                      row, None)
    return kept


def check_sheet(sheet: Sheet, programme: Programme,
                required_columns: Iterable[str] = ()) -> Participants:
    """Apply the model's participant schema to a sheet: the privacy and type checks."""
    found = Collector(sheet.display)
    declared = {normalise(f.id): f for f in
                (programme.participant_data.fields if programme.participant_data else ())}
    header = {normalise(name): (name, number) for name, number in sheet.header}
    column_key = {name: normalise(name) for name, _number in sheet.header}
    row = sheet.header_row or None
    kept = _kept_columns(sheet, declared, header, required_columns, found)
    found.raise_if_any()
    if not sheet.rows:
        raise failure(problems.EMPTY, _("the file has a header but no participant rows"),
                      sheet.display, sheet.header_row or None)

    roles = _role_lookup(programme)
    places = place_rule(programme)  # each mentor's own number of places must be one of these
    role_of: dict[str, str | None] = {}  # a role as written → the role id
    role_ids = [r.id for r in programme.roles]
    converters = {field.id: _Converter(field) for field, _name in kept}
    field_key = {field.id: normalise(field.id) for field, _name in kept}
    ids: list[str] = []
    person_roles: list[str] = []
    person_rows: list[int] = []
    columns: dict[str, list[Any]] = {field.id: [] for field, _name in kept}
    ignored: dict[str, int] = {}
    seen_ids: dict[str, int] = {}
    id_name = header[ID_COLUMN][0]
    role_name = header[ROLE_COLUMN][0]
    for row_number, cells in sheet.rows:
        texts: dict[str, tuple[Cell, str | None]] = {}
        bad = False
        for name, cell in cells.items():
            text = read_cell_text(cell.value) if not isinstance(cell.value, tuple) else \
                (";".join(cell.value) or None)
            if cell.formula or (text is not None and _looks_like_formula(text)):
                key = column_key.get(name) or normalise(name)
                if key in declared or key in (ID_COLUMN, ROLE_COLUMN):
                    found.add(problems.FORMULA, _("column '{column}': the cell holds a formula "
                                                  "or starts like one (=, +, -, @)").format(
                                                      column=name), cell.row, cell.column,
                              hint=_("type the value itself; formulas are refused"))
                    bad = True
                continue
            texts[column_key.get(name) or normalise(name)] = (cell, text)
        _id_cell, id_text = texts.get(ID_COLUMN, (None, None))
        role_cell, role_text = texts.get(ROLE_COLUMN, (None, None))
        if id_text is None and not bad:
            found.add(problems.MISSING_VALUE,
                      _("column '{column}': the row has no id").format(column=id_name),
                      row_number, header[ID_COLUMN][1])
            bad = True
        elif id_text is not None:
            if id_text in seen_ids:
                found.add(problems.DUPLICATE_ID,
                          _("column '{column}': duplicate id (also row {row})").format(
                              column=id_name, row=seen_ids[id_text]),
                          row_number, header[ID_COLUMN][1])
                bad = True
            else:
                seen_ids[id_text] = row_number
        role = None
        if role_text is None:
            if role_cell is not None or ROLE_COLUMN not in texts:
                found.add(problems.MISSING_VALUE,
                          _("column '{column}': the row has no role").format(column=role_name),
                          row_number, header[ROLE_COLUMN][1],
                          hint=_("roles: {roles}").format(roles=", ".join(role_ids)))
            bad = True
        else:
            if role_text not in role_of:
                role_of[role_text] = roles.get(normalise(role_text))
            role = role_of[role_text]
            if role is None:
                found.add(problems.UNKNOWN_ROLE,
                          _("column '{column}': unknown role").format(column=role_name),
                          row_number, header[ROLE_COLUMN][1],
                          hint=did_you_mean(normalise(role_text), role_ids)
                          or _("roles of the model: {roles}").format(roles=", ".join(role_ids)))
                bad = True
        values: dict[str, Any] = {}
        for field, name in kept:
            found_cell, text = texts.get(field_key[field.id], (None, None))
            applies = role is None or not field.roles or role in field.roles
            if text is None or found_cell is None:
                if field.required and applies and role is not None:
                    found.add(problems.MISSING_VALUE,
                              _("column '{column}': required for role {role} but empty").format(
                                  column=name, role=role),
                              row_number, header[field_key[field.id]][1])
                    bad = True
                values[field.id] = None
                continue
            if not applies:
                ignored[name] = ignored.get(name, 0) + 1
                values[field.id] = None
                continue
            value, problem = converters[field.id](found_cell, text)
            if problem:
                found.add(problems.WRONG_VALUE, _("column '{column}': {problem}").format(
                    column=name, problem=problem), found_cell.row, found_cell.column)
                bad = True
            elif places is not None and field.id == places.column and \
                    role in places.roles and value is not None and not places.admits(value):
                found.add(problems.PLACES_OUT_OF_RANGE,
                          _("column '{column}': {allowed}, the places {source} allows").format(
                              column=name, allowed=places.allowed(), source=places.source()),
                          found_cell.row, found_cell.column, hint=_places_hint(places))
                bad = True
            values[field.id] = value
        if bad:
            continue
        assert id_text is not None and role is not None  # a row without either is bad
        ids.append(id_text)
        person_roles.append(role)
        person_rows.append(row_number)
        for field_id, value in values.items():
            columns[field_id].append(value)
    for field, name in kept:
        if name in ignored:
            found.add(problems.IGNORED_VALUES,
                      ngettext("column '{column}': {count} value in rows of roles other than "
                               "{roles} ignored",
                               "column '{column}': {count} values in rows of roles other than "
                               "{roles} ignored", ignored[name]).format(
                                   column=name, count=ignored[name],
                                   roles=", ".join(field.roles)),
                      row, header[field_key[field.id]][1])
    found.raise_if_any()
    return Participants(source=sheet.display, ids=tuple(ids), roles=tuple(person_roles),
                        rows=tuple(person_rows), fields=tuple(f for f, _name in kept),
                        values={f.id: tuple(columns[f.id]) for f, _name in kept},
                        warnings=tuple(found.warnings))

