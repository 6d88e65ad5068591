"""Reading a meeting log: the sheet (CSV, XLSX) checked against the model, row by row.

The file is read by the participant lists' reader (:func:`mentorcore.matching.sheets.
read_sheet`: encodings, ``;`` or ``,``, XLSX formulas, size limits) and held to the same care:
a problem names the file, the row and the column, never the value in a cell; a column whose
name suggests special-category data (GDPR Art. 9: health, religion, ethnic origin…) is refused
(E409) — a meeting log needs none; a column the log does not know is dropped (W410). The rules
of the log itself are in :mod:`mentorcore.tracking.problems`.

Nothing is half-read: when any row has an error, :func:`read_log` raises them all together
(:class:`mentorcore.MentorcoreError`) and gives back nothing.

Example::

    >>> from mentorcore import Library
    >>> from mentorcore.tracking.log import read_log
    >>> programme = Library().programme("auroras-individual")
    >>> log = read_log("meetings.csv", programme, units=["pair-1"])   # doctest: +SKIP
    >>> log.entries[0].kind                                           # doctest: +SKIP
    'meeting'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from mentorcore.dates import read_date
from mentorcore.diagnostics import Diagnostic, MentorcoreError
from mentorcore.i18n import LANGUAGES, _, current
from mentorcore.matching import problems as sheet_problems
from mentorcore.matching.problems import Collector, failure
from mentorcore.matching.schema import read_cell_text
from mentorcore.matching.sheets import Cell, Sheet, read_sheet
from mentorcore.matching.special_categories import category_label, special_category_of
from mentorcore.model import Programme
from mentorcore.records import record
from mentorcore.spelling import did_you_mean, normalise
from mentorcore.tracking import problems
from mentorcore.tracking.logformat import END, MEETING, Column, kinds, log_columns
from mentorcore.words import Words

__all__ = ["COMPLETED", "DROPOUT", "Entry", "Log", "check_log", "meeting_themes", "read_log",
           "unit_roles"]

DROPOUT = "dropout"
"""The exit of an end row when a unit drops out: always known, whether or not the model
names a dropout rule (as in the simulation)."""
COMPLETED = "completed"
"""The exit of an end row when a unit ran its course: always known (as in the simulation),
a completion unless the model names a rule ``completed`` of another kind."""

_NUMBER = re.compile(r"[+-]?\d+([.,]\d+)?")
_FORMULA_START = ("=", "@")


@record(kw_only=True)
class Entry:
    """One row of the log: where it is in the file, the unit (``None``: a programme event),
    the date, the kind (``meeting``, ``end`` or an event id), the roles that attended (empty:
    the whole unit), the exit rule of an end, the themes (indices into the meeting phase's
    themes; ``-1`` another theme) and the meeting form's fields by id."""

    row: int
    unit: str | None
    date: dt.date
    kind: str
    attended: tuple[str, ...] = ()
    exit: str | None = None
    themes: tuple[int, ...] = ()
    fields: Mapping[str, Any] = attrs.field(factory=dict, eq=False)


@record(kw_only=True)
class Log:
    """A checked meeting log: its rows in date order and the warnings about it."""

    source: str
    entries: tuple[Entry, ...]
    warnings: tuple[Diagnostic, ...] = ()

    def of_unit(self, unit: str) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.unit == unit)


def meeting_themes(programme: Programme) -> tuple[Any, ...]:
    """The themes a meeting may record: those of the model's phases with a cadence."""
    return tuple(theme for phase in programme.phases if phase.cadence is not None
                 for theme in phase.themes)


def unit_roles(programme: Programme) -> tuple[str, ...]:
    """The roles of the units that meet (the units the cadences name)."""
    names = {phase.cadence.unit for phase in programme.phases
             if phase.cadence is not None and phase.cadence.unit}
    roles: list[str] = []
    for unit in programme.units:
        if unit.id in names or not names:
            roles += [*unit.roles, *unit.led_by]
    return tuple(dict.fromkeys(roles))


