"""Participant files as sheets: reading CSV, XLSX and YAML as offices save them.

A reader gives back a :class:`Sheet`: the header (column names with their numbers) and the rows
of :class:`Cell` values, each with its row and column in the file. CSV files may be UTF-8, UTF-8
with a byte-order mark, or Windows-1252 (what Excel saves on a Finnish Windows), separated by
``;`` or ``,`` (detected from the header); UTF-16 and mixed encodings are refused. XLSX formulas
are marked, YAML lists keep the line of each participant. Every problem names the file, row and
column — never the value in the cell.

The same guards hold for every file read as a sheet — participant lists, the simulation's units
files, meeting logs — with the limits of a :class:`Caps`: only a regular file is read (a pipe, a
device or a link to one is refused before anything is read), at most ``caps.bytes`` bytes and
``caps.rows`` rows, no cell longer than ``caps.cell`` characters, no NUL or other control
character in a cell, and a double quote that a CSV row opens and never closes is an error at the
row where it opens::

    >>> caps = Caps(rows=10_000)          # a meeting log's reader might allow fewer rows
    >>> caps.cell
    10000

What the cells mean is decided by the model's participant schema:
:mod:`mentorcore.matching.schema`.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import attrs

from mentorcore import checks
from mentorcore.diagnostics import MentorcoreError
from mentorcore.i18n import N_, _
from mentorcore.matching import problems
from mentorcore.matching.problems import Collector, failure
from mentorcore.records import record
from mentorcore.spelling import did_you_mean

__all__ = ["MAX_BYTES", "MAX_CELL", "MAX_ROWS", "Caps", "Cell", "Sheet",
           "column_letter", "item_line", "read_csv", "read_guarded", "read_sheet", "read_xlsx",
           "read_yaml", "shown_column"]

MAX_BYTES = 32 * 1024 * 1024
"""A participant file of more bytes is refused before it is read (E415); for XLSX, the same
limit applies to each worksheet and to the shared texts once unpacked."""
MAX_ROWS = 50_000
"""A participant list of more rows (people) is refused while it is read (E415)."""
MAX_CELL = 10_000
"""A cell of more characters is refused (E415): no field of a participant needs more."""
SHOWN_COLUMN = 40
"""A column name is quoted in a message up to this many characters."""


@record(kw_only=True)
class Caps:
    """The limits a file read as a sheet is held to (each one documented in docs/matching.md)."""

    bytes: int = attrs.field(factory=lambda: MAX_BYTES)  # the module's limits when made
    rows: int = attrs.field(factory=lambda: MAX_ROWS)
    cell: int = attrs.field(factory=lambda: MAX_CELL)
    yaml_key: str = "participants"
    """A YAML file is a list of maps, or a map with this key holding the list."""



_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""A control character, which no cell may hold (tab, line feed and carriage return may)."""


class Cell(NamedTuple):
    """One cell as read: its text (or a typed value from XLSX/YAML) and its place (a named
    tuple: a 40,000-row list has some 400,000 of them)."""

    value: Any
    row: int
    column: int
    formula: bool = False


@record
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


def shown_column(name: str) -> str:
    """A column name as a message quotes it: at most :data:`SHOWN_COLUMN` characters."""
    return name if len(name) <= SHOWN_COLUMN else name[:SHOWN_COLUMN - 1] + "…"


def read_sheet(path: str | Path, *, sheet: str | None = None,
               caps: Caps | None = None) -> Sheet:
    """Read a participant file by its extension: ``.csv``/``.txt``/``.tsv``, ``.xlsx``/``.xlsm``,
    ``.yaml``/``.yml``, within ``caps``."""
    path = Path(path)
    display = _display(path)
    suffix = path.suffix.casefold()
    if suffix in (".csv", ".txt", ".tsv"):
        return read_csv(path, display, caps)
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path, display, sheet, caps)
    if suffix in (".yaml", ".yml"):
        return read_yaml(path, display, caps)
    if suffix == ".xls":
        raise failure(problems.UNREADABLE, _("old Excel .xls files are not read"), display,
                      hint=_("save it as .xlsx or CSV"), exit_code=2)
    raise failure(problems.UNREADABLE, _("unknown kind of file '{kind}'").format(
        kind=shown_column(path.suffix or path.name)), display,
        hint=_("give a .csv, .xlsx or .yaml file"), exit_code=2)


