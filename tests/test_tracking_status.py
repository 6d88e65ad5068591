"""`mentorcore track`: each unit's status against the model's cadence and total, the rhythm,
the next meeting, the programme's events against the dated plan, alerts, formats and names."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

LOGS = Path(__file__).parent / "data" / "logs"
UNITS = "unit,mentor,mentee\n" + "".join(
    f"pair-{n},Mentori Keksitty{n},Aktori Kuviteltu{n}\n" for n in range(1, 8))
# Auroras from Monday 4 January 2027: offer and matching a day each, mentoring from 6 January
ROWS = [
    *(f"pair-{n};2027-01-11;start-meeting;;;;;;;;" for n in (1, 2, 3, 4, 5, 7)),
    # pair-1: four meetings, every other week: on track
    *(f"pair-1;{d};meeting;;;1;;;;;{n}" for d, n in (
        ("2027-01-18", "2027-02-01"), ("2027-02-01", "2027-02-15"),
        ("2027-02-15", "2027-03-01"), ("2027-03-01", "2027-03-15"))),
    # pair-2: one meeting in January, nothing since: behind and quiet
    "pair-2;2027-01-18;meeting;;;;;;;;2027-02-01",
    # pair-3: weekly: ahead
    *(f"pair-3;2027-01-{d:02d};meeting;;;2;;;;;2027-03-08" for d in (12, 19, 26)),
    *(f"pair-3;2027-02-{d:02d};meeting;;;3;;;;;2027-03-08" for d in (2, 9, 16, 23)),
    # pair-4: employed in February: ended early
    "pair-4;2027-01-25;meeting;;;;;;;;2027-02-08",
    "pair-4;2027-02-10;end;;employed;;;;;;",
    # pair-5: eight meetings: the total reached
    *(f"pair-5;2027-{m}-{d};meeting;;;;;;;;2027-03-09" for m, d in (
        ("01", "13"), ("01", "20"), ("01", "27"), ("02", "03"), ("02", "10"), ("02", "17"),
        ("02", "24"), ("02", "28"))),
    # pair-6: meets, but no start meeting logged
    "pair-6;2027-02-01;meeting;;;;;;;;2027-02-15", "pair-6;2027-02-15;meeting;;;;;;;;2027-02-20",
    "pair-6;2027-02-20;meeting;;;;;;;;2027-03-06",
    # pair-7: met on time, but the last meeting agreed no next one
    "pair-7;2027-02-01;meeting;;;;;;;;2027-02-15", "pair-7;2027-02-15;meeting;;;;;;;;",
    "pair-7;2027-02-26;meeting;;;;;;;;",
]
HEADER = ("Unit;Date;Kind;Attended;End reason;Themes;Content of the meeting;Insights that "
          "arose during the meeting;Mentee's feedback on the meeting;Agreed tasks for mentor / "
          "mentee;Next meeting")


@pytest.fixture
def files(tmp_path):
    (tmp_path / "units.csv").write_text(UNITS, encoding="utf-8")
    (tmp_path / "log.csv").write_bytes(("\ufeff" + HEADER + "\r\n" + "\r\n".join(ROWS)
                                        + "\r\n").encode("utf-8"))
    return tmp_path


def track(run, files, *options):
    return run("track", "auroras-individual", "--units", str(files / "units.csv"), "--log",
               str(files / "log.csv"), "--today", "2027-03-01", "--start", "2027-01-04",
               *options)


def test_statuses_in_json(run, files):
    result = track(run, files, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    units = {u["id"]: u for u in data["units"]}
    assert {k: u["status"] for k, u in units.items()} == {
        "pair-1": "on_track", "pair-2": "behind", "pair-3": "ahead", "pair-4": "ended_early",
        "pair-5": "completed", "pair-6": "on_track", "pair-7": "on_track"}
    one = units["pair-1"]
    assert (one["meetings"], one["start"], one["total"]) == (4, "2027-01-11",
                                                             {"low": 6, "high": 8})
    assert one["expected"]["low"] <= 4 <= one["expected"]["high"]
    assert one["next_meeting"] == "2027-03-15" and one["days_since_last"] == 0
    assert one["rhythm_days"] == 34  # two meetings at the slowest of about 2 a month (1.8)
    assert units["pair-4"]["exit"] == "employed" and units["pair-4"]["ended"] == "2027-02-10"
    assert units["pair-6"]["start_event"] is False and units["pair-1"]["start_event"] is True
    assert "members" not in one  # pseudonymous ids unless --show-names
    assert "Keksitty" not in result.output
    assert data["programme"]["counts"]["meetings"] == 4 + 1 + 7 + 1 + 8 + 3 + 3


def test_alerts_name_the_rule_that_fired(run, files):
    result = track(run, files, "--alerts", "--format", "json")
    data = json.loads(result.output)
    fired = {u["id"]: [a["rule"] for a in u["alerts"]] for u in data["units"]}
    assert fired == {"pair-2": ["quiet", "behind", "no-next-meeting"],
                     "pair-6": ["no-start-meeting"],
                     "pair-7": ["no-next-meeting"]}
    quiet = data["units"][0]["alerts"][0]["message"]
    assert quiet == "no meeting for 42 days; the model's rhythm allows 34"
    table = track(run, files, "--alerts").output
    assert "(quiet)" in table and "(behind)" in table and "(no-start-meeting)" in table
    assert "pair-1 " not in table and "pair-5 " not in table


def test_table_names_and_formats(run, files, tmp_path):
    table = track(run, files).output
    rows = {line.split("  ")[0]: line.split("  ")[1].strip() for line in table.splitlines()
            if line.startswith("pair-")}
    assert rows["pair-3"] == "ahead" and rows["pair-4"] == "ended early"
    assert "Keksitty" not in table
    named = track(run, files, "--show-names").output
    assert "Mentori Keksitty1, Aktori Kuviteltu1" in named
    import io

    import openpyxl

    workbook = track(run, files, "--format", "xlsx").stdout_bytes
    sheet = openpyxl.load_workbook(io.BytesIO(workbook)).worksheets[0]
    assert [c.value for c in sheet[1]][:2] == ["unit", "status"]
    assert [c.value for c in sheet[3]][:2] == ["pair-2", "behind"]
    page = track(run, files, "--format", "html").output
    assert page.startswith("<!DOCTYPE html>") and "<td>behind</td>" in page


def test_the_realistic_six_month_log_mid_way(run, tmp_path):
    """Matkalla's 40 pairs cut on 6 April: three themed trainings due and held, the closing
    event due next."""
    text = (LOGS / "matkalla-log.csv").read_text(encoding="utf-8-sig").splitlines()
    kept = [text[0]] + [line for line in text[1:]
                        if dt.date.fromisoformat(line.split(";")[1]) <= dt.date(2027, 4, 6)]
    (tmp_path / "log.csv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    result = run("track", "matkalla-tyoelamaan", "--units", str(LOGS / "matkalla-units.csv"),
                 "--log", str(tmp_path / "log.csv"), "--today", "2027-04-06", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data["units"]) == 40
    events = {e["id"]: e for e in data["programme"]["events"]}
    assert len(events["themed-trainings"]["held"]) == events["themed-trainings"]["due"] == 3
    assert events["start-meeting"]["held"] == ["2027-01-05"]  # the start inferred from it
    assert data["programme"]["start"] == "2027-01-04"
    due = [d["id"] for d in data["programme"]["due"] if not d["overdue"]]
    assert due[:2] == ["themed-trainings", "closing-event"]
    counts = data["programme"]["counts"]
    assert counts["on_track"] + counts["behind"] + counts["ahead"] + counts["ended_early"] == 40


def test_track_as_a_real_subprocess(files):
    done = subprocess.run(
        [sys.executable, "-m", "mentorcore", "track", "auroras-individual", "--units",
         str(files / "units.csv"), "--log", str(files / "log.csv"), "--today", "2027-03-01",
         "--start", "2027-01-04", "--alerts"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "pair-2" in done.stdout and "(quiet)" in done.stdout


def test_today_before_the_start_is_a_usage_error(run, files):
    result = run("track", "auroras-individual", "--units", str(files / "units.csv"), "--log",
                 str(files / "log.csv"), "--today", "2026-12-01", "--start", "2027-01-04")
    assert result.exit_code == 2 and "E720" in result.output


def test_expected_range_follows_cadence_and_total():
    from mentorcore.simulation.plan import compile_plan
    from mentorcore.tracking.status import expected_range, meeting_phase
    from tests.conftest import default_library

    library = default_library()
    plan = compile_plan(library.programme("auroras-individual"), library.registry)
    phase = meeting_phase(plan)
    ranges = [expected_range(plan, phase, day) for day in range(0, 200, 5)]
    assert ranges[0] == (0, 0)
    assert all(low <= high <= 8 for low, high in ranges)  # never beyond the documented total
    assert all(a[0] <= b[0] and a[1] <= b[1] for a, b in itertools.pairwise(ranges))
    assert ranges[-1] == (6, 8)


def test_finnish_and_swedish(run, files):
    def say(lang):
        return run("--lang", lang, "track", "auroras-individual", "--units",
                   str(files / "units.csv"), "--log", str(files / "log.csv"), "--today",
                   "2027-03-01", "--start", "2027-01-04", "--alerts").output

    finnish = say("fi")
    assert "— tilanne 1.3.2027" in finnish and "jäljessä" in finnish  # as Finnish writes it
    assert "ei tapaamista 42 päivään; mallin rytmi sallii 34 (quiet)" in finnish
    swedish = say("sv")
    assert "efter" in swedish and "inget möte på 42 dagar" in swedish
