"""Reading one YAML file safely into plain data, with guards against hostile input.

Parsing uses ruamel.yaml's safe loader (C-accelerated when ``ruamel.yaml.clib`` is installed):
no tags that construct objects, YAML 1.2 scalars (``no``, ``on`` and ``yes`` stay strings; no
sexagesimal numbers), duplicate keys refused. Positions are not kept on this fast path; they are
recovered by :mod:`mentorcore.loading.positions` only when a problem needs one.
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
import re
import stat
import unicodedata
from pathlib import Path
from typing import Any

import attrs

from mentorcore import checks, reads
from mentorcore.diagnostics import Diagnostic, MentorcoreError
from mentorcore.i18n import _
from mentorcore.loading.events import Facts
from mentorcore.records import record

MAX_BYTES = 1024 * 1024
"""Largest model file read (1 MiB; the bundled models are a few kilobytes)."""
MAX_DEPTH = 40
"""Deepest nesting of maps and lists."""
MAX_NODES = 100_000
"""Most values a document may expand to, counting every use of a YAML alias."""
MAX_ITEMS = 1_000
"""Most items of one list, and keys of one map, in a model (checked while parsing)."""


@record
class Document:
    """A parsed file: where it is, how to name it in messages, its text and its data."""

    path: Path
    display: str
    text: str = attrs.field(repr=False)
    data: dict[str, Any] = attrs.field(repr=False)
    facts: Facts | None = attrs.field(default=None, repr=False, eq=False)
    """What parsing saw of ``data`` (its keys, repeated ids), when ``data`` is as parsed."""


STDIN = "-"
"""The name that reads a model from standard input (``mentorcore validate -``)."""
_stdin: tuple[object, bytes] | None = None


def _standard_input() -> bytes:
    """Standard input, read once per stream (a command may load its model more than once)."""
    import sys

    global _stdin
    stream = sys.stdin
    if _stdin is None or _stdin[0] is not stream:
        source = getattr(stream, "buffer", None)
        raw = source.read(MAX_BYTES + 1) if source is not None else stream.read(
            MAX_BYTES + 1).encode("utf-8")
        _stdin = (stream, raw)
    return _stdin[1]


def display_name(path: Path) -> str:
    """How a file is named in messages: relative to the working directory when inside it."""
    if str(path) == STDIN:
        return "<stdin>"
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if relative.startswith("..") else relative


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    line = raw.count(b"\n", 0, offset) + 1
    column = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


def _fail(check: checks.Check, message: str, display: str, line: int | None = None,
          column: int | None = None, hint: str | None = None,
          exit_code: int = 1) -> MentorcoreError:
    return MentorcoreError([check.error(message, hint=hint).with_position(display, line, column)],
                           exit_code=exit_code)


def read_text(path: Path, display: str | None = None) -> str:
    """The file's text, decoded strictly as UTF-8 (a UTF-8 BOM is allowed)."""
    display = display or display_name(path)
    if str(path) == STDIN:
        raw = _standard_input()
        if len(raw) > MAX_BYTES:
            raise _fail(checks.LIMIT, _("file is larger than {limit} bytes").format(
                limit=MAX_BYTES), display)
        return decode(raw, display)
    if not path.exists():
        raise _fail(checks.IO, _("no such file"), display, exit_code=2)
    if path.is_dir():
        raise _fail(checks.IO, _("is a directory, not a model file"), display, exit_code=2)
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            raise _fail(checks.IO, _("is not a regular file (a device, pipe or socket)"), display,
                        exit_code=2)
        size = status.st_size
        if size > MAX_BYTES:
            raise _fail(checks.LIMIT, _("file is {size} bytes; the limit is {limit}").format(
                size=size, limit=MAX_BYTES), display)
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
        reads.note(path)  # an input of the run: no output may replace it
    except OSError as error:
        raise _fail(checks.IO, _("cannot read: {reason}").format(reason=error.strerror), display,
                    exit_code=2) from None
    if len(raw) > MAX_BYTES:
        raise _fail(checks.LIMIT, _("file is larger than {limit} bytes").format(limit=MAX_BYTES),
                    display)
    return decode(raw, display)


