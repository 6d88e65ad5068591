"""A plugin's phase kind that no plugin gives a simulation behaviour is not simulated silently
as an empty stretch of days: ``validate`` warns (W223, at the phase's kind) and ``simulate``
says so in its notes (the table's ``note:`` lines, the JSON's ``notes``)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from mentorcore.cli import cli

KIND = """\
from mentorcore.plugin_api import PhaseKind, hookimpl


@hookimpl
def register_phase_kinds(register):
    register(PhaseKind(name="workplace-visit", rank=40, description="a visit to a workplace"))
"""
BEHAVIOUR = """

from mentorcore.plugin_api import PhaseBehaviour


def visit(window):
    yield 0, "visit_day"


@hookimpl
def register_phase_behaviours(register):
    register(PhaseBehaviour(kind="workplace-visit", description="one visit day",
                            events=visit, event_types=("visit_day",)))
"""
MODEL = """\
id: visiting
extends: womento
phases:
  - id: visit
    kind: workplace-visit
    duration: {value: 3, unit: day}
"""
SAYS = ("phase 'visit' is of kind 'workplace-visit' (plugin 'visits' ({file})), which no plugin "
        "simulates: it runs as days on which nothing happens but the model's own events")


def invoke(*args: str, cwd: Path):
    runner = CliRunner()
    previous = os.getcwd()
    os.chdir(cwd)
    try:
        return runner.invoke(cli, list(args), catch_exceptions=False)
    finally:
        os.chdir(previous)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "plugins").mkdir()
    (tmp_path / "m.yaml").write_text(MODEL)
    return tmp_path


def test_validate_warns_about_a_kind_without_behaviour(project):
    (project / "plugins" / "visits.py").write_text(KIND)
    result = invoke("--plugins-dir", "plugins", "validate", "m.yaml", cwd=project)
    assert result.exit_code == 0, result.output
    assert ("m.yaml:5:11: phases[0].kind: warning: phase 'visit' is of kind 'workplace-visit' "
            "(plugin 'visits' (plugins/visits.py)), for which no plugin registers a simulation "
            "behaviour: simulate runs it as days on which nothing happens but the model's own "
            "events") in result.output
    assert "register_phase_behaviours" in result.output and "[W223]" in result.output
    data = json.loads(invoke("--plugins-dir", "plugins", "validate", "m.yaml", "--format",
                             "json", cwd=project).stdout)
    found = [(d["rule"], d["path"], d["line"]) for model in data["models"]
             for d in model["diagnostics"]]
    assert ("W223", "phases[0].kind", 5) in found
    strict = invoke("--plugins-dir", "plugins", "validate", "--strict", "m.yaml", cwd=project)
    assert strict.exit_code == 1


def test_simulate_says_it_cannot_honour_the_kind(project):
    (project / "plugins" / "visits.py").write_text(KIND)
    table = invoke("--plugins-dir", "plugins", "simulate", "m.yaml", "--pairs", "3",
                   cwd=project)
    assert table.exit_code == 0, table.output
    says = SAYS.format(file="plugins/visits.py")
    assert f"note: {says}" in table.stdout
    data = json.loads(invoke("--plugins-dir", "plugins", "simulate", "m.yaml", "--pairs", "3",
                             "--format", "json", cwd=project).stdout)
    assert says in data["notes"]


def test_a_kind_with_a_behaviour_or_a_built_in_kind_is_not_flagged(project):
    (project / "plugins" / "visits.py").write_text(KIND + BEHAVIOUR)
    validate = invoke("--plugins-dir", "plugins", "validate", "m.yaml", cwd=project)
    simulate = invoke("--plugins-dir", "plugins", "simulate", "m.yaml", "--pairs", "3",
                      "--format", "json", cwd=project)
    assert validate.exit_code == 0 and simulate.exit_code == 0, simulate.output
    assert "[W223]" not in validate.output
    assert not any("workplace-visit" in note for note in json.loads(simulate.stdout).get(
        "notes", []))
    for model in ("womento", "kesalukio"):  # built-in kinds, and the camp plugin's (it has one)
        assert "[W223]" not in invoke("validate", model, cwd=project).output
