"""mentorcore-monika: the criterion mentor_kind and the rolling intake."""

import json


def test_listed_with_its_criterion_and_intake(mentorcore_cli):
    rows = {r["name"]: r for r in json.loads(mentorcore_cli("plugins", "--format",
                                                            "json").stdout)}
    monika = rows["mentorcore-monika"]
    assert monika["criteria"] == ["mentor_kind"] and monika["intakes"] == ["rolling"]


def test_rolling_intake_spreads_the_starts(mentorcore_cli):
    result = mentorcore_cli("simulate", "monika", "--pairs", "12", "--format", "csv")
    assert result.exit_code == 0, result.output
    from conftest import csv_rows

    formed = {row[0] for row in csv_rows(result.stdout) if "unit_formed" in row}
    assert len(formed) > 3      # not all on one day: arrivals over the year
    without = mentorcore_cli("--disable-plugin", "mentorcore-monika", "simulate", "monika")
    assert without.exit_code != 0
