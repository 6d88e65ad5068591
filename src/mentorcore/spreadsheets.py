"""Tables written as files people open in a spreadsheet: CSV in a named dialect, or XLSX.

Every CSV and XLSX output of mentorcore goes through this module, so each one is safe and opens
right the same way:

- **Dialects.** ``excel-fi`` is what Excel with Finnish or Swedish regional settings reads on a
  double click: a UTF-8 byte-order mark (so ä and ö stay right), ``;`` between cells, CRLF line
  ends and a decimal comma. ``rfc4180`` is plain CSV for programs: UTF-8 without a mark, ``,``
  between cells, CRLF, a decimal point. The ``mentorcore`` command writes ``excel-fi`` unless
  ``--csv-dialect rfc4180`` (or ``MENTORCORE_CSV_DIALECT``) says otherwise; the Python
  functions write ``rfc4180`` unless :func:`use_dialect` or their ``dialect`` says otherwise.
- **No formulas.** A text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
  return — which a spreadsheet would run as a formula — is written with a leading apostrophe, as
  Excel itself marks a text; in XLSX every text is stored as text.
- **Typed XLSX.** Each sheet has its header in bold and frozen, columns wide enough to read,
  numbers and dates stored as numbers and dates, and data validation for the columns declared
  as dates or numbers (and a dropdown for columns with a fixed set of words).

Examples::

    >>> write_csv(["Pari", "Tapaamisia"], [["pari-1", 2.5], ["=1+1", 3]], dialect="excel-fi")
    b"\\xef\\xbb\\xbfPari;Tapaamisia\\r\\npari-1;2,5\\r\\n'=1+1;3\\r\\n"
    >>> write_csv(["pair", "meetings"], [["pair-1", 2.5]], dialect="rfc4180")
    b'pair,meetings\\r\\npair-1,2.5\\r\\n'
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from mentorcore.dialects import (
    CLI_DIALECT,
    DEFAULT_DIALECT,
    current_dialect,
    use_dialect,
)
from mentorcore.records import record

__all__ = ["CLI_DIALECT", "DEFAULT_DIALECT", "DIALECTS", "Dialect", "Sheet", "cell_text",
           "csv_text", "current_dialect", "neutralise", "use_dialect", "write_csv",
           "write_xlsx"]



@record
class Dialect:
    """How a CSV file is written: the separator, the decimal mark and whether a UTF-8
    byte-order mark starts the file.

    >>> DIALECTS["excel-fi"].delimiter, DIALECTS["rfc4180"].decimal
    (';', '.')
    """

    name: str
    delimiter: str
    decimal: str
    bom: bool


DIALECTS: Mapping[str, Dialect] = {
    "excel-fi": Dialect("excel-fi", ";", ",", True),
    "rfc4180": Dialect("rfc4180", ",", ".", False),
}
"""What each of :data:`mentorcore.dialects.DIALECT_NAMES` writes (a test holds the two to the
same names)."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """A text a spreadsheet will not run as a formula: ``=1+1`` → ``'=1+1``.

    >>> neutralise("-5 kg"), neutralise("Aino")
    ("'-5 kg", 'Aino')
    """
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell_text(value: Any, dialect: str | None = None) -> str:
    """A value as a CSV cell in ``dialect``: dates ISO, numbers with the dialect's decimal
    mark, truth values ``true``/``false``, texts safe from being read as formulas."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        text = f"{value:g}" if isinstance(value, float) else str(value)
        return text.replace(".", DIALECTS[dialect or current_dialect()].decimal)
    return neutralise(str(value))


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]] = (),
             dialect: str | None = None, *, prepared: bool = False) -> str:
    """The header and rows as the text of a CSV file in ``dialect`` (default: this run's, see
    :func:`current_dialect`), starting with the byte-order mark where the dialect has one.
    ``prepared`` rows hold cells already made text and safe (a long timeline)."""
    name = dialect or current_dialect()
    chosen = DIALECTS[name]
    buffer = io.StringIO()
    if chosen.bom:
        buffer.write("\ufeff")
    import csv  # on first use: the group sets the dialect at every start

    writer = csv.writer(buffer, delimiter=chosen.delimiter, lineterminator="\r\n")
    writer.writerow([cell_text(h, name) for h in header])
    if prepared:
        writer.writerows(rows)
    else:
        writer.writerows([cell_text(v, name) for v in row] for row in rows)
    return buffer.getvalue()


