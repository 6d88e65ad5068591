"""The engine's own rules are assumptions like the others (issue 13, points 3-4).

A phase without a duration lasts ``phase_days``; an open range is sampled up to
``open_ended_factor`` times its minimum; a unit with a total paces itself to reach it within
``pace_share`` of its time; an early end or drop-out falls between ``exit_earliest`` and
``exit_latest`` of a unit's life; a self-scheduled unit's gaps vary by ``gap_variation``. Each is
listed with origin ``default`` when the model is silent, read from a model's ``assumptions:``,
settable with ``--set`` — and each drives what the engine does.
"""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from mentorcore import Library
from mentorcore.schedule import build_schedule
from mentorcore.simulation import render, simulate, simulate_many
from tests.conftest import MINIMAL, csv_records

START = datetime.date(2026, 1, 5)
LIBRARY = Library()
RULES = ("phase_days", "open_ended_factor", "pace_share", "exit_earliest", "exit_latest",
         "gap_variation")


def listed(run) -> dict[str, tuple[object, str]]:
    return {a.id: (a.value, a.origin) for a in run.assumptions}


def test_the_defaults_are_listed_with_origin_default_in_every_output(registry):
    run = simulate(LIBRARY.programme("womento"), registry=registry, pairs=15, start=START)
    data = json.loads(render(run, "json"))
    found = {a["id"]: a for a in data["assumptions"]}
    for rule, value in (("phase_days", 1), ("exit_earliest", 0.1), ("exit_latest", 0.95),
                        ("gap_variation", 0.4)):
        assert found[rule] == {"id": rule, "value": value, "origin": "default"}
    csv = [r for r in csv_records(render(run, "csv")) if r["type"] == "assumption"]
    assert {r["assumption"] for r in csv} >= {"phase_days", "exit_earliest", "exit_latest",
                                              "gap_variation"}
    table = render(run, "table")
    assert "exit_latest" in table and "gap_variation" in table
    svg = render(run, "svg")
    svg = svg.decode() if isinstance(svg, bytes) else svg
    assert "exit_earliest 0.1" in svg and "gap_variation 0.4" in svg
    ics = render(run, "ics")
    ics = (ics.decode() if isinstance(ics, bytes) else ics).replace("\r\n ", "")
    assert "exit_latest 0.95" in ics


def test_pace_share_is_listed_where_a_total_is_paced(registry):
    run = simulate(LIBRARY.programme("monika"), registry=registry, start=START)
    assert listed(run)["pace_share"] == (0.85, "default")


def test_a_later_drop_out_window_holds_more_meetings(registry):
    womento = LIBRARY.programme("womento")   # dropout_rate 0.1 in the model

    def held(earliest: float, latest: float) -> float:
        ensemble = simulate_many(womento, 40, registry=registry, pairs=30, seed=3, start=START,
                                 assumptions={"exit_earliest": earliest,
                                              "exit_latest": latest, "dropout_rate": 0.5})
        return ensemble.summary.figures["meetings_held"].mean

    assert held(0.8, 0.95) > held(0.1, 0.2) + 50


def test_a_drop_out_falls_inside_the_window_set(registry):
    run = simulate(LIBRARY.programme("womento"), registry=registry, pairs=200, seed=5,
                   start=START, calendar="plain",
                   assumptions={"dropout_rate": 0.5, "exit_earliest": 0.5, "exit_latest": 0.5})
    units = run.units.rows()
    mentoring = next(p for p in run.phases if p.id == "mentoring")
    dropped = [u for u in units if u.ended == "dropped_out"]
    assert len(dropped) > 50
    for unit in dropped:   # half-way through its life, the mentoring phase
        life = (mentoring.end - unit.start).days + 1
        assert abs((unit.end - unit.start).days - life / 2) <= 2, unit


def test_a_smaller_pace_share_lets_more_units_reach_their_total(registry):
    monika = LIBRARY.programme("monika")   # about two months, 4-6 meetings

    def completed(share: float) -> float:
        ensemble = simulate_many(monika, 40, registry=registry, seed=1, start=START,
                                 assumptions={"pace_share": share})
        return ensemble.summary.figures["units_completed"].mean

    assert completed(0.5) > completed(1.0)


def test_no_gap_variation_is_a_steady_rhythm(registry):
    """Gaps of one unit differ by a day at most with 0 (rounding to whole days), by far more
    with 0.9."""
    womento = LIBRARY.programme("womento")

    def spread(variation: float) -> float:
        run = simulate(womento, registry=registry, pairs=20, seed=2, start=START,
                       calendar="plain", assumptions={"gap_variation": variation,
                                                      "cancellation_rate": 0})
        events = run.timeline.events()
        widths = []
        for unit in {e.unit for e in events if e.type == "meeting"}:
            days = np.array([e.date.toordinal() for e in events
                             if e.type == "meeting" and e.unit == unit])
            gaps = np.diff(days)[1:]   # the first gap is the start within the first gap
            if len(gaps) > 1:
                widths.append(gaps.max() - gaps.min())
        return max(widths)

    assert spread(0) <= 1
    assert spread(0.9) >= 10


OPEN = MINIMAL.replace("per_month: 2, total: {min: 6, max: 8}", "per_month: {min: 1}")


