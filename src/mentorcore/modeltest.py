"""Model tests: expectations about a model, stated as data and checked against it.

A test file names a model and lists expectations; each has a path into the resolved model (as
``mentorcore show`` prints it) and one of ``equals``, ``contains`` or ``exists``. See
``docs/model-tests.md``.

Example::

    >>> from pathlib import Path
    >>> from mentorcore.modeltest import run_test_file
    >>> results = run_test_file(Path("program_models/tests/womento.test.yaml"))  # doctest: +SKIP
    >>> all(r.passed for r in results.outcomes)                                 # doctest: +SKIP
    True
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mentorcore import checks
from mentorcore.diagnostics import MentorcoreError
from mentorcore.i18n import _
from mentorcore.loading.detailed import structurer, translate
from mentorcore.loading.document import load_document
from mentorcore.loading.positions import PositionIndex
from mentorcore.model.fields import fact
from mentorcore.records import record

_MISSING = object()
_STEP = re.compile(r"\[([^\]]*)\]|([^.\[\]]+)")


@record(kw_only=True)
class Expectation:
    """One thing that must be true of the model."""

    that: str | None = fact("what the expectation states, in words", default=None)
    path: str = fact("where in the resolved model", example="units[group].size")
    equals: Any = fact("the value must equal this", default=_MISSING)
    contains: Any = fact("the value must contain this", default=_MISSING)
    exists: bool | None = fact("the path must (or must not) lead to a value", default=None)


@record(kw_only=True)
class ModelTest:
    """A test file: the model it is about and the expectations."""

    model: str = fact("model id, or a path relative to the test file")
    expect: tuple[Expectation, ...] = fact("the expectations", factory=tuple)


@record(kw_only=True)
class Outcome:
    expectation: Expectation
    passed: bool
    message: str
    line: int
    column: int

    def to_json(self) -> dict[str, Any]:
        return {"that": self.expectation.that, "path": self.expectation.path,
                "passed": self.passed, "message": self.message, "line": self.line,
                "column": self.column}


@record(kw_only=True)
class TestFileResult:
    file: str
    model: str
    outcomes: tuple[Outcome, ...]

    @property
    def failed(self) -> int:
        return sum(not o.passed for o in self.outcomes)


def parse_path(path: str) -> list[tuple[str, str]]:
    """``units[group].size`` → ``[("key", "units"), ("select", "group"), ("key", "size")]``."""
    steps = []
    position = 0
    for match in _STEP.finditer(path):
        if match.start() != position and path[position:match.start()] != ".":
            raise ValueError(_("cannot read the path at '{rest}'").format(rest=path[position:]))
        selector, key = match.groups()
        steps.append(("select", selector.strip()) if selector is not None else ("key", key))
        position = match.end()
    if position != len(path) or not steps:
        raise ValueError(_("cannot read the path '{path}'").format(path=path))
    return steps


def resolve_path(data: Any, path: str) -> Any:
    """The value at ``path`` in ``data``, or ``_MISSING``; ``[*]`` gives a list."""
    values: list[Any] = [data]
    spread = False
    for kind, step in parse_path(path):
        following: list[Any] = []
        for value in values:
            if kind == "key":
                if isinstance(value, dict) and step in value:
                    following.append(value[step])
                elif not spread:
                    return _MISSING
            elif not isinstance(value, list):
                if not spread:
                    return _MISSING
            elif step == "*":
                following.extend(value)
                spread = True
            elif step.lstrip("-").isdigit():
                index = int(step)
                if -len(value) <= index < len(value):
                    following.append(value[index])
                elif not spread:
                    return _MISSING
            else:
                found = [item for item in value
                         if isinstance(item, dict) and item.get("id") == step]
                if found:
                    following.append(found[0])
                elif not spread:
                    return _MISSING
        values = following
    return values if spread else values[0]


def _contains(actual: Any, wanted: Any) -> bool:
    if isinstance(actual, dict) and isinstance(wanted, dict):
        return all(k in actual and _equal(actual[k], v) for k, v in wanted.items())
    if isinstance(actual, list):
        wanted_items = wanted if isinstance(wanted, list) else [wanted]
        return all(any(_equal(a, w) or (isinstance(a, dict) and isinstance(w, dict)
                                        and _contains(a, w)) for a in actual)
                   for w in wanted_items)
    if isinstance(actual, str) and isinstance(wanted, str):
        return wanted in actual
    return _equal(actual, wanted)


def _equal(actual: Any, wanted: Any) -> bool:
    if isinstance(actual, bool) or isinstance(wanted, bool):
        return actual is wanted
    return actual == wanted


def _show(value: Any) -> str:
    if value is _MISSING:
        return _("nothing")
    import json

    return json.dumps(value, ensure_ascii=False)


def check(expectation: Expectation, data: dict[str, Any]) -> tuple[bool, str]:
    """Whether the expectation holds of the resolved model data, and a message saying so."""
    try:
        actual = resolve_path(data, expectation.path)
    except ValueError as error:
        return False, str(error)
    if expectation.exists is not None:
        found = actual is not _MISSING
        if found == expectation.exists:
            return True, _("exists") if found else _("absent")
        return False, (_("expected it to exist, found nothing") if expectation.exists
                       else _("expected nothing there, found {actual}").format(
                           actual=_show(actual)))
    if expectation.equals is not _MISSING:
        if actual is not _MISSING and _equal(actual, expectation.equals):
            return True, _("equal")
        return False, _("expected {wanted}, found {actual}").format(
            wanted=_show(expectation.equals), actual=_show(actual))
    if actual is not _MISSING and _contains(actual, expectation.contains):
        return True, _("contained")
    return False, _("expected it to contain {wanted}, found {actual}").format(
        wanted=_show(expectation.contains), actual=_show(actual))


def _structure_error(document: Any, error: BaseException) -> MentorcoreError:
    index = PositionIndex(document.text)
    located = []
    for diagnostic, key in translate(error):
        line, column = index.locate(diagnostic.path, key=key)
        located.append(diagnostic.with_position(document.display, line, column))
    return MentorcoreError(located)


def load_test(path: Path) -> tuple[ModelTest, Any]:
    document, problems = load_document(path)
    if problems:
        raise MentorcoreError(problems)
    try:
        test = structurer().structure(document.data, ModelTest)
    except Exception as error:  # noqa: BLE001 - structuring errors become diagnostics
        raise _structure_error(document, error) from None
    index = PositionIndex(document.text)
    bad = []
    for number, expectation in enumerate(test.expect):
        given = sum(x is not _MISSING and x is not None for x in
                    (expectation.equals, expectation.contains, expectation.exists))
        if given != 1:
            line, column = index.locate(("expect", number))
            bad.append(checks.MISSING_KEY.error(
                _("an expectation needs exactly one of equals, contains, exists"),
                ("expect", number)).with_position(document.display, line, column))
    if bad:
        raise MentorcoreError(bad)
    return test, document


def run_test_file(path: Path, library: Any = None) -> TestFileResult:
    """Run one model-test file; ``MentorcoreError`` if the file or its model cannot be read."""
    from mentorcore.library import Library
    from mentorcore.serialise import programme_data

    library = library or Library()
    test, document = load_test(path)
    reference = test.model
    relative = path.parent / reference
    if reference.endswith((".yaml", ".yml")) or "/" in reference:
        reference = str(relative)
    loaded = library.load(reference)
    if not loaded.ok:
        raise MentorcoreError(loaded.errors or loaded.diagnostics)
    data = programme_data(loaded.programme)
    data.pop("extends", None)
    index = PositionIndex(document.text)
    outcomes = []
    for number, expectation in enumerate(test.expect):
        passed, message = check(expectation, data)
        line, column = index.locate(("expect", number))
        outcomes.append(Outcome(expectation=expectation, passed=passed, message=message,
                                line=line, column=column))
    return TestFileResult(file=document.display, model=test.model, outcomes=tuple(outcomes))


def bundled_tests() -> list[Path]:
    """The model tests that ship with the bundled models."""
    from mentorcore.bundled import bundled_models_directory

    return sorted((bundled_models_directory() / "tests").glob("*.yaml"))


__all__ = ["Expectation", "ModelTest", "Outcome", "TestFileResult", "bundled_tests",
           "check", "run_test_file"]
