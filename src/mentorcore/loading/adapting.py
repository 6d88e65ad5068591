"""An adaptation cannot silently break its parent.

Merging by id (:mod:`mentorcore.loading.extends`) is what makes an adaptation short, and also
what could hide a mistake in it. Three things are reported before or while merging:

* **two items of one list in one file with the same id** (E016) — in an adaptation the second
  would be merged into the inherited item without a word; in any file it is an error at the
  second item, naming the line of the first, and the second is left out;
* **an override that changes an inherited item's kind** (W017) — ``- id: mentoring`` with
  ``kind: closing`` turns the parent's mentoring phase into a closing one; usually a new item
  was meant;
* **a changed value that still cites the parent's source** (W018) — the parent's document says
  nothing about the adaptation's region; the adaptation's own decision is cited as a source of
  its own (``mentorcore new --from`` writes one).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mentorcore import checks
from mentorcore.i18n import _
from mentorcore.loading.extends import REMOVE, Node, Report

_NOT_FACTS = frozenset({"id", "extends", "source", REMOVE, "name", "description", "summary", "note",
                        "text", "label", "rationale"})
"""Keys whose change is not a fact the parent's document would state (names, texts)."""


def own_id(node: Node, report: Report) -> None:
    """An adaptation names itself: without an ``id`` of its own it would take its parent's
    (E103, as the schema says: an adaptation requires ``id`` and ``extends``)."""
    if isinstance(node.value, dict) and "id" not in node.value:
        report(checks.MISSING_KEY.error(
            _("missing required key 'id': an adaptation needs an id of its own"), ("id",),
            _("add e.g. {example} before `extends:`").format(example="`id: our-programme`")),
            node, False)


def has_repeats(data: Any) -> bool:
    """Whether some list of ``data`` (plain data of one file) repeats an item's id."""
    if isinstance(data, dict):
        return any(has_repeats(value) for value in data.values())
    if isinstance(data, list):
        ids = [item.get("id") for item in data if isinstance(item, dict)
               and isinstance(item.get("id"), str) and item.get(REMOVE) is not True]
        return len(ids) != len(set(ids)) or any(has_repeats(item) for item in data)
    return False


def unique_ids(node: Node, report: Report) -> Node:
    """``node`` (one file, annotated) without the second and later items of a list that repeat
    an id; each is reported (E016) at its own id, naming the item and line it repeats."""
    if isinstance(node.value, dict):
        return node.with_value({k: unique_ids(v, report) for k, v in node.value.items()})
    if not isinstance(node.value, list):
        return node
    first: dict[str, Node] = {}
    kept = []
    for item in node.value:
        item_id = item.value.get("id") if isinstance(item.value, dict) else None
        if item_id is None or not isinstance(item_id.value, str) or _is_removal(item):
            kept.append(unique_ids(item, report))
            continue
        earlier = first.get(item_id.value)
        if earlier is None:
            first[item_id.value] = item
            kept.append(unique_ids(item, report))
            continue
        from mentorcore.loading.positions import PositionIndex  # only to name a repeat's line

        line, _column = PositionIndex(node.document.text).locate((*earlier.path, "id"))
        report(checks.DUPLICATE_ID.error(
            _("duplicate id '{id}': item {index} repeats item {first} (line {line})").format(
                id=item_id.value, index=item.path[-1], first=earlier.path[-1], line=line),
            (*item.path, "id"), _("give each item an id of its own; to change the first, edit "
                                  "it there")), item_id, False)
    return node.with_value(kept)


def _is_removal(item: Node) -> bool:
    flag = item.value.get(REMOVE) if isinstance(item.value, dict) else None
    return flag is not None and flag.value is True


def _ids(node: Node) -> dict[Any, Node] | None:
    if not isinstance(node.value, list) or not node.value:
        return None
    items: dict[Any, Node] = {}
    for item in node.value:
        if not isinstance(item.value, dict) or "id" not in item.value:
            return None
        items[item.value["id"].value] = item
    return items


