"""Limits of a participant list (docs/matching.md, "Limits"): over them, a clear E415 at the
file before anything large is allocated — never an out-of-memory error, never exit 3."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from mentorcore import Library, MentorcoreError
from mentorcore.matching import load_participants, match, participants_from_records, scoring, sheets

DATA = Path(__file__).parent / "data" / "participants"
SECRET = "Salainen Arvo"  # a cell's value: never in a message


@pytest.fixture
def files(tmp_path):
    for name in ("pairs-model.yaml", "people.csv", "buddies-model.yaml", "buddies.csv"):
        shutil.copy(DATA / name, tmp_path / name)
    return tmp_path


@pytest.fixture(scope="module")
def pairs_model():
    return Library().programme(str(DATA / "pairs-model.yaml"))


def only_error(excinfo):
    [diagnostic] = excinfo.value.diagnostics
    assert diagnostic.rule == "E415"
    assert SECRET not in diagnostic.format()
    return diagnostic


def test_the_list_of_the_issue_is_refused_by_its_size_not_by_memory(run, files):
    """55.6 MB, 767k rows: once an `internal error: MemoryError … 1.06 TiB`, exit 3."""
    big = files / "big.csv"
    row = f"a{{}};mentee;{SECRET};;nursing;fi|ar;Vaasa;mon|tue;;34\n"
    with big.open("w", encoding="utf-8") as handle:
        handle.write("id;role;name;field;wished_field;languages;region;availability;"
                     "max_mentees;age\n")
        for start in range(0, 767_000, 10_000):
            handle.write("".join(row.format(k) for k in range(start, start + 10_000)))
    assert big.stat().st_size > sheets.MAX_BYTES
    result = run("match", str(files / "pairs-model.yaml"), str(big))
    assert result.exit_code == 1, result.output
    assert "big.csv: the file has" in result.output and "[E415]" in result.output
    assert "MemoryError" not in result.output and SECRET not in result.output


def test_too_many_bytes(files, pairs_model, monkeypatch):
    monkeypatch.setattr(sheets, "MAX_BYTES", 100)
    with pytest.raises(MentorcoreError) as excinfo:
        load_participants(files / "people.csv", pairs_model)
    diagnostic = only_error(excinfo)
    assert "people.csv: the file has more than 0.0 MB, the most that is read" in \
        diagnostic.format()


def test_too_many_rows_is_placed_at_the_first_row_over(files, pairs_model, monkeypatch):
    monkeypatch.setattr(sheets, "MAX_ROWS", 3)
    with pytest.raises(MentorcoreError) as excinfo:
        load_participants(files / "people.csv", pairs_model)
    diagnostic = only_error(excinfo)
    assert ("people.csv:5:1: more than 3 rows: this is over the limit of the file"
            in diagnostic.format())
    monkeypatch.setattr(sheets, "MAX_ROWS", 100)
    assert len(load_participants(files / "people.csv", pairs_model)) > 3


def test_too_many_rows_in_yaml(tmp_path, pairs_model, monkeypatch):
    monkeypatch.setattr(sheets, "MAX_ROWS", 2)
    path = tmp_path / "people.yaml"
    path.write_text("".join(f"- {{id: a{k}, role: mentee, name: {SECRET}}}\n" for k in range(4)),
                    encoding="utf-8")
    with pytest.raises(MentorcoreError) as excinfo:
        load_participants(path, pairs_model)
    assert ("people.yaml:3:1: more than 2 rows: this is over the limit of the file"
            in only_error(excinfo).format())


def test_too_many_rows_in_xlsx_and_too_much_unpacked(tmp_path, pairs_model, monkeypatch):
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["id", "role", "name"])
    for k in range(30):
        sheet.append([f"a{k}", "mentee", SECRET])
    path = tmp_path / "people.xlsx"
    workbook.save(path)
    monkeypatch.setattr(sheets, "MAX_ROWS", 10)
    with pytest.raises(MentorcoreError) as excinfo:
        load_participants(path, pairs_model)
    assert ("people.xlsx:12:1: more than 10 rows: this is over the limit of the file"
            in only_error(excinfo).format())
    monkeypatch.setattr(sheets, "MAX_BYTES", path.stat().st_size)  # the file fits, unpacked not
    with pytest.raises(MentorcoreError) as excinfo:
        load_participants(path, pairs_model)
    assert "the workbook unpacks to" in only_error(excinfo).message


def test_too_many_candidate_pairs_before_the_matrix(files, pairs_model, registry, monkeypatch):
    people = load_participants(files / "people.csv", pairs_model)
    allocated = []
    real_empty = np.empty

    def watched_empty(shape, *args, **kwargs):
        allocated.append(shape)
        return real_empty(shape, *args, **kwargs)

    monkeypatch.setattr(scoring, "MAX_PAIRS", 1)
    monkeypatch.setattr(np, "empty", watched_empty)
    with pytest.raises(MentorcoreError) as excinfo:
        match(pairs_model, people, registry=registry, solver="optimal")
    monkeypatch.undo()
    diagnostic = only_error(excinfo)
    assert "people.csv: " in diagnostic.format()
    assert "candidate pairs; at most 1 are scored in memory" in diagnostic.message
    assert not any(isinstance(shape, tuple) and len(shape) == 2 for shape in allocated)


def test_optimal_counts_every_place(files, pairs_model, registry, monkeypatch):
    people = load_participants(files / "people.csv", pairs_model)
    mentees = people.count("mentee") + people.count("aktori")
    mentors = people.count("mentor")
    monkeypatch.setattr(scoring, "MAX_PAIRS", mentees * mentors)  # the matrix fits …
    result = match(pairs_model, people, registry=registry, solver="stable")
    assert result.pairs
    with pytest.raises(MentorcoreError) as excinfo:  # … its columns once per place do not
        match(pairs_model, people, registry=registry, solver="optimal")
    only_error(excinfo)


def test_too_many_possible_buddies(files, registry, monkeypatch):
    model = Library().programme(str(files / "buddies-model.yaml"))
    people = load_participants(files / "buddies.csv", model)
    monkeypatch.setattr(scoring, "MAX_BUDDY_PAIRS", 0)
    with pytest.raises(MentorcoreError) as excinfo:
        match(model, people, registry=registry)
    assert "possible buddy pairs" in only_error(excinfo).message


def test_records_are_bounded_too(pairs_model, registry, monkeypatch):
    people = participants_from_records(
        [{"id": f"a{k}", "role": "mentee", "wished_field": "x", "languages": "fi"}
         for k in range(3)]
        + [{"id": f"m{k}", "role": "mentor", "field": "x", "languages": "fi"} for k in range(3)],
        pairs_model)
    monkeypatch.setattr(scoring, "MAX_PAIRS", 8)
    with pytest.raises(MentorcoreError) as excinfo:
        match(pairs_model, people, registry=registry, solver="stable")
    assert only_error(excinfo).format().startswith("<records>: 3 × 3 candidate pairs")
