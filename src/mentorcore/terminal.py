"""Text made safe for a terminal: control characters shown, never obeyed.

A model or a participant list may hold control characters — an ANSI or OSC escape sequence
(``ESC [ 2 J`` clears the screen, ``ESC ] 8 ;;`` makes a link, ``ESC ] 52`` writes the
clipboard), a carriage return that overwrites what was printed, a right-to-left override that
reverses it. Every message and every table mentorcore prints passes through :func:`escape`,
which writes each such character as a ``\\uXXXX`` escape (the JSON spelling: in JSON output
it denotes the same character). New lines, tabs and a carriage return before a new line
(CSV's CRLF) stay as they are.

>>> escape("id \\x1b[31mred\\x1b[0m")
'id \\\\u001b[31mred\\\\u001b[0m'
>>> escape("a\\tb\\r\\n")
'a\\tb\\r\\n'
>>> escape("abc\\u202edcba")
'abc\\\\u202edcba'
>>> escape("ter\\u200bveys")
'ter\\\\u200bveys'

This module imports nothing from the project (it sits at the bottom with :mod:`mentorcore.i18n`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

_UNSAFE = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f"
                     "\u202a-\u202e\u2066-\u2069\u00ad\u200b\u2060-\u2064]|\r(?!\n)")
"""C0 and C1 controls but tab, new line and CRLF's carriage return; DEL; the bidirectional
marks, embeddings, overrides and isolates; the invisible ones that hide inside a word (soft
hyphen, zero-width space, word joiner, invisible operators), so that
``ter\u200bveys`` does not read as ``terveys``. The joiners emoji are built with stay."""


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def escape(text: str) -> str:
    """``text`` with every control character written as ``\\uXXXX``."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(_escaped, text)


def columns(rows: Sequence[Sequence[str]], right: Collection[int] = ()) -> list[str]:
    """``rows`` of cells as lines of aligned columns two spaces apart, the columns numbered in
    ``right`` aligned to the right (figures).

    >>> columns([("meetings", "12"), ("hours", "7.5")], right={1})
    ['meetings   12', 'hours     7.5']
    """
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
                      for i, cell in enumerate(row)).rstrip() for row in rows]


__all__ = ["columns", "escape"]
