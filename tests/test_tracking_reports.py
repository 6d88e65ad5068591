"""The model's reports from the log: Auroras' end report per pair (meetings, themes) and its
feedback summary, Matkalla's certificate list, the meeting form filled in — all from the
model's `reports:`, `forms:` and events."""

from __future__ import annotations

import json
from pathlib import Path

LOGS = Path(__file__).parent / "data" / "logs"


def reports(run, model, units, log, today, *options):
    result = run("track", model, "--units", str(LOGS / units), "--log", str(LOGS / log),
                 "--today", today, "--reports", "--format", "json", *options)
    assert result.exit_code == 0, result.output
    return {s["id"]: s for s in json.loads(result.output)["reports"]}


def _log_rows(name):
    """The rows of a test log, by its Finnish header (make_logs.py writes the blank log's)."""
    import csv

    text = (LOGS / name).read_text(encoding="utf-8-sig")
    return list(csv.DictReader(text.splitlines(), delimiter=";"))


def test_auroras_end_report_per_pair(run):
    found = reports(run, "auroras-individual", "auroras-units.csv", "auroras-full-log.csv",
                    "2027-06-01")
    assert set(found) == {"end-report", "feedback", "meeting-checklist", "first-meeting"}
    # Liite 1 is filled in at each pair's joint first meeting: the log dates them
    starts = [r for r in _log_rows("auroras-full-log.csv") if r["Laji"] == "start-meeting"]
    assert len(found["first-meeting"]["rows"]) == len(starts) == 40
    end = found["end-report"]
    assert end["about"] == ["that the meetings have ended", "number of meetings",
                            "themes of the meetings"]  # the model's own words
    assert end["header"] == ["unit", "ended", "exit", "meetings", "themes"]
    rows = _log_rows("auroras-full-log.csv")
    ended = {r["Yksikkö"]: r for r in rows if r["Laji"] == "end"}
    assert [row[0] for row in end["rows"]] == sorted(ended, key=lambda u: int(u.split("-")[1]))
    for unit, ended_on, exit_rule, meetings, themes in end["rows"]:
        mine = [r for r in rows if r["Yksikkö"] == unit and r["Laji"] == "meeting"]
        assert int(meetings) == len(mine)
        assert ended_on == ended[unit]["Päivämäärä"] and exit_rule == ended[unit]["Päättymisen syy"]
        numbers = {int(t) for r in mine for t in r["Teemat"].split(",") if t}
        from tests.conftest import default_library

        programme = default_library().programme("auroras-individual")
        names = [t.get("en") for p in programme.phases for t in p.themes]
        assert set(themes.split("; ")) - {""} == {names[n - 1] for n in numbers}


def test_feedback_summary_and_the_filled_in_meeting_form(run):
    found = reports(run, "auroras-individual", "auroras-units.csv", "auroras-log.csv",
                    "2027-03-01")
    feedback = found["feedback"]
    assert feedback["header"] == ["unit", "date", "Mentee's feedback on the meeting"]
    rows = _log_rows("auroras-log.csv")
    given = [r for r in rows if r["Aktorin palaute tapaamisesta"]]
    assert len(feedback["rows"]) == len(given) > 0
    assert feedback["about"][-1] == "feedback recorded at {} meetings of {} units".format(
        len(given), len({r["Yksikkö"] for r in given}))
    form = found["meeting-checklist"]
    assert form["title"] == "Appendix 2: Mentor's checklist for meetings"
    assert len(form["rows"]) == sum(1 for r in rows if r["Laji"] == "meeting")


def test_matkalla_certificates_for_everyone_at_the_closing_event(run):
    found = reports(run, "matkalla-tyoelamaan", "matkalla-units.csv", "matkalla-log.csv",
                    "2027-09-01")
    certificates = found["closing-event.certificates"]
    rows = _log_rows("matkalla-log.csv")
    assert set(found) == {"closing-event.certificates"}  # Matkalla has no reports or forms
    early = {r["Yksikkö"] for r in rows
             if r["Laji"] == "end" and r["Päättymisen syy"] != "completed"}
    completed = {r["Yksikkö"] for r in rows if r["Laji"] == "end"} - early
    assert {unit for _name, unit in certificates["rows"]} == completed
    assert len(certificates["rows"]) == 2 * len(completed)  # mentor and mentee of each pair
    assert certificates["rows"][0] == ["mentor of pair-1", "pair-1"]  # no names by default
    named = reports(run, "matkalla-tyoelamaan", "matkalla-units.csv", "matkalla-log.csv",
                    "2027-09-01", "--show-names")["closing-event.certificates"]
    assert named["rows"][0] == ["Aino Testinen", "pair-1"]


def test_reports_as_markdown_and_html(run):
    options = ("track", "matkalla-tyoelamaan", "--units", str(LOGS / "matkalla-units.csv"),
               "--log", str(LOGS / "matkalla-log.csv"), "--today", "2027-09-01", "--reports")
    markdown = run(*options).output
    assert markdown.startswith("# On the way to working life mentoring model: reports")
    assert "## Certificates: joint closing event" in markdown
    page = run(*options, "--format", "html").output
    assert page.startswith("<!DOCTYPE html>") and "<td>mentor of pair-1</td>" in page


def test_the_end_report_names_each_exit_rule_by_its_condition(run):
    """People read how a pair ended as the model words the rule ("aktori työllistyy kesken
    mentorointiprosessin"), not its id (employed); the JSON keeps the id."""
    from tests.conftest import default_library

    programme = default_library().programme("auroras-individual")
    conditions = {rule.id: rule.condition for phase in programme.phases for rule in phase.exits
                  if rule.condition is not None}
    ids = {row[2] for row in reports(run, "auroras-individual", "auroras-units.csv",
                                     "auroras-full-log.csv", "2027-06-01")["end-report"]["rows"]}
    assert ids and ids <= set(conditions)  # JSON: the ids
    for language in ("fi", "en"):
        page = run("--lang", language, "track", "auroras-individual", "--units",
                   str(LOGS / "auroras-units.csv"), "--log", str(LOGS / "auroras-full-log.csv"),
                   "--today", "2027-06-01", "--reports").output
        end = page.split("\n## ")[1]  # the end report's section
        for rule in ids:
            assert f"| {conditions[rule].get(language)} |" in end, (language, rule)
            assert f"| {rule} |" not in end


def test_a_report_made_at_another_time_says_when_in_words(run, tmp_path):
    """A report the log cannot fill says when it is made as the handbook does ("at the end of
    individual mentoring", "vaiheen lopussa (yksilömentorointi)"), not by the ids phase_end."""
    model = tmp_path / "our.yaml"
    model.write_text("id: our-auroras\nextends: auroras-individual\nreports:\n"
                     "  - {id: phase-note, by: [mentor], to: staff, when: phase_end, "
                     "phase: mentoring, contents: [{fi: vaiheen kulku, en: how it went}]}\n",
                     encoding="utf-8")
    for language, said in (("fi", "laaditaan vaiheen lopussa (yksilömentorointi)"),
                           ("en", "made at the end of individual mentoring")):
        page = run("--lang", language, "track", str(model), "--units",
                   str(LOGS / "auroras-units.csv"), "--log", str(LOGS / "auroras-full-log.csv"),
                   "--today", "2027-06-01", "--reports").output
        note = page.split("## phase-note")[1]
        assert said in note and "phase_end" not in note, (language, note[:300])
