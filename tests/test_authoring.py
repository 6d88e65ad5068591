"""Authoring (issue 15, points 5, 6, 7 and 9): `new` with and without `--from`, citable local
decisions, an adaptation that cannot silently break its parent, positions in the user's own
file, `show --origin`, `diff` of flags, and the walkthrough of docs/authoring.md."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mentorcore.walkthrough import MODEL
from tests.conftest import MINIMAL, default_library

ROOT = Path(__file__).resolve().parent.parent
MODELINE = "# yaml-language-server: $schema=mentorcore.schema.json"
BUNDLED = sorted(default_library().registry.model_paths())


def _validate(run, *files: str, strict: bool = True):  # type: ignore[no-untyped-def]
    return run("validate", *(["--strict"] if strict else []), *files)


# -- new -----------------------------------------------------------------------------------------

def test_new_without_from_writes_a_skeleton_that_passes_strict(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("new", "digikaveri")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "digikaveri.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == MODELINE
    assert "id: digikaveri\n" in text and "source: digikaveri-decisions" in text
    assert sum(line.lstrip().startswith("#") for line in text.splitlines()) >= 8  # commented
    checked = _validate(run, "digikaveri.yaml")
    assert checked.exit_code == 0, checked.output
    assert "wrote digikaveri.yaml; check it with: mentorcore validate --strict digikaveri.yaml" \
        in result.stderr
    schema = json.loads((tmp_path / "mentorcore.schema.json").read_text(encoding="utf-8"))
    assert schema["$id"].startswith("urn:mentorcore:schema:model:")


@pytest.mark.parametrize("parent", BUNDLED)
def test_new_from_every_bundled_model_passes_strict(run, tmp_path, monkeypatch, parent):
    monkeypatch.chdir(tmp_path)
    result = run("new", "ours", "--from", parent)
    assert result.exit_code == 0, result.output
    text = (tmp_path / "ours.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == MODELINE
    assert f"id: ours\nextends: {parent}\n" in text
    assert "  - id: ours-decisions\n" in text and "    decided_by: " in text
    assert "#     source: ours-decisions" in text  # the comment that shows how to cite it
    checked = _validate(run, "ours.yaml")
    assert checked.exit_code == 0, checked.output


def _uncommented(text: str, start: str, end: str) -> list[str]:
    lines = text.splitlines()
    return [line[2:] for line in lines[lines.index(start):lines.index(end)]]


def test_an_honest_adaptation_passes_strict_and_a_lazy_one_is_warned(run, tmp_path, monkeypatch):
    """Changing womento's facts for Kuopio and citing the organisation's own decision passes
    --strict; the same change still citing womento's document is W018 at the changed value."""
    monkeypatch.chdir(tmp_path)
    assert run("new", "kuopio", "--from", "womento").exit_code == 0
    text = (tmp_path / "kuopio.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    head = lines[:lines.index("# The keys organisations adapt most (cite your decision where you "
                              "change them):")]
    phases = _uncommented(text, "# phases:", "# units:")
    phases = [line.replace("{min: 8, max: 10, approx: true, unit: month}",
                           "{value: 6, unit: month}") for line in phases]
    honest = "\n".join([*head, "source: kuopio-decisions", "organisation: Kuopion Setlementti",
                        "region: Kuopio", *phases]) + "\n"
    (tmp_path / "kuopio.yaml").write_text(honest, encoding="utf-8")
    checked = _validate(run, "kuopio.yaml")
    assert checked.exit_code == 0, checked.output

    lazy = "".join(line for line in honest.splitlines(keepends=True)
                   if line != "    source: kuopio-decisions\n")  # the phase cites nothing new
    (tmp_path / "lazy.yaml").write_text(lazy.replace("id: kuopio\n", "id: lazy\n"),
                                        encoding="utf-8")
    warned = _validate(run, "lazy.yaml", strict=False)
    assert warned.exit_code == 0
    duration = next(i for i, line in enumerate(lazy.splitlines(), 1) if "duration:" in line)
    assert f"lazy.yaml:{duration}:" in warned.output
    assert "still cites the parent's source 'hk-womento'" in warned.output
    assert "[W018]" in warned.output
    assert _validate(run, "lazy.yaml").exit_code == 1


def test_w210_says_how_to_cite_an_own_decision(run, write):
    path = write("m.yaml", MINIMAL + "sources:\n  - {id: doc, document: plan}\nsource: doc\n")
    output = _validate(run, str(path), strict=False).output
    assert "[W210]" in output and "decided_by" in output and "mentorcore new" in output


