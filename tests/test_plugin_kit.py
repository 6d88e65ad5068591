"""The testing kit reaches the command line, `pytest_plugins = ["mentorcore.testing"]` works,
`mentorcore test` finds plugins' model tests, and `mentorcore plugins` lists everything."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

PLUGIN = """\
from mentorcore.plugin_api import Criterion, PhaseKind, hookimpl

MENTORCORE_PLUGIN_API = ">=1.0,<2"


@hookimpl
def register_criteria(register):
    register(Criterion(name="same_town", description="both live in the same town"))


@hookimpl
def register_phase_kinds(register):
    register(PhaseKind(name="mentoring", rank=40, description="ours"), replace=True)
"""


def test_a_registered_plugin_reaches_the_cli_and_the_installed_command(
        tmp_path, monkeypatch, register_plugin, mentorcore_cli):
    (tmp_path / "kit_plugin.py").write_text(PLUGIN)
    monkeypatch.syspath_prepend(str(tmp_path))
    import kit_plugin

    register_plugin(kit_plugin, name="kit_plugin")
    for through_subprocess in (False, True):
        result = mentorcore_cli("plugins", "--format", "json", subprocess=through_subprocess)
        assert result.exit_code == 0, result.output
        rows = {row["name"]: row for row in json.loads(result.stdout)}
        assert rows["kit_plugin"]["criteria"] == ["same_town"]
        assert rows["kit_plugin"]["api"] == ">=1.0,<2" and rows["kit_plugin"]["status"] == "ok"
        assert rows["kit_plugin"]["replaces"] == [
            "phase_kind mentoring of mentorcore.builtins.kinds"]


def test_the_plugin_is_gone_after_the_test(mentorcore_cli):
    result = mentorcore_cli("plugins", "--format", "json")
    assert "kit_plugin" not in {row["name"] for row in json.loads(result.stdout)}


def test_pytest_plugins_mentorcore_testing_works_in_a_conftest(tmp_path):
    (tmp_path / "conftest.py").write_text('pytest_plugins = ["mentorcore.testing"]\n')
    (tmp_path / "test_it.py").write_text(textwrap.dedent("""\
        def test_fixture(register_plugin):
            assert "camp" in register_plugin(object(), name="nothing").phase_kinds
        """))
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           str(tmp_path)], capture_output=True, text=True, cwd=tmp_path,
                          timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed" in done.stdout


def test_mentorcore_test_finds_the_model_tests_of_a_plugins_directory(tmp_path, mentorcore_cli):
    models = tmp_path / "models"
    (models / "tests").mkdir(parents=True)
    (models / "our-womento.yaml").write_text("id: our-womento\nextends: womento\n")
    (models / "tests" / "ours.yaml").write_text(
        "model: our-womento\nexpect:\n  - {that: it is ours, path: id, equals: our-womento}\n")
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "ours.py").write_text(
        "from pathlib import Path\nfrom mentorcore.plugin_api import hookimpl\n\n"
        f"@hookimpl\ndef register_models(register):\n    register(Path({str(models)!r}))\n")
    result = mentorcore_cli("--plugins-dir", str(tmp_path / "plugins"), "test", "--format",
                            "json")
    (ours,) = [entry for entry in json.loads(result.stdout)["files"]
               if entry["file"].endswith("ours.yaml")]
    assert [e["passed"] for e in ours["expectations"]] == [True]
    listed = mentorcore_cli("--plugins-dir", str(tmp_path / "plugins"), "list").stdout
    assert "our-womento" in listed


def test_library_in_a_plugins_command_sees_the_runs_plugins(tmp_path, mentorcore_cli):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "visits.py").write_text(
        "import click\nfrom mentorcore import Library\n"
        "from mentorcore.plugin_api import PhaseKind, hookimpl\n\n"
        "@hookimpl\ndef register_phase_kinds(register):\n"
        "    register(PhaseKind(name='local-visit', rank=40, description='d'))\n\n"
        "@click.command(name='phases-of')\n@click.argument('model')\n"
        "def phases_of(model):\n"
        "    for phase in Library().programme(model).phases:\n"
        "        click.echo(phase.kind)\n\n"
        "@hookimpl\ndef register_commands(cli):\n    cli.add_command(phases_of)\n")
    (tmp_path / "m.yaml").write_text(
        "id: m\nextends: womento\nphases:\n  - {id: visit, kind: local-visit, "
        "duration: {value: 2, unit: day}}\n")
    for through_subprocess in (False, True):
        result = mentorcore_cli("--plugins-dir", str(plugins), "phases-of", "m.yaml",
                                cwd=tmp_path, subprocess=through_subprocess)
        assert result.exit_code == 0, result.output
        assert result.stdout.splitlines()[-1] == "local-visit"
