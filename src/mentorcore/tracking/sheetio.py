"""Writing a meeting log (the blank one, or one made from a simulated run) and ``track``'s
status as an office's spreadsheet, through the one writer of every CSV and XLSX output
(:mod:`mentorcore.spreadsheets`): CSV in the run's dialect (``excel-fi`` from the command — a
UTF-8 byte-order mark, ``;`` between cells, CRLF line ends, a decimal comma), or XLSX with the
log on the first sheet and the notes (codes) on a second one.

A cell that a spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@`` at the start) is
written with a leading apostrophe, as Excel itself marks text.

Example::

    >>> write_csv(["Unit"], [["pair-1"]], "excel-fi")[:3] == b"\\xef\\xbb\\xbf"
    True
    >>> write_csv(["Unit", "Date"], [["pair-1", 1.5]], "excel-fi").decode("utf-8-sig")
    'Unit;Date\\r\\npair-1;1,5\\r\\n'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from mentorcore import spreadsheets
from mentorcore.spreadsheets import Sheet, cell_text

__all__ = ["cell_text", "write_csv", "write_xlsx"]


def write_csv(header: Sequence[str], rows: Sequence[Sequence[Any]] = (),
              dialect: str | None = None) -> bytes:
    """The rows as CSV in ``dialect`` (default: the run's, see
    :func:`mentorcore.spreadsheets.current_dialect`)."""
    return spreadsheets.write_csv(header, rows, dialect)


def write_xlsx(header: Sequence[str], rows: Sequence[Sequence[Any]] = (), *,
               title: str = "log", notes: Sequence[tuple[str, str]] = (),
               notes_title: str = "notes",
               choices: dict[int, Sequence[str]] | None = None,
               types: Mapping[int, str] | None = None) -> bytes:
    """The rows as an XLSX workbook: the log on the first sheet (header in bold, frozen), a
    dropdown of ``choices`` and validation of ``types`` (``date``, ``number``, ``integer``)
    for the columns given by number (0-based), and the ``notes`` (name, text) on a second
    sheet."""
    sheets = [Sheet(title, tuple(str(h) for h in header), tuple(tuple(r) for r in rows),
                    types=dict(types or {}),
                    choices={k: tuple(v) for k, v in (choices or {}).items()})]
    if notes:
        sheets.append(Sheet(notes_title, (notes_title, ""), tuple(notes)))
    return spreadsheets.write_xlsx(sheets)