def read_guarded(path: str | Path, display: str | None = None,
                 caps: Caps | None = None) -> bytes:
    """The bytes of a file read as a sheet: a regular file only (a FIFO, a device or a link to
    one is refused before it is read, exit 2), at most ``caps.bytes`` bytes (E415). Missing,
    directory and unreadable files are E401 (exit 2)."""
    caps = caps or Caps()
    path = Path(path)
    display = display or _display(path)
    with _reporting_unreadable(display):
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                             | getattr(os, "O_NOCTTY", 0))
        try:
            status = os.fstat(descriptor)
            if stat.S_ISDIR(status.st_mode):
                raise IsADirectoryError
            if not stat.S_ISREG(status.st_mode):
                raise failure(problems.UNREADABLE,
                              _("is not a regular file (a device, pipe or socket)"), display,
                              exit_code=2)
            if status.st_size > caps.bytes:
                raise _too_many_bytes(display, caps)
            chunks = []
            remaining = caps.bytes + 1
            while remaining > 0:
                chunk = os.read(descriptor, min(remaining, 1 << 20))
                if not chunk:
                    break
                chunks.append(chunk)
                remaining -= len(chunk)
        finally:
            os.close(descriptor)
    raw = b"".join(chunks)
    if len(raw) > caps.bytes:
        raise _too_many_bytes(display, caps)
    from mentorcore import reads

    reads.note(path)  # an input of the run: no output may replace it
    return raw


def _too_many_bytes(display: str, caps: Caps) -> MentorcoreError:
    return failure(problems.TOO_LARGE,
                   _("the file has more than {limit} MB, the most that is read").format(
                       limit=_megabytes(caps.bytes)),
                   display, hint=_("split the list, e.g. by region or intake"))


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


def read_csv(path: Path, display: str, caps: Caps | None = None) -> Sheet:
    """Read a CSV file: detect the encoding and the delimiter; keep row and column numbers."""
    caps = caps or Caps()
    text = _decode(read_guarded(path, display, caps), display)
    first = next((line for line in text.splitlines() if line.strip()), None)
    if first is None:
        raise failure(problems.EMPTY, _("the file is empty"), display,
                      hint=_("a header row with id and role and one row per participant is "
                             "expected"))
    delimiter = _delimiter(first)
    found = Collector(display)
    _check_controls(text, delimiter, found)
    found.raise_if_any()
    # the csv module's own limit (128 KiB a cell) raised to the file's: an over-long cell is
    # then found with its column below (the file is at most caps.bytes)
    if csv.field_size_limit() < caps.bytes:
        csv.field_size_limit(caps.bytes)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: tuple[tuple[str, int], ...] | None = None
    header_row = width = 0
    rows: list[tuple[int, dict[str, Cell]]] = []
    previous_line = 0
    limit = caps.cell
    try:
        for cells in reader:
            row = previous_line + 1
            previous_line = reader.line_num
            joined = "".join(cells)
            if not joined.strip():
                continue
            if len(joined) > limit and max(map(len, cells)) > limit:
                long = next(n for n, c in enumerate(cells, start=1) if len(c) > limit)
                found.add(problems.TOO_LARGE, _("the cell has more than {limit} characters, "
                                                "the most a cell may have").format(limit=limit),
                          row, long, hint=_("a double quote opened in this cell and never "
                                            "closed reads the rows after it into the cell")
                          if "\n" in cells[long - 1] else None)
                found.raise_if_any()
            if reader.line_num > row:  # a quoted cell holds a line break
                _check_swallowed(cells, row, delimiter, header, found)
            if header is None:
                header = _header(cells, row, found)
                header_row = row
                width = max((number for _name, number in header), default=0)
                continue
            if len(cells) > width and any(c.strip() for c in cells[width:]):
                found.add(problems.BAD_SHAPE,
                          _("the row has {cells} cells but the header has {columns}").format(
                              cells=len(cells), columns=width), row, width + 1,
                          hint=_("a value holding the delimiter must be in double quotes"))
                continue
            if len(rows) >= caps.rows:
                raise _too_many_rows(display, row, caps)
            rows.append((row, {name: Cell(cells[number - 1], row, number)
                               for name, number in header if number <= len(cells)}))
    except csv.Error as error:
        row = previous_line + 1
        line = text.split("\n", row)[row - 1] if row else ""
        if "field larger" in str(error):
            message = _("the cell has more than {limit} characters, the most a cell may "
                        "have").format(limit=limit)
            raise failure(problems.TOO_LARGE, message, display, row) from None
        if "end of data" in str(error):
            message = _("a double quote opened in this row is never closed")
            hint = _("close the quote, or write a double quote inside a quoted cell twice (\"\")")
        else:
            message = _("malformed CSV: a double quote inside a quoted cell")
            hint = _("write a double quote inside a quoted cell twice (\"\")")
        raise failure(problems.BAD_SHAPE, message, display, row,
                      _open_quote_cell(line, delimiter), hint=hint) from None
    found.raise_if_any()
    assert header is not None
    return Sheet(display, header, header_row, tuple(rows))


