"""Participant files as sheets: reading CSV, XLSX and YAML as offices save them.

A reader gives back a :class:`Sheet`: the header (column names with their numbers) and the rows
of :class:`Cell` values, each with its row and column in the file. CSV files may be UTF-8, UTF-8
with a byte-order mark, or Windows-1252 (what Excel saves on a Finnish Windows), separated by
``;`` or ``,`` (detected from the header); UTF-16 and mixed encodings are refused. XLSX formulas
are marked, YAML lists keep the line of each participant. Every problem names the file, row and
column — never the value in the cell.

What the cells mean is decided by the model's participant schema:
:mod:`mentorcore.matching.schema`.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from mentorcore.diagnostics import MentorcoreError
from mentorcore.i18n import _
from mentorcore.matching import problems
from mentorcore.matching.problems import Collector, failure
from mentorcore.spelling import did_you_mean

__all__ = ["MAX_BYTES", "MAX_ROWS", "Cell", "Sheet", "column_letter", "item_line", "read_csv",
           "read_sheet", "read_xlsx", "read_yaml"]

MAX_BYTES = 32 * 1024 * 1024
"""A participant file of more bytes is refused before it is read (E415); for XLSX, the same
limit applies to each worksheet and to the shared texts once unpacked."""
MAX_ROWS = 50_000
"""A participant list of more rows (people) is refused while it is read (E415)."""


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


def column_letter(index: int) -> str:
    """Spreadsheet letter of a 1-based column number: 1 → A, 28 → AB."""
    letters = ""
    while index > 0:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def read_sheet(path: str | Path, *, sheet: str | None = None) -> Sheet:
    """Read a participant file by its extension: ``.csv``/``.txt``/``.tsv``, ``.xlsx``/``.xlsm``,
    ``.yaml``/``.yml``."""
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
        raise failure(problems.UNREADABLE, _("old Excel .xls files are not read"), display,
                      hint=_("save it as .xlsx or CSV"), exit_code=2)
    raise failure(problems.UNREADABLE, _("unknown kind of file '{kind}'").format(
        kind=path.suffix or path.name), display,
        hint=_("give a .csv, .xlsx or .yaml file"), exit_code=2)


def _display(path: Path) -> str:
    from mentorcore.loading.document import display_name

    return display_name(path)


def _decode(raw: bytes, display: str) -> str:
    """UTF-8 (with or without BOM) or cp1252; mixed encodings and UTF-16 are refused."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise failure(problems.ENCODING, _("the file is UTF-16 text (Excel's 'Unicode text')"),
                      display, 1, 1, hint=_("save it as 'CSV UTF-8' or 'CSV (semicolon)'"))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    nul = raw.find(b"\0")
    if nul >= 0:
        row = raw.count(b"\n", 0, nul) + 1
        line = raw.split(b"\n")[row - 1]
        raise failure(problems.ENCODING, _("the file contains a NUL byte: it is not text"),
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
        raise failure(problems.ENCODING,
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
        raise failure(problems.ENCODING, _("the file is neither UTF-8 nor Windows-1252 text"),
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
        raise failure(problems.EMPTY, _("the file is empty"), display,
                      hint=_("a header row with id and role and one row per participant is "
                             "expected"))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first), strict=False)
    header: tuple[tuple[str, int], ...] | None = None
    header_row = 0
    rows: list[tuple[int, dict[str, Cell]]] = []
    found = Collector(display)
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
            if len(rows) >= MAX_ROWS:
                raise _too_many_rows(display, row)
            rows.append((row, {name: Cell(cells[number - 1], row, number)
                               for name, number in header if number <= len(cells)}))
    except csv.Error as error:
        raise failure(problems.UNREADABLE, _("malformed CSV: {error}").format(error=error), display,
                      reader.line_num) from None
    found.raise_if_any()
    assert header is not None
    return Sheet(display, header, header_row, tuple(rows))


def _header(cells: Sequence[Any], row: int, found: Collector) -> tuple[tuple[str, int], ...]:
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


def _too_many_rows(display: str, row: int) -> MentorcoreError:
    return failure(problems.TOO_LARGE,
                   _("more than {limit} participant rows: this is over the limit of a "
                     "participant list").format(limit=MAX_ROWS),
                   display, row, hint=_("split the list, e.g. by region or intake"))


def _check_size(path: Path, display: str) -> None:
    """Refuse a file of more than :data:`MAX_BYTES` before reading it."""
    try:
        size = path.stat().st_size
    except OSError:
        return  # reading reports it
    if size > MAX_BYTES:
        raise failure(problems.TOO_LARGE,
                      _("the file has {size} MB; a participant list may have at most {limit} "
                        "MB").format(size=_megabytes(size), limit=_megabytes(MAX_BYTES)),
                      display, hint=_("split the list, e.g. by region or intake"))


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f}"


