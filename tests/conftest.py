"""Shared fixtures: writing model files, running the CLI in-process, registering a plugin."""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from mentorcore.cli import cli

MINIMAL = """\
id: tiny
name: Tiny
organisation: Test org
roles:
  - {id: mentor, name: mentor, kind: mentor}
  - {id: mentee, name: mentee, kind: mentee}
units:
  - {id: pair, kind: pair, roles: [mentor, mentee]}
phases:
  - id: mentoring
    kind: mentoring
    duration: {min: 3, max: 4, unit: month}
    cadence: {unit: pair, per_month: 2, total: {min: 6, max: 8}}
"""


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages follow the locale (LANG…); tests run in the C locale, so in English."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch: pytest.MonkeyPatch) -> None:
    """``mentorcore --help`` caches its text under $XDG_CACHE_HOME: the suite (and the
    commands it runs as subprocesses) keeps that in a directory of its own, not the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture(autouse=True)
def csv_dialect() -> Iterator[None]:
    """A command sets the run's CSV dialect (``--csv-dialect``, excel-fi by default); the
    Python functions a later test calls write their own default again."""
    from mentorcore.spreadsheets import DEFAULT_DIALECT, use_dialect

    yield
    use_dialect(DEFAULT_DIALECT)


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """``write("name.yaml", text)`` writes a dedented file in a temporary directory."""

    def _write(name: str, text: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return _write


@pytest.fixture
def run() -> Iterator[Callable[..., object]]:
    """``run("validate", "womento")`` invokes the CLI in-process and returns the click result."""
    runner = CliRunner()

    def _run(*args: str, input: str | None = None) -> object:
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)

    yield _run


@pytest.fixture(scope="session")
def registry():  # type: ignore[no-untyped-def]
    """The registry of the default plugin set (built-in and installed plugins), for calling the
    engines directly: they take the registry explicitly."""
    from mentorcore.plugins import Registry, build_plugin_manager

    return Registry(build_plugin_manager())


@functools.cache
def default_library():  # type: ignore[no-untyped-def]
    """One Library of the default plugin set for the whole run (building a plugin manager scans
    the installed packages, which is too slow to do in every test)."""
    from mentorcore.library import Library

    return Library()


def csv_rows(text: str) -> list[list[str]]:
    """The rows of a CSV output in either dialect: ``excel-fi`` (the command's default: a
    byte-order mark, ``;``) or ``rfc4180`` (``,``)."""
    import csv
    import io

    excel = text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""),
                           delimiter=";" if excel else ","))


def csv_records(text: str) -> list[dict[str, str]]:
    """The rows of a CSV output (either dialect) as maps from the header's names."""
    rows = csv_rows(text)
    return [dict(zip(rows[0], row, strict=False)) for row in rows[1:]]



def workbook_values(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every sheet of an XLSX output as its rows of cell values: what a reader sees, not the
    bytes (openpyxl stamps each save with the time it was written)."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}