def test_new_never_overwrites(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ours.yaml").write_text("precious")
    for args in (("new", "ours", "--from", "womento"), ("new", "ours")):
        result = run(*args)
        assert result.exit_code == 2 and "never overwrites" in result.output
        assert (tmp_path / "ours.yaml").read_text() == "precious"


def test_new_from_a_file_uses_a_relative_path(run, write, tmp_path):
    write("models/base/tiny.yaml", MINIMAL)
    out = tmp_path / "models" / "ours.yaml"
    result = run("new", "ours", "--from", str(tmp_path / "models" / "base" / "tiny.yaml"),
                 "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "extends: base/tiny.yaml" in out.read_text()
    assert run("validate", str(out)).exit_code == 0


def test_new_rejects_bad_id(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("new", "Our Model", "--from", "womento")
    assert result.exit_code == 2 and "is not a usable id" in result.output
    assert os.listdir(tmp_path) == []


def test_new_as_the_installed_command(tmp_path):
    done = subprocess.run([sys.executable, "-m", "mentorcore", "new", "digikaveri"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "wrote digikaveri.yaml" in done.stderr
    checked = subprocess.run([sys.executable, "-m", "mentorcore", "validate", "--strict",
                              "digikaveri.yaml"], cwd=tmp_path, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout


# -- the walkthrough -----------------------------------------------------------------------------

def test_the_walkthrough_is_in_the_authoring_page_and_its_model_passes_strict(run, write):
    page = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    assert "## Design your own programme" in page
    assert "```yaml\n" + MODEL + "```" in page
    path = write("digikaveri.yaml", MODEL)
    checked = _validate(run, str(path))
    assert checked.exit_code == 0, checked.output
    programme = default_library().load(str(path)).programme
    mentoring = next(p for p in programme.phases if p.kind == "mentoring")
    assert (mentoring.duration.min, mentoring.duration.max, mentoring.duration.unit) == (
        3, 3, "month")
    assert mentoring.cadence.per_week.min == 1 and mentoring.entry == "rolling"
    assert programme.roles[0].volunteer and programme.target_group.age.min == 60


# -- an adaptation cannot silently break its parent ---------------------------------------------

TWICE = """\
id: ours
extends: womento
phases:
  - id: mentoring
    duration: {value: 6, unit: month}
  - id: mentoring
    kind: closing
"""


def test_a_repeated_id_in_an_adaptation_is_an_error_with_both_positions(run, write):
    path = write("ours.yaml", TWICE)
    result = _validate(run, str(path), strict=False)
    assert result.exit_code == 1
    assert (f"{path}:6:9: phases[1].id: duplicate id 'mentoring': item 1 repeats item 0 "
            f"(line 4)") in result.output
    assert "[E016]" in result.output
    shown = json.loads(run("show", "--format", "json", "womento").output)
    assert [p["kind"] for p in shown["phases"] if p["id"] == "mentoring"] == ["mentoring"]


def test_a_repeated_id_without_extends_is_the_same_error(run, write):
    text = MINIMAL + "  - id: mentoring\n    kind: closing\n"
    path = write("m.yaml", text)
    result = _validate(run, str(path), strict=False)
    assert result.exit_code == 1
    assert f"{path}:14:9: phases[1].id: duplicate id 'mentoring': item 1 repeats item 0 " \
           f"(line 10)" in result.output
    assert result.output.count("duplicate id") == 1  # not E203 as well


def test_changing_an_inherited_kind_warns(run, write):
    path = write("ours.yaml", "id: ours\nextends: womento\nphases:\n  - id: mentoring\n"
                              "    kind: closing\n")
    result = _validate(run, str(path), strict=False)
    assert f"{path}:5:11: phases[0].kind: warning: this changes the kind of the inherited item " \
           f"'mentoring' from mentoring to closing" in result.output
    assert "[W017]" in result.output and "remove: true" in result.output
    assert "[W018]" not in result.output  # the kind is W017's alone


def test_positions_and_item_numbers_are_those_of_the_users_file(run, write):
    """The user's first event is events[0] of their file, not of the merged model."""
    path = write("ours.yaml", "id: ours\nextends: womento\nevents:\n  - id: picnic\n"
                              "    name: piknik\n    timing: once\n    phase: nowhere\n")
    result = _validate(run, str(path), strict=False)
    assert f"{path}:7:12: events[0].phase: no phase with id 'nowhere'" in result.output
    merged = json.loads(run("show", "--format", "json", "womento").output)
    assert len(merged["events"]) > 0  # in the merged model it is not the first


def test_an_adaptation_needs_an_id_of_its_own(run, write):
    path = write("ours.yaml", "extends: womento\nregion: Kuopio\n")
    result = _validate(run, str(path), strict=False)
    assert result.exit_code == 1
    assert "an adaptation needs an id of its own" in result.output


# -- show --origin and diff ---------------------------------------------------------------------

ADAPTED = "id: ours\nextends: womento\nregion: Kuopio\nphases:\n  - id: mentoring\n" \
          "    duration: {value: 6, unit: month}\n"


def test_show_origin_marks_each_value_with_its_file_and_line(run, write):
    path = write("ours.yaml", ADAPTED)
    womento = default_library().path("womento")
    text = run("show", "--origin", str(path)).output
    lines = text.splitlines()
    region = next(line for line in lines if line.startswith("region:"))
    assert region.endswith(f"# {path}:3") or region.endswith("# ours.yaml:3")
    approx = next(line for line in lines if line.strip().startswith("approx: true"))
    womento_line = next(i for i, line in enumerate(womento.read_text().splitlines(), 1)
                        if "approx: true" in line and "duration" in line)
    assert approx.rstrip().endswith(f"womento.yaml:{womento_line}")
    minimum = next(line for line in lines if line.strip().startswith("min: 6"))
    assert minimum.rstrip().endswith(":6")
    data = json.loads(run("show", "--origin", "--format", "json", str(path)).output)
    assert data["origins"]["region"].endswith(":3")
    assert data["model"]["region"] == "Kuopio"


def test_diff_shows_the_inherited_approx_flag(run, write):
    path = write("ours.yaml", ADAPTED)
    text = run("diff", "womento", str(path)).output
    assert "~ phases[mentoring].duration.min: 8 → 6" in text
    assert "= phases[mentoring].duration.approx: true (kept: inherited, unchanged)" in text
    changes = json.loads(run("diff", "womento", str(path), "--format", "json").output)["changes"]
    assert {"path": "phases[mentoring].duration.approx", "change": "kept", "old": True,
            "new": True} in changes
    exact = write("exact.yaml", ADAPTED.replace("unit: month}", "unit: month, approx: false}"))
    text = run("diff", "womento", str(exact)).output
    assert "~ phases[mentoring].duration.approx: true → false" in text