def decode(raw: bytes, display: str) -> str:
    for bom, name in ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
                      (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16")):
        if raw.startswith(bom):
            raise _fail(checks.ENCODING, _("file is {encoding}; models must be UTF-8").format(
                encoding=name), display, 1, 1, hint=_("save the file as UTF-8"))
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    nul = raw.find(b"\0")
    if nul >= 0:
        line, column = _position(raw, nul)
        raise _fail(checks.ENCODING, _("file contains a NUL byte; it is not UTF-8 text"), display,
                    line, column, hint=_("is it UTF-16 or a binary file? save it as UTF-8"))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _position(raw, error.start)
        raise _fail(checks.ENCODING, _("invalid UTF-8 byte {byte}").format(
            byte=f"0x{raw[error.start]:02x}"), display, line, column,
            hint=_("save the file as UTF-8")) from None


_DUPLICATE = r'found duplicate key "(.*?)"'
_TAG = r"tag '([^']*)'"
"""What ruamel.yaml's messages say (read only to explain a file ruamel.yaml refused)."""


def _yaml_error(error: Exception, text: str, display: str,
                quote_text: bool = True) -> MentorcoreError:
    from ruamel.yaml.composer import ComposerError
    from ruamel.yaml.constructor import ConstructorError, DuplicateKeyError

    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = column = None
    if mark is not None:
        line, column = mark.line + 1, mark.column + 1
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    if isinstance(error, DuplicateKeyError):
        key = re.search(_DUPLICATE, str(error))
        first = getattr(error, "context_mark", None)
        name = key.group(1) if key else "?"
        message = (_("duplicate key '{key}' (first at line {line})").format(
            key=name, line=first.line + 1) if first is not None
            else _("duplicate key '{key}'").format(key=name))
        return _fail(checks.DUPLICATE_KEY, message, display, line, column)
    if isinstance(error, ConstructorError) and "constructor for the tag" in str(error):
        tag = re.search(_TAG, str(error))
        name = tag.group(1) if tag else "?"
        return _fail(checks.FORBIDDEN_TAG, _("tag '{tag}' is not allowed").format(tag=name),
                     display,
                     line, column,
                     hint=_("mentorcore never builds objects from YAML; remove the tag"))
    if isinstance(error, ComposerError) and "single document" in str(error):
        return _fail(checks.SYNTAX, _("more than one YAML document in the file"), display,
                     line, column, hint=_("a model is one document; remove the extra '---'"))
    if quote_text:  # the mistake in plain words, quoting the author's line (model files only)
        from mentorcore.loading.syntax import explain

        explained = explain(error, text)
        if explained is not None:
            return _fail(checks.SYNTAX, explained.message, display, explained.line,
                         explained.column, hint=explained.hint)
    if line is not None:
        lines = text.splitlines()
        if 0 < line <= len(lines) and "\t" in lines[line - 1][: (column or 1)]:
            return _fail(checks.SYNTAX, _("tab character in indentation"), display, line,
                         lines[line - 1].index("\t") + 1, hint=_("indent with spaces, not tabs"))
    return _fail(checks.SYNTAX, _("malformed YAML: {problem}").format(problem=problem), display,
                 line, column)


_EVENT_CHECKS = {"tag": checks.FORBIDDEN_TAG, "duplicate": checks.DUPLICATE_KEY,
                 "documents": checks.SYNTAX, "syntax": checks.SYNTAX, "limit": checks.LIMIT}


def parse(text: str, display: str, *, quote_text: bool = True,
          max_items: int | None = None, facts: Facts | None = None) -> Any:
    """Parse YAML text into plain Python data; a :class:`MentorcoreError` on any problem.
    A syntax error is explained quoting the line unless ``quote_text`` is false (personal data).
    ``facts`` is filled with what parsing saw (:class:`~mentorcore.loading.events.Facts`)."""
    from ruamel.yaml.error import YAMLError

    from mentorcore.loading.events import EventError, build

    try:  # limited while parsing: never quadratic
        return build(text, MAX_DEPTH, max_items, facts)
    except EventError as error:
        line = None if error.line is None else error.line + 1
        column = None if error.column is None else error.column + 1
        raise _fail(_EVENT_CHECKS[error.kind], error.message, display, line, column,
                    error.hint) from None
    except YAMLError as error:
        raise _yaml_error(error, text, display, quote_text) from None
    except ValueError as error:  # an integer too long to convert
        match = re.search(r"\d{1000,}", text)
        line = column = None
        if match:
            line = text.count("\n", 0, match.start()) + 1
            column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        raise _fail(checks.LIMIT, _("number too large: {error}").format(
            error=str(error).split(";")[0]), display, line, column) from None
    except RecursionError:
        raise _fail(checks.LIMIT, _("nested too deeply"), display) from None


class _Normaliser:
    """Copies parsed data into plain dicts and lists, enforcing depth and expansion limits."""

    def __init__(self, display: str, nfc: bool = False) -> None:
        self.display = display
        self.nfc = nfc
        """Text NFC-normalised (a model's: an id typed as "ö" or as "o" + "¨" is one id)."""
        self.nodes = 0
        self.problems: list[Diagnostic] = []

    def copy(self, value: Any, path: tuple, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _fail(checks.LIMIT, _("document expands to more than {limit} values").format(
                limit=MAX_NODES), self.display,
                hint=_("are YAML aliases (*name) nested inside each other?"))
        if depth > MAX_DEPTH:
            raise _fail(checks.LIMIT, _("nested more than {limit} levels deep").format(
                limit=MAX_DEPTH), self.display)
        if isinstance(value, dict):
            result = {}
            for key, item in value.items():
                if not isinstance(key, str):
                    self.problems.append(checks.WRONG_TYPE.error(
                        _("keys must be text, found {key}").format(key=repr(key)),
                        (*path, str(key))))
                    continue
                if self.nfc:
                    key = _nfc(key)
                    if key in result:  # NFC and NFD spellings of one key
                        self.problems.append(checks.DUPLICATE_KEY.error(
                            _("duplicate key '{key}' (the same letters, encoded "
                              "differently)").format(key=key), (*path, key)))
                        continue
                result[key] = self.copy(item, (*path, key), depth + 1)
            return result
        if isinstance(value, list):
            return [self.copy(item, (*path, i), depth + 1) for i, item in enumerate(value)]
        if isinstance(value, dt.datetime | dt.date):
            return value.isoformat()
        if self.nfc and isinstance(value, str):
            return _nfc(value)
        return value


def _nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def safe_data(text: str, display: str) -> Any:
    """Parse ``text`` as safely as a model (tags refused, duplicate keys refused, alias expansion
    and depth bounded) into plain data; :class:`MentorcoreError` on any problem."""
    normaliser = _Normaliser(display)
    data = normaliser.copy(parse(text, display, quote_text=False), (), 0)
    if normaliser.problems:
        raise MentorcoreError(normaliser.problems)
    return data


def _kind(data: Any) -> str:
    if isinstance(data, list):
        return _("a list")
    if isinstance(data, bool):
        return _("true or false")
    if isinstance(data, int | float):
        return _("a number")
    return _("a text")


def _top_level_list(text: str) -> int | None:
    """The line of a top level that is a list (its first item), or ``None``.

    Only the lines up to the first one that is no comment, directive or blank are read: the
    text is split in growing prefixes (a model's first such line is near its top), each one's
    last line left out until the prefix is the whole text, as it may go on past the cut."""
    size = 4096
    while True:
        whole = size >= len(text)
        lines = text.splitlines() if whole else text[:size].splitlines()[:-1]
        for number, line in enumerate(lines, start=1):
            stripped = line.strip()
            if not stripped or stripped.startswith(("#", "%", "---")):
                continue
            return number if line.startswith(("- ", "-\t", "[")) or stripped == "-" else None
        if whole:
            return None
        size *= 4


SHEET_SUFFIXES = frozenset({".csv", ".tsv", ".xlsx", ".xlsm", ".xls", ".ods"})
"""Kinds of file that are never a model: spreadsheets (participant lists, units files, logs)."""


class Parents:
    """The models a run has parsed as the parent of another (``extends:``), each kept with the
    text it was parsed from: a model that several files of one run extend — or that a run both
    extends and validates — is parsed once. A parent's data is only read (merging makes new maps
    and lists), so it can be shared; a model loaded as itself takes its entry out, as its data
    then goes to the checks and the caller. An entry is used only for the same file, named the
    same way, holding the same text."""

    __slots__ = ("_parsed",)

    def __init__(self) -> None:
        self._parsed: dict[tuple[str, str], tuple[str, Document, tuple[Diagnostic, ...]]] = {}

    def parse(self, path: Path, display: str, text: str, *, parent: bool
              ) -> tuple[Document, list[Diagnostic]]:
        """The parse of ``text``, the file ``path``'s: the one kept when it is the same text,
        else made now; kept for the next use when the file is read as a ``parent``."""
        key = (str(path), display)
        found = self._parsed.get(key) if parent else self._parsed.pop(key, None)
        if found is not None and found[0] == text:
            return found[1], list(found[2])
        document, problems = _parsed(path, display, text)
        if parent:
            self._parsed[key] = (text, document, tuple(problems))
        return document, problems


def load_document(path: Path, display: str | None = None, *, parents: Parents | None = None,
                  parent: bool = False) -> tuple[Document, list[Diagnostic]]:
    """Read and parse ``path``. Raises :class:`MentorcoreError` when nothing usable is there;
    returns the document and any non-fatal problems (e.g. keys that are not text) otherwise.

    With ``parents`` (a run's :class:`Parents`), a file parsed before as a parent, with the same
    text, is not parsed again; ``parent``: the file is read as the parent of another (its
    data only read), so it is kept for the next file that extends it."""
    display = display or display_name(path)
    if path.suffix.casefold() in SHEET_SUFFIXES:  # refused by its kind, its content never read
        raise _fail(checks.NOT_A_MODEL, _("a {kind} file is not a model: a model is a YAML "
                                          "file").format(kind=path.suffix.lstrip(".").upper()),
                    display, hint=_("a participant list or a units file is given with the "
                                    "model: `mentorcore match MODEL LIST`, `mentorcore "
                                    "simulate MODEL --participants FILE`"))
    text = read_text(path, display)
    if parents is not None:
        return parents.parse(path, display, text, parent=parent)
    return _parsed(path, display, text)


def _parsed(path: Path, display: str, text: str) -> tuple[Document, list[Diagnostic]]:
    line = _top_level_list(text)
    if line is not None:  # a list (a YAML participant list?): no model, and never parsed,
        # so that none of its keys or values is quoted back
        raise _fail(checks.NOT_A_MODEL, _("top level must be a map of keys, found {found}").format(
            found=_("a list")), display, line, 1, hint=_("a model starts with `id:` and `name:`"))
    facts = Facts()
    data = parse(text, display, max_items=MAX_ITEMS, facts=facts)
    if data is None:
        raise _fail(checks.NOT_A_MODEL, _("file is empty"), display, 1, 1,
                    hint=_("a model starts with `id:` and `name:`"))
    if not isinstance(data, dict):
        kind = _kind(data)  # never the content: the file may be anything but a model
        raise _fail(checks.NOT_A_MODEL, _("top level must be a map of keys, found {found}").format(
            found=kind), display, 1, 1, hint=_("a model starts with `id:` and `name:`"))
    if facts.plain and facts.values <= MAX_NODES:  # already what the copy would make of it
        return Document(path=path, display=display, text=text, data=data, facts=facts), []
    normaliser = _Normaliser(display, nfc=True)
    data = normaliser.copy(data, (), 0)
    return Document(path=path, display=display, text=text, data=data), normaliser.problems
