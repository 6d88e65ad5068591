"""YAML syntax errors explained in plain words, at the line of the mistake, with the fix.

The YAML parser reports what it could not do (``could not find expected ':'``, ``mapping values
are not allowed in this context``), often a line after the mistake. :func:`explain` reads the
parser's marks *and* the text around them and says what the author wrote wrong and how to write
it instead::

    >>> from mentorcore.loading.syntax import explain_text
    >>> print(explain_text("id: kuopio\\nregion Kuopio\\n").message)
    line 2: `region Kuopio` has no colon — write `region: Kuopio`

Each rule looks at one situation; the first that recognises the mistake explains it; when none
does, the last says where to look in plain words. The explanations quote the
author's line, so they are for model files only — a participant list's cells are never quoted
(:func:`mentorcore.loading.document.safe_data` does not use this module).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from mentorcore.i18n import _
from mentorcore.records import record

_CLOSERS = {"[": "]", "{": "}"}
_OPENERS = {"]": "[", "}": "{"}
_SPECIAL_START = "@`%*&!|>?"
_KEY_LINE = re.compile(r"^(\s*)(-\s+)?([^\s:#'\"{}\[\],][^:#]*?):(\s+|$)(.*)$")


@record
class Explanation:
    """What is wrong and how to fix it, at a 1-based ``line`` and ``column``."""

    line: int
    column: int
    message: str
    hint: str | None = None


class _Text:
    """The file's lines and the parser's error, as the rules read them (0-based)."""

    def __init__(self, text: str, error: BaseException) -> None:
        self.lines = text.splitlines() or [""]
        problem, context = getattr(error, "problem_mark", None), getattr(error, "context_mark",
                                                                           None)
        self.problem = str(getattr(error, "problem", None) or str(error).splitlines()[0])
        self.context = str(getattr(error, "context", None) or "")
        self.at = (problem.line, problem.column) if problem is not None else None
        self.opened = (context.line, context.column) if context is not None else None

    def line(self, index: int) -> str:
        return self.lines[index] if 0 <= index < len(self.lines) else ""

    def char(self, where: tuple[int, int] | None) -> str:
        if where is None:
            return ""
        line = self.line(where[0])
        return line[where[1]] if where[1] < len(line) else ""

    def says(self, *words: str) -> bool:
        return any(word in self.problem for word in words)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def quoted(value: str) -> str:
    """``value`` as a quoted YAML text: in double quotes unless it holds ``"`` or ``\\``."""
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def _snippet(line: str) -> str:
    text = line.strip()
    return text if len(text) <= 60 else text[:57] + "..."


def _explained(where: tuple[int, int], message: str, hint: str | None = None) -> Explanation:
    return Explanation(where[0] + 1, where[1] + 1,
                       _("line {line}: {problem}").format(line=where[0] + 1, problem=message),
                       hint)


# -- the rules, each for one situation ---------------------------------------------------------

def _tab(t: _Text) -> Explanation | None:
    last = t.at[0] if t.at is not None else len(t.lines) - 1
    for index in range(0, min(last, len(t.lines) - 1) + 1):
        line = t.lines[index]
        lead = line[: len(line) - len(line.lstrip(" \t-"))]
        if "\t" in lead:
            return _explained((index, lead.index("\t")),
                              _("tab character in indentation"),
                              _("indent with spaces, not tabs"))
    return None


def _unclosed_quote(t: _Text) -> Explanation | None:
    if "quoted scalar" not in t.context or not t.says("end of stream") or t.opened is None:
        return None
    mark = t.char(t.opened) or '"'
    return _explained(t.opened, _("the quote {quote} that opens here is never closed — end the "
                                  "text with {quote}").format(quote=f"`{mark}`"),
                      _("a text in quotes ends with the same quote mark it starts with"))


def _escape(t: _Text) -> Explanation | None:
    if not t.says("escape") or t.at is None:
        return None
    line = t.line(t.at[0])
    start = line.rfind("\\", 0, t.at[1] + 1)
    sequence = line[start:start + 2] if start >= 0 else "\\"
    return _explained((t.at[0], max(start, 0)), _(
        "`{sequence}` inside double quotes is read as a special character — use single quotes "
        "instead, or write the backslash twice (`\\\\`)").format(sequence=sequence))


