"""``mentorcore test``: run model tests (expectations about models, as data)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from mentorcore.cli.help import HelpCommand
from mentorcore.cli.session import EXIT_PROBLEMS, current_session, guarded
from mentorcore.diagnostics import Diagnostic, MentorcoreError
from mentorcore.hookspecs import hookimpl
from mentorcore.i18n import N_, _, pgettext

if TYPE_CHECKING:
    from mentorcore.modeltest import TestFileResult
    from mentorcore.plugins import Registry


@click.command(name="test", cls=HelpCommand, help=N_(
    "Run model tests: YAML files of expectations about a model.\n"
    "\n"
    "Without FILES, runs the tests that ship with the bundled models and those of the model\n"
    "directories plugins register (their tests/*.yaml and *.test.yaml). Exit status: 0 all\n"
    "pass, 1 an expectation fails or a file has errors, 2 a file is missing.\n"
    "\n"
    "\b\n"
    "Examples:\n"
    "  mentorcore test\n"
    "  mentorcore test tests/our-womento.test.yaml\n"
    "  mentorcore test --format json program_models/tests/*.yaml"))
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help=N_("Output format."))
@click.option("-v", "--verbose", is_flag=True, help=N_("Also list the expectations that pass."))
@guarded
def test_command(files: tuple[Path, ...], fmt: str, verbose: bool) -> None:
    from mentorcore.modeltest import bundled_tests, run_test_file

    session = current_session()
    library = session.library
    paths = list(files) or [*bundled_tests(), *plugin_tests(session.registry)]
    results: list[TestFileResult] = []
    problems: list[Diagnostic] = []
    exit_code = 0
    for path in paths:
        try:
            results.append(run_test_file(path, library))
        except MentorcoreError as error:
            problems.extend(error.diagnostics)
            exit_code = max(exit_code, error.exit_code)
    passed = sum(o.passed for r in results for o in r.outcomes)
    failed = sum(r.failed for r in results)
    if failed:
        exit_code = max(exit_code, EXIT_PROBLEMS)
    if fmt == "json":
        click.echo(json.dumps({
            "files": [{"file": r.file, "model": r.model,
                       "expectations": [o.to_json() for o in r.outcomes]} for r in results],
            "problems": [d.to_json() for d in problems],
            "passed": passed, "failed": failed}, ensure_ascii=False, indent=2))
    else:
        for diagnostic in problems:
            click.echo(diagnostic.format())
        for result in results:
            click.echo(_("{file} ({model}): {passed}/{total} pass").format(
                file=result.file, model=result.model,
                passed=len(result.outcomes) - result.failed, total=len(result.outcomes)))
            for outcome in result.outcomes:
                label = outcome.expectation.that or outcome.expectation.path
                if not outcome.passed:
                    fail = pgettext("model test", "FAIL")
                    click.echo(f"  {fail} {result.file}:{outcome.line}:{outcome.column}: "
                               f"{label}: {outcome.expectation.path}: {outcome.message}")
                elif verbose:
                    click.echo("  " + pgettext("model test", "pass") + f" {label}")
        click.echo(_("{passed} passed, {failed} failed").format(passed=passed, failed=failed))
    sys.exit(exit_code)


def plugin_tests(registry: Registry) -> list[Path]:
    """The model tests of the model directories that plugins (not the bundled models)
    register: ``DIR/tests/*.yaml`` and ``DIR/*.test.yaml``."""
    from mentorcore.bundled import bundled_models_directory

    bundled = bundled_models_directory().resolve()
    found: list[Path] = []
    for location in registry.items("register_models"):
        directory = Path(location)
        if not directory.is_dir() or directory.resolve() == bundled:
            continue
        found += sorted((directory / "tests").glob("*.yaml"))
        found += sorted(directory.glob("*.test.yaml"))
    return list(dict.fromkeys(found))


@hookimpl
def register_commands(cli: click.Group) -> None:
    cli.add_command(test_command)
