"""The plugin API's deprecation path (docs/plugins.md, Versions): a hook or an attribute of a
type plugins register or receive, renamed in a minor version, keeps working under its old name
until the next major version, and a plugin using the old name is warned once — W301 on the
command line, a ``MentorcoreDeprecationWarning`` in Python — naming the plugin, the deprecated
item, the version it goes away in and the replacement.

Plugin API 1.1 deprecates nothing, so these tests deprecate for themselves: a test-only old
name of the hook ``register_renderers`` and of ``PhaseWindow.start``."""

from __future__ import annotations

import json
import os
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from mentorcore import plugins
from mentorcore.cli import cli
from mentorcore.plugin_api import MentorcoreDeprecationWarning, PhaseWindow

OLD_HOOK = """\
from mentorcore.plugin_api import Renderer, hookimpl


def phases(result, options):
    run = getattr(result, "run", result)
    return "".join(f"{phase.id}\\n" for phase in run.phases)


@hookimpl
def register_output_formats(register):
    register(Renderer(name="phase-ids", target="simulation", description="phase ids",
                      render=phases))
"""
OLD_ATTRIBUTE = """\
from mentorcore.plugin_api import PhaseBehaviour, PhaseKind, hookimpl


def first_days(window):
    assert window.begin == window.start
    yield 0, "visit_day"


@hookimpl
def register_phase_kinds(register):
    register(PhaseKind(name="visit", rank=40, description="a visit"))


@hookimpl
def register_phase_behaviours(register):
    register(PhaseBehaviour(kind="visit", description="a visit day", events=first_days,
                            event_types=("visit_day",)))
"""
MODEL = """\
id: visiting
extends: womento
phases:
  - id: visit
    kind: visit
    duration: {value: 2, unit: day}
"""


@pytest.fixture
def old_hook(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(plugins.DEPRECATED_HOOKS, "register_output_formats", plugins.Deprecation(
        item="the hook register_output_formats", replacement="register_renderers",
        since="1.1", removed_in="2.0"))


@pytest.fixture
def old_attribute(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(PhaseWindow, "begin", plugins.Renamed(
        "begin", "start", since="1.1", removed_in="2.0"), raising=False)


def invoke(*args: str, cwd: Path):
    previous = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)
    finally:
        os.chdir(previous)


def test_an_old_hook_name_works_and_warns_once(tmp_path, old_hook):
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "old_formats.py").write_text(OLD_HOOK)
    result = invoke("--plugins-dir", "plugins", "simulate", "womento", "--pairs", "2",
                    "--format", "phase-ids", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    run = json.loads(invoke("simulate", "womento", "--pairs", "2", "--format", "json",
                            cwd=tmp_path).stdout)
    assert result.stdout.split() == [phase["id"] for phase in run["phases"]]
    says = ("warning: plugin 'old_formats' (plugins/old_formats.py) uses the hook "
            "register_output_formats, which is deprecated since plugin API 1.1 and goes away in "
            "2.0: use register_renderers instead (update the plugin; until then it works as "
            "before) [W301]")
    assert result.stderr.count(says) == 1, result.stderr
    assert "[W300]" not in result.stderr
    listing = invoke("--plugins-dir", "plugins", "plugins", "--format", "json", cwd=tmp_path)
    rows = {row["name"]: row for row in json.loads(listing.stdout)}
    assert rows["old_formats"]["status"] == "ok"
    assert listing.stderr.count("[W301]") == 1


def test_without_the_alias_the_old_hook_name_is_unknown(tmp_path):
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "old_formats.py").write_text(OLD_HOOK)
    result = invoke("--plugins-dir", "plugins", "simulate", "womento", "--format", "phase-ids",
                    cwd=tmp_path)
    assert result.exit_code == 2
    assert "implements unknown hook 'register_output_formats'" in result.stderr


def test_an_old_attribute_name_works_and_warns_once_per_plugin(tmp_path, old_attribute):
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "visits.py").write_text(OLD_ATTRIBUTE)
    (tmp_path / "plugins" / "visits_too.py").write_text(
        OLD_ATTRIBUTE.replace('"visit"', '"visit2"').replace("visit_day", "visit2_day"))
    (tmp_path / "m.yaml").write_text(MODEL + "  - id: visit2\n    kind: visit2\n"
                                             "    duration: {value: 2, unit: day}\n")
    result = invoke("--plugins-dir", "plugins", "simulate", "m.yaml", "--replications", "20",
                    "--pairs", "2", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    for plugin in ("visits", "visits_too"):  # read 20 times each: one warning each
        says = (f"warning: plugin '{plugin}' (plugins/{plugin}.py) uses PhaseWindow.begin, "
                "which is deprecated since plugin API 1.1 and goes away in 2.0: use "
                "PhaseWindow.start instead")
        assert result.stderr.count(says) == 1, result.stderr
    assert result.stderr.count("[W301]") == 2


def test_python_gets_a_deprecation_warning(register_plugin, old_hook):
    import types

    module = types.ModuleType("old_formats_module")
    exec(compile(OLD_HOOK, "old_formats_module", "exec"), module.__dict__)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        registry = register_plugin(module, name="old-formats")
        registry.renderer("simulation", "phase-ids")
    found = [w for w in caught if issubclass(w.category, MentorcoreDeprecationWarning)]
    assert len(found) == 1, [str(w.message) for w in caught]
    assert "plugin 'old-formats' uses the hook register_output_formats" in str(
        found[0].message)
    assert issubclass(MentorcoreDeprecationWarning, DeprecationWarning)
