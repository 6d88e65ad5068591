"""The CSV dialect this run writes, by name.

``excel-fi`` is what Excel with Finnish or Swedish regional settings reads on a double click
(a UTF-8 byte-order mark, ``;``, a decimal comma); ``rfc4180`` is plain CSV for programs (``,``,
a decimal point). The ``mentorcore`` command chooses with ``--csv-dialect`` at every start —
without importing :mod:`mentorcore.spreadsheets`, which writes the files, knows what each
dialect writes (``spreadsheets.DIALECTS``) and reads the choice from here.

>>> DIALECT_NAMES
('excel-fi', 'rfc4180')
"""

from __future__ import annotations

__all__ = ["CLI_DIALECT", "DEFAULT_DIALECT", "DIALECT_NAMES", "current_dialect", "use_dialect"]

DIALECT_NAMES = ("excel-fi", "rfc4180")
"""The dialects mentorcore writes (what each is: :data:`mentorcore.spreadsheets.DIALECTS`)."""
DEFAULT_DIALECT = "rfc4180"
"""What the Python functions write unless told otherwise."""
CLI_DIALECT = "excel-fi"
"""What the ``mentorcore`` command writes unless ``--csv-dialect`` says otherwise."""
_CURRENT = [DEFAULT_DIALECT]


def use_dialect(name: str) -> str:
    """Make ``name`` the dialect of this run's CSV outputs (the command does, from
    ``--csv-dialect``); the dialect that was in use is returned."""
    if name not in DIALECT_NAMES:
        raise ValueError(f"unknown CSV dialect {name!r}; choose one of "
                         f"{', '.join(DIALECT_NAMES)}")
    before, _CURRENT[0] = _CURRENT[0], name
    return before


def current_dialect() -> str:
    """The dialect of this run's CSV outputs."""
    return _CURRENT[0]
