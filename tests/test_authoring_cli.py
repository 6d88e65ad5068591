"""The command line for authors (issue 15, point 11): shell completion of model ids, `--lang`
and `--format` values; `-` reads a model from standard input; every `--out` is said on stderr."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from click.shell_completion import ShellComplete

from mentorcore.cli import cli
from tests.conftest import MINIMAL


def _complete(args: list[str], incomplete: str) -> list[str]:
    completion = ShellComplete(cli, {}, "mentorcore", "_MENTORCORE_COMPLETE")
    return [item.value for item in completion.get_completions(args, incomplete)]


@pytest.mark.parametrize("args", [["show"], ["validate"], ["validate", "womento"],
                                  ["handbook"], ["simulate"], ["diff", "womento"],
                                  ["new", "ours", "--from"]])
def test_model_ids_complete_wherever_a_model_is_named(args):
    assert _complete(args, "aur") == ["auroras-group", "auroras-individual", "auroras-vaasa"]
    assert "womento" in _complete(args, "")


def test_model_files_complete_too(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ours.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "kuopio.yml").write_text(MINIMAL, encoding="utf-8")
    assert _complete(["validate"], "o") == ["oma-polku", "ours.yaml"]  # ids, then files
    assert _complete(["validate"], "mod") == ["models/"]
    assert _complete(["validate"], "models/") == ["models/kuopio.yml"]


def test_languages_and_formats_complete():
    assert _complete([], "--l") == ["--lang"]
    assert _complete(["--lang"], "") == ["fi", "sv", "en"]
    assert _complete(["handbook", "womento", "--lang"], "s") == ["sv"]
    assert _complete(["validate", "--format"], "") == ["text", "json"]
    assert "html" in _complete(["handbook", "womento", "--format"], "")


def test_completion_through_the_installed_command():
    env = {**os.environ, "_MENTORCORE_COMPLETE": "bash_complete",
           "COMP_WORDS": "mentorcore show kiel", "COMP_CWORD": "2"}
    done = subprocess.run([sys.executable, "-m", "mentorcore"], env=env, capture_output=True,
                          text=True)
    assert done.stdout.split() == ["plain,kielikaveri"]
    source = subprocess.run([sys.executable, "-m", "mentorcore"], capture_output=True, text=True,
                            env={**os.environ, "_MENTORCORE_COMPLETE": "bash_source"})
    assert "complete " in source.stdout and "_MENTORCORE_COMPLETE" in source.stdout


# -- standard input ------------------------------------------------------------------------------

def test_a_model_from_standard_input(run):
    assert run("validate", "--strict", "-", input=MINIMAL).exit_code == 0
    shown = run("show", "-", input=MINIMAL)
    assert shown.exit_code == 0 and "id: tiny" in shown.output
    broken = run("validate", "-", input=MINIMAL.replace("name: Tiny", "name Tiny"))
    assert broken.exit_code == 1
    assert "<stdin>:2:1: line 2: `name Tiny` has no colon — write `name: Tiny`" in broken.output
    diff = run("diff", "womento", "-", input="id: ours\nextends: womento\nregion: Kuopio\n")
    assert '+ region: "Kuopio"' in diff.output


def test_standard_input_through_the_installed_command(tmp_path):
    done = subprocess.run([sys.executable, "-m", "mentorcore", "validate", "-"], cwd=tmp_path,
                          input="id: ours\nextends: womento\nphases:\n  - id: mentoring\n"
                                "    kesto: 6\n", capture_output=True, text=True)
    assert done.returncode == 1
    assert "<stdin>:5:5: phases[0].kesto: unknown key 'kesto' (did you mean `duration`?)" \
        in done.stdout


# -- --out is said on stderr ---------------------------------------------------------------------

OUTS = [
    ("simulate", "womento", "--replications", "2", "--format", "json"),
    ("handbook", "womento"),
    ("forms", "auroras-individual"),
    ("catalogue",),
    ("schema",),
    ("privacy", "oma-polku"),
]


@pytest.mark.parametrize("args", OUTS, ids=[a[0] for a in OUTS])
def test_every_command_that_writes_out_says_so_once(run, tmp_path, args):
    out = tmp_path / f"{args[0]}.out"
    result = run(*args, "--out", str(out))
    assert result.exit_code == 0, result.output
    assert out.exists()
    assert result.stderr.count(f"wrote {out}") == 1, result.stderr
    assert f"wrote {out}" not in result.stdout


def test_nothing_is_said_when_nothing_was_written(run, tmp_path):
    out = tmp_path / "x.md"
    out.write_text("precious")
    result = run("handbook", "womento", "--out", str(out))  # exists: refused
    assert result.exit_code == 2 and "wrote" not in result.stderr
    assert "wrote" not in run("handbook", "womento").stderr  # standard output


def test_wrote_is_in_the_language_of_lang(run, tmp_path):
    out = tmp_path / "calendar.json"
    result = run("--lang", "fi", "simulate", "womento", "--replications", "2", "--format", "json",
                 "--out", str(out))
    assert f"kirjoitettu {out}" in result.stderr


def test_simulate_out_through_the_installed_command(tmp_path):
    done = subprocess.run([sys.executable, "-m", "mentorcore", "simulate", "womento",
                           "--replications", "2", "--out", "run.txt"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "wrote run.txt" in done.stderr and (tmp_path / "run.txt").exists()
