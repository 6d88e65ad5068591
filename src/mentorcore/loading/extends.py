"""``extends:`` — deriving a model from another without copying it.

Merging rules, applied from the root parent down to the file itself:

* maps merge deeply; a key set to ``null`` removes the inherited value;
* lists whose items all have an ``id`` (roles, phases, events, forms…) merge by id: an item
  with a known id is merged into the inherited one in place, a new id is appended, and an item
  ``{id: X, remove: true}`` removes the inherited item ``X``;
* any other value replaces the inherited one.

Every merged value remembers the file and the path inside that file it came from, so that a
problem in the resolved model is reported at the line of the file that holds it.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

import attrs

from mentorcore import checks
from mentorcore.diagnostics import Diagnostic
from mentorcore.i18n import _
from mentorcore.loading.document import Document

REMOVE = "remove"


@attrs.define
class Node:
    """A value of the merged tree with its origin: the document and the path inside it."""

    value: Any
    document: Document
    path: tuple

    def with_value(self, value: Any) -> Node:
        """The same place holding ``value`` (what ``attrs.evolve`` would make, without its
        cost: merging makes one for every map and list of a model)."""
        return Node(value, self.document, self.path)


def annotate(data: Any, document: Document, path: tuple = ()) -> Node:
    """Wrap plain data (all of it from ``document``) into :class:`Node` values."""
    if isinstance(data, dict):
        value: Any = {k: annotate(v, document, (*path, k)) for k, v in data.items()}
    elif isinstance(data, list):
        value = [annotate(v, document, (*path, i)) for i, v in enumerate(data)]
    else:
        value = data
    return Node(value, document, path)


def plain(node: Node) -> Any:
    """The plain data of a merged tree."""
    if isinstance(node.value, dict):
        return {k: plain(v) for k, v in node.value.items()}
    if isinstance(node.value, list):
        return [plain(v) for v in node.value]
    return node.value


def origins(node: Node, path: tuple = ()) -> dict[tuple, Node]:
    """Map every path of the merged tree to the node (and so the file) it came from."""
    found = {path: node}
    if isinstance(node.value, dict):
        for key, child in node.value.items():
            found.update(origins(child, (*path, key)))
    elif isinstance(node.value, list):
        for index, child in enumerate(node.value):
            found.update(origins(child, (*path, index)))
    return found


def _items_with_ids(node: Node) -> bool:
    return isinstance(node.value, list) and bool(node.value) and all(
        isinstance(item.value, dict)
        and isinstance(item.value.get("id", Node(None, item.document, ())).value, str)
        for item in node.value
    )


def _is_removal(item: Node) -> bool:
    flag = item.value.get(REMOVE) if isinstance(item.value, dict) else None
    return flag is not None and flag.value is True


Report = Callable[[Diagnostic, Node, bool], None]
"""``report(diagnostic, node, at_key)``: record a problem at a node of some file."""


def strip_removals(node: Node, report: Report, path: tuple = ()) -> Node:
    """In a model with no parent, ``remove: true`` has nothing to remove: report and drop it."""
    if isinstance(node.value, dict):
        return node.with_value({k: strip_removals(v, report, (*path, k))
                                for k, v in node.value.items()})
    if isinstance(node.value, list):
        kept = []
        for index, item in enumerate(node.value):
            if _is_removal(item):
                report(checks.BAD_REMOVE.error(
                    _("`remove: true` needs an inherited item, but this model extends nothing"),
                    (*path, index, REMOVE)), item.value[REMOVE], True)
                continue
            kept.append(strip_removals(item, report, (*path, index)))
        return node.with_value(kept)
    return node


def merge(base: Node, over: Node, report: Report, path: tuple = ()) -> Node:
    """Merge ``over`` (the adapting model) onto ``base`` (the inherited one)."""
    if isinstance(base.value, dict) and isinstance(over.value, dict):
        merged = dict(base.value)
        # `value: N` is shorthand for `min: N, max: N`: either form replaces the other
        if "value" in over.value and "value" not in base.value:
            merged.pop("min", None), merged.pop("max", None)
        bounds_given = {"min", "max"} & set(over.value) and "value" not in over.value
        if bounds_given and "min" not in base.value:
            merged.pop("value", None)
        for key, child in over.value.items():
            if child.value is None:
                merged.pop(key, None)
            elif key in merged:
                merged[key] = merge(merged[key], child, report, (*path, key))
            else:
                merged[key] = strip_removals(child, report, (*path, key))
        return Node(merged, over.document, over.path)
    if _items_with_ids(base) and isinstance(over.value, list) and all(
            isinstance(item.value, dict) and "id" in item.value for item in over.value):
        return _merge_by_id(base, over, report, path)
    return strip_removals(over, report, path)


def _merge_by_id(base: Node, over: Node, report: Report, path: tuple) -> Node:
    items: dict[Any, Node] = {item.value["id"].value: item for item in base.value}
    for index, item in enumerate(over.value):
        item_id = item.value["id"].value
        if _is_removal(item):
            extra = sorted(set(item.value) - {"id", REMOVE})
            if extra:
                report(checks.BAD_REMOVE.error(
                    _("`remove: true` cannot be combined with other keys ({keys})").format(
                        keys=", ".join(extra)),
                    (*path, index, extra[0])), item.value[extra[0]], True)
            if item_id in items:
                del items[item_id]
            else:
                from mentorcore.spelling import did_you_mean

                report(checks.REMOVE_MISSING.error(
                    _("cannot remove '{id}': the parent model has no such item").format(
                        id=item_id),
                    (*path, index, "id"), hint=did_you_mean(str(item_id), map(str, items))),
                    item.value["id"], False)
            continue
        if item_id in items:
            items[item_id] = merge(items[item_id], item, report, (*path, index))
        else:
            items[item_id] = strip_removals(item, report, (*path, index))
    return Node(list(items.values()), over.document, over.path)


def parent_reference(data: dict[str, Any]) -> Any:
    return data.get("extends")


def is_path_reference(reference: str) -> bool:
    """``extends: ../womento.yaml`` is a path; ``extends: womento`` is a model id."""
    return "/" in reference or "\\" in reference or reference.endswith((".yaml", ".yml"))


MAX_CHAIN = 16
"""Most models in one ``extends`` chain (the file itself and its parents)."""
MAX_REFERENCE = 1024
"""Longest ``extends`` path, in characters."""
SUFFIXES = (".yaml", ".yml")


class ParentRefused(Exception):
    """``extends`` names a file a model may not extend: why, and what to do."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def resolve_parent(reference: str, child: Path, find_model: Callable[[str], Path | None],
                   roots: Iterable[Path] = ()) -> Path | None:
    """The file ``extends: reference`` names in the model ``child`` (``None``: no such file or
    model id). A path is confined: relative, a ``.yaml``/``.yml`` regular file, and — symbolic
    links followed — inside the folder of ``child`` (or below it) or inside one of ``roots``
    (``--extends-dir``). Anything else is :class:`ParentRefused`, before the file is opened,
    so a model can never make mentorcore read (and quote) ``/etc/shadow`` or ``../secret``."""
    if not is_path_reference(reference):
        return find_model(reference)
    if len(reference) > MAX_REFERENCE:
        raise ParentRefused(_("the path is {length} characters long; the limit is {limit}").format(
            length=len(reference), limit=MAX_REFERENCE))
    if PurePosixPath(reference).is_absolute() or PureWindowsPath(reference).anchor:
        raise ParentRefused(_("an absolute path is not allowed"),
                            _("write the path relative to this file, e.g. base.yaml"))
    if not reference.lower().endswith(SUFFIXES):
        raise ParentRefused(_("a parent must be a model file ending in .yaml or .yml"))
    try:
        folder = Path(os.path.realpath(child.parent))
        target = Path(os.path.realpath(child.parent / reference))
        allowed = [folder, *(Path(os.path.realpath(root)) for root in roots)]
        if not any(target.is_relative_to(root) for root in allowed):
            raise ParentRefused(
                _("the file is outside the folder of this model"),
                _("a parent must be in the folder of the model that extends it, or below it; "
                  "`mentorcore --extends-dir DIR` allows another folder"))
        if not target.exists():
            return None
        if not stat.S_ISREG(target.stat().st_mode):
            raise ParentRefused(_("is not a regular file"))
    except OSError as error:
        raise ParentRefused(_("cannot read: {reason}").format(
            reason=error.strerror or type(error).__name__)) from None
    return target
