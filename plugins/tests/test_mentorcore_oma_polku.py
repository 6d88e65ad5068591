"""mentorcore-oma-polku: the criteria same_language_group and lived_in_finland_longer."""

import json


def test_listed_with_its_criteria(mentorcore_cli):
    rows = {r["name"]: r for r in json.loads(mentorcore_cli("plugins", "--format",
                                                            "json").stdout)}
    assert rows["mentorcore-oma-polku"]["criteria"] == ["same_language_group",
                                                        "lived_in_finland_longer"]


def test_oma_polku_validates_with_it_and_not_without(mentorcore_cli):
    assert mentorcore_cli("validate", "oma-polku").exit_code == 0
    without = mentorcore_cli("--disable-plugin", "mentorcore-oma-polku", "validate",
                             "oma-polku")
    assert without.exit_code == 1 and "mentorcore-oma-polku" in without.stdout
