"""Participant lists: reading CSV, XLSX and YAML as offices save them, and privacy by schema.

A participant list has one row per person: an ``id``, a ``role`` (a role id of the model, or
one of the role's names, e.g. ``mentori``) and attributes. Only the fields the model declares in
``participant_data.fields`` are kept — every other column is dropped with a warning (W410) and
never reaches an output — and a column that looks like special-category data under GDPR Art. 9
(ethnic origin, refugee background, religion, health…) is refused (E409) unless the model
declares it with ``special_category``.

CSV files may be UTF-8, UTF-8 with a byte-order mark, or Windows-1252 (what Excel saves on a
Finnish Windows), separated by ``;`` or ``,`` (detected from the header). Every problem names
the file, row and column — never the value in the cell.

Example::

    >>> from mentorcore import Library
    >>> from mentorcore.matching import load_participants
    >>> programme = Library().programme("auroras-individual")       # doctest: +SKIP
    >>> people = load_participants("people.csv", programme)           # doctest: +SKIP
    >>> people.count("mentee")                                        # doctest: +SKIP
    12
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from mentorcore.diagnostics import Diagnostic, MentorcoreError
from mentorcore.i18n import _, ngettext
from mentorcore.matching import problems
from mentorcore.model import ParticipantField, Programme
from mentorcore.spelling import did_you_mean

ID_COLUMN = "id"
ROLE_COLUMN = "role"
MAX_ERRORS = 50
"""At most this many problems are listed; the rest are counted."""

SPECIAL_NAMES: dict[str, tuple[str, ...]] = {
    "ethnic_origin": ("ethnic", "ethnicity", "etninen", "etnisyys", "etnicitet", "refugee",
                      "pakolai", "asylum", "turvapaik", "flykting", "mother_tongue_group",
                      "nationality_origin", "country_of_origin", "lahtomaa", "syntyperä",
                      "unaccompanied", "yksintullut"),
    "racial_origin": ("race", "racial", "rotu", "ihonvari", "skin_colour", "skin_color"),
    "religion": ("religion", "religious", "faith", "uskonto", "uskontokunta", "religio",
                 "belief"),
    "health": ("health", "terveys", "disability", "vamma", "diagnos", "sairaus", "illness",
               "medical", "medication", "pregnan", "raskaus", "halsa"),
    "sexual_orientation": ("sexual", "seksuaal", "orientation", "suuntautuminen"),
    "political_opinion": ("politic", "poliitti", "party_member", "puolue"),
    "trade_union": ("trade_union", "union_member", "ammattiliitto", "ay_jasen"),
    "biometric": ("biometric", "fingerprint", "sormenjälki", "face_image", "kasvokuva"),
    "genetic": ("genetic", "geneett", "dna"),
}
"""Words in a column name that suggest GDPR Art. 9 data (English, Finnish, Swedish)."""

TRUE_WORDS = frozenset({"true", "yes", "y", "kyllä", "kylla", "k", "ja", "1", "x"})
FALSE_WORDS = frozenset({"false", "no", "n", "ei", "e", "nej", "0"})
_LIST_SPLIT = re.compile(r"[;|]")
_SPACE = re.compile(r"\s+")
_NUMBERISH = re.compile(r"^[+-][\d\s().,/-]*\d[\d\s().,/-]*$")


def normalise(value: str) -> str:
    """How values are compared: case-folded, trimmed, inner spaces collapsed."""
    return _SPACE.sub(" ", value).strip().casefold()


def special_category_of(column: str) -> str | None:
    """The Art. 9 category a column's name suggests, or ``None``."""
    name = normalise(column).replace(" ", "_").replace("-", "_")
    for category, words in SPECIAL_NAMES.items():
        if any(word in name for word in words):
            return category
    return None


def category_label(category: str) -> str:
    """How a message names a special category: ``ethnic_origin`` → ``ethnic origin``, in the
    language of the run."""
    labels = {
        "ethnic_origin": _("ethnic origin"), "racial_origin": _("racial origin"),
        "religion": _("religion"), "health": _("health"),
        "sexual_orientation": _("sexual orientation"),
        "political_opinion": _("political opinion"), "trade_union": _("trade union"),
        "biometric": _("biometric"), "genetic": _("genetic"),
    }
    return labels.get(category, category.replace("_", " "))


