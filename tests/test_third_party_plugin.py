"""A third-party plugin, built from the template and installed with pip into a fresh virtual
environment beside mentorcore, is discovered and usable from a YAML model."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

TEMPLATE = Path(__file__).resolve().parent.parent / "plugins" / "template"
MODEL = """\
id: city-pairs
extends: womento
matching:
  unit: pair
  rules:
    - {id: same-city, criterion: same_city, hard: true}
participant_data:
  fields:
    - {id: city, purpose: to pair people who live in the same city}
"""
PEOPLE = ("id;role;name;city;gender;immigrant_background;education\n"
          "a1;mentee;A One;Vaasa;female;yes;higher\na2;mentee;A Two;Turku;female;yes;higher\n"
          "m1;mentor;M One;Turku;female;;\nm2;mentor;M Two;Oulu;female;;\n")


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True,
                          timeout=600)


@pytest.mark.slow
def test_template_plugin_installs_and_is_discovered(tmp_path):
    package = tmp_path / "mentorcore-same-city"
    shutil.copytree(TEMPLATE, package, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info",
                                                                     "build"))
    venv = tmp_path / "venv"
    created = run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    python = venv / "bin" / "python"
    # mentorcore and its dependencies come from this environment: the fresh venv sees them
    # through a .pth file, so only the plugin itself is installed into it
    site = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                    cwd=tmp_path).stdout.strip())
    here = [p for p in sys.path if p and Path(p).is_dir()
            and not p.startswith((str(tmp_path), sys.base_prefix))]
    here.append(sysconfig.get_paths()["purelib"])
    (site / "mentorcore-parent.pth").write_text("\n".join(dict.fromkeys(here)) + "\n")
    installed = run(python, "-m", "pip", "install", "--no-deps", "--quiet", package, cwd=tmp_path)
    assert installed.returncode == 0, installed.stdout + installed.stderr

    listing = run(python, "-m", "mentorcore", "plugins", "--format", "json", cwd=tmp_path)
    assert listing.returncode == 0, listing.stderr
    rows = {row["name"]: row for row in json.loads(listing.stdout)}
    assert rows["same-city"]["origin"] == "entry point"
    assert rows["same-city"]["version"] == "0.1.0"
    assert rows["same-city"]["criteria"] == ["same_city"]

    (tmp_path / "city-pairs.yaml").write_text(MODEL)
    checked = run(python, "-m", "mentorcore", "validate", "city-pairs.yaml",
                  cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    without = run(python, "-m", "mentorcore", "--disable-plugin", "same-city", "validate",
                  "city-pairs.yaml", cwd=tmp_path)
    assert without.returncode == 1
    assert "city-pairs.yaml:6:34: matching.rules[0].criterion: unknown criterion 'same_city'" \
        in without.stdout

    (tmp_path / "people.csv").write_text(PEOPLE)
    matched = run(python, "-m", "mentorcore", "match", "city-pairs.yaml", "people.csv",
                  "--format", "json", cwd=tmp_path)
    assert matched.returncode == 0, matched.stdout + matched.stderr
    result = json.loads(matched.stdout)
    assert [sorted(m["id"] for m in p["members"]) for p in result["pairs"]] == [["a2", "m1"]]

    tested = run(python, "-m", "pytest", "-q", "-p", "no:cacheprovider", package / "tests",
                 cwd=tmp_path)
    assert tested.returncode == 0, tested.stdout + tested.stderr
