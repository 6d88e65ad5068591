"""Special-category data declared by a model: listed in the record of processing under its
category, its values never in an explanation, a report or an output file (``--show-names``
included); a field whose name suggests a special category but is declared without one is listed
by the name's category and a list holding it is refused (E409)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "participants"

HEALTH_VALUES = ("masennus", "diabetes", "uupumus")
"""The special-category values of the list below: none may appear in any output."""


def _model(tmp_path: Path, *, declared: bool) -> Path:
    """The matching tests' pairs model with a health field that a hard rule compares."""
    text = (DATA / "pairs-model.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "    - {id: times, criterion: availability, weight: 1}\n",
        "    - {id: times, criterion: availability, weight: 1}\n"
        "    - {id: health, criterion: same_value, hard: true, "
        "params: {field: terveydentila}}\n")
    special = ", special_category: health" if declared else ""
    text += ("    - {id: terveydentila, purpose: support the pair needs, identifying: true"
             f"{special}}}\n")
    path = tmp_path / "model.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _people(tmp_path: Path) -> Path:
    rows = (DATA / "people.csv").read_text(encoding="utf-8").splitlines()
    values = iter(HEALTH_VALUES * 3)
    lines = [rows[0] + ";terveydentila"]
    lines += [row + ";" + (next(values) if not row.startswith("s1") else "") for row in rows[1:]]
    path = tmp_path / "people.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _no_values(text: str) -> None:
    for value in HEALTH_VALUES:
        assert value not in text.casefold(), value


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "md"])
@pytest.mark.parametrize("names", [False, True])
def test_special_values_in_no_output(run, tmp_path, fmt, names):
    model, people = _model(tmp_path, declared=True), _people(tmp_path)
    out = tmp_path / f"out.{fmt}"
    args = ["match", str(model), str(people), "--format", fmt, "--out", str(out)]
    result = run(*args, *(["--show-names"] if names else []))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "m1" in text  # the output is there, with the people in it
    if names:
        assert "Maija Mallikas" in text  # the other identifying field is shown
    assert "unmatched" in text.casefold() or fmt == "csv"
    _no_values(text + result.output)
    shown = run(*args[:-2], *(["--show-names"] if names else []))
    _no_values(shown.output)


def test_the_explanation_names_the_rule_and_withholds_the_value(run, tmp_path):
    model, people = _model(tmp_path, declared=True), _people(tmp_path)
    result = run("match", str(model), str(people), "--format", "json")
    data = json.loads(result.output)
    reasons = " ".join(r for u in data["unmatched"] for r in u["reasons"])
    assert "'health'" in reasons
    assert "withheld, special-category data" in reasons
    _no_values(result.output)


def test_declared_special_category_in_the_record(run, tmp_path):
    model = _model(tmp_path, declared=True)
    text = run("privacy", str(model)).output
    assert "health: terveydentila" in text
    data = json.loads(run("privacy", str(model), "--format", "json").output)
    health = next(c for c in data["special_categories"] if c["category"] == "health")
    assert health["fields"] == ["terveydentila"] and health["undeclared"] == []


def test_field_named_like_a_special_category_is_listed_and_its_list_refused(run, tmp_path):
    model, people = _model(tmp_path, declared=False), _people(tmp_path)
    text = run("privacy", str(model)).output
    assert "health: terveydentila (not declared as such)" in text
    assert "declare it with special_category: health" in text
    assert "Special categories (GDPR Art. 9)\n\n  - none" not in text
    result = run("match", str(model), str(people))
    assert result.exit_code == 1
    assert "[E409]" in result.output and "without special_category" in result.output
    _no_values(result.output)


@pytest.mark.parametrize("column", ["terveydentila", "hälsa", "lähtömaa", "ihonväri",
                                    "etnisk bakgrund", "diagnoosi", "uskonnollinen",
                                    "fackförening", "t\u0435rv\u0435ys", "usko\u200bnto",
                                    "hel\u00adth"])
def test_undeclared_special_column_is_refused_not_dropped(run, tmp_path, column):
    people = tmp_path / "people.csv"
    rows = (DATA / "people.csv").read_text(encoding="utf-8").splitlines()
    people.write_text("\n".join([rows[0] + ";" + column]
                                + [row + ";masennus" for row in rows[1:]]) + "\n",
                      encoding="utf-8")
    result = run("match", str(DATA / "pairs-model.yaml"), str(people))
    assert result.exit_code == 1
    assert "[E409]" in result.output and "[W410]" not in result.output
    _no_values(result.output)
