"""Writing a meeting log (the blank one, or one made from a simulated run) as an office's
spreadsheet: CSV in the Finnish Excel dialect — a UTF-8 byte-order mark, ``;`` between cells,
CRLF line ends, a decimal comma — or XLSX.

A cell that a spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@`` at the start) is
written with a leading apostrophe, as Excel itself marks text.

Example::

    >>> write_csv(["Unit", "Date"], [["pair-1", "2027-01-14"]])[:3] == b"\\xef\\xbb\\xbf"
    True
    >>> write_csv(["Unit", "Date"], [["pair-1", 1.5]]).decode("utf-8-sig")
    'Unit;Date\\r\\npair-1;1,5\\r\\n'
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

__all__ = ["cell_text", "write_csv", "write_xlsx"]


def cell_text(value: Any) -> str:
    """A value as a CSV cell: dates ISO, numbers with a decimal comma, text safe from being
    read as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        text = f"{value:g}" if isinstance(value, float) else str(value)
        return text.replace(".", ",")
    from mentorcore.spreadsheets import neutralise  # the one guard: =, +, -, @, tab, CR

    return neutralise(" ".join(str(value).split()))


def write_csv(header: Sequence[str], rows: Sequence[Sequence[Any]] = ()) -> bytes:
    """The rows as Finnish Excel CSV (BOM, ``;``, CRLF, decimal comma)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([cell_text(h) for h in header])
    for row in rows:
        writer.writerow([cell_text(v) for v in row])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def write_xlsx(header: Sequence[str], rows: Sequence[Sequence[Any]] = (), *,
               title: str = "log", notes: Sequence[tuple[str, str]] = (),
               notes_title: str = "notes",
               choices: dict[int, Sequence[str]] | None = None) -> bytes:
    """The rows as an XLSX workbook: the log on the first sheet (header in bold, frozen), a
    dropdown of ``choices`` for the columns given by number (0-based) and the ``notes`` (name,
    text) on a second sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([str(h) for h in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append([v if isinstance(v, (int, float, dt.date)) or v is None
                      else cell_text(v) for v in row])
    for number, header_text in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = max(12, min(40, len(
            str(header_text)) + 2))
    if choices:
        for column, words in choices.items():
            listed = ",".join(words)
            if len(listed) > 250:
                continue  # a list validation holds at most 255 characters
            validation = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True)
            validation.showErrorMessage = False
            letter = get_column_letter(column + 1)
            validation.add(f"{letter}2:{letter}5000")
            sheet.add_data_validation(validation)
    if notes:
        help_sheet = workbook.create_sheet(notes_title[:31])
        for name, text in notes:
            help_sheet.append([name, text])
        help_sheet.column_dimensions["A"].width = 24
        help_sheet.column_dimensions["B"].width = 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