def _check_controls(text: str, delimiter: str, found: Collector) -> None:
    """Every control character (NUL, escape, …) in the text, at its row and cell."""
    for match in _CONTROL.finditer(text):
        row = text.count("\n", 0, match.start()) + 1
        start = text.rfind("\n", 0, match.start()) + 1
        found.add(problems.CONTROL_CHARACTER,
                  _("the cell holds a control character (U+{code:04X})").format(
                      code=ord(match.group())), row,
                  text.count(delimiter, start, match.start()) + 1,
                  hint=_("remove it; a participant file holds text only"))
        if len(found.errors) >= problems.MAX_ERRORS:
            break


def _check_swallowed(cells: Sequence[str], row: int, delimiter: str,
                     header: tuple[tuple[str, int], ...] | None, found: Collector) -> None:
    """A cell whose later lines hold as many delimiters as a whole row: a quote that opened in
    it and closed rows later (at another quote) read those rows into the cell."""
    needed = max(1, len(header) - 1) if header else 1
    for number, cell in enumerate(cells, start=1):
        if "\n" in cell and any(line.count(delimiter) >= needed
                                for line in cell.split("\n")[1:]):
            found.add(problems.BAD_SHAPE, _("a double quote opened in this cell closes only "
                                            "rows later: the rows between are read into it"),
                      row, number, hint=_("close the quote where the cell ends"))


def _open_quote_cell(line: str, delimiter: str) -> int:
    """The 1-based number of the cell in which a double quote of ``line`` stays open."""
    cell, quoted, start = 1, False, True
    opened = 1
    for char in line:
        if quoted:
            if char == '"':
                quoted = False
            continue
        if char == '"' and start:
            quoted, opened = True, cell
        elif char == delimiter:
            cell += 1
            start = True
            continue
        start = False
    return opened


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
                          column=shown_column(name), letter=column_letter(seen[key])),
                      row, number)
            continue
        seen[key] = number
        names.append((name, number))
    return tuple(names)


def _too_many_rows(display: str, row: int, caps: Caps) -> MentorcoreError:
    return failure(problems.TOO_LARGE,
                   _("more than {limit} rows: this is over the limit of the file").format(
                       limit=caps.rows),
                   display, row, hint=_("split the list, e.g. by region or intake"))


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


def _text_problem(value: Any, limit: int) -> str | None:
    """What is wrong with a cell's text read from XLSX or YAML: too long, or a control
    character; ``None`` when nothing is."""
    if not isinstance(value, str):
        return None
    if len(value) > limit:
        return _("the cell has more than {limit} characters, the most a cell may "
                 "have").format(limit=limit)
    control = _CONTROL.search(value)
    if control is not None:
        return _("the cell holds a control character (U+{code:04X})").format(
            code=ord(control.group()))
    return None


def _add_text_problem(found: Collector, problem: str, row: int, column: int) -> None:
    check = problems.TOO_LARGE if "U+" not in problem else problems.CONTROL_CHARACTER
    found.add(check, problem, row, column)


