"""Finding the line and column of a value, by a second, position-keeping parse.

The fast path parses without positions. Only when a problem must be reported is the file parsed
again with ruamel.yaml's round-trip loader, whose maps and lists know where each key, value and
item starts; :func:`locate` walks a path through that tree.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any


@functools.cache
def _round_trip_yaml() -> Any:
    from ruamel.yaml import YAML

    return YAML(typ="rt")


class PositionIndex:
    """Positions in one file's text; parsed on first use, at most once."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._tree: Any = None
        self._parsed = False

    def _root(self) -> Any:
        if not self._parsed:
            self._parsed = True
            try:
                self._tree = _round_trip_yaml().load(self._text)
            except Exception:  # noqa: BLE001 - positions are a courtesy; the fast parse succeeded
                self._tree = None
        return self._tree

    def locate(self, path: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at ``path`` — of its key when ``key`` is true.

        When the path leads to something absent (a missing key), the position of the nearest
        existing container is given.
        """
        node = self._root()
        where = (0, 0)
        if node is None:
            return (1, 1)
        if hasattr(node, "lc"):
            where = (node.lc.line, node.lc.col)
        for index, element in enumerate(path):
            last = index == len(path) - 1
            lc = getattr(node, "lc", None)
            if isinstance(node, dict) and element in node and lc is not None:
                try:
                    where = lc.key(element) if key and last else lc.value(element)
                except (KeyError, TypeError):
                    break
                node = node[element]
            elif isinstance(node, list) and isinstance(element, int) and 0 <= element < len(node):
                if lc is None:
                    break
                where = lc.item(element)
                node = node[element]
            else:
                break
            if not last and hasattr(node, "lc") and isinstance(node, dict | list):
                # a nested map or list: its own start is more exact than the parent's view of it
                start = getattr(node, "lc", None)  # ruamel's CommentedMap keeps its position
                where = (start.line, start.col) if start is not None and not isinstance(
                    node, list) else where
        line, column = where
        return line + 1, column + 1
