"""mentorcore-camp: the phase kind camp, and a camp_day on each day of the camp."""

import json


def test_listed_with_its_phase_kind_and_behaviour(mentorcore_cli):
    rows = {r["name"]: r for r in json.loads(mentorcore_cli("plugins", "--format",
                                                            "json").stdout)}
    camp = rows["mentorcore-camp"]
    assert camp["status"] == "ok"
    assert camp["phase_kinds"] == ["camp"] and camp["phase_behaviours"] == ["camp"]


def test_kesalukio_has_a_camp_day_on_each_of_its_eight_days(mentorcore_cli):
    result = mentorcore_cli("simulate", "kesalukio", "--format", "csv")
    assert result.exit_code == 0, result.output
    from conftest import csv_rows

    days = {row[0] for row in csv_rows(result.stdout) if "camp_day" in row}
    assert len(days) == 8


def test_without_it_kesalukio_names_the_plugin(mentorcore_cli):
    result = mentorcore_cli("--disable-plugin", "mentorcore-camp", "validate", "kesalukio")
    assert result.exit_code == 1
    assert "unknown phase kind 'camp'" in result.stdout
    assert "provided by the plugin mentorcore-camp" in result.stdout