@contextlib.contextmanager
def _reporting_unreadable(display: str) -> Iterator[None]:
    """Turn a missing, directory or unreadable file into E401 (exit 2) naming ``display``."""
    try:
        yield
    except FileNotFoundError:
        raise failure(problems.UNREADABLE, _("no such file"), display, exit_code=2) from None
    except IsADirectoryError:
        raise failure(problems.UNREADABLE, _("is a directory"), display, exit_code=2) from None
    except OSError as error:
        raise failure(problems.UNREADABLE, _("cannot read: {reason}").format(
            reason=error.strerror), display, exit_code=2) from None


def _read_bytes(path: Path, display: str) -> bytes:
    _check_size(path, display)
    with _reporting_unreadable(display):
        return path.read_bytes()


def read_xlsx(path: Path, display: str, sheet: str | None = None) -> Sheet:
    """Read the first (or the named) worksheet of an XLSX workbook; formulas are refused."""
    import zipfile

    _check_size(path, display)
    _check_unpacked(path, display)
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - openpyxl is a dependency
        raise failure(problems.UNREADABLE, _("reading XLSX needs openpyxl"), display) from None
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise failure(problems.UNREADABLE, _("not a readable XLSX workbook ({error})").format(
            error=type(error).__name__), display,
            hint=_("save it from the spreadsheet program as .xlsx, or as CSV")) from None
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise failure(problems.UNREADABLE,
                          _("no worksheet named '{sheet}'").format(sheet=sheet), display,
                          hint=did_you_mean(sheet, workbook.sheetnames)
                          or _("sheets: {sheets}").format(sheets=", ".join(workbook.sheetnames)),
                          exit_code=2)
        worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
        found = Collector(display)
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
            if len(rows) >= MAX_ROWS:
                raise _too_many_rows(display, row)
            rows.append((row, cells_by_name))
        found.raise_if_any()
    finally:
        workbook.close()
    if header is None:
        raise failure(problems.EMPTY, _("the worksheet is empty"), display)
    return Sheet(display, header, header_row, tuple(rows))


def _check_unpacked(path: Path, display: str) -> None:
    """An XLSX workbook is a ZIP archive: refuse one whose worksheets or shared texts unpack to
    more than :data:`MAX_BYTES` each, before openpyxl unpacks them. Reports a missing or
    unreadable file too."""
    import zipfile

    _read_head(path, display)
    try:
        with zipfile.ZipFile(path) as archive:
            sizes = [member.file_size for member in archive.infolist()
                     if member.filename.startswith(("xl/worksheets/", "xl/sharedStrings"))]
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # openpyxl says what is wrong with it
    if sizes and max(sizes) > MAX_BYTES:
        raise failure(problems.TOO_LARGE,
                      _("the workbook unpacks to {size} MB in one part; a participant list may "
                        "have at most {limit} MB").format(size=_megabytes(max(sizes)),
                                                          limit=_megabytes(MAX_BYTES)),
                      display, hint=_("split the list, e.g. by region or intake"))


def _read_head(path: Path, display: str) -> None:
    """Report a missing or unreadable file (reading one byte)."""
    with _reporting_unreadable(display), path.open("rb") as handle:
        handle.read(1)


def read_yaml(path: Path, display: str) -> Sheet:
    """Read a YAML list of maps (or a map with a ``participants`` list); rows are line numbers."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    raw = _read_bytes(path, display)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise failure(problems.ENCODING, _("a YAML participant list must be UTF-8"), display,
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
        raise failure(problems.UNREADABLE, _("malformed YAML: {problem}").format(
            problem=getattr(error, "problem", None) or type(error).__name__), display,
            mark.line + 1 if mark else None, mark.column + 1 if mark else None) from None
    except Exception as error:  # noqa: BLE001 - ruamel raises several types for bad input
        raise failure(problems.UNREADABLE, _("malformed YAML ({error})").format(
            error=type(error).__name__), display) from None
    if isinstance(data, dict) and "participants" in data:
        data = data["participants"]
    if data is None or (isinstance(data, list) and not data):
        raise failure(problems.EMPTY, _("the file lists no participants"), display)
    if not isinstance(data, list):
        raise failure(problems.UNREADABLE, _("expected a list of participants (one map each)"),
                      display, 1, 1)
    if len(data) > MAX_ROWS:
        raise _too_many_rows(display, item_line(data, MAX_ROWS))
    names: dict[str, int] = {}
    rows: list[tuple[int, dict[str, Cell]]] = []
    found = Collector(display)
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