def _aligned(base: Node, over: Node) -> Iterator[tuple[Node, Node]]:
    """The maps of ``over`` (this file) and ``base`` (the inherited model) that merge into one."""
    if isinstance(base.value, dict) and isinstance(over.value, dict):
        yield base, over
        for key, child in over.value.items():
            if key in base.value:
                yield from _aligned(base.value[key], child)
        return
    inherited, own = _ids(base), _ids(over)
    if inherited is None or own is None:
        return
    for item_id, item in own.items():
        if item_id in inherited and not (isinstance(item.value, dict) and REMOVE in item.value):
            yield from _aligned(inherited[item_id], item)


def _plain(node: Node) -> Any:
    if isinstance(node.value, dict):
        return {k: _plain(v) for k, v in node.value.items()}
    if isinstance(node.value, list):
        return [_plain(v) for v in node.value]
    return node.value


def _is_text(value: Any) -> bool:
    """A text map (``{fi: …, sv: …}``): adding a language is a translation, not a new fact."""
    return isinstance(value, dict) and bool(value) and all(
        isinstance(k, str) and (k == "*" or len(k) in (2, 3, 5)) and isinstance(v, str | None)
        for k, v in value.items())


def _changes_facts(base: Node, over: Node) -> Node | None:
    """The first value of ``over`` that changes what ``base`` states (names and texts aside)."""
    for key, child in over.value.items():
        if key in _NOT_FACTS or key == "kind" or _is_text(_plain(child)):
            continue  # a changed kind is W017
        if key not in base.value:  # a fact the parent does not state (`value: 6` for min/max)
            if child.value is not None and not isinstance(child.value, list):
                return child
            continue
        inherited = base.value[key]
        if isinstance(child.value, dict) and isinstance(inherited.value, dict):
            if "source" in child.value:
                continue  # a nested fact with a citation of its own: judged on its own
            deeper = _changes_facts(inherited, child)
            if deeper is not None:
                return deeper
        elif not isinstance(child.value, list) and _plain(child) != _plain(inherited):
            return child
    return None


def check_overrides(base: Node, over: Node, report: Report) -> None:
    """Warn where ``over`` changes an inherited item's kind (W017), and where it changes an
    inherited fact while citing a source of the parent's (W018)."""
    parents = _source_ids(base)
    for inherited, own in _aligned(base, over):
        kind, old = own.value.get("kind"), inherited.value.get("kind")
        if kind is not None and old is not None and isinstance(kind.value, str) and \
                isinstance(old.value, str) and kind.value != old.value:
            item_id = own.value["id"].value if "id" in own.value else "?"
            report(checks.KIND_CHANGED.error(
                _("this changes the kind of the inherited item '{id}' from {old} to {new}").format(
                    id=item_id, old=old.value, new=kind.value), own.path + ("kind",),
                _("to add an item, give it an id of its own; to replace the inherited one, "
                  "remove it first: {example}").format(
                    example=f"{{id: {item_id}, remove: true}}")), kind, False)
        changed = _changes_facts(inherited, own)
        if changed is None:
            continue
        cited = own.value.get("source") or inherited.value.get("source")
        if cited is None or not isinstance(cited.value, str) or cited.value not in parents:
            continue
        report(checks.INHERITED_SOURCE.error(
            _("this value differs from the parent model, but the item still cites the parent's "
              "source '{source}', which does not say so").format(source=cited.value),
            changed.path, _("cite your organisation's own decision: a `sources:` entry of your "
                            "own (who decided, when) and `source: <its id>` on this item")),
            changed, False)


def _source_ids(base: Node) -> frozenset[str]:
    sources = base.value.get("sources") if isinstance(base.value, dict) else None
    if sources is None or not isinstance(sources.value, list):
        return frozenset()
    return frozenset(item.value["id"].value for item in sources.value
                     if isinstance(item.value, dict) and "id" in item.value
                     and isinstance(item.value["id"].value, str))


__all__ = ["check_overrides", "has_repeats", "own_id", "unique_ids"]
