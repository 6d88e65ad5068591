"""mentorcore-auroras: the criterion same_field and the end-reports format."""

import json


def test_listed_with_its_criterion_and_format(mentorcore_cli):
    rows = {r["name"]: r for r in json.loads(mentorcore_cli("plugins", "--format",
                                                            "json").stdout)}
    auroras = rows["mentorcore-auroras"]
    assert auroras["criteria"] == ["same_field"]
    assert auroras["formats"] == ["simulation:end-reports"]


def test_the_end_reports_one_row_per_pair(mentorcore_cli):
    for through_subprocess in (False, True):
        result = mentorcore_cli("simulate", "auroras-individual", "--pairs", "5",
                                "--format", "end-reports", subprocess=through_subprocess)
        assert result.exit_code == 0, result.output
        assert len(result.stdout.splitlines()) == 6      # the header and five pairs
