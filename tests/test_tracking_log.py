"""The meeting log: the blank log of `forms --log`, and reading a log as guardedly as a
participant list (positioned errors with rule ids, no cell values in messages, special
categories refused, nothing written on bad input)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import default_library

LOGS = Path(__file__).parent / "data" / "logs"
TODAY = "2027-09-01"


@pytest.fixture
def logs(tmp_path):
    for path in LOGS.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def _log(tmp_path, text, name="log.csv", encoding="utf-8-sig"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def read(tmp_path, text, model="auroras-individual", units=("pair-1", "pair-2"), **options):
    from mentorcore.tracking.log import read_log

    return read_log(_log(tmp_path, text), default_library().programme(model), units=units,
                    **options)


def errors_of(call):
    from mentorcore.diagnostics import MentorcoreError

    with pytest.raises(MentorcoreError) as caught:
        call()
    return caught.value.diagnostics


# -- the blank log -------------------------------------------------------------------------------

def test_the_blank_log_is_finnish_excel_csv_with_liite_2s_fields(run, tmp_path):
    out = tmp_path / "tapaamiset.csv"
    result = run("forms", "auroras-individual", "--log", "--lang", "fi", "--out", str(out))
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.endswith(b"\r\n")
    header = raw.decode("utf-8-sig").strip().split(";")
    assert header[:3] == ["Yksikkö", "Päivämäärä", "Laji"]
    # Liite 2's content, insights, feedback, agreed tasks and next meeting; its date is the log's
    assert header[-5:] == ["Tapaamisen sisältö", "Tapaamisen aikana syntyneet oivallukset",
                           "Aktorin palaute tapaamisesta", "Sovitut tehtävät mentori / aktori",
                           "Seuraava tapaaminen"]
    assert header.count("Päivämäärä") == 1


def test_the_blank_log_as_xlsx_reads_back_as_an_empty_log(run, tmp_path):
    import openpyxl

    out = tmp_path / "log.xlsx"
    assert run("forms", "matkalla-tyoelamaan", "--log", "--out", str(out)).exit_code == 0
    workbook = openpyxl.load_workbook(out)
    assert [c.value for c in workbook.worksheets[0][1]] == [
        "Unit", "Date", "Kind", "Attended", "End reason", "Themes"]
    codes = dict(workbook.worksheets[1].values)
    assert "closing-event" in codes["Kind"] and "dropout" in codes["End reason"]
    # the blank log is the format track reads: a header and no rows yet
    from mentorcore.tracking.log import read_log

    diagnostics = errors_of(lambda: read_log(out, default_library().programme(
        "matkalla-tyoelamaan")))
    assert [d.rule for d in diagnostics] == ["E405"]


def test_a_filled_in_blank_log_is_read(run, tmp_path):
    result = run("forms", "auroras-individual", "--log", "--lang", "fi")
    text = result.output + ("pair-1;11.1.2027;tapaaminen;mentori, aktori;;2, 3;CV;;hyvä;;"
                            "25.1.2027\r\n")
    log = read(tmp_path, text.lstrip("\ufeff"))
    (entry,) = log.entries
    assert (entry.unit, entry.date.isoformat(), entry.kind) == ("pair-1", "2027-01-11", "meeting")
    assert entry.attended == ("mentor", "mentee") and entry.themes == (1, 2)
    assert entry.fields["next-meeting"].isoformat() == "2027-01-25"
    assert entry.fields["mentee-feedback"] == "hyvä"


def test_xlsx_without_log_is_the_forms_and_with_log_the_meeting_log(run, tmp_path):
    import openpyxl

    forms, log = tmp_path / "forms.xlsx", tmp_path / "log.xlsx"
    assert run("forms", "auroras-individual", "--out", str(forms)).exit_code == 0
    assert run("forms", "auroras-individual", "--log", "--out", str(log)).exit_code == 0
    assert len(openpyxl.load_workbook(forms).sheetnames) == 2       # a sheet per form
    assert openpyxl.load_workbook(log).sheetnames != openpyxl.load_workbook(forms).sheetnames


# -- bad input -------------------------------------------------------------------------------

def test_the_realistic_bad_log_gives_every_problem_at_its_row_and_column(run, logs):
    out = logs / "status.json"
    result = run("track", "matkalla-tyoelamaan", "--units", str(logs / "matkalla-units.csv"),
                 "--log", str(logs / "matkalla-bad-log.csv"), "--today", TODAY,
                 "--start", "2027-01-04", "--format", "json", "--out", str(out))
    assert result.exit_code == 1
    found = {line.rsplit("[", 1)[-1].rstrip("]"): line for line in result.output.splitlines()
             if "[" in line}
    assert found.keys() == {"E702", "E704", "E705", "E707", "W706"}
    # make_logs.py puts the unknown unit on row 7 and the others at the end, in this order
    last = len((logs / "matkalla-bad-log.csv").read_bytes().splitlines())
    for rule, row, column in (("E702", 7, 1), ("E704", last - 3, 2), ("E705", last - 2, 2),
                              ("E707", last, 3)):
        assert found[rule].split(": ")[0].endswith(f"/matkalla-bad-log.csv:{row}:{column}")
    assert found["W706"].split(": ")[0].endswith(f"/matkalla-bad-log.csv:{last - 1}:1")
    # no cell's value is repeated: the unknown unit, the dates and the unknown kind
    for value in ("pair-99", "2030-01-01", "2026-12-01", "kahvit"):
        assert value not in result.output
    assert not out.exists()  # nothing written
    assert [p.name for p in logs.iterdir() if p.name.startswith(".")] == []  # no temporary left


@pytest.mark.parametrize(("column", "rule"), [
    ("Terveydentila", "E409"), ("Religion", "E409"), ("Lempiväri", "W410")])
def test_special_categories_are_refused_and_unknown_columns_dropped(tmp_path, column, rule):
    text = f"unit;date;kind;{column}\npair-1;2027-01-11;meeting;x\n"
    if rule.startswith("E"):
        diagnostics = errors_of(lambda: read(tmp_path, text))
        assert [(d.rule, d.line, d.column) for d in diagnostics] == [(rule, 1, 4)]
    else:
        log = read(tmp_path, text)
        assert [(d.rule, d.line, d.column) for d in log.warnings] == [(rule, 1, 4)]
        assert len(log.entries) == 1


def test_formulas_bad_dates_missing_units_and_exits(tmp_path):
    text = ("unit;date;kind;exit;next meeting\n"
            "pair-1;=HYPERLINK(\"x\");meeting;;\n"
            "pair-1;31.2.2027;meeting;;\n"
            ";2027-01-12;meeting;;\n"
            "pair-2;2027-01-13;end;;\n"
            "pair-2;2027-01-14;end;vanished;\n"
            "pair-2;2027-01-15;meeting;completed;\n"
            "pair-1;2027-01-16;meeting;;someday\n")
    diagnostics = errors_of(lambda: read(tmp_path, text))
    assert [(d.rule, d.line, d.column) for d in diagnostics] == [
        ("E408", 2, 2), ("E703", 3, 2), ("E709", 4, 1), ("E708", 5, 4),
        ("E708", 6, 4), ("E708", 7, 4), ("E703", 8, 5)]
    messages = " ".join(d.message + (d.hint or "") for d in diagnostics)
    assert "HYPERLINK" not in messages and "vanished" not in messages
    assert "someday" not in messages and "31.2" not in messages


def test_duplicates_are_counted_once_and_rows_after_the_end_warned(tmp_path):
    text = ("unit;date;kind;exit\n"
            "pair-1;2027-01-11;meeting;\n"
            "PAIR-1;11.1.2027;Meeting;\n"
            "pair-1;2027-02-01;end;employed\n"
            "pair-1;2027-02-08;meeting;\n")
    log = read(tmp_path, text)
    assert [e.row for e in log.entries] == [2, 4, 5]
    assert [(d.rule, d.line) for d in log.warnings] == [("W706", 3), ("W712", 5)]


def test_a_log_without_its_columns(tmp_path):
    diagnostics = errors_of(lambda: read(tmp_path, "päivä;laji;väri\n2027-01-11;meeting;x\n"))
    assert sorted((d.rule, d.column) for d in diagnostics) == [
        ("E701", None), ("E701", None), ("W410", 1), ("W410", 3)]  # laji is the kind


def test_windows_1252_and_the_finnish_labels(tmp_path):
    from mentorcore.tracking.log import read_log

    path = _log(tmp_path, "Yksikkö;Päivämäärä;Laji;Päättymisen syy\r\n"
                "pair-2;1.3.2027;päättyminen;employed\r\n", encoding="cp1252")
    log = read_log(path, default_library().programme("auroras-individual"),
                   units=["pair-1", "pair-2"])
    assert [(e.unit, e.kind, e.exit) for e in log.entries] == [("pair-2", "end", "employed")]


def test_the_bad_log_json_is_not_half_written_on_a_real_subprocess(logs):
    import subprocess
    import sys

    out = logs / "status.json"
    done = subprocess.run(
        [sys.executable, "-m", "mentorcore", "track", "matkalla-tyoelamaan", "--units",
         str(logs / "matkalla-units.csv"), "--log", str(logs / "matkalla-log.csv"),
         "--today", TODAY, "--format", "json", "--out", str(out)],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text())["programme"]["counts"]["completed"] > 30
    assert out.stat().st_mode & 0o777 == 0o600
