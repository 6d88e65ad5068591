"""mentorcore-kielikaveri: the criterion reciprocal_language."""

import json


def test_listed_with_its_criterion(mentorcore_cli):
    rows = {r["name"]: r for r in json.loads(mentorcore_cli("plugins", "--format",
                                                            "json").stdout)}
    assert rows["mentorcore-kielikaveri"]["criteria"] == ["reciprocal_language"]


def test_kielikaveri_validates_with_it_and_not_without(mentorcore_cli):
    assert mentorcore_cli("validate", "kielikaveri").exit_code == 0
    without = mentorcore_cli("--disable-plugin", "mentorcore-kielikaveri", "validate",
                             "kielikaveri")
    assert without.exit_code == 1
    assert "the criterion 'reciprocal_language' is provided by the plugin " \
        "mentorcore-kielikaveri" in without.stdout
