"""The command line: list, show, validate — in-process and as the installed command."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mentorcore.cli import cli
from tests.conftest import MINIMAL


def test_list_shows_bundled_models(run):
    result = run("list")
    assert result.exit_code == 0
    assert "womento" in result.output and "Väestöliitto" in result.output
    assert "auroras-vaasa" in result.output


def test_list_json(run):
    rows = json.loads(run("list", "--format", "json").output)
    by_id = {row["id"]: row for row in rows}
    assert {"womento", "auroras-vaasa"} <= set(by_id)
    assert by_id["womento"]["organisation"] == "Väestöliitto"
    assert by_id["auroras-vaasa"]["extends"] == "womento"
    assert all({"id", "name", "organisation"} <= set(row) for row in rows)


def test_list_in_finnish(run):
    rows = json.loads(run("--lang", "fi", "list", "--format", "json").output)
    assert {r["id"]: r["name"] for r in rows}["womento"] == "Womento-työuramentorointi"


def test_show_prints_the_resolved_model(run):
    result = run("show", "auroras-vaasa")
    assert result.exit_code == 0
    assert result.output.startswith("# auroras-vaasa: extends womento, resolved")
    assert "- sv" in result.output           # the adaptation's languages
    assert "id: group-meetings" in result.output  # inherited from womento


def test_show_json_round_trips(run, write):
    data = json.loads(run("show", "auroras-vaasa", "--format", "json").output)
    assert data["languages"] == ["fi", "sv"]
    path = write("resolved.yaml", run("show", "auroras-vaasa").output)
    again = run("show", str(path), "--format", "json")
    assert again.exit_code == 0, again.output
    assert json.loads(again.output) == data


def test_validate_clean(run):
    result = run("validate", "--strict", "womento", "auroras-vaasa")
    assert result.exit_code == 0
    assert "ok: womento" in result.output and "ok: auroras-vaasa" in result.output


def test_validate_reports_positions_and_exits_1(run, write):
    path = write("m.yaml", MINIMAL.replace("per_month: 2", "per_month: {min: 1, max: two}"))
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert f"{path}:13:" in result.output
    assert "phases[0].cadence.per_month.max: expected a number, found 'two' [E102]" in result.output
    assert "Traceback" not in result.output


def test_validate_strict_turns_warnings_into_failure(run, write):
    path = write("m.yaml", MINIMAL.replace("per_month: 2,", "per_month: 1,"))
    assert run("validate", str(path)).exit_code == 0
    result = run("validate", "--strict", str(path))
    assert result.exit_code == 1 and "[W204]" in result.output


def test_validate_json(run, write):
    path = write("m.yaml", MINIMAL.replace("durat", "durrat"))
    result = run("validate", "--format", "json", str(path), "womento")
    report = json.loads(result.stdout)
    assert result.exit_code == 1
    first, second = report["models"]
    assert not first["ok"] and second["ok"]
    (diagnostic,) = first["diagnostics"]
    assert diagnostic["rule"] == "E101" and diagnostic["line"] == 12
    assert diagnostic["hint"] == "did you mean `duration`?"


def test_validate_missing_path_is_usage_error(run, tmp_path):
    result = run("validate", str(tmp_path / "missing.yaml"))
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_validate_unknown_model_suggests(run):
    result = run("validate", "womentoo")
    assert result.exit_code == 2
    assert "no model or file named 'womentoo' (did you mean `womento`?)" in result.output


def test_validate_directory(run, tmp_path):
    result = run("validate", str(tmp_path))
    assert result.exit_code == 2 and "is a directory" in result.output


def _commands() -> list[str]:
    import click

    with click.Context(cli, info_name="mentorcore") as ctx:
        ctx.params = {"plugins_dir": None, "disabled": ()}
        return cli.list_commands(ctx)


def test_all_commands_are_there():
    assert {"list", "show", "validate", "catalogue", "diff", "new", "test", "plugins", "match",
            "privacy", "simulate", "handbook", "forms", "schema"} <= set(_commands())


@pytest.mark.parametrize("command", _commands())
def test_every_help_has_an_example(run, command):
    result = run(command, "--help")
    assert result.exit_code == 0 and "Examples:" in result.output and "mentorcore " in result.output


def test_top_level_help_lists_commands(run):
    output = run("--help").output
    for command in ("list", "show", "validate"):
        assert f"  {command}" in output


def installed_command() -> str:
    beside = Path(sys.executable).with_name("mentorcore")
    found = str(beside) if beside.exists() else shutil.which("mentorcore")
    if found is None:
        pytest.fail("the mentorcore console script is not installed")
    return found


def test_installed_command_runs_from_any_directory(tmp_path):
    """The real console script, as a subprocess, away from the source tree."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nname: X\norganisation: O\nphases:\n  - id: p\n    kind: mentorin\n")
    listing = subprocess.run([installed_command(), "list", "--format", "json"], cwd=tmp_path,
                             capture_output=True, text=True, timeout=60)
    assert listing.returncode == 0, listing.stderr
    assert "womento" in {row["id"] for row in json.loads(listing.stdout)}
    checked = subprocess.run([installed_command(), "validate", "bad.yaml"], cwd=tmp_path,
                             capture_output=True, text=True, timeout=60)
    assert checked.returncode == 1
    assert checked.stdout.startswith("bad.yaml:6:11: phases[0].kind: unknown phase kind "
                                     "'mentorin' (did you mean `mentoring`?) [E208]")
    assert "Traceback" not in checked.stdout + checked.stderr


def test_python_dash_m(tmp_path):
    result = subprocess.run([sys.executable, "-m", "mentorcore", "validate", "womento"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "ok: womento" in result.stdout


def test_internal_errors_are_one_line_without_debug(monkeypatch, run):
    import mentorcore.library

    def broken(self, reference):
        raise RuntimeError("boom")

    monkeypatch.setattr(mentorcore.library.Library, "load", broken)
    from click.testing import CliRunner

    result = CliRunner().invoke(cli, ["show", "womento"])
    assert result.exit_code == 3
    assert "internal error: RuntimeError: boom" in result.output
    assert "Traceback" not in result.output
    debug = CliRunner().invoke(cli, ["--debug", "show", "womento"])
    assert "Traceback" in debug.output


def test_list_show_and_validate_come_through_register_commands(run):
    rows = {row["name"]: row for row in json.loads(run("plugins", "--format", "json").output)}
    assert rows["mentorcore.commands.models"]["commands"] == ["list", "show", "validate"]
    without = run("--disable-plugin", "mentorcore.commands.models", "validate", "womento")
    assert without.exit_code == 2 and "No such command 'validate'" in without.output


def test_guarded_is_still_reachable_where_plugins_found_it():
    from mentorcore.cli import guarded
    from mentorcore.cli.session import guarded as public

    assert guarded is public
