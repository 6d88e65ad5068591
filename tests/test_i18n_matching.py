"""Matching, simulation and the record of processing in Finnish and Swedish: participant-file
problems, unmatched and pair reasons, E601; places, rule ids, column names and JSON keys stay as
they are, and English is unchanged by default."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import MINIMAL

DATA = Path(__file__).parent / "data" / "participants"
HEADER = "id;role;name;field;wished_field;languages;region;availability;max_mentees;age\n"


@pytest.fixture
def files(tmp_path):
    for name in ("pairs-model.yaml", "people.csv"):
        shutil.copy(DATA / name, tmp_path / name)
    (tmp_path / "bad.csv").write_text(
        HEADER + "a1;mentee;Aino;;nursing;fi;Vaasa;mon;;34\n"
                 "a1;mentor;Maija;nursing;;fi;Vaasa;mon;1;52\n"
                 'a2;mentee;Bea;;=HYPERLINK("x");fi;Turku;wed;;29\n', encoding="utf-8")
    return tmp_path


def _split(output: str) -> list[tuple[str, str]]:
    """Each diagnostic line as (FILE:LINE:COL, the rest)."""
    return [tuple(line.split(": ", 1)) for line in output.splitlines()  # type: ignore[misc]
            if line.startswith("bad.csv:") or ".yaml:" in line.split(" ")[0]]


BAD_FILE = {
    "en": ["column 'id': duplicate id (also row 2) [E406]",
           ("column 'wished_field': the cell holds a formula or starts like one (=, +, -, @) "
            "(type the value itself; formulas are refused) [E408]")],
    "fi": ["sarake 'id': sama tunniste on jo käytössä (myös rivillä 2) [E406]",
           ("sarake 'wished_field': solussa on kaava tai se alkaa kuin kaava (=, +, -, @) "
            "(kirjoita itse arvo; kaavoja ei hyväksytä) [E408]")],
    "sv": ["kolumnen 'id': samma id finns redan (även på rad 2) [E406]",
           ("kolumnen 'wished_field': cellen innehåller en formel eller börjar som en "
            "(=, +, -, @) (skriv själva värdet; formler avvisas) [E408]")],
}


def test_participant_file_problems_in_finnish_at_the_same_places(run, files, monkeypatch):
    monkeypatch.chdir(files)
    english = run("match", "pairs-model.yaml", "bad.csv")
    finnish = run("--lang", "fi", "match", "pairs-model.yaml", "bad.csv")
    assert english.exit_code == finnish.exit_code == 1
    assert english.stdout == finnish.stdout == ""  # nothing written
    assert [place for place, _rest in _split(finnish.output)] == \
        [place for place, _rest in _split(english.output)] == ["bad.csv:3:1", "bad.csv:4:5"]
    assert [rest for _place, rest in _split(english.output)] == BAD_FILE["en"]
    assert [rest for _place, rest in _split(finnish.output)] == BAD_FILE["fi"]


def test_a_swedish_locale_gives_swedish_participant_file_problems(run, files, monkeypatch):
    monkeypatch.chdir(files)
    monkeypatch.setenv("LANG", "sv_FI.UTF-8")
    result = run("match", "pairs-model.yaml", "bad.csv")
    assert result.exit_code == 1
    assert [rest for _place, rest in _split(result.output)] == BAD_FILE["sv"]


def _json_match(run, files, *lang):  # type: ignore[no-untyped-def]
    result = run(*lang, "match", str(files / "pairs-model.yaml"), str(files / "people.csv"),
                 "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_unmatched_and_pair_reasons_follow_a_swedish_locale(run, files, monkeypatch):
    english = _json_match(run, files)
    monkeypatch.setenv("LANG", "sv_FI.UTF-8")
    swedish = _json_match(run, files)
    assert set(swedish) == set(english)  # the same keys
    assert swedish["unmatched"] == [{"id": "a3", "role": "mentee", "candidates": 0, "reasons": [
        "ingen i rollen mentor uppfyller 'same-field' (same_field; wished_field: law)"]}]
    assert english["unmatched"][0]["reasons"] == [
        "no mentor meets 'same-field' (same_field; wished_field: law)"]
    assert swedish["pairs"][0]["reasons"][0] == \
        "uppfyller den ovillkorliga regeln 'same-field' (same_field)"
    assert english["pairs"][0]["reasons"][0] == "meets hard rule 'same-field' (same_field)"
    assert swedish["pairs"][0]["rules"] == english["pairs"][0]["rules"]
    assert swedish["summary"] == english["summary"]


def test_unmatched_reasons_in_finnish_in_the_table(run, files):
    result = run("--lang", "fi", "match", str(files / "pairs-model.yaml"),
                 str(files / "people.csv"))
    assert result.exit_code == 0
    # roles by the model's Finnish names (aktori, mentori), not their ids
    assert ("a3 (aktori): kukaan roolissa mentori ei täytä sääntöä 'same-field' "
            "(same_field; wished_field: law)") in result.stdout
    assert "täyttää ehdottoman säännön 'language' (shared_language)" in result.stdout


def test_capacity_reasons_are_translated():
    from mentorcore.i18n import _, ngettext, use

    previous = use("fi")
    try:
        reason = ngettext("{count} candidate, {reason}", "{count} candidates, {reason}",
                          2).format(count=2, reason=_("all at capacity"))
        assert reason == "2 ehdokasta, kaikkien paikat ovat jo täynnä"
    finally:
        use(previous)
    assert ngettext("{count} candidate, {reason}", "{count} candidates, {reason}", 1).format(
        count=1, reason=_("all at capacity")) == "1 candidate, all at capacity"


IMPOSSIBLE = (MINIMAL.replace("{min: 3, max: 4, unit: month}", "{value: 1, unit: month}")
              .replace("per_month: 2", "per_month: 1"))


def test_simulate_refuses_an_impossible_model_in_finnish(run, write):
    path = write("impossible.yaml", IMPOSSIBLE)
    english = run("simulate", str(path))
    finnish = run("--lang", "fi", "simulate", str(path))
    assert english.exit_code == finnish.exit_code == 1
    place = f"{path}:13:48: phases[0].cadence.total: "
    assert english.output == (
        place + "6–8 meetings cannot be held in 1 month at 1 meeting a month (at most 1 meeting) "
        "(lengthen the phase, raise the cadence or lower the total) [E601]\n")
    assert finnish.output == (
        place + "6–8 tapaamista ei ole mahdollista, kun kesto on 1 kuukausi ja tahti "
        "1 tapaaminen kuukaudessa (enintään 1 tapaaminen) (pidennä vaihetta, tihennä "
        "tapaamistahtia tai vähennä tapaamisten kokonaismäärää) [E601]\n")
    swedish = run("--lang", "sv", "simulate", str(path))
    assert "6–8 träffar hinns inte med på 1 månad med 1 träff i månaden" in swedish.output
    assert swedish.output.startswith(place) and swedish.output.endswith("[E601]\n")


def test_simulate_option_errors_in_finnish(run, write):
    result = run("--lang", "fi", "simulate", "womento", "--pairs", "0")
    assert result.exit_code == 2
    assert "on oltava vähintään 1, annettiin 0" in result.output


def test_the_record_of_processing_in_finnish(run, files):
    result = run("--lang", "fi", "privacy", str(files / "pairs-model.yaml"))
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "Seloste käsittelytoimista (GDPR 30 art.): Test pairs (test-pairs)\n")
    assert "  - rotu tai etninen alkuperä: refugee_background" in result.stdout
    data = json.loads(run("--lang", "sv", "privacy", str(files / "pairs-model.yaml"),
                          "--format", "json").stdout)
    english = json.loads(run("privacy", str(files / "pairs-model.yaml"),
                             "--format", "json").stdout)
    assert set(data) == set(english)
    assert data["special_categories"] == [{"category": "ethnic_origin",
                                           "name": "ras eller etniskt ursprung",
                                           "fields": ["refugee_background"],
                                           "undeclared": []}]
    assert english["special_categories"][0]["name"] == "racial or ethnic origin"


def test_english_is_unchanged_by_default_and_the_api_speaks_english(run, files, registry):
    from mentorcore import Library
    from mentorcore.i18n import current
    from mentorcore.matching import load_participants, match

    default = run("match", str(files / "pairs-model.yaml"), str(files / "people.csv"))
    assert default.stdout == run("--lang", "en", "match", str(files / "pairs-model.yaml"),
                                 str(files / "people.csv")).stdout
    assert "a3 (mentee): no mentor meets 'same-field'" in default.stdout
    run("--lang", "fi", "match", str(files / "pairs-model.yaml"), str(files / "people.csv"))
    assert current() == "en"
    programme = Library().load(str(files / "pairs-model.yaml")).programme
    result = match(programme, load_participants(files / "people.csv", programme),
                   registry=registry)
    assert result.unmatched[0].reasons == (
        "no mentor meets 'same-field' (same_field; wished_field: law)",)
    assert result.pairs[0].reasons[0] == "meets hard rule 'same-field' (same_field)"
