"""Finding the line and column of a value, by a second, position-keeping parse.

The fast path parses without positions. Only when a problem must be reported is the file parsed
again — as events, the way the fast path parses — noting where each key, value and item starts;
:meth:`PositionIndex.locate` looks a path up in that table.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any


class PositionIndex:
    """Positions in one file's text; parsed on first use, at most once.

    The parse is one pass over the parser's events (libyaml's when installed), recording where
    each key and value starts — linear in the file, a fraction of a second for a 1 MiB model
    (ruamel's round-trip loader, used before, took 25 s for a model with 10,000 problems).
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._table: dict[tuple, tuple[tuple[int, int] | None, tuple[int, int]]] | None = None

    def _positions(self) -> dict[tuple, tuple[tuple[int, int] | None, tuple[int, int]]]:
        if self._table is None:
            try:
                self._table = _index(self._text)
            except Exception:  # noqa: BLE001 - positions are a courtesy; the fast parse succeeded
                self._table = {}
        return self._table

    def locate(self, path: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at ``path`` — of its key when ``key`` is true.

        When the path leads to something absent (a missing key), the position of the nearest
        existing container is given.
        """
        table = self._positions()
        root = table.get(())
        if root is None:
            return (1, 1)
        where = root[1]
        path = tuple(path)
        for end in range(1, len(path) + 1):
            entry = table.get(path[:end])
            if entry is None:
                break
            key_mark, value_mark = entry
            where = key_mark if key and end == len(path) and key_mark is not None else value_mark
        line, column = where
        return line + 1, column + 1


def _index(text: str) -> dict[tuple, tuple[tuple[int, int] | None, tuple[int, int]]]:
    """Every path of the document: (where its key starts, where its value starts), 0-based."""
    from ruamel.yaml.events import (
        AliasEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
        StreamEndEvent,
    )

    from mentorcore.loading.events import events

    next_event = events(text)
    table: dict[tuple, tuple[tuple[int, int] | None, tuple[int, int]]] = {}
    # a frame: [path, is a map, next index or pending key, where that key starts]
    stack: list[list[Any]] = []

    def place(mark: Any) -> tuple | None:
        """The path of a value starting at ``mark`` (``None``: it is a key)."""
        where = (mark.line, mark.column)
        if not stack:
            table[()] = (None, where)
            return ()
        frame = stack[-1]
        if not frame[1]:
            path = (*frame[0], frame[2])
            frame[2] += 1
            table[path] = (None, where)
            return path
        if frame[2] is None:
            return None
        path = (*frame[0], frame[2])
        table[path] = (frame[3], where)
        frame[2] = None
        return path

    while True:
        event = next_event()
        cls = event.__class__
        if cls is ScalarEvent or cls is AliasEvent:
            mark = event.start_mark
            if place(mark) is None:  # a key: the next value is under it
                value = event.value if cls is ScalarEvent else None
                frame = stack[-1]
                frame[2] = unicodedata.normalize("NFC", value) if isinstance(value, str) else value
                frame[3] = (mark.line, mark.column)
        elif cls is MappingStartEvent or cls is SequenceStartEvent:
            path = place(event.start_mark)
            if path is None:
                path = ("?",)  # a map as a key: refused by the fast parse; never reached
            stack.append([path, cls is MappingStartEvent, None if cls is MappingStartEvent
                          else 0, None])
        elif cls is MappingEndEvent or cls is SequenceEndEvent:
            stack.pop()
        elif cls is StreamEndEvent:
            return table
