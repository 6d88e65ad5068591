"""The forecast: the simulation conditioned on the log. Calibration: across many seeded "true"
runs cut at mid-programme, units forecast at about 80 % reach their total about 80 % of the
time; conditioning beats the unconditioned base rate; the same seed, the same forecast."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.conftest import default_library

START = dt.date(2027, 1, 4)
LOGS = Path(__file__).parent / "data" / "logs"


def _forecasts(model, true_runs, tmp_path):
    """(forecast chance, reached in truth) of every unit still meeting at the cut."""
    import numpy as np

    from mentorcore.simulation import simulate
    from mentorcore.simulation.plan import compile_plan
    from mentorcore.tracking.blank import log_header
    from mentorcore.tracking.forecast import cut_day, forecast
    from mentorcore.tracking.log import read_log
    from mentorcore.tracking.logformat import log_columns
    from mentorcore.tracking.replay import log_rows
    from mentorcore.tracking.schedule import dated_schedule
    from mentorcore.tracking.sheetio import write_csv
    from mentorcore.tracking.status import status_of

    library = default_library()
    programme = library.programme(model)
    plan = compile_plan(programme, library.registry)
    schedule = dated_schedule(plan, START, programme)
    cut = cut_day(schedule, plan)
    columns = [c.id for c in log_columns(programme)]
    chances, truths = [], []
    for seed in range(true_runs):
        truth = simulate(programme, registry=library.registry, pairs=40, seed=90_000 + seed,
                         start=START, calendar=schedule.calendar)
        ids = [truth.units.cohort.unit_id(i) for i in range(truth.units.count)]
        path = tmp_path / f"log-{seed}.csv"
        rows = log_rows(truth, programme, cut)
        path.write_bytes(write_csv(log_header(programme, "en"),
                                   [[row.get(c) for c in columns] for row in rows]))
        log = read_log(path, programme, units=ids, today=cut)
        status = status_of(programme, plan, schedule, log, [(i, ()) for i in ids], cut)
        predicted = forecast(programme, plan, schedule, status, registry=library.registry,
                             seed=seed, runs=20, units_per_run=200, draws=100)
        for index, unit in enumerate(status.units):
            if unit.status in ("completed", "ended_early"):
                continue  # settled: nothing to forecast
            chances.append(predicted.units[index].chance)
            truths.append(truth.units.held[index] >= predicted.total)
    return np.array(chances), np.array(truths, dtype=float)


@pytest.mark.parametrize(("model", "runs", "skill"), [
    ("matkalla-tyoelamaan", 30, 0.8),
    # mid-way most Auroras pairs reach 6 unless they end early, which the log cannot foresee
    ("auroras-individual", 30, 1.0)])
def test_units_forecast_at_about_80_percent_reach_their_total_about_80_percent_of_the_time(
        model, runs, skill, tmp_path):
    chances, truths = _forecasts(model, runs, tmp_path)
    about = (chances >= 0.7) & (chances < 0.9)
    assert about.sum() >= 40, about.sum()
    observed, forecast = truths[about].mean(), chances[about].mean()
    assert abs(observed - forecast) < 0.08, (observed, forecast, about.sum())
    assert 0.65 < observed < 0.95
    # conditioned on the log, the forecast beats the base rate (the unconditioned chance)
    brier = ((chances - truths) ** 2).mean()
    base = ((truths.mean() - truths) ** 2).mean()
    assert brier < skill * base, (brier, base)


def test_the_same_seed_gives_the_same_forecast_and_settled_units_are_certain(run):
    options = ("track", "auroras-individual", "--units", str(LOGS / "auroras-units.csv"),
               "--log", str(LOGS / "auroras-log.csv"), "--today", "2027-03-01", "--forecast",
               "--format", "json")
    first = run(*options, "--seed", "3").output
    assert first == run(*options, "--seed", "3").output
    data = json.loads(first)
    figures = data["forecast"]["figures"]
    assert figures["units_reaching_total"]["p5"] <= figures["units_reaching_total"]["p50"] \
        <= figures["units_reaching_total"]["p95"] <= 40
    for unit in data["units"]:
        chance = unit["forecast"]["chance"]
        assert 0 <= chance <= 1
        if unit["status"] == "ended_early":
            assert chance == (1 if unit["meetings"] >= 6 else 0)
            assert unit["forecast"]["alike"] == 0
        else:
            assert unit["forecast"]["alike"] >= 50
    # more meetings so far, a better chance (same day of the phase)
    by_meetings = {}
    for unit in data["units"]:
        if unit["status"] != "ended_early" and unit["start"] == "2027-01-07":
            by_meetings.setdefault(unit["meetings"], set()).add(unit["forecast"]["chance"])
    chances = [max(by_meetings[k]) for k in sorted(by_meetings)]
    assert chances == sorted(chances) and len(chances) >= 2
