"""``catalogue`` and ``diff``: the catalogue of models and adaptations of them (``new``:
tests/test_authoring.py)."""

from __future__ import annotations

import json

from tests.conftest import MINIMAL


def test_diff_shows_what_auroras_vaasa_adapts(run):
    result = run("diff", "womento", "auroras-vaasa")
    assert result.exit_code == 0
    assert '~ languages: ["fi"] → ["fi", "sv"]' in result.output
    assert '+ matching.channel: {"en": "the mentoring website"' in result.output
    assert "units[group].size" not in result.output  # unchanged things are not listed


def test_diff_json_paths_by_id(run):
    report = json.loads(run("diff", "womento", "auroras-vaasa", "--format", "json").output)
    changes = {c["path"]: c for c in report["changes"]}
    assert changes["languages"] == {"path": "languages", "change": "changed",
                                    "old": ["fi"], "new": ["fi", "sv"]}
    # a flag left out is at its default: dropping `approx: true` changes it to false
    assert changes["phases[mentoring].duration.approx"] == {
        "path": "phases[mentoring].duration.approx", "change": "changed", "old": True,
        "new": False}


def test_diff_of_unrelated_models_and_files(run, write):
    path = write("tiny.yaml", MINIMAL)
    result = run("diff", str(path), "womento")
    assert result.exit_code == 0
    assert "+ units[group]" in result.output and "- roles[mentor].kind" not in result.output


def test_diff_identical(run):
    assert run("diff", "womento", "womento").output.strip() == (
        "no differences between womento and womento")


def test_catalogue_markdown_and_json(run):
    markdown = run("catalogue").output
    assert "## Womento work-career mentoring" in markdown
    assert "- **Duration:** about 8–10 months" in markdown
    assert "- **Meetings:** 1–2 meetings a month" in markdown
    entries = {e["id"]: e for e in json.loads(run("catalogue", "--format", "json").output)}
    assert entries["auroras-vaasa"]["languages"] == ["fi", "sv"]
    assert entries["auroras-vaasa"]["region"] == "Vaasa region"
    finnish = run("--lang", "fi", "catalogue").output
    assert finnish.startswith("# Mentorointiohjelmat") and "**Kesto:**" in finnish


def test_catalogue_out_is_atomic_and_refuses_overwrite(run, tmp_path):
    out = tmp_path / "catalogue.md"
    assert run("catalogue", "--out", str(out)).exit_code == 0
    assert out.read_text().startswith("# Mentoring programmes")
    result = run("catalogue", "--out", str(out))
    assert result.exit_code == 2 and "file exists (add --force" in result.output
    assert run("catalogue", "--out", str(out), "--force").exit_code == 0
    missing = run("catalogue", "--out", str(tmp_path / "nodir" / "c.md"))
    assert missing.exit_code == 2 and "does not exist" in missing.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catalogue.md"]
