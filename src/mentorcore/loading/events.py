"""The fast path of parsing: plain data built straight from the C parser's events.

ruamel.yaml's C parser (from ``ruamel.yaml.clib``) scans and parses; its safe constructor,
written in Python, then spends most of the time resolving and constructing. Models need only
plain maps, lists and YAML 1.2 core scalars, so this module builds them directly from the
events — about three times faster — and refuses everything else (explicit tags other than the
core ones, complex keys). The result equals ruamel's safe loader's on every model (a property
test checks it), except that timestamps stay text, which is what models want anyway.

Without the C parser (e.g. on PyPy) the events come from ruamel.yaml's pure-Python parser, with
the same limits.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

from mentorcore.i18n import _

CORE = "tag:yaml.org,2002:"
_INT = r"[-+]?(?:0b[0-1_]+|0o?[0-7_]+|[0-9_]+|0x[0-9a-fA-F_]+)\Z"
_FLOAT = r"""[-+]?(?:(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
             |(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
             |\.[0-9_]+(?:[eE][-+][0-9]+)?
             |\.(?:inf|Inf|INF))\Z
             |\.(?:nan|NaN|NAN)\Z"""
"""The forms of a number, for the scalars the quick tests in :func:`_plain` leave open (``re``
compiles each at its first use: the bundled models need neither)."""
_NUMBER_ENDS = frozenset("0123456789abcdefABCDEF_.nN")
"""The last letter of every text ``_INT`` or ``_FLOAT`` matches (``.inf`` and ``.nan``)."""
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_MERGE = object()
_WORDS: dict[str, Any] = {**dict.fromkeys(_NULL), **dict.fromkeys(_TRUE, True),
                          **dict.fromkeys(_FALSE, False), "<<": _MERGE}
"""The plain scalars that are not text (the key ``<<`` merges a map)."""
_NUMBER_STARTS = frozenset("-+0123456789.")
_NO_KEY = object()


class EventError(Exception):
    """A problem found while building data: which check, what, and where (0-based)."""

    def __init__(self, kind: str, message: str, mark: Any, hint: str | None = None) -> None:
        super().__init__(message)
        self.kind, self.message, self.hint = kind, message, hint
        self.line = mark.line if mark is not None else None
        self.column = mark.column if mark is not None else None


def _int(text: str) -> int:
    digits = text.replace("_", "")
    sign = -1 if digits[:1] == "-" else 1
    digits = digits.lstrip("+-")
    if digits[:2] in ("0b", "0x", "0o"):
        return sign * int(digits[2:], {"0b": 2, "0x": 16, "0o": 8}[digits[:2]])
    return sign * int(digits)


def _float(text: str) -> float:
    lowered = text.replace("_", "").lower()
    if lowered.endswith(".inf"):
        return -math.inf if lowered.startswith("-") else math.inf
    if lowered == ".nan":
        return math.nan
    return float(lowered)


def _plain(text: str) -> Any:
    """A plain (unquoted, untagged) scalar by the YAML 1.2 core schema."""
    value = _WORDS.get(text, text)
    if value is text and text[:1] in _NUMBER_STARTS:
        return _number(text)
    return value


def _number(text: str) -> Any:
    """A plain scalar that starts as a number may: the number, else the text."""
    if text.isascii():
        if text.isdigit():  # the common cases, as the patterns would read them
            return int(text)
        whole, dot, fraction = text.partition(".")
        if dot and whole.isdigit() and fraction.isdigit():
            return float(text)
    if " " in text or text[-1] not in _NUMBER_ENDS:  # no number: "002_notes.txt", "+358 …"
        return text
    if re.match(_INT, text):
        return _int(text)
    if re.match(_FLOAT, text, re.X):
        return _float(text)
    return text


def _tagged(tag: str, text: str, mark: Any) -> Any:
    kind = tag[len(CORE):] if tag.startswith(CORE) else None
    try:
        if tag == "!" or kind == "str":
            return text
        if kind == "int":
            return _int(text)
        if kind == "float":
            return _float(text)
        if kind == "bool" and (text in _TRUE or text in _FALSE):
            return text in _TRUE
        if kind == "null" and text in _NULL:
            return None
    except ValueError:
        raise EventError("tag", _("'{value}' is not a valid {tag}").format(value=text, tag=kind),
                         mark) from None
    raise EventError("tag", _("tag '{tag}' is not allowed").format(tag=shown(tag)), mark,
                     _("mentorcore never builds objects from YAML; remove the tag"))


def shown(tag: str) -> str:
    """A tag as its author wrote it: ``!!python/name:os.system`` rather than the full URI."""
    return "!!" + tag[len(CORE):] if tag.startswith(CORE) else tag


def events(text: str) -> Any:
    """A function that returns the next parse event: libyaml's (``ruamel.yaml.clib``) when it is
    installed, else ruamel.yaml's own pure-Python parser's — both lazy, one event at a time."""
    try:
        from _ruamel_yaml import CParser
    except ImportError:  # e.g. PyPy
        from ruamel.yaml import YAML

        return YAML(typ="safe", pure=True).parse(text).__next__
    return CParser(text).get_event


class Facts:
    """What :func:`build` saw of the data it built, so that a loader need not walk it again.

    ``plain``: every value is in the data once (no alias, no ``<<`` merge), every key is text
    and every text is in Unicode's composed form (NFC) — such data is already what a loader's
    normalising copy would make of it; ``values``: how many values (maps, lists, scalars) it
    holds; ``keys``: every key of every map; ``repeated_ids``: some list holds two maps with
    the same ``id``."""

    __slots__ = ("keys", "plain", "repeated_ids", "values")

    def __init__(self) -> None:
        self.plain = True
        self.values = 0
        self.keys: set[Any] = set()
        self.repeated_ids = False


def build(text: str, max_depth: int | None = None, max_items: int | None = None,
          facts: Facts | None = None) -> Any:
    """The document's data (``None`` for an empty document).

    ``max_depth`` limits the nesting of maps and lists *while* parsing: the parser is asked for
    no event past the first map or list nested deeper, so a hostile file of 500,000 ``[`` costs
    the same as one of 41 (libyaml's scanner is quadratic in the depth of flow nesting).
    ``max_items`` likewise limits the items of one list and the keys of one map. ``facts``,
    when given, is filled with what was seen (:class:`Facts`)."""
    from ruamel.yaml.events import (
        AliasEvent,
        DocumentStartEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
        StreamEndEvent,
    )

    next_event = events(text)
    seen = facts if facts is not None else Facts()
    keys = seen.keys
    composed = unicodedata.is_normalized
    words, number_starts = _WORDS, _NUMBER_STARTS
    anchors: dict[str, Any] = {}
    # a frame: [container, pending key, where each key first stood, merges, start mark]
    stack: list[list[Any]] = []
    root: Any = None
    documents = 0
    values = 0
    while True:
        event = next_event()
        cls = event.__class__
        # each branch either goes on to the next event or leaves the value it made (and where
        # it stood) to be put in the map or list being built, below
        if cls is ScalarEvent:
            values += 1
            tag = event.tag
            if tag is None and event.implicit[0] and not event.style:  # _plain, inline
                value = event.value
                value = words.get(value, value)
                if type(value) is str and value[:1] in number_starts:
                    value = _number(value)
            elif tag is None:
                value = event.value
            else:
                value = _tagged(tag, event.value, event.start_mark)
            if type(value) is str and not (value.isascii() or composed("NFC", value)):
                seen.plain = False
            if event.anchor is not None:
                anchors[event.anchor] = value
            mark = event.start_mark
            nested = False
        elif cls is MappingStartEvent or cls is SequenceStartEvent:
            tag = event.tag
            expected = CORE + ("map" if cls is MappingStartEvent else "seq")
            if tag is not None and tag != expected and tag != "!":
                raise EventError("tag", _("tag '{tag}' is not allowed").format(tag=shown(tag)),
                                 event.start_mark,
                                 _("mentorcore never builds objects from YAML; remove the tag"))
            if max_depth is not None and len(stack) > max_depth:
                raise EventError("limit", _("nested more than {limit} levels deep").format(
                    limit=max_depth), event.start_mark,
                    _("a model needs a few levels; is a bracket repeated?"))
            values += 1
            if max_depth is not None and len(stack) >= max_depth:
                seen.plain = False  # at the limit: the copy decides, as for any other data
            container: Any = {} if cls is MappingStartEvent else []
            if event.anchor is not None:
                anchors[event.anchor] = container
            stack.append([container, _NO_KEY, {}, [], event.start_mark])
            continue
        elif cls is MappingEndEvent or cls is SequenceEndEvent:
            value, _key, _marks, merges, mark = stack.pop()
            if merges:
                seen.plain = False
            elif type(value) is list and not seen.repeated_ids:
                seen.repeated_ids = _repeats_ids(value)
            for merged in merges:
                for source in (merged if isinstance(merged, list) else [merged]):
                    if not isinstance(source, dict):
                        raise EventError("syntax", _("`<<` merges only maps"), mark)
                    for key, item in source.items():
                        value.setdefault(key, item)
            nested = True
        elif cls is AliasEvent:
            if event.anchor not in anchors:
                raise EventError("syntax", _("unknown alias '{alias}'").format(
                    alias=f"*{event.anchor}"), event.start_mark,
                    _("a text that starts with `*` needs quotes: \"*…\""))
            seen.plain = False  # a value in the data twice (or more): a copy counts it
            value, mark = anchors[event.anchor], event.start_mark
            nested = isinstance(value, dict | list)
        elif cls is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise EventError("documents", _("more than one YAML document in the file"),
                                 event.start_mark,
                                 _("a model is one document; remove the extra '---'"))
            continue
        elif cls is StreamEndEvent:
            seen.values = values
            return root
        else:  # the start of the stream, the end of the document
            continue
        # the value is the document itself, an item of a list, a key or a key's value
        if not stack:
            root = value
            continue
        frame = stack[-1]
        container = frame[0]
        if type(container) is list:
            if max_items is not None and len(container) >= max_items:
                raise EventError("limit", _("more than {limit} items in one list").format(
                    limit=f"{max_items:,}"), mark, _("see 'Bounds' in docs/authoring.md"))
            container.append(value)
            continue
        key = frame[1]
        if key is not _NO_KEY:  # the value of that key
            frame[1] = _NO_KEY
            if key is _MERGE:
                frame[3].append(value)
            else:
                container[key] = value
            continue
        if max_items is not None and len(frame[2]) >= max_items:
            raise EventError("limit", _("more than {limit} keys in one map").format(
                limit=f"{max_items:,}"), mark, _("see 'Bounds' in docs/authoring.md"))
        if nested:
            raise EventError("syntax", _("a key must be a single value, not a map or list"),
                             mark)
        keys.add(value)
        if type(value) is not str:  # (its letters were seen as a scalar's)
            seen.plain = False
        if value is not _MERGE:
            first = frame[2].get(value)
            if first is not None:
                raise EventError("duplicate", _("duplicate key '{key}'").format(key=value),
                                 mark, _("first at line {line}").format(line=first.line + 1))
            frame[2][value] = mark
        frame[1] = value


def _repeats_ids(items: list[Any]) -> bool:
    ids = [item["id"] for item in items if type(item) is dict and type(item.get("id")) is str]
    return len(ids) != len(set(ids))
