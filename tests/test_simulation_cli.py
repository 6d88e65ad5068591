"""`mentorcore simulate`: formats, files, bad input — as a user at the terminal sees them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import MINIMAL, csv_records

START = ["--start", "2026-01-05"]


def test_the_default_run_of_a_bundled_model_prints_a_table(run):
    result = run("simulate", "womento")
    assert result.exit_code == 0, result.output
    assert "Womento" in result.output
    assert "meetings held" in result.output and "Workload per month" in result.output
    assert "8–20 meetings" in result.output  # compliance with the documented target


def test_json_follows_the_documented_contract(run):
    result = run("simulate", "womento", "--pairs", "5", "--seed", "3", *START,
                 "--format", "json")
    data = json.loads(result.output)
    assert {"model", "seed", "start", "units", "events", "summary"} <= set(data)
    assert data["model"] == "womento" and data["seed"] == 3 and data["start"] == "2026-01-05"
    for unit in data["units"]:
        assert {"id", "kind", "members", "meetings_held", "ended"} <= set(unit)
    for event in data["events"]:
        assert {"date", "type"} <= set(event)
        assert len(event["date"]) == 10 and event["date"][4] == "-"
    meetings = [e for e in data["events"] if e["type"] == "meeting"]
    assert meetings and all(e["unit"].startswith("pair-") for e in meetings)
    assert data["summary"]["meetings_held"] == len(meetings)
    assert [e["date"] for e in data["events"]] == sorted(e["date"] for e in data["events"])


def test_json_matches_its_schema(run):
    jsonschema = pytest.importorskip("jsonschema")
    from mentorcore.simulation.formats import JSON_SCHEMA

    for extra in ([], ["--replications", "5"]):
        data = json.loads(run("simulate", "womento", "--pairs", "3", *START, "--format", "json",
                              *extra).output)
        jsonschema.validate(data, JSON_SCHEMA)


def test_replications_give_percentiles_per_figure(run):
    result = run("simulate", "womento", "--pairs", "4", "--replications", "20", *START,
                 "--format", "json")
    data = json.loads(result.output)
    assert data["replications"] == 20
    held = data["summary"]["meetings_held"]
    assert set(held) == {"p5", "p50", "p95", "mean"} and held["p5"] <= held["p95"]
    assert set(data["summary"]["compliance"][0]["share"]) == {"p5", "p50", "p95", "mean"}


def test_the_same_seed_gives_byte_identical_json_even_with_jobs(run):
    args = ["simulate", "womento", "--pairs", "4", "--replications", "16", *START,
            "--format", "json"]
    one = run(*args).output
    assert one == run(*args).output
    assert one == run(*args, "--jobs", "2").output


def test_csv_is_the_timeline(run):
    result = run("simulate", "womento", "--pairs", "3", *START, "--format", "csv")
    rows = csv_records(result.output)
    assert list(rows[0]) == ["date", "type", "unit", "phase", "event", "exit", "report",
                             "assumption", "value", "origin"]
    events = [r for r in rows if r["type"] != "assumption"]
    assert rows[0]["type"] == "assumption" and len(events) < len(rows)
    assert events[0]["type"] == "phase_start" and events[0]["phase"] == "matching"
    assert any(r["type"] == "programme_event" and r["event"] == "group-meetings" for r in rows)


def test_ics_is_a_calendar_of_the_programmes_events(run, tmp_path):
    icalendar = pytest.importorskip("icalendar")
    out = tmp_path / "womento.ics"
    result = run("simulate", "womento", *START, "--format", "ics", "--out", str(out))
    assert result.exit_code == 0
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    summaries = [str(e["summary"]) for e in calendar.walk("VEVENT")]
    assert any("ryhmätapaamiset" in s or "group meetings" in s for s in summaries)
    assert any(s.startswith("mentor") for s in summaries)  # the mentoring phase
    assert len(summaries) == len({str(e["uid"]) for e in calendar.walk("VEVENT")})


@pytest.mark.parametrize("fmt,magic", [("svg", b"<?xml"), ("png", b"\x89PNG")])
def test_chart_files_are_written_and_reproducible(run, tmp_path, fmt, magic):
    first, second = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
    for path in (first, second):
        result = run("simulate", "womento", "--pairs", "3", *START, "--format", fmt,
                     "--out", str(path))
        assert result.exit_code == 0, result.output
    assert first.read_bytes().startswith(magic)
    assert first.read_bytes() == second.read_bytes()


def test_out_refuses_to_overwrite_without_force(run, tmp_path):
    out = tmp_path / "run.json"
    out.write_text("keep")
    result = run("simulate", "womento", *START, "--format", "json", "--out", str(out))
    assert result.exit_code == 2 and "--force" in result.output
    assert out.read_text() == "keep"
    assert run("simulate", "womento", *START, "--format", "json", "--out", str(out),
               "--force").exit_code == 0
    assert json.loads(out.read_text())["model"] == "womento"


@pytest.mark.parametrize("args,message", [
    (["--replications", "0"], "--replications"),
    (["--start", "2026-13-01"], "'2026-13-01': expected a date (2025-03-31 or 31.3.2025)"),
    (["--start", "31.2.2026"], "'31.2.2026': expected a date (2025-03-31 or 31.3.2025)"),
    (["--pairs", "0"], "--pairs"),
    (["--jobs", "0"], "--jobs"),
])
def test_bad_options_exit_2_with_a_message(run, args, message):
    result = run("simulate", "womento", *args)
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_an_impossible_model_exits_1_naming_file_line_and_column(run, write):
    path = write("impossible.yaml", MINIMAL.replace("{min: 3, max: 4, unit: month}",
                                                    "{value: 1, unit: month}")
                 .replace("per_month: 2", "per_month: 1"))
    result = run("simulate", str(path))
    assert result.exit_code == 1
    assert "impossible.yaml:" in result.output and "[E601]" in result.output
    assert "cannot be held in 1 month" in result.output
    line = result.output.split("impossible.yaml:", 1)[1].split(":", 1)[0]
    assert line.isdigit()


def test_a_units_file_is_simulated(run, write):
    path = write("pairs.csv", "unit,mentor,mentee,group\np-a,M1,A1,g1\np-b,M2,A2,g1\n"
                              "p-c,M3,A3,g2\n")
    result = run("simulate", "womento", "--participants", str(path), *START, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    units = {u["id"]: u for u in data["units"]}
    assert units["p-a"]["members"] == ["M1", "A1"] and units["p-a"]["group"] == "g1"
    assert units["g2"]["members"] == ["p-c"]


@pytest.mark.parametrize("text,message", [
    ("unit,mentr,mentee\np,M1,A1\n",
     "pairs.csv:1:2: column 2 is no column of a units file (did you mean `mentor`?)"),
    ("unit,mentor,mentee\np,M1,\n", "has no mentee"),
    ("unit,mentor,mentee\np,M1,A1\nq,M2,A1\n",
     "pairs.csv:3:3: a mentee of this unit is in another unit too (on line 2)"),
    ("unit,mentor,mentee\np,M1,A1;A2\n", "has 2 mentees"),
])
def test_a_units_file_that_does_not_fit_the_model_exits_1(run, write, text, message):
    path = write("pairs.csv", text)
    result = run("simulate", "womento", "--participants", str(path))
    assert result.exit_code == 1
    assert message in result.output and "pairs.csv:" in result.output
    assert "Traceback" not in result.output


def test_a_participant_list_is_matched_with_the_models_rules(run, write):
    path = write("people.csv", "id,role,name,field,wished_field,auroras_group_participant,"
                               "wants_individual_mentoring\n"
                               "m1,mentor,Mentor One,it,,,\nm2,mentor,Mentor Two,law,,,\n"
                               "a1,mentee,Mentee One,,it,yes,yes\n"
                               "a2,mentee,Mentee Two,,law,yes,yes\n")
    result = run("simulate", "auroras-individual", "--participants", str(path), *START,
                 "--format", "json")
    if result.exit_code != 0 and "mentorcore.matching" in result.output:
        pytest.skip("matching is not available")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    pairs = sorted(tuple(u["members"]) for u in data["units"] if u["kind"] == "pair")
    assert pairs == [("m1", "a1"), ("m2", "a2")]
    assert "Mentor One" not in result.output  # names stay out of the simulation


def test_pairs_and_participants_together_are_refused(run, write):
    path = write("pairs.csv", "unit,mentor,mentee\np,M1,A1\n")
    result = run("simulate", "womento", "--pairs", "3", "--participants", str(path))
    assert result.exit_code == 2 and "not both" in result.output


def test_help_does_not_import_numpy():
    process = subprocess.run([sys.executable, "-X", "importtime", "-m", "mentorcore", "--help"],
                             capture_output=True, text=True, check=True)
    assert "simulate" in process.stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in process.stderr.splitlines()}
    assert not {"numpy", "matplotlib", "icalendar"} & imported
