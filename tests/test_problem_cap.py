"""A file with more problems than are shown ends with one line counting the rest, under the rule
of the problems left out (not an unrelated one)."""

from __future__ import annotations

import pytest

from mentorcore.diagnostics import MentorcoreError
from mentorcore.matching import problems


def test_the_summary_line_carries_the_rule_of_the_problems_it_counts():
    found = problems.Collector("log.csv")
    for row in range(2, 2 + problems.MAX_ERRORS + 7):
        found.add(problems.MISSING_VALUE, "the row has no date", row, 2)
    with pytest.raises(MentorcoreError) as error:
        found.raise_if_any()
    shown = error.value.diagnostics
    assert len(shown) == problems.MAX_ERRORS + 1
    assert "7 more problems not shown" in shown[-1].message
    assert shown[-1].rule == problems.MISSING_VALUE.id
