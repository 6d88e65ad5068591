"""Honest statistics, scenarios, precision and parallelism of the planning commands."""

from __future__ import annotations

import datetime
import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorcore import Library, MentorcoreError
from mentorcore.planning.precision import until_precise
from mentorcore.planning.scenarios import parse_sweep
from mentorcore.planning.statistics import estimate, half_width, peak_months
from mentorcore.simulation.montecarlo import replicate
from mentorcore.simulation.replication import prepare

START = datetime.date(2026, 1, 5)


@settings(deadline=None)
@given(st.lists(st.integers(0, 500), min_size=2, max_size=60))
def test_counts_are_whole_numbers_and_their_percentiles_are_outcomes(values):
    e = estimate(np.array(values, dtype=float), count=True)
    for value in (e.mean, e.low, e.high, e.p5, e.p50, e.p95):
        assert isinstance(value, int)
    assert {e.p5, e.p50, e.p95} <= set(values)
    assert e.low <= e.mean <= e.high and e.p5 <= e.p50 <= e.p95


@settings(deadline=None)
@given(st.lists(st.floats(0, 1000, allow_nan=False), min_size=2, max_size=60))
def test_hours_have_one_decimal_and_the_interval_holds_the_mean(values):
    e = estimate(np.array(values))
    for value in (e.mean, e.low, e.high, e.p5, e.p95):
        assert round(value, 1) == value
    assert e.low <= e.mean <= e.high


def test_the_interval_covers_the_true_mean_about_95_times_in_100():
    rng = np.random.default_rng(7)
    covered = 0
    for _ in range(400):
        sample = rng.exponential(10.0, size=30)
        width = half_width(sample)
        covered += abs(sample.mean() - 10.0) <= width
    assert 0.90 <= covered / 400 <= 0.98


@settings(deadline=None)
@given(st.lists(st.lists(st.floats(0, 100, allow_nan=False), min_size=3, max_size=3),
                min_size=1, max_size=40))
def test_the_peak_month_is_counted_run_by_run(rows):
    monthly = np.array(rows)
    peaks = peak_months(monthly, ["2026-01", "2026-02", "2026-03"])
    assert sum(share for _month, share in peaks) == pytest.approx(1, abs=1e-3)
    busiest = np.argmax(monthly, axis=1)
    for month, share in peaks:
        index = ["2026-01", "2026-02", "2026-03"].index(month)
        assert share == pytest.approx(np.mean(busiest == index), abs=1e-4)


@settings(deadline=None)
@given(low=st.integers(0, 20), count=st.integers(1, 30),
       step=st.sampled_from(["0.1", "1", "5"]))
def test_a_sweep_runs_from_its_first_to_its_last_value_by_the_step(low, count, step):
    high = f"{low + (count - 1) * float(step):.1f}"
    assumption_id, values = parse_sweep(f"x={low}..{high}:{step}")
    assert assumption_id == "x" and len(values) == count
    assert values[0] == low and values[-1] == pytest.approx(float(high))
    assert all(str(v) == str(round(v, 1)) for v in values)  # 0.30000000000000004 never


@pytest.mark.parametrize("text", ["dropout_rate", "dropout_rate=0..1", "x=1..0:1", "x=0..1:0",
                                  "x=a..b:1", "x=0..1000:1"])
def test_a_bad_sweep_is_refused(text):
    with pytest.raises(MentorcoreError) as raised:
        parse_sweep(text)
    assert raised.value.exit_code == 2 and "--sweep" in raised.value.diagnostics[0].message