def _text(value: Any) -> str | None:
    """A cell as text, as participant lists read it (:func:`read_cell_text`); a date with a
    time of day is its date, and a YAML list its items joined."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, tuple):
        value = ", ".join(str(v) for v in value)
    return read_cell_text(value)


def _formula(cell: Cell, text: str) -> bool:
    if cell.formula or text.startswith(_FORMULA_START):
        return True
    return text[0] in "+-" and not _NUMBER.fullmatch(text)


def _date(value: Any, text: str) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return read_date(text)


def _items(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;|\n]", text) if part.strip()]


def _header_map(sheet: Sheet, columns: tuple[Column, ...], found: Collector
                ) -> dict[str, tuple[Column, str, int]]:
    """The file's header against the log's columns: each known column with its name and number
    in the file; unknown columns dropped (W410), special-category ones refused (E409)."""
    names: dict[str, Column] = {}
    for column in columns:
        for name in column.names():
            names.setdefault(name, column)
    row = sheet.header_row or None
    kept: dict[str, tuple[Column, str, int]] = {}
    for name, number in sheet.header:
        known = names.get(normalise(name))
        if known is None:
            category = special_category_of(name)
            if category is not None:
                found.add(sheet_problems.SPECIAL_CATEGORY,
                          _("column '{column}' looks like special-category data ({category}); "
                            "a meeting log has no such column").format(
                              column=name, category=category_label(category)),
                          row, number, hint=_("remove the column from the file; it is not "
                                              "needed"))
            else:
                found.add(sheet_problems.UNDECLARED_COLUMN,
                          _("column '{column}' is no column of the meeting log and is "
                            "dropped").format(column=name), row, number,
                          hint=did_you_mean(name, [c.id for c in columns]))
            continue
        if known.id in kept:
            found.add(sheet_problems.BAD_SHAPE, _("columns '{first}' and '{second}' are both "
                                                  "the log's column '{column}'").format(
                                                      first=kept[known.id][1], second=name,
                                                      column=known.id), row, number)
            continue
        kept[known.id] = (known, name, number)
    for required in ("unit", "date", "kind"):
        if required not in kept:
            found.add(problems.MISSING_LOG_COLUMN,
                      _("missing column '{column}'").format(column=required), row, None,
                      hint=_("the blank log of `mentorcore forms MODEL --log` has every "
                             "column"))
    return kept


def _lookup(words: Mapping[str, str], text: str) -> str | None:
    return words.get(normalise(text))


def _ending(words: Mapping[str, str], text: str) -> str | None:
    """The one role whose name ends with ``text`` (``mentori`` for ``yksilömentori``)."""
    key = normalise(text)
    if len(key) < 4:
        return None
    found = {role for word, role in words.items() if word.endswith(key)}
    return found.pop() if len(found) == 1 else None


def _raise_with_warnings(found: Collector, warnings: list[Diagnostic]) -> None:
    """Raise the errors found, with the warnings too, so that nothing goes unsaid."""
    try:
        found.raise_if_any()
    except MentorcoreError as error:
        raise MentorcoreError([*error.diagnostics, *found.warnings, *warnings],
                              exit_code=error.exit_code) from None


def read_log(path: str | Path, programme: Programme, *, units: Collection[str] | None = None,
             start: dt.date | None = None, today: dt.date | None = None,
             sheet: str | None = None, events: Sequence[tuple[str, str]] = ()) -> Log:
    """Read and check the meeting log at ``path`` against ``programme``.

    ``units``: the ids of the units the log may name (from the units file); ``start``: the
    first day of the programme (earlier rows are E705); ``today``: later rows are E704.
    Errors are raised together; warnings are in :attr:`Log.warnings`.
    """
    data = read_sheet(path, sheet=sheet)
    return check_log(data, programme, units=units, start=start, today=today, events=events)


def check_log(data: Sheet, programme: Programme, *, units: Collection[str] | None = None,
              start: dt.date | None = None, today: dt.date | None = None,
              events: Sequence[tuple[str, str]] = ()) -> Log:
    """:func:`read_log` of a sheet already read; ``events``: the plan's events the model does
    not list (id, name), e.g. a group's monthly meetings from an assumption."""
    found = Collector(data.display)
    columns = log_columns(programme)
    header = _header_map(data, columns, found)
    _raise_with_warnings(found, [])
    if not data.rows:
        raise failure(sheet_problems.EMPTY, _("the log has a header but no rows"), data.display,
                      data.header_row or None)
    kind_words: dict[str, str] = {}
    for known in kinds(programme, events):
        for word in known.words:
            kind_words.setdefault(normalise(word), known.id)
    exit_words: dict[str, str] = {}
    for phase in programme.phases:
        for rule in phase.exits:
            exit_words.setdefault(normalise(rule.id), rule.id)
    exit_words.setdefault(DROPOUT, DROPOUT)  # a unit may always drop out
    exit_words.setdefault(COMPLETED, COMPLETED)  # … and always run its course
    role_words: dict[str, str] = {}
    for role_id in unit_roles(programme):
        role = programme.get("roles", role_id)
        role_words.setdefault(normalise(role_id), role_id)
        if role is not None:
            for code in LANGUAGES:
                name = role.name.get(code)  # type: ignore[attr-defined]
                if name:
                    role_words.setdefault(normalise(name), role_id)
    theme_words: dict[str, str] = {}
    for index, theme in enumerate(meeting_themes(programme)):
        theme_words.setdefault(str(index + 1), str(index))
        for code in LANGUAGES:
            if theme.get(code):
                theme_words.setdefault(normalise(theme.get(code)), str(index))
    unit_ids = None if units is None else {normalise(u): u for u in units}
    entries: list[Entry] = []
    seen: dict[tuple[str | None, dt.date, str], int] = {}
    warnings: list[Diagnostic] = []
    for row, cells in data.rows:
        texts: dict[str, tuple[Cell, str]] = {}
        bad = False
        for column_id, (_column, name, _number) in header.items():
            cell = cells.get(name)
            if cell is None:
                continue
            text = _text(cell.value)
            if text is None:
                continue
            if _formula(cell, text):
                found.add(sheet_problems.FORMULA,
                          _("column '{column}': the cell holds a formula or starts like one "
                            "(=, +, -, @)").format(column=name), cell.row, cell.column,
                          hint=_("type the value itself; formulas are refused"))
                bad = True
                continue
            texts[column_id] = (cell, text)

        def position(column_id: str, texts: dict[str, tuple[Cell, str]] = texts,
                     row: int = row) -> tuple[int, int | None]:
            if column_id in texts:
                return texts[column_id][0].row, texts[column_id][0].column
            return row, header[column_id][2] if column_id in header else None

        # the date
        date: dt.date | None = None
        if "date" in texts:
            cell, text = texts["date"]
            date = _date(cell.value, text)
            if date is None:
                found.add(problems.BAD_DATE, _("column '{column}': expected a date (2027-03-31 "
                                               "or 31.3.2027)").format(
                                                   column=header["date"][1]), *position("date"))
                bad = True
            elif today is not None and date > today:
                found.add(problems.FUTURE_DATE, _("column '{column}': the date is after today "
                                                  "({today})").format(
                                                      column=header["date"][1],
                                                      today=Words(current()).date(today)),
                          *position("date"), hint=_("correct the date, or give --today"))
                bad = True
            elif start is not None and date < start:
                found.add(problems.BEFORE_START,
                          _("column '{column}': the date is before the programme started "
                            "({start})").format(column=header["date"][1],
                                                start=Words(current()).date(start)),
                          *position("date"), hint=_("correct the date, or give --start"))
                bad = True
        elif not bad:
            found.add(problems.MISSING_LOG_VALUE, _("column '{column}': the row has no "
                                                    "date").format(column=header["date"][1]),
                      *position("date"))
            bad = True
        # the kind
        kind: str | None = None
        if "kind" in texts:
            kind = _lookup(kind_words, texts["kind"][1])
            if kind is None:
                found.add(problems.UNKNOWN_KIND,
                          _("column '{column}': the kind is neither a meeting, an end nor an "
                            "event of the model").format(column=header["kind"][1]),
                          *position("kind"),
                          hint=_("kinds: {kinds}").format(kinds=", ".join(
                              k.id for k in kinds(programme, events))))
                bad = True
        else:
            found.add(problems.MISSING_LOG_VALUE, _("column '{column}': the row has no "
                                                    "kind").format(column=header["kind"][1]),
                      *position("kind"))
            bad = True
        # the unit
        unit: str | None = None
        if "unit" in texts:
            written = texts["unit"][1]
            if unit_ids is None:
                unit = written
            else:
                unit = unit_ids.get(normalise(written))
                if unit is None:
                    found.add(problems.UNKNOWN_UNIT,
                              _("column '{column}': the unit is not in the units "
                                "file").format(column=header["unit"][1]), *position("unit"),
                              hint=_("add the unit to the units file, or correct its id"))
                    bad = True
        elif kind is not None and kind in (MEETING, END):
            found.add(problems.MISSING_LOG_VALUE,
                      _("column '{column}': a meeting or an end names its unit").format(
                          column=header["unit"][1]), *position("unit"))
            bad = True
        # the exit
        exit_rule: str | None = None
        if "exit" in texts:
            exit_rule = _lookup(exit_words, texts["exit"][1])
            if kind is not None and kind != END:
                found.add(problems.BAD_EXIT, _("column '{column}': only an end row names an "
                                               "exit").format(column=header["exit"][1]),
                          *position("exit"))
                bad = True
            elif exit_rule is None:
                found.add(problems.BAD_EXIT, _("column '{column}': no exit rule of the model "
                                               "has this id").format(column=header["exit"][1]),
                          *position("exit"), hint=_("exits: {exits}").format(
                              exits=", ".join(dict.fromkeys(exit_words.values()))))
                bad = True
        elif kind == END:
            found.add(problems.BAD_EXIT, _("an end row names the exit rule that ended the unit"),
                      *position("exit"), hint=_("exits: {exits}").format(
                          exits=", ".join(dict.fromkeys(exit_words.values()))))
            bad = True
        # who attended
        attended: list[str] = []
        if "attended" in texts:
            unknown = False
            for item in _items(texts["attended"][1]):
                role_found = _lookup(role_words, item) or _ending(role_words, item)
                if role_found is None:
                    unknown = True
                elif role_found not in attended:
                    attended.append(role_found)
            if unknown:
                cell = texts["attended"][0]
                warning = problems.UNKNOWN_ATTENDEE.error(
                    _("column '{column}': who attended names no role of the unit").format(
                        column=header["attended"][1]),
                    hint=_("roles: {roles}").format(roles=", ".join(unit_roles(programme)))
                ).with_position(data.display, cell.row, cell.column)
                warnings.append(warning)
                attended = []
        # themes
        themes: list[int] = []
        if "themes" in texts:
            other = False
            for item in _items(texts["themes"][1]):
                theme = _lookup(theme_words, item)
                if theme is None:
                    other = True
                    if -1 not in themes:
                        themes.append(-1)
                elif int(theme) not in themes:
                    themes.append(int(theme))
            if other:
                cell = texts["themes"][0]
                warnings.append(problems.UNKNOWN_THEME.error(
                    _("column '{column}': a theme is none of the model's themes").format(
                        column=header["themes"][1]),
                    hint=_("the model's themes can be written by name or by number (1–{count})"
                           ).format(count=len(meeting_themes(programme)))).with_position(
                        data.display, cell.row, cell.column))
        # the meeting form's fields
        fields: dict[str, Any] = {}
        for column_id, (column, name, _number) in header.items():
            if column.form is None or column_id not in texts:
                continue
            cell, text = texts[column_id]
            if column.type == "date":
                value = _date(cell.value, text)
                if value is None:
                    found.add(problems.BAD_DATE, _("column '{column}': expected a date "
                                                   "(2027-03-31 or 31.3.2027)").format(
                                                       column=name), cell.row, cell.column)
                    bad = True
                    continue
                fields[column_id] = value
            elif column.type == "number":
                if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                    fields[column_id] = float(cell.value)
                elif _NUMBER.fullmatch(text):
                    fields[column_id] = float(text.replace(",", "."))
                else:
                    found.add(sheet_problems.WRONG_VALUE,
                              _("column '{column}': expected a number").format(column=name),
                              cell.row, cell.column)
                    bad = True
            else:
                fields[column_id] = text
        if bad or date is None or kind is None:
            continue
        key = (unit, date, kind)
        if key in seen:
            warnings.append(problems.DUPLICATE_ROW.error(
                _("the row repeats row {row} (same unit, date and kind): it is counted "
                  "once").format(row=seen[key])).with_position(data.display, row, None))
            continue
        seen[key] = row
        entries.append(Entry(row=row, unit=unit, date=date, kind=kind,
                             attended=tuple(attended), exit=exit_rule, themes=tuple(themes),
                             fields=fields))
    _raise_with_warnings(found, warnings)
    entries.sort(key=lambda e: (e.date, e.row))
    ended: dict[str, Entry] = {}
    for entry in entries:
        if entry.unit is None:
            continue
        if entry.unit in ended and entry.date > ended[entry.unit].date:
            warnings.append(problems.AFTER_END.error(
                _("the unit's row is dated after its end on row {row}").format(
                    row=ended[entry.unit].row)).with_position(data.display, entry.row, None))
        if entry.kind == END:
            ended.setdefault(entry.unit, entry)
    warnings = [*found.warnings, *warnings]
    return Log(source=data.display, entries=tuple(entries), warnings=tuple(warnings))
