"""``mentorcore capacity``: the largest cohort a staff budget carries, found on the Monte Carlo
engine with common random numbers."""

from __future__ import annotations

import datetime
import json
import shutil
import subprocess

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorcore import Library
from mentorcore.planning.capacity import capacity
from mentorcore.simulation.montecarlo import replicate
from mentorcore.simulation.replication import prepare

START = datetime.date(2026, 1, 5)
ARGS = ("--start", "2026-01-05", "--replications", "40")


def peak_quantile(programme, registry, units, q=0.95, replications=40, **settings):
    """The q-quantile of the peak monthly staff hours, computed here from the replications."""
    setup = prepare(programme, registry=registry, pairs=units, seed=0, start=START,
                    assumptions=settings or None)
    peaks = replicate(setup, replications).months["staff_hours"].max(axis=1)
    return float(np.sort(peaks)[int(np.ceil(q * len(peaks))) - 1])


def test_the_answer_fits_and_one_unit_more_does_not(run, registry):
    result = run("capacity", "womento", "--staff-hours", "40/month", "--format", "json", *ARGS)
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    answer = report["answer"]
    units = answer["units"]
    assert units > 1 and answer["limited_by"] == "staff"
    womento = Library(registry).programme("womento")
    # recomputed independently of the search: the answer's peak fits, one more unit's does not
    fits = peak_quantile(womento, registry, units)
    over = peak_quantile(womento, registry, units + 1)
    assert fits <= 40 < over
    assert answer["peak_staff_hours"] == pytest.approx(fits)
    assert answer["margin"] == pytest.approx(40 - fits)
    assert answer["next"] == {"units": units + 1, "peak_staff_hours": pytest.approx(over)}
    assert answer["binding_month"] in {m["month"] for m in report["months"]}
    shares = [m["share"] for m in report["peak_months"]]
    assert sum(shares) == pytest.approx(1) and shares == sorted(shares, reverse=True)
    assert set(report["staff_hours_by_task"]) == {"intake", "matching", "monitoring", "events"}


def test_the_same_options_give_the_same_bytes_and_more_jobs_the_same_answer(run):
    first = run("capacity", "womento", "--staff-hours", "30", "--format", "json", *ARGS)
    again = run("capacity", "womento", "--staff-hours", "30", "--format", "json", *ARGS)
    parallel = run("capacity", "womento", "--staff-hours", "30", "--format", "json",
                   "--jobs", "2", *ARGS)
    assert first.output == again.output == parallel.output


@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(low=st.floats(5, 60), extra=st.floats(0, 30))
def test_a_larger_budget_never_carries_fewer_units(registry, low, extra):
    womento = Library(registry).programme("womento")
    small = capacity(womento, registry=registry, staff_hours=low, replications=30,
                     start=START, limit=200)
    large = capacity(womento, registry=registry, staff_hours=low + extra, replications=30,
                     start=START, limit=200)
    assert small.units <= large.units


def test_a_stricter_quantile_carries_no_more_units(registry):
    womento = Library(registry).programme("womento")
    loose = capacity(womento, registry=registry, staff_hours=40, quantile=0.5,
                     replications=60, start=START)
    strict = capacity(womento, registry=registry, staff_hours=40, quantile=0.99,
                      replications=60, start=START)
    assert strict.units < loose.units


def test_more_staff_work_per_unit_carries_fewer_units(run):
    plain = json.loads(run("capacity", "womento", "--staff-hours", "40", "--format", "json",
                           *ARGS).output)
    heavier = json.loads(run("capacity", "womento", "--staff-hours", "40", "--format", "json",
                             "--set", "staff_hours_per_intake=1", *ARGS).output)
    assert heavier["answer"]["units"] < plain["answer"]["units"]
    intake = heavier["staff_hours_by_task"]["intake"]
    assert intake["mean"] == 2 * heavier["answer"]["units"]  # two people a pair, an hour each
    assert {"id": "staff_hours_per_intake", "value": 1, "origin": "override",
            "rationale": None} in \
        heavier["assumptions"]


def test_a_mentor_budget_below_what_the_cadence_asks_carries_no_cohort(run):
    result = run("capacity", "womento", "--staff-hours", "40", "--mentor-hours", "1/month",
                 *ARGS)
    assert result.exit_code == 0
    assert "No cohort fits: a mentor's month takes" in result.output
    report = json.loads(run("capacity", "womento", "--staff-hours", "40", "--mentor-hours",
                            "10", "--format", "json", *ARGS).output)
    assert report["mentors"]["within"] and report["answer"]["units"] > 0
    # 1.5 h a meeting, at most two meetings a month (1–2 a month, moved meetings included)
    assert report["mentors"]["hours"] % 1.5 == 0 and report["mentors"]["highest"] <= 10


