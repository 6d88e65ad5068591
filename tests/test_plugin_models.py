"""Models provided by plugins: their model tests (``*.test.yaml``) are not listed as models, and
a model id whose plugin failed or is disabled says so, naming the plugin."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from mentorcore.cli import cli

PLUGIN = """\
from pathlib import Path

from mentorcore.plugin_api import PhaseKind, hookimpl


@hookimpl
def register_models(register):
    register(Path(__file__).parent / "models")


@hookimpl
def register_phase_kinds(register):
    raise RuntimeError("kinds are down")
"""
MODEL = "id: visit-m\nextends: womento\n"
TEST = "model: visit-m\ncases: []\n"


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _plugin(directory: Path, source: str = PLUGIN) -> None:
    (directory / "models").mkdir(parents=True)
    (directory / "models" / "visit-m.yaml").write_text(MODEL)
    (directory / "models" / "visit-m.test.yaml").write_text(TEST)
    (directory / "visits.py").write_text(source)


def test_a_plugins_model_tests_are_not_listed_as_models(tmp_path):
    _plugin(tmp_path, PLUGIN.replace("    raise RuntimeError(\"kinds are down\")",
                                     "    pass"))
    rows = {row["name"]: row for row in json.loads(
        invoke("--plugins-dir", str(tmp_path), "plugins", "--format", "json").stdout)}
    assert rows["visits"]["models"] == ["visit-m"]
    text = invoke("--plugins-dir", str(tmp_path), "plugins").stdout
    assert "models: visit-m\n" in text and "visit-m.test" not in text


def test_a_model_of_a_plugin_that_failed_names_the_plugin(tmp_path):
    _plugin(tmp_path)
    # womento's checks call register_phase_kinds: the plugin fails, and its model is gone
    result = invoke("--plugins-dir", str(tmp_path), "validate", "womento", "visit-m")
    assert result.exit_code != 0
    assert ("visit-m: no model or file named 'visit-m' (it is provided by the plugin 'visits' "
            f"({tmp_path / 'visits.py'}), which failed: plugin 'visits' ") in result.output
    assert "RuntimeError: kinds are down" in result.output


def test_a_model_of_a_disabled_installed_plugin_names_the_plugin(tmp_path):
    """An installed distribution (a ``*.dist-info`` with an entry point, on the path)."""
    site = tmp_path / "site"
    package = site / "mentorcore_visits"
    _plugin(package, PLUGIN.replace("    raise RuntimeError(\"kinds are down\")", "    pass"))
    (package / "visits.py").rename(package / "__init__.py")
    info = site / "mentorcore_visits-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: mentorcore-visits\n"
                                   "Version: 0.1.0\n")
    (info / "entry_points.txt").write_text("[mentorcore]\nvisits = mentorcore_visits\n")
    command = shutil.which("mentorcore", path=os.path.dirname(sys.executable))
    assert command
    env = {**os.environ, "PYTHONPATH": str(site)}
    works = subprocess.run([command, "validate", "visit-m"], capture_output=True, text=True,
                           env=env, timeout=300)
    assert works.returncode == 0, works.stderr
    done = subprocess.run([command, "--disable-plugin", "visits", "validate", "visit-m"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 2
    assert ("no model or file named 'visit-m' (it is provided by the plugin visits, disabled "
            "with --disable-plugin") in done.stdout


def test_a_model_id_is_found_where_the_listing_of_every_location_finds_it(tmp_path):
    """`Library.path` finds a model id without listing every location's models
    (`Registry.model_path`); it finds what the full listing (`model_paths`) finds, first
    location first, model tests and absent ids never."""
    from mentorcore.plugins import Registry, build_plugin_manager

    first, second, solo = tmp_path / "first", tmp_path / "second", tmp_path / "one" / "solo.yaml"
    for folder in (first, second, solo.parent):
        folder.mkdir(parents=True)
    for name in ("a.yaml", ".hidden.yaml", "x.test.yaml", "Upper.yaml", "notes.txt", "b.yml"):
        (first / name).write_text("id: a\n")
    (first / "d.yaml").mkdir()
    for name in ("a.yaml", "c.yaml", "solo.yaml"):
        (second / name).write_text("id: c\n")
    solo.write_text("id: solo\n")
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "places.py").write_text(
        "from pathlib import Path\nfrom mentorcore.plugin_api import hookimpl\n\n\n"
        "@hookimpl\ndef register_models(register):\n"
        f"    for place in ({str(first)!r}, {str(solo)!r}, {str(second)!r}):\n"
        "        register(Path(place))\n")
    registry = Registry(build_plugin_manager(plugins))
    listed = registry.model_paths()
    assert {"a", ".hidden", "Upper", "d", "solo", "c", "womento"} <= set(listed)
    assert listed["a"] == first / "a.yaml" and listed["solo"] == solo
    for model_id in [*listed, "x.test", "x", "upper", "b", "notes", "missing", "nothing"]:
        assert registry.model_path(model_id) == listed.get(model_id), model_id
