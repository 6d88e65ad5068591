"""What an adaptation changes: two models compared path by path.

Lists of items are compared by ``id`` (``phases[mentoring].duration.max``), so reordering or
inserting an item does not show as a change of every later item.
"""

from __future__ import annotations

from typing import Any

import attrs

_ABSENT = object()


@attrs.frozen
class Change:
    """One difference: ``kind`` is ``added``, ``removed`` or ``changed``."""

    path: str
    kind: str
    old: Any
    new: Any

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "change": self.kind,
                "old": None if self.old is _ABSENT else self.old,
                "new": None if self.new is _ABSENT else self.new}


def _has_ids(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(
        isinstance(v, dict) and isinstance(v.get("id"), str) for v in value)


def _join(path: str, step: str) -> str:
    return f"{path}.{step}" if path else step


def compare(old: Any, new: Any, path: str = "") -> list[Change]:
    """Every difference between two plain-data trees."""
    if isinstance(old, dict) and isinstance(new, dict):
        changes = []
        for key in list(old) + [k for k in new if k not in old]:
            changes += compare(old.get(key, _ABSENT), new.get(key, _ABSENT), _join(path, key))
        return changes
    if _has_ids(old) and _has_ids(new):
        by_old = {item["id"]: item for item in old}
        by_new = {item["id"]: item for item in new}
        changes = []
        for item_id in list(by_old) + [i for i in by_new if i not in by_old]:
            changes += compare(by_old.get(item_id, _ABSENT), by_new.get(item_id, _ABSENT),
                               f"{path}[{item_id}]")
        return changes
    if old is _ABSENT and new is _ABSENT or old == new:
        return []
    if old is _ABSENT:
        return [Change(path, "added", old, new)]
    if new is _ABSENT:
        return [Change(path, "removed", old, new)]
    return [Change(path, "changed", old, new)]


def _short(value: Any) -> str:
    import json

    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 70 else text[:67] + "..."


def to_text(changes: list[Change]) -> str:
    lines = []
    for change in changes:
        if change.kind == "added":
            lines.append(f"+ {change.path}: {_short(change.new)}")
        elif change.kind == "removed":
            lines.append(f"- {change.path}: {_short(change.old)}")
        else:
            lines.append(f"~ {change.path}: {_short(change.old)} → {_short(change.new)}")
    return "\n".join(lines)


__all__ = [
    "Change", "compare", "to_text",
]