def _scan_flow(t: _Text, start: tuple[int, int]) -> tuple[str, tuple[int, int], str] | None:
    """Follow the flow collection that opens at ``start``: ``("closed", where, "")``,
    ``("comment", where_of_#, "")``, ``("mismatch", where, opener_bracket_at)``, or
    ``("open", where_it_opened, bracket)`` when the text ends first."""
    stack: list[tuple[str, tuple[int, int]]] = []
    row, column = start
    quote: str | None = None
    while row < len(t.lines):
        line = t.lines[row]
        while column < len(line):
            char = line[column]
            if quote is not None:
                if char == quote:
                    if quote == "'" and line[column + 1:column + 2] == "'":
                        column += 1
                    else:
                        quote = None
                elif char == "\\" and quote == '"':
                    column += 1
            elif char in "\"'" and (column == 0 or line[column - 1] in " \t[{,:"):
                quote = char
            elif char == "#" and (column == 0 or line[column - 1] in " \t"):
                return ("comment", (row, column), stack[-1][0] if stack else "")
            elif char in _CLOSERS:
                stack.append((char, (row, column)))
            elif char in _OPENERS:
                if not stack:
                    return ("closed", (row, column), "")
                opener, where = stack.pop()
                if _CLOSERS[opener] != char:
                    return ("mismatch", (row, column), opener + f"{where[0]}:{where[1]}")
                if not stack:
                    return ("closed", (row, column), "")
            column += 1
        row, column = row + 1, 0
    if stack:
        return ("open", stack[0][1], stack[0][0])
    return None


def _item_at(line: str, column: int) -> tuple[int, str]:
    """The item of a flow collection around ``column``: its start and its text."""
    start = max(line.rfind(",", 0, column), line.rfind("{", 0, column),
                line.rfind("[", 0, column)) + 1
    ends = [i for i in (line.find(",", column), line.find("}", column), line.find("]", column))
            if i >= 0]
    end = min(ends) if ends else len(line)
    while start < end and line[start] == " ":
        start += 1
    return start, line[start:end].rstrip()


def _quote_item(item: str) -> str:
    """``fi: Tavoite: työ`` → ``fi: "Tavoite: työ"``; a bare text is quoted whole."""
    key, colon, value = item.partition(": ")
    if colon and key and not any(c in key for c in ":?#"):
        return f"{key}: {quoted(value.strip())}"
    return quoted(item.strip())


def _flow(t: _Text) -> Explanation | None:
    if "flow" not in t.context or t.opened is None:
        return None
    found = _scan_flow(t, t.opened)
    if found is None:
        return None
    state, where, extra = found
    if state == "open":
        return _explained(where, _("the {bracket} that opens here is never closed — add {closer} "
                                   "at the end of the list or map").format(
            bracket=f"`{extra}`", closer=f"`{_CLOSERS[extra]}`"))
    if state == "mismatch":
        opener, place = extra[0], extra[1:].split(":")
        return _explained(where, _("{found} closes the {bracket} of line {line}, column {column} "
                                   "— close it with {closer}").format(
            found=f"`{t.char(where)}`", bracket=f"`{opener}`", line=int(place[0]) + 1,
            column=int(place[1]) + 1, closer=f"`{_CLOSERS[opener]}`"))
    if state == "comment":
        line = t.line(where[0])
        start, item = _item_at(line, where[1])
        start = min(start, where[1])
        item = line[start:].split(",")[0].rstrip(" }]")
        return _explained(where, _("the `#` starts a comment, which hides the rest of the line — "
                                   "put the text in quotes: {fixed}").format(
            fixed=f"`{_quote_item(item)}`"))
    if t.at is None:
        return None
    line = t.line(t.at[0])
    column = t.at[1]
    if t.at[0] == t.opened[0] and column > 0 and t.char(t.at) in "}]":
        column -= 1  # the parser stopped at the end of the item: the item is the one before
    start, item = _item_at(line, column)
    missing = re.fullmatch(r"([\w-]+):\s*([^\s:,]+)\s+([\w-]+):\s*(.*)", item)
    if missing:  # `{min: 6 max: 8}`: two keys without the comma between them
        key, value, other, rest = missing.groups()
        return _explained((t.at[0], start), _(
            "a comma is missing between {first} and {second} — write {fixed}").format(
            first=f"`{key}: {value}`", second=f"`{other}`",
            fixed=f"`{key}: {value}, {other}: {rest}`"))
    if any(c in item.partition(": ")[2] for c in ":?#") or item.count(":") > 1:
        return _explained((t.at[0], start), _(
            "the text {text} holds a character that YAML reads as punctuation (`:`, `?` or `#`) "
            "— put the text in quotes: {fixed}").format(text=f"`{item}`",
                                                       fixed=f"`{_quote_item(item)}`"))
    if " " in item.strip() and ":" not in item:
        return _explained((t.at[0], start), _(
            "a comma is missing between the items of the list or map, or the text {text} needs "
            "quotes").format(text=f"`{item}`"))
    return None


