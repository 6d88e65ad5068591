"""Diagnostics: problems found in a model, reported like a compiler's messages.

Every problem is a value — a :class:`Diagnostic` — with a stable rule id, a severity, the path
of the offending value inside the model, and (once located) the file, line and column that hold
it. Functions collect diagnostics and return them together; the only exception that crosses the
public API is :class:`MentorcoreError`, which carries them.

Example::

    >>> d = Diagnostic(rule="E102", severity=Severity.ERROR, path=("phases", 1, "duration"),
    ...                message="expected a number, found 'two'")
    >>> d.with_position("womento.yaml", 14, 9).format()
    "womento.yaml:14:9: phases[1].duration: expected a number, found 'two' [E102]"
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from typing import Protocol

import attrs

from mentorcore.records import record

__all__ = [
    "Diagnostic",
    "MentorcoreError",
    "Severity",
    "format_path",
]


class Severity(enum.Enum):
    """How bad a problem is. ``--strict`` turns warnings into errors."""

    ERROR = "error"
    WARNING = "warning"


PathElement = str | int


class Rule(Protocol):
    """What names a kind of problem: a declared rule (a :class:`mentorcore.checks.Check`) with a
    stable ``id`` such as ``E102``. Diagnostics are made from declared rules, never from a bare
    id, so that every id the code reports is in the rule index."""

    @property
    def id(self) -> str: ...


def format_path(path: Sequence[PathElement]) -> str:
    """Render a path like ``phases[1].cadence.per_month.max`` (``<root>`` for the empty path)."""
    text = ""
    for element in path:
        if isinstance(element, int):
            text += f"[{element}]"
        else:
            text += f".{element}" if text else str(element)
    return text or "<root>"


@record(kw_only=True)
class Diagnostic:
    """One problem in one place.

    ``path`` is the path inside the resolved model (after ``extends`` merging); ``file``,
    ``line`` and ``column`` (1-based) name the place in the file that holds the value, when known.
    """

    rule: str
    severity: Severity
    message: str
    path: tuple[PathElement, ...] = ()
    file: str | None = None
    line: int | None = None
    column: int | None = None
    hint: str | None = None

    def with_position(self, file: str | None, line: int | None, column: int | None) -> Diagnostic:
        return attrs.evolve(self, file=file, line=line, column=column)

    def escalated(self) -> Diagnostic:
        """The same problem as an error (what ``--strict`` does to warnings)."""
        return attrs.evolve(self, severity=Severity.ERROR)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        if self.file is None:
            return "<input>"
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.column or 1}"

    def format(self) -> str:
        """``FILE:LINE:COL: PATH: message [RULE]`` — warnings say so before the message."""
        parts = [self.location()] if self.file is not None else []
        if self.path:
            parts.append(format_path(self.path))
        from mentorcore.i18n import _

        message = self.message if self.is_error else _("warning: {message}").format(
            message=self.message)
        if self.hint:
            message = f"{message} ({self.hint})"
        parts.append(f"{message} [{self.rule}]")
        from mentorcore.terminal import escape

        return escape(": ".join(parts))  # a control character in a model is shown, not obeyed

    def to_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": format_path(self.path) if self.path else "",
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
        }


class MentorcoreError(Exception):
    """The one error type of the public API: one or more diagnostics (or an I/O problem).

    ``exit_code`` is what the CLI exits with: 1 for problems in the input, 2 for usage and I/O.
    """

    def __init__(self, diagnostics: Iterable[Diagnostic], *, exit_code: int = 1) -> None:
        self.diagnostics = tuple(diagnostics)
        self.exit_code = exit_code
        super().__init__("\n".join(d.format() for d in self.diagnostics))

    @classmethod
    def single(
        cls, rule: Rule | str, message: str, *, file: str | None = None, exit_code: int = 1,
        line: int | None = None, column: int | None = None, hint: str | None = None,
    ) -> MentorcoreError:
        """An error of one problem; ``rule`` is a declared rule (e.g. ``checks.IO``)."""
        diagnostic = Diagnostic(
            rule=rule if isinstance(rule, str) else rule.id, severity=Severity.ERROR,
            message=message, file=file, line=line,
            column=column, hint=hint,
        )
        return cls([diagnostic], exit_code=exit_code)