def column_letter(index: int) -> str:
    """Spreadsheet letter of a 1-based column number: 1 → A, 28 → AB."""
    letters = ""
    while index > 0:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


@attrs.frozen(kw_only=True)
class Participants:
    """A checked participant list: who is in it, in which role, with the declared fields only.

    ``values[field][k]`` is the value of person ``k`` (``None`` when empty): ``str`` for text,
    ``float`` for numbers, ``tuple[str, ...]`` for lists, ``datetime.date`` for dates, ``bool``
    for booleans. ``rows[k]`` is the person's row in the file (for messages). ``warnings`` are the
    dropped columns and ignored values.
    """

    source: str
    ids: tuple[str, ...]
    roles: tuple[str, ...]
    rows: tuple[int, ...]
    fields: tuple[ParticipantField, ...]
    values: Mapping[str, tuple[Any, ...]] = attrs.field(eq=False, repr=False)
    warnings: tuple[Diagnostic, ...] = ()

    def __len__(self) -> int:
        return len(self.ids)

    def field(self, name: str) -> ParticipantField | None:
        return next((f for f in self.fields if f.id == name), None)

    def of_role(self, *roles: str) -> list[int]:
        """Indices of the people in any of ``roles``, in file order."""
        wanted = set(roles)
        return [k for k, role in enumerate(self.roles) if role in wanted]

    def count(self, role: str) -> int:
        return sum(1 for r in self.roles if r == role)

    def value(self, name: str, index: int) -> Any:
        column = self.values.get(name)
        return None if column is None else column[index]


# --------------------------------------------------------------------------- reading the files

@attrs.frozen
class Cell:
    """One cell as read: its text (or a typed value from XLSX/YAML) and its place."""

    value: Any
    row: int
    column: int
    formula: bool = False


@attrs.frozen
class Sheet:
    """What a reader gives back: the header (column names with their numbers) and the rows."""

    display: str
    header: tuple[tuple[str, int], ...]
    header_row: int
    rows: tuple[tuple[int, dict[str, Cell]], ...]


class _Problems:
    """Collects problems; raises them together."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.errors: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        self.more = 0

    def add(self, check: Any, message: str, row: int | None = None, column: int | None = None,
            hint: str | None = None) -> None:
        diagnostic = check.error(message, hint=hint).with_position(self.display, row, column)
        if not diagnostic.is_error:
            self.warnings.append(diagnostic)
        elif len(self.errors) < MAX_ERRORS:
            self.errors.append(diagnostic)
        else:
            self.more += 1

    def raise_if_any(self) -> None:
        if not self.errors:
            return
        errors = list(self.errors)
        if self.more:
            errors.append(problems.WRONG_VALUE.error(
                ngettext("… and {count} more problem not shown",
                         "… and {count} more problems not shown", self.more).format(
                             count=self.more),
            ).with_position(self.display, None, None))
        raise MentorcoreError(errors)


def _fail(check: Any, message: str, display: str, row: int | None = None,
          column: int | None = None, hint: str | None = None, exit_code: int = 1) -> MentorcoreError:
    return MentorcoreError([check.error(message, hint=hint).with_position(display, row, column)],
                           exit_code=exit_code)


def _display(path: Path) -> str:
    from mentorcore.loading.document import display_name

    return display_name(path)


def _decode(raw: bytes, display: str) -> str:
    """UTF-8 (with or without BOM) or cp1252; mixed encodings and UTF-16 are refused."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _fail(problems.ENCODING, _("the file is UTF-16 text (Excel's 'Unicode text')"),
                    display, 1, 1, hint=_("save it as 'CSV UTF-8' or 'CSV (semicolon)'"))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    nul = raw.find(b"\0")
    if nul >= 0:
        row = raw.count(b"\n", 0, nul) + 1
        line = raw.split(b"\n")[row - 1]
        raise _fail(problems.ENCODING, _("the file contains a NUL byte: it is not text"),
                    display, row, _cell_number(line, nul - (raw.rfind(b"\n", 0, nul) + 1)),
                    hint=_("save it from the spreadsheet program as 'CSV UTF-8'"))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lines = raw.split(b"\n")
    utf8_rows = [number for number, line in enumerate(lines, start=1)
                 if max(line, default=0) >= 0x80 and _decodes_as_utf8(line)]
    if utf8_rows:
        bad = next(number for number, line in enumerate(lines, start=1)
                   if not _decodes_as_utf8(line))
        raise _fail(problems.ENCODING,
                    _("mixed encodings: row {row} is UTF-8 but this row is not").format(
                        row=utf8_rows[0]),
                    display, bad, _cell_number(lines[bad - 1], _first_bad(lines[bad - 1])),
                    hint=_("save the whole file again as 'CSV UTF-8'"))
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as error:
        row = raw.count(b"\n", 0, error.start) + 1
        line = lines[row - 1]
        start = error.start - (raw.rfind(b"\n", 0, error.start) + 1)
        raise _fail(problems.ENCODING, _("the file is neither UTF-8 nor Windows-1252 text"),
                    display, row, _cell_number(line, start),
                    hint=_("save it as 'CSV UTF-8'")) from None