def _squeezed_colon(t: _Text) -> Explanation | None:
    if t.at is None or not t.says("found unexpected ':'"):
        return None
    line = t.line(t.at[0])
    start = t.opened[1] if t.opened is not None and t.opened[0] == t.at[0] else t.at[1]
    word = re.match(r"[^\s,\[\]{}]*", line[start:])
    written = word.group(0) if word else ":"
    name, _colon, value = written.partition(":")
    return _explained((t.at[0], t.at[1]), _("{text} needs a space after the colon — write "
                                            "{fixed}").format(text=f"`{written}`",
                                                              fixed=f"`{name}: {value}`"))


def _extra_closer(t: _Text) -> Explanation | None:
    char = t.char(t.at)
    if t.at is None or char not in _OPENERS or not t.says("expected key", "block end"):
        return None
    return _explained(t.at, _("{found} closes nothing — remove it, or add the {opener} it "
                              "belongs to").format(found=f"`{char}`", opener=f"`{_OPENERS[char]}`"))


def _quoted_then_more(t: _Text) -> Explanation | None:
    if t.at is None or not t.says("expected key", "block end"):
        return None
    line = t.line(t.at[0])
    match = _KEY_LINE.match(line)
    if match is None or not match.group(5) or match.group(5)[0] not in "\"'":
        return None
    value = match.group(5).split(" #")[0].rstrip()
    # `"Rock "n" roll"`: the outer quotes were meant to hold it all; `"Womento" Kuopio`: the
    # quotes are part of the text
    inner = value[1:-1] if len(value) > 1 and value[-1] == value[0] else value
    key = match.group(3).strip()
    return _explained(t.at, _("the text in quotes ends before the end of the line — quote the "
                              "whole text, e.g. {fixed}").format(
        fixed=f"`{key}: {quoted(inner)}`"),
                      _("a quote mark inside a text needs the other kind of quotes around it"))


def _missing_colon(t: _Text) -> Explanation | None:
    if not t.says("could not find expected ':'") or t.opened is None:
        return None
    row = t.opened[0]
    line = t.line(row)
    body = line.strip()
    if body.startswith("- "):
        body = body[2:].strip()
    where = (row, _indent(line))
    continuation = _("if the line continues the text above it, indent it more than that key, "
                     "or put the whole text in quotes")
    squeezed = re.match(r"^([^\s:]+):(\S.*)$", body)
    if squeezed:
        return _explained(where, _("{line} needs a space after the colon — write {fixed}").format(
            line=f"`{body}`", fixed=f"`{squeezed.group(1)}: {squeezed.group(2)}`"))
    equals = re.match(r"^([^\s=]+)\s*=\s*(.*)$", body)
    if equals:
        return _explained(where, _("{line} has `=` where YAML needs a colon — write "
                                   "{fixed}").format(
            line=f"`{body}`", fixed=f"`{equals.group(1)}: {equals.group(2)}`"))
    key, _space, value = body.partition(" ")
    fixed = f"{key}: {value.strip()}" if value.strip() else f"{key}: …"
    return _explained(where, _("{line} has no colon — write {fixed}").format(
        line=f"`{body}`", fixed=f"`{fixed}`"), continuation)