def write_csv(header: Sequence[str], rows: Iterable[Sequence[Any]] = (),
              dialect: str | None = None) -> bytes:
    """The header and rows as the bytes of a CSV file in ``dialect`` (see :func:`csv_text`)."""
    return csv_text(header, rows, dialect).encode("utf-8")


@record
class Sheet:
    """One sheet of a workbook. ``types`` names a column's kind by its number (0-based):
    ``date``, ``number`` or ``integer`` get data validation; ``choices`` a dropdown of words."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...] = ()
    types: Mapping[int, str] = attrs.field(factory=dict)
    choices: Mapping[int, tuple[str, ...]] = attrs.field(factory=dict)
    validation_rows: int = 5000  # how far down a blank form's validation reaches


def _xlsx_value(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | dt.date):
        return value
    return neutralise(" ".join(str(value).split()) if "\n" not in str(value) else str(value))


def write_xlsx(sheets: Sequence[Sheet]) -> bytes:
    """The sheets as the bytes of an XLSX workbook."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for sheet in sheets:
        title = _title(sheet.title, used)
        target = workbook.create_sheet(title)
        target.append([str(h) for h in sheet.header])
        for cell in target[1]:
            cell.font = Font(bold=True)
        target.freeze_panes = "A2"
        for row in sheet.rows:
            target.append([_xlsx_value(v) for v in row])
        for number, text in enumerate(sheet.header, start=1):
            longest = max([len(str(text))] + [len(str(row[number - 1])) for row in sheet.rows[:200]
                                               if number - 1 < len(row)])
            target.column_dimensions[get_column_letter(number)].width = max(10, min(50,
                                                                                 longest + 2))
        last = max(len(sheet.rows) + 1, sheet.validation_rows)
        for column, kind in sheet.types.items():
            letter = get_column_letter(column + 1)
            cells = f"{letter}2:{letter}{last}"
            if kind == "date":
                validation = DataValidation(type="date", operator="greaterThan",
                                            formula1="DATE(2000,1,1)", allow_blank=True)
                for row_cells in target.iter_rows(min_row=2, min_col=column + 1,
                                                  max_col=column + 1):
                    for cell in row_cells:
                        cell.number_format = "d.m.yyyy"
            elif kind in ("number", "integer"):
                validation = DataValidation(type="whole" if kind == "integer" else "decimal",
                                            operator="greaterThanOrEqual", formula1="0",
                                            allow_blank=True)
            else:
                continue
            validation.add(cells)
            target.add_data_validation(validation)
        for column, words in sheet.choices.items():
            listed = ",".join(words)
            if len(listed) > 250 or any(("," in w or '"' in w) for w in words):
                continue  # a list validation holds at most 255 characters, and no commas
            letter = get_column_letter(column + 1)
            validation = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True)
            validation.showErrorMessage = False
            validation.add(f"{letter}2:{letter}{last}")
            target.add_data_validation(validation)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _title(title: str, used: set[str]) -> str:
    """A sheet title Excel accepts: at most 31 characters, none of ``[]:*?/\\``, unique."""
    clean = " ".join("".join("" if c == ":" else "-" if c in "[]*?/\\" else c
                             for c in title).split()).strip("'") or "sheet"
    clean = clean[:31]
    candidate, number = clean, 2
    while candidate.lower() in used:
        suffix = f" ({number})"
        candidate, number = clean[:31 - len(suffix)] + suffix, number + 1
    used.add(candidate.lower())
    return candidate
