"""A date that does not exist in a units or participant YAML is an error at its cell (issue 14,
point 4), naming the row and column, never the cell's value or the people of the row."""

from __future__ import annotations

import pytest

UNITS = """\
units:
  - unit: pair-1
    mentor: Aino Virtanen
    mentee: Helmi Virtanen
    start: {date}
"""


@pytest.mark.parametrize("date", ["2027-02-30", "2027-13-01"])
def test_a_date_that_does_not_exist_is_placed_at_its_cell(run, write, date):
    units = write("units.yaml", UNITS.format(date=date))
    result = run("simulate", "womento", "--participants", str(units))
    assert result.exit_code == 1, result.output
    assert "units.yaml:5:12:" in result.stderr and "E407" in result.stderr
    assert date not in result.output and "Aino" not in result.output
    assert "Traceback" not in result.output