def test_an_open_range_is_sampled_up_to_the_factor(registry, write):
    tiny = LIBRARY.programme(str(write("tiny.yaml", OPEN)))

    def held(factor: float | None) -> float:
        settings = {} if factor is None else {"open_ended_factor": factor}
        ensemble = simulate_many(tiny, 30, registry=registry, pairs=20, seed=1, start=START,
                                 assumptions=settings)
        return ensemble.summary.figures["meetings_held"].mean

    run = simulate(tiny, registry=registry, pairs=5, start=START)
    assert listed(run)["open_ended_factor"] == (1.5, "default")
    assert held(1) < held(None) < held(3)


def test_phase_days_lengthens_a_phase_without_a_duration_in_the_schedule_and_the_run(
        registry):
    womento = LIBRARY.programme("womento")    # its matching phase gives no duration
    run = simulate(womento, registry=registry, pairs=15, start=START,
                   assumptions={"phase_days": 5})
    matching = next(p for p in run.phases if p.id == "matching")
    assert (matching.end - matching.start).days + 1 == 5   # calendar days, as every duration
    assert listed(run)["phase_days"] == (5, "override")
    one = simulate(womento, registry=registry, pairs=15, start=START)
    first = next(p for p in one.phases if p.id == "matching")
    assert first.start == first.end


def test_a_models_rule_is_read_and_listed_as_the_models(registry, write):
    path = write("ours.yaml", """\
        id: ours
        extends: womento
        assumptions:
          - {id: exit_latest, value: 0.5, rationale: pairs that stop do so early}
        """)
    run = simulate(LIBRARY.programme(str(path)), registry=registry, pairs=15, start=START)
    assert listed(run)["exit_latest"] == (0.5, "model")


def test_a_bad_rule_in_a_model_is_an_error_at_its_place(run, write):
    path = write("ours.yaml", """\
        id: ours
        extends: womento
        assumptions:
          - {id: exit_earliest, value: 0.9, rationale: a test}
          - {id: exit_latest, value: 0.2, rationale: a test}
        """)
    result = run("simulate", str(path))
    assert result.exit_code == 1
    assert (f"{path}:4:32: assumptions[0].value: exit_earliest (0.9) lies after exit_latest "
            "(0.2)") in result.output and "[E602]" in result.output


@pytest.mark.parametrize(("setting", "message"), [
    ("exit_lates=0.5", "no engine reads an assumption 'exit_lates' (did you mean "
                       "`exit_latest`?) [E621]"),
    ("pace_shar=0.5", "(did you mean `pace_share`?)"),
    ("gap_variation=1", "'gap_variation' must be below 1"),
    ("gap_variation=much", "--set gap_variation: expected a number, found 'much'"),
    ("phase_days=0", "'phase_days' must be a positive number"),
    ("exit_latest=0.05", "--set: exit_earliest (0.1) lies after exit_latest (0.05)"),
    ("exit_earliest=1.2", "'exit_earliest' is a share and must lie between 0 and 1"),
    ("open_ended_factor=2", "does not read it: no duration, frequency, size or count of the "
                            "model is open-ended"),
])
def test_a_bad_rule_setting_exits_2_with_e621(run, setting, message):
    result = run("simulate", "womento", "--set", setting)
    assert result.exit_code == 2
    assert message in result.output and "[E621]" in result.output


def test_set_reaches_the_installed_command(tmp_path):
    command = [str(Path(sys.executable).parent / "mentorcore"), "simulate", "womento", "--start",
               "2026-01-05", "--format", "json", "--set", "exit_latest=0,5"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    used = {a["id"]: a for a in json.loads(done.stdout)["assumptions"]}
    assert used["exit_latest"] == {"id": "exit_latest", "value": 0.5, "origin": "override"}
    bad = subprocess.run([*command[:-1], "pace_share=0"], capture_output=True, text=True,
                         check=False)
    assert bad.returncode == 2 and "[E621]" in bad.stderr


def test_the_handbook_dates_follow_phase_days(registry):
    import attrs

    from mentorcore.model import Assumption, Text

    womento = LIBRARY.programme("womento")
    longer = attrs.evolve(womento, assumptions=(*womento.assumptions, Assumption(
        id="phase_days", value=3, rationale=Text.of("a test"))))
    schedule = build_schedule(longer, START, "finnish")
    assert schedule.phases[0].days == 3
    assert build_schedule(womento, START, "finnish").phases[0].days == 1


def test_every_rule_is_documented():
    text = (Path(__file__).resolve().parents[1] / "docs" / "simulation.md").read_text(
        encoding="utf-8")
    section = text.split("## Rules of the engine", 1)[1].split("\n## ", 1)[0]
    for rule in RULES:
        assert f"`{rule}`" in section, rule



def test_a_rule_the_model_gives_nothing_to_use_it_with_is_a_warning_at_its_place(run, write):
    path = write("ours.yaml", """\
        id: ours
        extends: womento
        assumptions:
          - {id: open_ended_factor, value: 2, rationale: a test}
          - {id: pace_share, value: 0.7, rationale: a test}
        """)
    result = run("validate", str(path))
    assert (f"{path}:4:10: assumptions[0].id: warning: nothing reads the assumption "
            "'open_ended_factor' in this model: no duration, frequency, size or count of the "
            "model is open-ended") in result.output
    assert f"{path}:5:10:" in result.output
    assert "'pace_share' in this model: no cadence gives a total of meetings" in result.output
    assert result.output.count("[W220]") == 2
