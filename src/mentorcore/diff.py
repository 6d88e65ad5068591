"""What an adaptation changes: two models compared path by path.

Lists of items are compared by ``id`` (``phases[mentoring].duration.max``), so reordering or
inserting an item does not show as a change of every later item.

Flags are shown whole. The resolved data leaves defaults out, so a flag present on one side only
is a change from its default (``~ duration.approx: false → true``); and where a map changes, its
flags that stay set are listed as ``kept``: an adaptation that shortens ``about 8–10 months`` to
6 months still says "about" unless it sets ``approx: false``::

    >>> changes = compare({"duration": {"min": 8, "max": 10, "approx": True}},
    ...                   {"duration": {"min": 6, "max": 6, "approx": True}})
    >>> print(to_text(changes))
    ~ duration.min: 8 → 6
    ~ duration.max: 10 → 6
    = duration.approx: true (kept: inherited, unchanged)
"""

from __future__ import annotations

from typing import Any

from mentorcore.records import record

_ABSENT = object()


@record
class Change:
    """One difference: ``kind`` is ``added``, ``removed`` or ``changed`` — or ``kept``: a flag
    that stays set in a map that changes (``old`` and ``new`` are its value)."""

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
        if path and any(c.kind != "kept" and c.path.count(".") == _depth(path) for c in changes):
            changes += [Change(_join(path, key), "kept", value, value)
                        for key, value in new.items()
                        if isinstance(value, bool) and value is not False and old.get(key) == value]
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
        if isinstance(new, bool):  # a flag left out is at its default: the other value
            return [Change(path, "changed", not new, new)]
        return [Change(path, "added", old, new)]
    if new is _ABSENT:
        if isinstance(old, bool):
            return [Change(path, "changed", old, not old)]
        return [Change(path, "removed", old, new)]
    return [Change(path, "changed", old, new)]


def _depth(path: str) -> int:
    """How many ``.`` a direct child of ``path`` has in its path."""
    return path.count(".") + 1 if path else 0


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
        elif change.kind == "kept":
            from mentorcore.i18n import _

            lines.append(f"= {change.path}: {_short(change.new)} "
                         + _("(kept: inherited, unchanged)"))
        else:
            lines.append(f"~ {change.path}: {_short(change.old)} → {_short(change.new)}")
    return "\n".join(lines)


__all__ = [
    "Change", "compare", "to_text",
]