def test_a_budget_one_unit_exceeds_carries_none(run):
    report = json.loads(run("capacity", "womento", "--staff-hours", "1", "--format", "json",
                            *ARGS).output)
    assert report["answer"]["units"] == 0
    assert report["answer"]["next"]["units"] == 1
    assert report["answer"]["next"]["peak_staff_hours"] > 1


def test_a_sweep_gives_one_answer_per_value(run):
    result = run("capacity", "womento", "--staff-hours", "40", "--format", "json",
                 "--sweep", "staff_hours_per_unit_per_month=0.5..1.5:0.5", *ARGS)
    rows = json.loads(result.output)["rows"]
    assert [row["value"] for row in rows] == [0.5, 1, 1.5]
    units = [row["answer"]["units"] for row in rows]
    assert units == sorted(units, reverse=True) and units[0] > units[-1]


@pytest.mark.parametrize("value", ["forty", "0", "-3/month"])
def test_a_bad_budget_is_a_message_and_exit_status_2(run, value):
    result = run("capacity", "womento", "--staff-hours", value, *ARGS)
    assert result.exit_code == 2
    assert "--staff-hours" in result.output and "Traceback" not in result.output


def test_the_installed_command_writes_the_report_formats(tmp_path):
    command = shutil.which("mentorcore")
    assert command is not None
    for fmt in ("json", "xlsx", "html"):
        out = tmp_path / f"capacity.{fmt}"
        process = subprocess.run([command, "--lang", "fi", "capacity", "womento",
                                  "--staff-hours", "40", "--format", fmt, "--out", str(out),
                                  *ARGS], capture_output=True, text=True, timeout=120)
        assert process.returncode == 0, process.stderr
        assert out.stat().st_size > 0
    import openpyxl

    book = openpyxl.load_workbook(tmp_path / "capacity.xlsx")
    assert len(book.sheetnames) == 5
    page = (tmp_path / "capacity.html").read_text(encoding="utf-8")
    assert '<html lang="fi">' in page and page.count("<svg") == 1
    assert "staff_hours_per_event" in page  # the assumptions table
    assert json.loads((tmp_path / "capacity.json").read_text())["answer"]["units"] > 0


def test_capacity_runs_unchanged_on_a_local_dask_cluster(registry):
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
    womento = Library(registry).programme("womento")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        remote = capacity(womento, registry=registry, staff_hours=20, replications=20,
                          start=START, executor=client.get_executor())
    local = capacity(womento, registry=registry, staff_hours=20, replications=20, start=START)
    assert remote.units == local.units and remote.trials == local.trials
    assert remote.jobs > 1


def test_dask_local_on_the_command_line_gives_the_answer_of_one_machine(run):
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    args = ("capacity", "womento", "--staff-hours", "20", "--format", "json",
            "--start", "2026-01-05", "--replications", "20")
    assert run(*args, "--dask", "local").output == run(*args).output


def test_dask_without_the_extra_says_how_to_install_it(run, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_distributed(name, *args, **kwargs):
        if name == "distributed":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_distributed)
    result = run("capacity", "womento", "--staff-hours", "20", "--dask", "local", *ARGS)
    assert result.exit_code == 2 and "pip install 'mentorcore[dask]'" in result.output


def test_a_budget_beyond_what_the_simulation_handles_says_so(run):
    # Monika's pairs take a few minutes of staff time a month: 40 hours carry more than the
    # 1,000 the search tries by default
    report = json.loads(run("capacity", "monika", "--staff-hours", "40", "--format", "json",
                            *ARGS).output)
    assert report["answer"]["units"] == report["limit"] == 1000
    assert report["answer"]["limited_by"] == "limit" and report["answer"]["next"] is None
    table = run("capacity", "monika", "--staff-hours", "40", *ARGS).output
    assert "the largest cohort tried (1000); give a larger --max" in table


@pytest.mark.parametrize(("lang", "words"), [("en", " groups within 40 staff hours"),
                                             ("fi", " ryhmää 40 työntekijätunnin"),
                                             ("sv", " grupper inom 40 arbetstimmar")])
def test_the_answer_names_the_units_in_the_language_of_the_run(run, lang, words):
    result = run("--lang", lang, "capacity", "auroras-group", "--staff-hours", "40", *ARGS)
    assert result.exit_code == 0, result.output
    answer = result.output.splitlines()[1]
    assert words in answer and "(group)" not in answer and "units" not in answer
