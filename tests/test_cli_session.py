"""The API commands share (``mentorcore.cli.session``): the session, loading models with the
run's plugins, ``guarded``, the common options and the one date parser."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from mentorcore.cli import cli
from mentorcore.cli.session import (
    DATE,
    Session,
    current_session,
    guarded,
    load_programme,
    parse_date,
)
from tests.conftest import MINIMAL

DOCS = Path(__file__).resolve().parent.parent / "docs" / "plugins.md"


def _documented_command() -> str:
    section = DOCS.read_text(encoding="utf-8").split("### `register_commands(cli)`", 1)[1]
    found = re.search(r"```python\n(.*?)```", section, flags=re.S)
    assert found is not None
    return found.group(1)


@pytest.fixture
def plugins_dir(tmp_path: Path) -> Path:
    """A plugins directory holding the documented example of a command."""
    directory = tmp_path / "local-plugins"
    directory.mkdir()
    (directory / "phases.py").write_text(_documented_command(), encoding="utf-8")
    return directory


def test_the_documented_plugin_command_runs_with_the_plugins_of_the_run(run, plugins_dir, write):
    result = run("--plugins-dir", str(plugins_dir), "phases", "womento", "--start", "1.9.2026")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "womento from 2026-09-01"
    assert "mentoring (mentoring)" in result.output
    camp = write("camp.yaml", MINIMAL.replace("kind: mentoring", "kind: camp"))
    assert "mentoring (camp)" in run("--plugins-dir", str(plugins_dir), "phases",
                                     str(camp)).output
    # --disable-plugin reaches the command's models: the camp phase kind is gone
    disabled = run("--plugins-dir", str(plugins_dir), "--disable-plugin", "mentorcore-camp",
                   "phases", str(camp))
    assert disabled.exit_code == 1
    assert "unknown phase kind 'camp'" in disabled.output and "Traceback" not in disabled.output


def test_the_session_of_a_run_holds_its_options(tmp_path):
    seen: dict[str, object] = {}

    @click.command()
    def probe() -> None:
        session = current_session()
        seen.update(language=session.language, debug=session.debug,
                    disabled=session.disabled, plugins_dir=session.plugins_dir,
                    models=session.library.ids())

    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "probe_models.py").write_text(
        "from mentorcore import hookimpl\n\n@hookimpl\ndef register_models(register):\n"
        f"    register({str(tmp_path / 'extra.yaml')!r})\n")
    (tmp_path / "extra.yaml").write_text(MINIMAL.replace("id: tiny", "id: extra"))
    group = cli
    group.add_command(probe)
    try:
        result = CliRunner().invoke(group, ["--plugins-dir", str(plugins), "--lang",
                                            "fi_FI", "--debug", "--disable-plugin",
                                            "mentorcore-camp", "probe"],
                                    catch_exceptions=False)
    finally:
        group.commands.pop("probe")
    assert result.exit_code == 0, result.output
    assert seen["language"] == "fi" and seen["debug"] is True
    assert seen["disabled"] == ("mentorcore-camp",)
    assert seen["plugins_dir"] == str(plugins)
    assert "extra" in seen["models"] and "womento" in seen["models"]  # type: ignore[operator]


def test_a_command_outside_the_group_gets_a_default_session():
    @click.command()
    @click.argument("model")
    @guarded
    def name(model: str) -> None:
        assert isinstance(current_session(), Session)
        click.echo(load_programme(model).id)

    assert CliRunner().invoke(name, ["womento"]).output == "womento\n"
    missing = CliRunner().invoke(name, ["womentoo"])
    assert missing.exit_code == 2
    assert "no model or file named 'womentoo' (did you mean `womento`?)" in missing.output


def test_guarded_turns_errors_into_messages_and_exit_codes(write):
    @click.command()
    @click.argument("model")
    @guarded
    def strict(model: str) -> None:
        load_programme(model)

    bad = write("m.yaml", MINIMAL.replace("per_month: 2", "per_month: two"))
    result = CliRunner().invoke(strict, [str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:13:" in result.output and "[E102]" in result.output


# -- dates -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["2027-01-11", "11.1.2027", "11.01.2027", "2027-1-11",
                                  " 11.1.2027 "])
def test_one_parser_reads_iso_and_finnish_dates(text):
    assert parse_date(text) == dt.date(2027, 1, 11)


@pytest.mark.parametrize("text", ["2027-13-01", "31.2.2027", "11/1/2027", "20270111", "1.1.27",
                                  "", "2027-W02-1", "١١.١.٢٠٢٧"])
def test_anything_else_is_not_a_date(text):
    with pytest.raises(ValueError, match="expected a date"):
        parse_date(text)


def test_a_bad_date_is_answered_in_the_language_of_the_run(run):
    english = run("handbook", "womento", "--start", "31.2.2027")
    assert english.exit_code == 2
    assert "'31.2.2027': expected a date (2025-03-31 or 31.3.2025)" in english.output
    finnish = run("--lang", "fi", "simulate", "womento", "--start", "2027-02-30")
    assert finnish.exit_code == 2
    assert "'2027-02-30': odotettiin päivämäärää (2025-03-31 tai 31.3.2025)" in finnish.output
    swedish = run("--lang", "sv", "handbook", "womento", "--start", "x")
    assert "'x': " in swedish.output and "expected a date" not in swedish.output


def test_handbook_and_simulate_take_a_finnish_date_as_the_iso_one(run):
    def same(*args: str) -> None:
        iso = run(*args, "--start", "2026-09-01")
        finnish = run(*args, "--start", "1.9.2026")
        assert iso.exit_code == finnish.exit_code == 0, finnish.output
        assert iso.output == finnish.output

    same("handbook", "womento")
    same("simulate", "womento", "--pairs", "3", "--format", "json")
    data = json.loads(run("simulate", "womento", "--pairs", "2", "--start", "5.1.2026",
                          "--format", "json").output)
    assert data["start"] == "2026-01-05"


# -- the common options ------------------------------------------------------------------------

def _commands() -> dict[str, click.Command]:
    with click.Context(cli, info_name="mentorcore") as ctx:
        ctx.params = {"plugins_dir": None, "disabled": ()}
        return {name: cli.get_command(ctx, name) for name in cli.list_commands(ctx)}  # type: ignore[misc]


def _option(command: click.Command, name: str) -> click.Option | None:
    return next((p for p in command.params if isinstance(p, click.Option) and name in p.opts),
                None)


def test_the_common_options_are_one_definition_in_every_command():
    commands = _commands()
    having = {name: {opt for opt in ("--out", "--force", "--lang", "--start")
                     if _option(command, opt)} for name, command in commands.items()}
    assert {name for name, opts in having.items() if "--start" in opts} == {
        "handbook", "simulate", "capacity", "compare", "track"}
    assert {name for name, opts in having.items() if "--lang" in opts} == set(commands)
    assert {name for name, command in commands.items()  # the document's language: lang_option
            if _option(command, "--lang").name == "lang"} == {"handbook", "forms"}  # type: ignore[union-attr]
    assert {"catalogue", "forms", "handbook", "match", "new", "privacy", "schema",
            "simulate"} <= {name for name, opts in having.items() if "--out" in opts}
    for name, command in commands.items():
        start, out, force = (_option(command, o) for o in ("--start", "--out", "--force"))
        if start is not None:
            assert start.type is DATE and start.metavar == "YYYY-MM-DD", name
        if out is not None:
            assert isinstance(out.type, click.Path) and out.type.type is Path, name
            assert out.metavar == "FILE", name
        if force is not None:
            assert force.help == "Replace --out if it exists.", name


def test_new_reports_its_problems_with_declared_rules(run, tmp_path):
    bad_id = run("new", "Our Model", "--from", "womento")
    assert bad_id.exit_code == 2 and "[E104]" in bad_id.output
    existing = tmp_path / "ours.yaml"
    existing.write_text("id: ours\n")
    exists = run("new", "ours", "--from", "womento", "--out", str(existing))
    assert exists.exit_code == 2 and "[E001]" in exists.output


# -- locating what an engine reports about a model ---------------------------------------------

IMPOSSIBLE = MINIMAL.replace("{min: 3, max: 4, unit: month}", "{value: 1, unit: month}") \
    .replace("per_month: 2", "per_month: 1")


def test_a_simulation_problem_points_at_the_value_in_the_model(run, write):
    path = write("impossible.yaml", IMPOSSIBLE)
    result = run("simulate", str(path))
    assert result.exit_code == 1
    assert result.output.startswith(f"{path}:13:48: phases[0].cadence.total: 6–8 meetings "
                                    "cannot be held in 1 month")
    assert "[E601]" in result.output


def test_an_inherited_value_is_pointed_at_in_the_parent_file(run, write):
    parent = write("impossible.yaml", IMPOSSIBLE)
    child = write("child.yaml", "id: child\nextends: impossible.yaml\nname: Child\n")
    result = run("simulate", str(child))
    assert result.exit_code == 1
    assert result.output.startswith(f"{parent}:13:48: phases[0].cadence.total:")