def _decodes_as_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _first_bad(line: bytes) -> int:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start
    return 0


def _cell_number(line: bytes, offset: int) -> int:
    """The 1-based cell number of a byte offset in a CSV line (counting ; or , before it)."""
    prefix = line[:offset]
    delimiter = b";" if line.count(b";") >= line.count(b",") else b","
    return prefix.count(delimiter) + 1


def _delimiter(header_line: str) -> str:
    unquoted = re.sub(r'"[^"]*"', "", header_line)
    semicolons, commas = unquoted.count(";"), unquoted.count(",")
    if semicolons == 0 and commas == 0 and "\t" in unquoted:
        return "\t"
    return ";" if semicolons >= commas else ","


def read_csv(path: Path, display: str) -> Sheet:
    """Read a CSV file: detect the encoding and the delimiter; keep row and column numbers."""
    raw = _read_bytes(path, display)
    text = _decode(raw, display)
    first = next((line for line in text.splitlines() if line.strip()), None)
    if first is None:
        raise _fail(problems.EMPTY, _("the file is empty"), display,
                    hint=_("a header row with id and role and one row per participant is "
                           "expected"))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first), strict=False)
    header: tuple[tuple[str, int], ...] | None = None
    header_row = 0
    rows: list[tuple[int, dict[str, Cell]]] = []
    found = _Problems(display)
    previous_line = 0
    try:
        for cells in reader:
            row = previous_line + 1
            previous_line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                header = _header(cells, row, found)
                header_row = row
                continue
            if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
                found.add(problems.BAD_SHAPE,
                          _("the row has {cells} cells but the header has {columns}").format(
                              cells=len(cells), columns=len(header)), row, len(header) + 1,
                          hint=_("a value holding the delimiter must be in double quotes"))
                continue
            rows.append((row, {name: Cell(cells[number - 1], row, number)
                               for name, number in header if number <= len(cells)}))
    except csv.Error as error:
        raise _fail(problems.UNREADABLE, _("malformed CSV: {error}").format(error=error), display,
                    reader.line_num) from None
    found.raise_if_any()
    assert header is not None
    return Sheet(display, header, header_row, tuple(rows))


def _header(cells: Sequence[Any], row: int, found: _Problems) -> tuple[tuple[str, int], ...]:
    names: list[tuple[str, int]] = []
    seen: dict[str, int] = {}
    for number, cell in enumerate(cells, start=1):
        name = "" if cell is None else str(cell).strip().lstrip("\ufeff")
        if not name:
            continue
        key = name.casefold()
        if key in seen:
            found.add(problems.BAD_SHAPE,
                      _("column '{column}' appears twice (also column {letter})").format(
                          column=name, letter=column_letter(seen[key])), row, number)
            continue
        seen[key] = number
        names.append((name, number))
    return tuple(names)


