"""Where each value of a resolved model comes from: ``mentorcore show --origin``.

An adaptation inherits most of its values; ``show --origin`` prints the resolved model with each
value marked by the file and line that holds it — the adaptation's own file or a parent's::

    phases:
      - id: mentoring                  # womento.yaml:94
        duration:                      # kuopio.yaml:31
          unit: month                  # kuopio.yaml:31
          min: 6                       # kuopio.yaml:31
          max: 6                       # kuopio.yaml:31
          approx: true                 # womento.yaml:97

A value written in a shorter form (``value: 6`` for ``min`` and ``max``) is marked with the line
of the nearest value the file does hold (the range).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mentorcore.diagnostics import format_path
from mentorcore.loading.positions import PositionIndex

if TYPE_CHECKING:
    from mentorcore.loading import Loaded


class _Where:
    def __init__(self, loaded: Loaded) -> None:
        self._origins = loaded.origins
        self._indexes: dict[str, PositionIndex] = {}

    def __call__(self, path: tuple) -> str | None:
        if self._origins is None:
            return None
        found = self._origins.find(path)
        if found is None:
            return None
        document, own = found
        index = self._indexes.setdefault(document.display, PositionIndex(document.text))
        line, _column = index.locate(own, key=bool(own) and isinstance(own[-1], str))
        return f"{document.display}:{line}"


def origins_json(data: Any, loaded: Loaded) -> dict[str, str]:
    """``{path: "FILE:LINE"}`` for every value of ``data`` (the resolved model's plain data)."""
    where = _Where(loaded)
    found: dict[str, str] = {}

    def visit(value: Any, path: tuple) -> None:
        if path:
            origin = where(path)
            if origin is not None:
                found[format_path(path)] = origin
        if isinstance(value, dict):
            for key, item in value.items():
                visit(item, (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                visit(item, (*path, index))

    visit(data, ())
    return found


def origins_yaml(data: Any, loaded: Loaded) -> str:
    """``data`` as YAML, each key and list item followed by ``# FILE:LINE``."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from mentorcore.serialise import to_yaml

    where = _Where(loaded)

    def build(value: Any, path: tuple) -> Any:
        if isinstance(value, dict):
            commented = CommentedMap()
            for key, item in value.items():
                commented[key] = build(item, (*path, key))
                origin = where((*path, key))
                if origin is not None:
                    commented.yaml_add_eol_comment(origin, key, column=_COLUMN)
            return commented
        if isinstance(value, list):
            sequence = CommentedSeq()
            for index, item in enumerate(value):
                sequence.append(build(item, (*path, index)))
                origin = where((*path, index))
                if origin is not None and not isinstance(item, dict | list):
                    sequence.yaml_add_eol_comment(origin, index, column=_COLUMN)
            return sequence
        return value

    return to_yaml(build(data, ()))


_COLUMN = 50
"""The column the origin comments start at."""

__all__ = ["origins_json", "origins_yaml"]
