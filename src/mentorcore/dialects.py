"""The CSV dialects mentorcore writes, and the one this run writes.

``excel-fi`` is what Excel with Finnish or Swedish regional settings reads on a double click
(a UTF-8 byte-order mark, ``;``, a decimal comma); ``rfc4180`` is plain CSV for programs (``,``,
a decimal point). The ``mentorcore`` command chooses with ``--csv-dialect`` at every start —
without importing :mod:`mentorcore.spreadsheets`, which writes the files and reads the choice
from here.

>>> DIALECTS["excel-fi"].delimiter, DIALECTS["rfc4180"].decimal
(';', '.')
"""

from __future__ import annotations

from collections.abc import Mapping

from mentorcore.records import record

__all__ = ["CLI_DIALECT", "DEFAULT_DIALECT", "DIALECTS", "Dialect", "current_dialect",
           "use_dialect"]


@record
class Dialect:
    """How a CSV file is written: the separator, the decimal mark and whether a UTF-8
    byte-order mark starts the file."""

    name: str
    delimiter: str
    decimal: str
    bom: bool


DIALECTS: Mapping[str, Dialect] = {
    "excel-fi": Dialect("excel-fi", ";", ",", True),
    "rfc4180": Dialect("rfc4180", ",", ".", False),
}
DEFAULT_DIALECT = "rfc4180"
"""What the Python functions write unless told otherwise."""
CLI_DIALECT = "excel-fi"
"""What the ``mentorcore`` command writes unless ``--csv-dialect`` says otherwise."""
_CURRENT = [DEFAULT_DIALECT]


def use_dialect(name: str) -> str:
    """Make ``name`` the dialect of this run's CSV outputs (the command does, from
    ``--csv-dialect``); the dialect that was in use is returned."""
    if name not in DIALECTS:
        raise ValueError(f"unknown CSV dialect {name!r}; choose one of {', '.join(DIALECTS)}")
    before, _CURRENT[0] = _CURRENT[0], name
    return before


def current_dialect() -> str:
    """The dialect of this run's CSV outputs."""
    return _CURRENT[0]