def _read_bytes(path: Path, display: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise _fail(problems.UNREADABLE, _("no such file"), display, exit_code=2) from None
    except IsADirectoryError:
        raise _fail(problems.UNREADABLE, _("is a directory"), display, exit_code=2) from None
    except OSError as error:
        raise _fail(problems.UNREADABLE, _("cannot read: {reason}").format(
            reason=error.strerror), display,
                    exit_code=2) from None


def read_xlsx(path: Path, display: str, sheet: str | None = None) -> Sheet:
    """Read the first (or the named) worksheet of an XLSX workbook; formulas are refused."""
    import zipfile

    _read_bytes(path, display)  # reports a missing or unreadable file
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - openpyxl is a dependency
        raise _fail(problems.UNREADABLE, _("reading XLSX needs openpyxl"), display) from None
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise _fail(problems.UNREADABLE, _("not a readable XLSX workbook ({error})").format(
            error=type(error).__name__), display,
                    hint=_("save it from the spreadsheet program as .xlsx, or as CSV")) from None
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise _fail(problems.UNREADABLE,
                        _("no worksheet named '{sheet}'").format(sheet=sheet), display,
                        hint=did_you_mean(sheet, workbook.sheetnames)
                        or _("sheets: {sheets}").format(sheets=", ".join(workbook.sheetnames)),
                        exit_code=2)
        worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
        found = _Problems(display)
        header: tuple[tuple[str, int], ...] | None = None
        header_row = 0
        rows: list[tuple[int, dict[str, Cell]]] = []
        for number, cells in enumerate(worksheet.iter_rows(), start=1):
            values = [getattr(c, "value", None) for c in cells]
            if not any(v is not None and str(v).strip() for v in values):
                continue
            row = getattr(cells[0], "row", None) or number
            if header is None:
                header = _header(values, row, found)
                header_row = row
                continue
            cells_by_name = {}
            for name, column in header:
                if column > len(cells):
                    continue
                cell = cells[column - 1]
                value = getattr(cell, "value", None)
                formula = getattr(cell, "data_type", None) == "f"
                cells_by_name[name] = Cell(value, row, column, formula)
            rows.append((row, cells_by_name))
        found.raise_if_any()
    finally:
        workbook.close()
    if header is None:
        raise _fail(problems.EMPTY, _("the worksheet is empty"), display)
    return Sheet(display, header, header_row, tuple(rows))


def read_yaml(path: Path, display: str) -> Sheet:
    """Read a YAML list of maps (or a map with a ``participants`` list); rows are line numbers."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    raw = _read_bytes(path, display)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _fail(problems.ENCODING, _("a YAML participant list must be UTF-8"), display,
                    raw.count(b"\n", 0, error.start) + 1) from None
    from mentorcore.loading.document import safe_data

    safe_data(text, display)  # refuses tags and duplicate keys, bounds aliases and depth
    yaml = YAML(typ="rt")  # parsed again only for the line of each participant
    yaml.version = (1, 2)
    yaml.allow_duplicate_keys = False
    try:
        data = yaml.load(text)
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise _fail(problems.UNREADABLE, _("malformed YAML: {problem}").format(
            problem=getattr(error, "problem", None) or type(error).__name__), display,
                    mark.line + 1 if mark else None, mark.column + 1 if mark else None) from None
    except Exception as error:  # noqa: BLE001 - ruamel raises several types for bad input
        raise _fail(problems.UNREADABLE, _("malformed YAML ({error})").format(
            error=type(error).__name__), display) from None
    if isinstance(data, dict) and "participants" in data:
        data = data["participants"]
    if data is None or (isinstance(data, list) and not data):
        raise _fail(problems.EMPTY, _("the file lists no participants"), display)
    if not isinstance(data, list):
        raise _fail(problems.UNREADABLE, _("expected a list of participants (one map each)"),
                    display, 1, 1)
    names: dict[str, int] = {}
    rows: list[tuple[int, dict[str, Cell]]] = []
    found = _Problems(display)
    for index, item in enumerate(data):
        line = item_line(data, index)
        if not isinstance(item, dict):
            found.add(problems.BAD_SHAPE, _("participant {number} is not a map").format(
                number=index + 1), line, 1)
            continue
        cells = {}
        for key, value in item.items():
            name = str(key).strip()
            names.setdefault(name, len(names) + 1)
            key_line, key_column = _key_position(item, key, line)
            if isinstance(value, (dict, list)) and not (isinstance(value, list) and all(
                    isinstance(v, (str, int, float)) for v in value)):
                found.add(problems.WRONG_VALUE, _("column '{column}': expected a plain value "
                                                  "or a list of plain values").format(
                                                      column=name), key_line, key_column)
                continue
            if isinstance(value, list):
                value = tuple(str(v) for v in value)
            cells[name] = Cell(value, key_line, key_column)
        rows.append((line, cells))
    found.raise_if_any()
    return Sheet(display, tuple(names.items()), 0, tuple(rows))


def item_line(sequence: Any, index: int) -> int:
    try:
        return int(sequence.lc.item(index)[0]) + 1
    except (AttributeError, KeyError, TypeError, IndexError):
        return index + 1


def _key_position(mapping: Any, key: Any, fallback: int) -> tuple[int, int]:
    try:
        line, column = mapping.lc.key(key)
        return int(line) + 1, int(column) + 1
    except (AttributeError, KeyError, TypeError):
        return fallback, 1


# --------------------------------------------------------------------------- privacy by schema

def _cell_text(value: Any) -> str | None:
    """A raw cell as text (``None`` when empty); XLSX numbers and dates made canonical."""
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

    def __call__(self, cell: Cell, text: str) -> tuple[Any, str | None]:
        kind = self.field.type
        if kind == "list":
            raw = cell.value if isinstance(cell.value, tuple) else _LIST_SPLIT.split(text)
            items: list[str] = []
            for item in raw:
                item = str(item).strip()
                if item and item not in items:
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
            word = normalise(text)
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
        if self.allowed and normalise(item) not in self.allowed:
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
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text) or None
    try:
        if match:
            return dt.date(int(match[1]), int(match[2]), int(match[3])), None
        match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
        if match:
            return dt.date(int(match[3]), int(match[2]), int(match[1])), None
    except ValueError:
        pass
    return None, _("expected a date (2025-03-31 or 31.3.2025)")


def _role_lookup(programme: Programme) -> dict[str, str]:
    """Every way a file may name a role: its id and its display names, case-folded."""
    lookup: dict[str, str] = {}
    for role in programme.roles:
        lookup.setdefault(normalise(role.id), role.id)
        for name in role.name.by_language.values():
            lookup.setdefault(normalise(name), role.id)
    return lookup


def check_sheet(sheet: Sheet, programme: Programme,
                required_columns: Iterable[str] = ()) -> Participants:
    """Apply the model's participant schema to a sheet: the privacy and type checks."""
    found = _Problems(sheet.display)
    declared = {f.id.casefold(): f for f in
                (programme.participant_data.fields if programme.participant_data else ())}
    header = {name.casefold(): (name, number) for name, number in sheet.header}
    row = sheet.header_row or None
    for required in (ID_COLUMN, ROLE_COLUMN):
        if required not in header:
            found.add(problems.MISSING_COLUMN,
                      _("missing column '{column}'").format(column=required), row, None,
                      hint=_("columns found: {columns}").format(
                          columns=", ".join(n for n, _number in sheet.header) or _("none")))
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
                                column=name, category=category_label(category)),
                          row, number, hint=_("remove the column from the file; it is not "
                                              "needed"))
            else:
                found.add(problems.UNDECLARED_COLUMN,
                          _("column '{column}' is not declared by the model and is "
                            "dropped").format(column=name), row,
                          number, hint=did_you_mean(name, [f.id for f in declared.values()]))
            continue
        if category is not None and field.special_category is None:
            found.add(problems.SPECIAL_CATEGORY,
                      _("column '{column}' looks like special-category data ({category}) but "
                        "the model declares it without special_category").format(
                            column=name, category=category_label(category)), row, number,
                      hint=_("add special_category: {category} to the field in "
                             "participant_data, with its lawful basis").format(
                                 category=category))
            continue
        kept.append((field, name))
    for field in declared.values():
        if field.required and field.id.casefold() not in header:
            found.add(problems.MISSING_COLUMN, _("missing column '{column}', which the model "
                                                 "requires").format(column=field.id), row, None)
    for name in required_columns:
        if name.casefold() not in header and name.casefold() in declared and \
                not declared[name.casefold()].required:
            found.add(problems.MISSING_COLUMN, _("missing column '{column}', which the "
                                                 "matching rules use").format(column=name),
                      row, None)
    found.raise_if_any()
    if not sheet.rows:
        raise _fail(problems.EMPTY, _("the file has a header but no participant rows"),
                    sheet.display, sheet.header_row or None)

    roles = _role_lookup(programme)
    role_ids = [r.id for r in programme.roles]
    converters = {field.id: _Converter(field) for field, _name in kept}
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
            text = _cell_text(cell.value) if not isinstance(cell.value, tuple) else \
                (";".join(cell.value) or None)
            if cell.formula or (text is not None and _looks_like_formula(text)):
                if name.casefold() in declared or name.casefold() in (ID_COLUMN, ROLE_COLUMN):
                    found.add(problems.FORMULA, _("column '{column}': the cell holds a formula "
                                                  "or starts like one (=, +, -, @)").format(
                                                      column=name), cell.row, cell.column,
                              hint=_("type the value itself; formulas are refused"))
                    bad = True
                continue
            texts[name.casefold()] = (cell, text)
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
            role = roles.get(normalise(role_text))
            if role is None:
                found.add(problems.UNKNOWN_ROLE,
                          _("column '{column}': unknown role").format(column=role_name),
                          row_number, header[ROLE_COLUMN][1],
                          hint=did_you_mean(normalise(role_text), role_ids)
                          or _("roles of the model: {roles}").format(roles=", ".join(role_ids)))
                bad = True
        values: dict[str, Any] = {}
        for field, name in kept:
            cell, text = texts.get(field.id.casefold(), (None, None))
            applies = role is None or not field.roles or role in field.roles
            if text is None or cell is None:
                if field.required and applies and role is not None:
                    found.add(problems.MISSING_VALUE,
                              _("column '{column}': required for role {role} but empty").format(
                                  column=name, role=role),
                              row_number, header[field.id.casefold()][1])
                    bad = True
                values[field.id] = None
                continue
            if not applies:
                ignored[name] = ignored.get(name, 0) + 1
                values[field.id] = None
                continue
            value, problem = converters[field.id](cell, text)
            if problem:
                found.add(problems.WRONG_VALUE, _("column '{column}': {problem}").format(
                    column=name, problem=problem), cell.row, cell.column)
                bad = True
            values[field.id] = value
        if bad:
            continue
        ids.append(id_text)  # type: ignore[arg-type]
        person_roles.append(role)  # type: ignore[arg-type]
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
                      row, header[field.id.casefold()][1])
    found.raise_if_any()
    return Participants(source=sheet.display, ids=tuple(ids), roles=tuple(person_roles),
                        rows=tuple(person_rows), fields=tuple(f for f, _name in kept),
                        values={f.id: tuple(columns[f.id]) for f, _name in kept},
                        warnings=tuple(found.warnings))


def read_sheet(path: str | Path, *, sheet: str | None = None) -> Sheet:
    """Read a participant file by its extension: ``.csv``/``.txt``, ``.xlsx``, ``.yaml``/``.yml``."""
    path = Path(path)
    display = _display(path)
    suffix = path.suffix.casefold()
    if suffix in (".csv", ".txt", ".tsv"):
        return read_csv(path, display)
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path, display, sheet)
    if suffix in (".yaml", ".yml"):
        return read_yaml(path, display)
    if suffix == ".xls":
        raise _fail(problems.UNREADABLE, _("old Excel .xls files are not read"), display,
                    hint=_("save it as .xlsx or CSV"), exit_code=2)
    raise _fail(problems.UNREADABLE, _("unknown kind of file '{kind}'").format(
        kind=path.suffix or path.name), display,
                hint=_("give a .csv, .xlsx or .yaml file"), exit_code=2)


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


def iter_people(participants: Participants, indices: Iterable[int]) -> Iterator[dict[str, Any]]:
    """Plain maps of selected people (``id``, ``role`` and declared fields)."""
    for k in indices:
        record = {"id": participants.ids[k], "role": participants.roles[k]}
        for field in participants.fields:
            record[field.id] = participants.values[field.id][k]
        yield record