def _colon_in_text(t: _Text) -> Explanation | None:
    if t.at is None or not t.says("mapping values are not allowed"):
        return None
    line = t.line(t.at[0])
    match = _KEY_LINE.match(line)
    if match is not None and len(match.group(1)) + (len(match.group(2) or "")) + len(
            match.group(3)) < t.at[1]:
        key, value = match.group(3).strip(), match.group(5).split(" #")[0].rstrip()
        keys = re.fullmatch(r"[^,]+(,\s*[\w-]+:\s*[^,]+)+", value)
        if keys and not t.line(t.at[0]).lstrip().startswith(("{", "[")):
            dash = "- " if match.group(2) else ""
            return _explained((t.at[0], _indent(line)), _(
                "{line} puts several keys on one line — write them in braces, {fixed}, or each on "
                "its own line").format(line=f"`{line.strip()}`",
                                       fixed=f"`{dash}{{{key}: {value}}}`"))
        return _explained((t.at[0], line.index(match.group(5), len(match.group(1)))), _(
            "the text {text} holds a colon followed by a space, which YAML reads as a new key — "
            "put the text in quotes: {fixed}").format(text=f"`{value}`",
                                                     fixed=f"`{key}: {quoted(value)}`"))
    return _indented_under_value(t)


def _indented_under_value(t: _Text) -> Explanation | None:
    if t.at is None:
        return None
    row = t.at[0]
    line = t.line(row)
    for above in range(row - 1, -1, -1):
        previous = t.line(above)
        if not previous.strip() or previous.lstrip().startswith("#"):
            continue
        match = _KEY_LINE.match(previous)
        if match is None or _indent(previous) >= _indent(line) or not match.group(5).strip():
            return None
        key = line.strip().split(":")[0]
        return _explained((row, _indent(line)), _(
            "{key} is indented more than {parent} on line {line}, which already has a value — "
            "indent {key} as much as {parent}, or move the value of {parent} below it").format(
            key=f"`{key}`", parent=f"`{match.group(3).strip()}`", line=above + 1))
    return None


def _question_mark(t: _Text) -> Explanation | None:
    if t.at is None or not t.says("mapping keys are not allowed"):
        return None
    line = t.line(t.at[0])
    match = _KEY_LINE.match(line)
    if match is None:
        return None
    key, value = match.group(3).strip(), match.group(5).rstrip()
    return _explained((t.at[0], t.at[1]), _(
        "a text that starts with `? ` is read as a key — put the text in quotes: {fixed}").format(
        fixed=f"`{key}: {quoted(value)}`"))


def _special_start(t: _Text) -> Explanation | None:
    if t.at is None:
        return None
    start = t.opened if t.opened is not None and (
        "alias" in t.context or "tag" in t.context or "block scalar" in t.context
        or "anchor" in t.context) else t.at
    char = t.char(start)
    if char not in _SPECIAL_START or not (
            t.says("cannot start any token", "undefined alias") or start is t.opened):
        return None
    line = t.line(start[0])
    before = line[:start[1]].rstrip()
    value = line[start[1]:].split(" #")[0].rstrip()
    match = _KEY_LINE.match(line)
    key = match.group(3).strip() if match is not None and before.endswith(":") else None
    fixed = f"{key}: {quoted(value)}" if key else quoted(value)
    shown = "`` ` ``" if char == "`" else f"`{char}`"
    return _explained(start, _("a text cannot start with {char} unquoted — put the text in "
                               "quotes: {fixed}").format(char=shown, fixed=f"`{fixed}`"),
                      _("`@`, `` ` ``, `%`, `*`, `&`, `!`, `|`, `>` and `?` at the start of a "
                        "value mean something else in YAML"))


def _dash_after_key(t: _Text) -> Explanation | None:
    if t.at is None or not t.says("sequence entries are not allowed"):
        return None
    line = t.line(t.at[0])
    match = _KEY_LINE.match(line)
    if match is None:
        return None
    key, items = match.group(3).strip(), match.group(5).strip()
    item = items[1:].strip()
    return _explained(t.at, _("a list item cannot stand on the line of its key — write "
                              "{fixed}, or put {item} on the next line, indented").format(
        fixed=f"`{key}: [{item}]`", item=f"`- {item}`"))