def read_xlsx(path: Path, display: str, sheet: str | None = None,
              caps: Caps | None = None) -> Sheet:
    """Read the first (or the named) worksheet of an XLSX workbook; formulas are refused."""
    caps = caps or Caps()
    import zipfile

    raw = io.BytesIO(read_guarded(path, display, caps))
    _check_unpacked(raw, display, caps)
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - openpyxl is a dependency
        raise failure(problems.UNREADABLE, _("reading XLSX needs openpyxl"), display) from None
    try:
        workbook = openpyxl.load_workbook(raw, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise failure(problems.UNREADABLE, _("not a readable XLSX workbook ({error})").format(
            error=type(error).__name__), display,
            hint=_("save it from the spreadsheet program as .xlsx, or as CSV")) from None
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise failure(problems.UNREADABLE,
                          _("no worksheet named '{sheet}'").format(sheet=shown_column(sheet)),
                          display, hint=did_you_mean(sheet, workbook.sheetnames)
                          or _("sheets: {sheets}").format(
                              sheets=", ".join(shown_column(n) for n in workbook.sheetnames)),
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
            for column, value in enumerate(values, start=1):
                problem = _text_problem(value, caps.cell)
                if problem is not None:
                    _add_text_problem(found, problem, row, column)
            if found.errors:
                continue
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
            if len(rows) >= caps.rows:
                raise _too_many_rows(display, row, caps)
            rows.append((row, cells_by_name))
        found.raise_if_any()
    finally:
        workbook.close()
    if header is None:
        raise failure(problems.EMPTY, _("the worksheet is empty"), display)
    return Sheet(display, header, header_row, tuple(rows))


def _check_unpacked(raw: io.BytesIO, display: str, caps: Caps) -> None:
    """An XLSX workbook is a ZIP archive: refuse one whose worksheets or shared texts unpack to
    more than ``caps.bytes`` each, before openpyxl unpacks them."""
    import zipfile

    try:
        with zipfile.ZipFile(raw) as archive:
            sizes = [member.file_size for member in archive.infolist()
                     if member.filename.startswith(("xl/worksheets/", "xl/sharedStrings"))]
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # openpyxl says what is wrong with it
    finally:
        raw.seek(0)
    if sizes and max(sizes) > caps.bytes:
        raise failure(problems.TOO_LARGE,
                      _("the workbook unpacks to {size} MB in one part; at most {limit} MB are "
                        "read").format(size=_megabytes(max(sizes)),
                                       limit=_megabytes(caps.bytes)),
                      display, hint=_("split the list, e.g. by region or intake"))



_YAML_MESSAGES = {
    checks.DUPLICATE_KEY.id: N_("a key appears twice in one map"),
    checks.FORBIDDEN_TAG.id: N_("a YAML tag (!…) is not allowed in this file"),
    checks.LIMIT.id: N_("the YAML is nested too deeply or expands too far"),
    checks.WRONG_TYPE.id: N_("a key is not text"),
}
"""What a YAML participant list's parse problem says: its rule, line and column, never the
text (a tag, a duplicated key or a malformed line may hold a participant's name)."""


def _safe_yaml_data(text: str, display: str) -> Any:
    """The YAML text parsed as safely as a model, its problems told without quoting it."""
    from mentorcore.loading.document import safe_data

    try:
        return safe_data(text, display)
    except MentorcoreError as error:
        told = [attrs.evolve(d, message=_(_YAML_MESSAGES[d.rule]) if d.rule in _YAML_MESSAGES
                             else _("malformed YAML"), hint=None, path=())
                for d in error.diagnostics[:problems.MAX_ERRORS]]
        raise MentorcoreError(told) from None


def _bad_date(yaml: Any, text: str) -> tuple[int, int] | None:
    """The line and column (1-based) of the first value YAML reads as a date but that is none
    (2027-02-30), found on the composed nodes, whose values are never built."""
    import datetime as dt

    try:
        root = yaml.compose(text)
    except Exception:  # noqa: BLE001 - a syntax error: no node to point at
        return None
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        value = getattr(node, "value", None)
        if isinstance(value, list):
            for child in reversed(value):
                stack.extend(reversed(child) if isinstance(child, tuple) else [child])
        elif isinstance(value, str) and node.tag.endswith(":timestamp"):
            try:
                dt.date.fromisoformat(value[:10])
            except ValueError:
                return node.start_mark.line + 1, node.start_mark.column + 1
    return None


def read_yaml(path: Path, display: str, caps: Caps | None = None) -> Sheet:
    """Read a YAML list of maps (or a map with a ``participants`` list); rows are line numbers."""
    caps = caps or Caps()
    from ruamel.yaml import YAML

    raw = read_guarded(path, display, caps)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise failure(problems.ENCODING, _("a YAML participant list must be UTF-8"), display,
                      raw.count(b"\n", 0, error.start) + 1) from None
    found = Collector(display)
    _check_controls(text, "\0", found)
    found.raise_if_any()
    _safe_yaml_data(text, display)  # refuses tags and duplicate keys, bounds aliases and depth
    yaml = YAML(typ="rt")  # parsed again only for the line of each participant
    yaml.version = (1, 2)
    yaml.allow_duplicate_keys = False
    try:
        data = yaml.load(text)
    except Exception:  # noqa: BLE001 - ruamel raises several types for bad input
        where = _bad_date(yaml, text)
        if where is not None:  # a date that does not exist (2027-02-30): at its cell
            raise failure(problems.WRONG_VALUE, _("not a date that exists (write a date as "
                                                  "2027-03-31 or 31.3.2027)"),
                          display, *where) from None
        raise failure(problems.UNREADABLE, _("malformed YAML"), display) from None
    if isinstance(data, dict) and caps.yaml_key in data:
        data = data[caps.yaml_key]
    if data is None or (isinstance(data, list) and not data):
        raise failure(problems.EMPTY, _("the file lists no participants"), display)
    if not isinstance(data, list):
        raise failure(problems.UNREADABLE, _("expected a list of participants (one map each)"),
                      display, 1, 1)
    if len(data) > caps.rows:
        raise _too_many_rows(display, item_line(data, caps.rows), caps)
    names: dict[str, int] = {}
    rows: list[tuple[int, dict[str, Cell]]] = []
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
                                                      column=shown_column(name)),
                          key_line, key_column)
                continue
            if isinstance(value, list):
                value = tuple(str(v) for v in value)
            for text_value in (value if isinstance(value, tuple) else (value, name)):
                problem = _text_problem(text_value, caps.cell)
                if problem is not None:
                    _add_text_problem(found, problem, key_line, key_column)
                    break
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
