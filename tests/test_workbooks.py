"""XLSX outputs people open: match (summary, pairs, groups, everyone not placed) and simulate
(figures, months with percentiles, targets, assumptions, units, timeline), typed and free of
formula cells; identifying fields in columns of their own; written 0600 when they name people.
Read back with openpyxl always, and through a LibreOffice round trip where it is installed."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from tests.test_cli import installed_command

DATA = Path(__file__).parent / "data" / "participants"
PEOPLE = DATA / "auroras-individual.csv"


def _book(path: Path):  # type: ignore[no-untyped-def]
    return openpyxl.load_workbook(io.BytesIO(path.read_bytes()))


def test_match_xlsx_has_a_sheet_per_part_and_every_person_once(run, tmp_path):
    out = tmp_path / "parit.xlsx"
    result = run("match", "auroras-individual", str(PEOPLE), "--format", "xlsx",
                 "--out", str(out))
    assert result.exit_code == 0, result.output
    book = _book(out)
    assert book.sheetnames == ["summary", "pairs", "groups", "not placed"]
    pairs = book["pairs"]
    header = [c.value for c in pairs[1]]
    assert header[:3] == ["group", "id 1", "role 1"] and "name" not in " ".join(header)
    ids = [row[1] for row in pairs.iter_rows(min_row=2, values_only=True)] + \
          [row[3] for row in pairs.iter_rows(min_row=2, values_only=True)] + \
          [row[0] for row in book["not placed"].iter_rows(min_row=2, values_only=True)]
    read = [line.split(";")[0] for line in PEOPLE.read_text(encoding="utf-8").splitlines()[1:]
            if line.strip()]
    assert sorted(ids) == sorted(read)                     # everyone, once
    summary = {row[0]: row[1] for row in book["summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["pairs"] == pairs.max_row - 1
    assert "Aino Virtanen" not in out.read_bytes().decode("latin-1")   # ids only by default


def test_show_names_gives_each_identifying_field_its_own_column(run, tmp_path):
    out = tmp_path / "parit.xlsx"
    result = run("match", "auroras-individual", str(PEOPLE), "--format", "xlsx",
                 "--show-names", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert os.stat(out).st_mode & 0o777 == 0o600              # it names people
    pairs = _book(out)["pairs"]
    header = [c.value for c in pairs[1]]
    assert {"name 1", "contact 1", "name 2", "contact 2"} <= set(header)
    row = dict(zip(header, next(pairs.iter_rows(min_row=2, values_only=True)), strict=True))
    assert "@" in row["contact 1"] and "@" not in row["name 1"]
    csv_out = tmp_path / "parit.csv"
    run("match", "auroras-individual", str(PEOPLE), "--format", "csv", "--show-names",
        "--out", str(csv_out))
    first = csv_out.read_text(encoding="utf-8-sig").splitlines()[0]
    assert "name_1" in first and "contact_1" in first


def test_simulate_xlsx_holds_the_figures_months_assumptions_and_units(run, tmp_path):
    out = tmp_path / "womento.xlsx"
    result = run("simulate", "womento", "--replications", "30", "--start", "2027-01-11",
                 "--format", "xlsx", "--out", str(out))
    assert result.exit_code == 0, result.output
    book = _book(out)
    assert book.sheetnames == ["figures", "months", "targets", "assumptions", "units",
                               "timeline"]
    months = book["months"]
    header = [c.value for c in months[1]]
    assert "staff hours: 5th percentile" in header and "staff hours: 95th percentile" in header
    low = header.index("staff hours: 5th percentile")
    for row in months.iter_rows(min_row=2, values_only=True):
        assert row[low] <= row[low + 1] <= row[low + 2]         # p5 ≤ median ≤ p95
    assumptions = {row[0]: row[2] for row in book["assumptions"].iter_rows(min_row=2,
                                                                            values_only=True)}
    assert "cancellation_rate" in assumptions
    units = book["units"]
    assert units["E2"].is_date and isinstance(units["H2"].value, int)
    assert book["timeline"]["A2"].is_date


def test_a_units_file_cannot_put_a_formula_in_the_workbook(run, write, tmp_path):
    units = write("units.csv", "unit,mentor,mentee\n=HYPERLINK(\"http://e.x\"),@m1,+a1\n")
    out = tmp_path / "run.xlsx"
    result = run("simulate", "womento", "--participants", str(units), "--format", "xlsx",
                 "--out", str(out))
    if result.exit_code != 0:
        pytest.skip(f"this units file is refused as a whole: {result.output[-200:]}")
    for sheet in _book(out):
        for row in sheet.iter_rows(values_only=True):
            for cell in row:
                assert not (isinstance(cell, str) and cell.startswith(("=", "+", "-", "@")))


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="LibreOffice is not installed (apt-get install libreoffice-calc)")
def test_libreoffice_opens_the_workbook(tmp_path):
    out = tmp_path / "parit.xlsx"
    done = subprocess.run([installed_command(), "match", "auroras-individual", str(PEOPLE),
                           "--format", "xlsx", "--out", str(out)], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr
    office = shutil.which("soffice") or shutil.which("libreoffice")
    converted = subprocess.run([office, "--headless", "--convert-to", "csv", "--outdir",
                                str(tmp_path), str(out)], capture_output=True, text=True,
                               timeout=180, check=False)
    assert converted.returncode == 0, converted.stderr
    assert (tmp_path / "parit.csv").read_text(encoding="utf-8").startswith("what,value")


def test_forms_xlsx_has_a_sheet_per_form_with_typed_columns(run, tmp_path):
    out = tmp_path / "lomakkeet.xlsx"
    result = run("forms", "auroras-individual", "--lang", "fi", "--out", str(out))
    assert result.exit_code == 0, result.output
    book = _book(out)
    assert book.sheetnames == ["Liite 1 Ensimmäinen tapaaminen",
                               "Liite 2 Mentorin muistilista ta"]  # Excel: 31 characters
    first = book[book.sheetnames[0]]
    header = [c.value for c in first[1]]
    assert "Päivämäärä" in header and "Tapaamisten määrä" in header
    kinds = {str(v.sqref).split(":")[0][:-1]: v.type for v in first.data_validations.dataValidation}
    date_column = chr(ord("A") + header.index("Päivämäärä"))
    number_column = chr(ord("A") + header.index("Tapaamisten määrä"))
    assert kinds[date_column] == "date" and kinds[number_column] == "decimal"
    assert "list" in kinds.values()                               # the tick boxes: yes / no