def test_simulate_sweeps_an_assumption_one_row_per_value(run):
    result = run("simulate", "womento", "--sweep", "dropout_rate=0..0.4:0.1", "--start",
                 "2026-01-05", "--replications", "50", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["rows"]
    assert [row["value"] for row in rows] == [0, 0.1, 0.2, 0.3, 0.4]
    held = [row["figures"]["meetings_held"]["mean"] for row in rows]
    assert held == sorted(held, reverse=True) and held[0] > held[-1]
    table = run("simulate", "womento", "--sweep", "pairs=10..60:10", "--start", "2026-01-05",
                "--replications", "30")
    lines = table.output.splitlines()
    assert [line.split()[0] for line in lines[2:8]] == ["10", "20", "30", "40", "50", "60"]
    csv = run("simulate", "womento", "--sweep", "pairs=10..20:10", "--start", "2026-01-05",
              "--replications", "30", "--format", "csv").output.splitlines()
    assert len(csv) == 3 and csv[0].startswith("pairs,units,")


def test_precision_runs_until_the_half_width_is_reached_and_says_how_many(registry, run):
    womento = Library(registry).programme("womento")
    setup = prepare(womento, registry=registry, seed=0, start=START)
    found = until_precise(setup, "meetings_held", 2.0)
    values = found.samples.figures["meetings_held"]
    assert found.reached and half_width(values) <= 2.0 == found.wanted
    assert len(values) == found.replications > 100
    # the replications are those of one run of that many
    once = replicate(setup, found.replications).figures["meetings_held"]
    np.testing.assert_array_equal(values, once)
    capped = until_precise(setup, "meetings_held", 0.01, cap=300)
    assert not capped.reached and capped.replications == 300
    result = run("simulate", "womento", "--precision", "2", "meetings_held", "--start",
                 "2026-01-05", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["replications"] == found.replications
    assert f"after {found.replications} replications" in result.stderr
    wrong = run("simulate", "womento", "--precision", "2", "meetings", "--start", "2026-01-05")
    assert wrong.exit_code == 2 and "meetings_held" in wrong.output


def test_replications_split_any_way_are_the_same_replications(registry):
    womento = Library(registry).programme("womento")
    setup = prepare(womento, registry=registry, seed=4, start=START)
    whole = replicate(setup, 90)
    parts = replicate(setup, 40) + replicate(setup, 50, first=40)
    for name, values in whole.figures.items():
        np.testing.assert_array_equal(values, parts.figures[name], err_msg=name)
    for task, hours in whole.staff.items():
        np.testing.assert_array_equal(hours, parts.staff[task], err_msg=task)
    np.testing.assert_array_equal(whole.unit_months, parts.unit_months)


@pytest.mark.parametrize("jobs", [2, None])
def test_worker_processes_give_the_same_replications_as_one_process(jobs, monkeypatch):
    import mentorcore.simulation.montecarlo as montecarlo

    library = Library()
    womento = library.programme("womento")
    setup = prepare(womento, registry=library.registry, pairs=40, seed=1, start=START)
    serial = replicate(setup, 1500, jobs=1)
    monkeypatch.setattr(montecarlo, "POOL_WORTH", -1.0)  # workers whatever the work
    monkeypatch.setattr(montecarlo, "spare_cores", lambda *_since: 1)
    parallel = replicate(setup, 1500, jobs=jobs)
    assert (serial.jobs, parallel.jobs) == (1, 2)
    for name, values in serial.figures.items():
        np.testing.assert_array_equal(values, parallel.figures[name], err_msg=name)
    for name, values in serial.months.items():
        np.testing.assert_array_equal(values, parallel.months[name], err_msg=name)


def test_no_worker_process_is_started_for_work_that_does_not_pay_for_it(monkeypatch):
    import mentorcore.simulation.montecarlo as montecarlo

    monkeypatch.setattr(montecarlo, "spare_cores", lambda *_since: 1)
    library = Library()
    setup = prepare(library.programme("womento"), registry=library.registry, seed=1,
                    start=START)
    assert replicate(setup, 1000, jobs=2).jobs == 1  # ~0.1 s of work: not worth a process
    monkeypatch.setattr(montecarlo, "spare_cores", lambda *_since: 0)
    monkeypatch.setattr(montecarlo, "POOL_WORTH", 0.0)
    assert replicate(setup, 1000, jobs=2).jobs == 1  # no spare core: no second process