def _list_indent(t: _Text) -> Explanation | None:
    if t.at is None or t.opened is None or not t.says("'-' indicator", "block end"):
        return None
    if "block collection" not in t.context and "block sequence" not in t.context:
        return None
    line, first = t.line(t.at[0]), t.line(t.opened[0])
    if line.lstrip().startswith("-"):
        return _explained((t.at[0], _indent(line)), _(
            "this list item is indented {found} spaces, but the item on line {line} is indented "
            "{expected} — line up the `-` of every item of a list").format(
            found=_indent(line), line=t.opened[0] + 1, expected=_indent(first)))
    key = line.strip().split(":")[0]
    return _explained((t.at[0], _indent(line)), _(
        "{key} stands in line with the `-` of the list item on line {line} — indent it {count} "
        "more spaces to make it part of that item, or start a new item with `- `").format(
        key=f"`{key}`", line=t.opened[0] + 1,
        count=len(first) - len(first.lstrip(" -")) - _indent(line)))


def _orphan_item(t: _Text) -> Explanation | None:
    """A list item under no key: the key is missing or commented out (``# sources:``)."""
    if t.at is None or not t.says("expected key", "block end"):
        return None
    line = t.line(t.at[0])
    if not line.lstrip().startswith("- ") or _indent(line) != t.at[1]:
        return None
    for above in range(t.at[0] - 1, -1, -1):
        previous = t.line(above)
        if not previous.strip():
            continue
        commented = re.match(r"^(\s*)#\s*([\w-]+:)\s*$", previous)
        if commented and len(commented.group(1)) < _indent(line):
            return _explained((above, len(commented.group(1))), _(
                "the key of the list below, {key}, is commented out — remove the `#` before "
                "it").format(key=f"`{commented.group(2)}`"))
        if previous.lstrip().startswith("#"):
            continue
        if _indent(previous) >= _indent(line) and not previous.lstrip().startswith("-"):
            break
        return None
    return _explained((t.at[0], _indent(line)), _(
        "this list item belongs to no key — write the key it belongs to above it (e.g. "
        "`events:`), and indent the items under it"))


def _map_indent(t: _Text) -> Explanation | None:
    if t.at is None or not t.says("expected key", "block end"):
        return None
    row = t.at[0]
    line = t.line(row)
    if _indent(line) != t.at[1] or not line.strip():
        return None
    parent = -1  # the line of the map's key: the first above that is indented no more
    for above in range(row - 1, -1, -1):
        previous = t.line(above)
        if previous.strip() and not previous.lstrip().startswith("#") and \
                _indent(previous) <= _indent(line):
            parent = above
            break
    siblings = [i for i in range(parent + 1, row) if t.line(i).strip()
                and not t.line(i).lstrip().startswith("#")]
    if not siblings:
        return None
    sibling = siblings[0]
    key = line.strip().split(":")[0]
    return _explained((row, _indent(line)), _(
        "{key} is indented {found} spaces, but the key above it in the same map (line {line}) "
        "is indented {expected} — indent the keys of one map alike").format(
        key=f"`{key}`", found=_indent(line), line=sibling + 1,
        expected=_indent(t.line(sibling))))


def _anything_else(t: _Text) -> Explanation | None:
    """The last rule: no other recognised the mistake, so say where to look, in plain words."""
    if t.at is None:
        return None
    return _explained(t.at, _("YAML cannot read the file from here — look at this line and the "
                              "one above it: the indentation, a missing colon, or a text that "
                              "needs quotes"))


RULES: tuple[Callable[[Any], Explanation | None], ...] = (
    _tab, _unclosed_quote, _escape, _squeezed_colon, _flow, _extra_closer, _quoted_then_more,
    _missing_colon, _question_mark, _special_start, _colon_in_text, _dash_after_key,
    _list_indent, _orphan_item, _map_indent, _anything_else,
)


def reading_of(error: BaseException, text: str) -> Any:
    """What the rules read: the text's lines and the parser's marks (for tests of the rules)."""
    return _Text(text, error)


def explain(error: BaseException, text: str) -> Explanation | None:
    """The plain-language explanation of a YAML ``error`` in ``text``, or ``None`` when no rule
    recognises the mistake."""
    reading = reading_of(error, text)
    for rule in RULES:
        try:
            found = rule(reading)
        except Exception:  # noqa: BLE001 - a rule that misreads the text gives way to the next
            found = None
        if found is not None:
            return found
    return None


def explain_text(text: str) -> Explanation | None:
    """Parse ``text`` and explain its syntax error (``None`` when it parses)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        YAML(typ="safe").load(text)
    except YAMLError as error:
        return explain(error, text)
    return None


__all__ = ["RULES", "Explanation", "explain", "explain_text", "quoted", "reading_of"]
