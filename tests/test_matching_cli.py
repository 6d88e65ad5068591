"""`mentorcore match` and `mentorcore privacy` through click's CliRunner."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import csv_rows

DATA = Path(__file__).parent / "data" / "participants"


@pytest.fixture
def files(tmp_path):
    for name in ("pairs-model.yaml", "people.csv", "buddies-model.yaml", "buddies.csv"):
        shutil.copy(DATA / name, tmp_path / name)
    return tmp_path


def test_match_table(run, files):
    result = run("match", str(files / "pairs-model.yaml"), str(files / "people.csv"))
    assert result.exit_code == 0, result.output
    assert "a1      m1" in result.output and "Unmatched (1)" in result.output
    assert "Aino" not in result.output  # ids only, unless --show-names


def test_match_json_contract(run, files):
    result = run("match", str(files / "pairs-model.yaml"), str(files / "people.csv"),
                 "--format", "json", "--solver", "stable", "--seed", "4")
    data = json.loads(result.output)
    assert set(data) >= {"pairs", "groups", "unmatched", "summary", "warnings"}
    pair = data["pairs"][0]
    assert {m["id"] for m in pair["members"]} == {"a1", "m1"}
    assert set(pair) >= {"members", "score", "reasons", "rules"}
    assert data["unmatched"] == [{"id": "a3", "role": "mentee", "candidates": 0, "reasons": [
        "no mentor meets 'same-field' (same_field; wished_field: law)"]}]
    assert data["solver"] == "stable" and data["seed"] == 4


def test_show_names(run, files):
    result = run("match", str(files / "pairs-model.yaml"), str(files / "people.csv"),
                 "--show-names")
    assert "a1 (Aino Esimerkki)" in result.output


def test_markdown(run, files):
    result = run("match", str(files / "pairs-model.yaml"), str(files / "people.csv"),
                 "--format", "md")
    assert "## Pairs (2)" in result.output and "| a1 | m1 |" in result.output


def test_out_file_is_private_and_atomic(run, files):
    out = files / "pairs.csv"
    result = run("match", str(files / "pairs-model.yaml"), str(files / "people.csv"),
                 "--format", "csv", "--out", str(out))
    assert result.exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    rows = csv_rows(out.read_text(encoding="utf-8"))
    assert rows[0][:4] == ["record", "group", "id_1", "role_1"]
    assert [r[0] for r in rows[1:]] == ["pair", "pair", "unmatched", "not_matched"]
    again = run("match", str(files / "pairs-model.yaml"), str(files / "people.csv"),
                "--out", str(out))
    assert again.exit_code == 2 and "--force" in again.output
    forced = run("match", str(files / "pairs-model.yaml"), str(files / "people.csv"),
                 "--out", str(out), "--force")
    assert forced.exit_code == 0 and out.read_text(encoding="utf-8").startswith("test-pairs")


def test_never_overwrites_an_input(run, files):
    people = files / "people.csv"
    before = people.read_bytes()
    result = run("match", str(files / "pairs-model.yaml"), str(people), "--out", str(people),
                 "--force")
    assert result.exit_code == 2 and "input" in result.output
    assert people.read_bytes() == before


def test_csv_neutralises_formulas(run, files):
    people = files / "people.csv"
    people.write_text(people.read_text(encoding="utf-8").replace("Aino Esimerkki", "+Aino"),
                      encoding="utf-8")
    # a name like +Aino is not a number: the input check refuses it as a formula
    refused = run("match", str(files / "pairs-model.yaml"), str(people))
    assert refused.exit_code == 1 and "E408" in refused.output
    from mentorcore.matching.formats import neutralise

    assert neutralise("=1+1") == "'=1+1" and neutralise("-x") == "'-x"
    assert neutralise("@a") == "'@a" and neutralise("plain") == "plain" and neutralise(2.5) == 2.5


def test_csv_output_cells_that_look_like_formulas(run, files):
    people = files / "people.csv"
    text = people.read_text(encoding="utf-8").replace("Aino Esimerkki", "+358 40 123")
    people.write_text(text, encoding="utf-8")
    result = run("match", str(files / "pairs-model.yaml"), str(people), "--format", "csv",
                 "--show-names")
    assert result.exit_code == 0
    assert "'+358 40 123" in [cell for row in csv_rows(result.output) for cell in row]


def test_bad_input_exits_1_and_writes_nothing(run, files):
    people = files / "people.csv"
    people.write_text("id;role;age\na1;mentee;old\n", encoding="utf-8")
    out = files / "out.json"
    result = run("match", str(files / "pairs-model.yaml"), str(people), "--out", str(out))
    assert result.exit_code == 1
    assert "people.csv:2:3: column 'age': expected a number [E407]" in result.output
    assert "old" not in result.output.replace("old:", "")
    assert not out.exists()


def test_warnings_go_to_stderr(run, files):
    people = files / "people.csv"
    people.write_text(people.read_text(encoding="utf-8").replace(";age", ";hobby"),
                      encoding="utf-8")
    result = run("match", str(files / "pairs-model.yaml"), str(people), "--format", "json")
    assert result.exit_code == 0
    assert "column 'hobby' is not declared by the model and is dropped [W410]" in result.stderr
    json.loads(result.stdout)


def test_model_problems_point_into_the_model_file(run, files):
    model = files / "pairs-model.yaml"
    model.write_text(model.read_text(encoding="utf-8").replace(
        "{id: region, criterion: region, weight: 2}",
        "{id: region, criterion: region, weight: 2, params: {mentee: regio}}"), encoding="utf-8")
    result = run("match", str(model), str(files / "people.csv"))
    assert result.exit_code == 1
    assert "pairs-model.yaml:25:67:" in result.output and "did you mean `region`" in result.output


def test_reciprocal_from_the_command_line(run, files):
    result = run("match", str(files / "buddies-model.yaml"), str(files / "buddies.csv"),
                 "--format", "json")
    data = json.loads(result.output)
    assert [[m["id"] for m in p["members"]] for p in data["pairs"]] == [["b1", "b2"],
                                                                       ["b4", "b5"]]


def test_privacy_record(run, files):
    result = run("privacy", str(files / "pairs-model.yaml"))
    assert result.exit_code == 0
    assert "Record of processing (GDPR Art. 30)" in result.output
    assert "refugee_background" in result.output and "racial or ethnic origin" in result.output
    assert "Retention: until the closing event, then deleted" in result.output
    data = json.loads(run("privacy", str(files / "pairs-model.yaml"), "--format", "json").output)
    assert data["special_categories"][0]["fields"] == ["refugee_background"]
    assert data["missing"] == []
    md = run("privacy", str(files / "buddies-model.yaml"), "--format", "md").output
    assert "| `languages_offered` |" in md and "To complete before processing" in md


def test_privacy_of_a_bundled_model(run):
    result = run("privacy", "womento", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output)["programme"] == "womento"


def test_help_imports_no_heavy_library():
    code = ("import sys\nfrom mentorcore.cli import main\nsys.argv=['mentorcore','--help']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "heavy = {'numpy','scipy','networkx','openpyxl'} & set(sys.modules)\n"
            "print('HEAVY', sorted(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "PYTHONWARNINGS": "ignore"}, check=True).stdout
    assert "HEAVY []" in out


def test_the_solver_choices_come_from_the_table(run):
    from mentorcore.matching.solvers import SOLVERS

    help_text = "".join(run("match", "--help").output.split())  # as wrapped at any width
    assert "[optimal|stable|reciprocal]" in help_text
    for name, solver in SOLVERS.items():
        assert "".join(f"{name}: {solver.description}".split()) in help_text
