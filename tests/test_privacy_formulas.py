"""Formula cells neutralised in the CSV outputs built from a units file (issue 14, point 5): a
unit, a mentor or a mentee named ``=HYPERLINK(…)``, ``@SUM(…)``, ``-2+3``, ``+…``, with a tab or
a carriage return first, reaches no spreadsheet as a formula — through the one guard,
:func:`mentorcore.spreadsheets.neutralise`."""

from __future__ import annotations

import pytest

from mentorcore.spreadsheets import FORMULA_STARTS
from tests.conftest import csv_rows

UNITS = ('unit,mentor,mentee\n'
         '"=HYPERLINK(""http://x"",""click"")",@SUM(1+1),-2+3\n'
         '"\tpair",+358401234567,"\rmentee"\n')


def _cells(text: str) -> list[str]:
    return [cell for row in csv_rows(text) for cell in row]


@pytest.mark.parametrize("fmt", ["csv", "end-reports"])
def test_simulate_csv_from_a_units_file_has_no_formula_cell(run, tmp_path, fmt):
    units = tmp_path / "units.csv"
    units.write_text(UNITS, encoding="utf-8")
    out = tmp_path / "out.csv"
    result = run("simulate", "auroras-individual", "--participants", str(units), "--start",
                 "2027-01-11", "--format", fmt, "--out", str(out))
    assert result.exit_code == 0, result.output
    cells = _cells(out.read_text(encoding="utf-8"))
    assert "'=HYPERLINK(\"http://x\",\"click\")" in cells  # there, as text
    if fmt == "end-reports":
        assert {"'@SUM(1+1)", "'-2+3", "'+358401234567"} <= set(cells)
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]


def test_the_guard_is_shared():
    """Every CSV writer uses the one guard (no copy of the list of formula starts)."""
    from pathlib import Path

    import mentorcore

    root = Path(mentorcore.__file__).parent
    copies = [str(p.relative_to(root)) for p in root.rglob("*.py")
              if p.name != "spreadsheets.py" and '("=", "+", "-", "@"' in p.read_text("utf-8")]
    assert copies == []
