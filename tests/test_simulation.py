"""Simulation through the Python API: the engine's behaviour as a user would notice it."""

from __future__ import annotations

import datetime
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

import attrs
import numpy as np
import pytest

from mentorcore import Library, MentorcoreError, hookimpl
from mentorcore.simulation import render, simulate, simulate_many
from mentorcore.simulation.behaviours import CANCELLED, MeetingHandler, ScheduleAdjuster
from mentorcore.simulation.calendar import finnish_holidays, next_monday
from tests.conftest import MINIMAL

START = datetime.date(2026, 1, 5)


@pytest.fixture(scope="module")
def womento(registry):
    return Library(registry).programme("womento")


def meetings_by_unit(run):
    found = defaultdict(list)
    for event in run.timeline.events():
        if event.type == "meeting":
            found[event.unit].append(event.date)
    return found


def test_a_run_has_a_dated_timeline_units_and_a_summary(womento, registry):
    run = simulate(womento, registry=registry, pairs=15, seed=3, start=START)
    assert run.model == "womento" and run.start == START
    assert [p.id for p in run.phases] == ["matching", "mentoring"]
    events = run.timeline.events()
    assert events[0].date == START and events[0].type == "phase_start"
    assert [e.date for e in events] == sorted(e.date for e in events)
    units = run.units.rows()
    pairs = [u for u in units if u.kind == "pair"]
    groups = [u for u in units if u.kind == "group"]
    assert len(pairs) == 15 and len(groups) == 1
    assert pairs[0].members == ("mentor-1", "mentee-1") and pairs[0].group == groups[0].id
    assert set(groups[0].members) == {p.id for p in pairs}
    assert all(u.ended in ("completed", "ended_early", "dropped_out") for u in units)
    assert run.summary.figures["meetings_held"] == sum(p.meetings_held for p in pairs)
    months = run.summary.months
    assert months[0].month == "2026-01" and sum(m.meetings_held for m in months) == \
        run.summary.figures["meetings_held"]
    assert run.summary.figures["mentor_hours"] == pytest.approx(
        1.5 * run.summary.figures["meetings_held"])


def test_staff_hours_come_from_the_models_assumptions(womento, registry):
    run = simulate(womento, registry=registry, pairs=10, seed=1, start=START)
    figures = run.summary.figures
    active = sum(m.active_units for m in run.summary.months)
    assert figures["staff_hours"] == pytest.approx(4 * figures["programme_events"] + 0.5 * active)


def test_the_same_seed_gives_the_same_bytes_and_another_seed_another_run(womento,
                                                                          registry):
    first = render(simulate(womento, registry=registry, pairs=8, seed=11, start=START), "json")
    again = render(simulate(womento, registry=registry, pairs=8, seed=11, start=START), "json")
    other = render(simulate(womento, registry=registry, pairs=8, seed=12, start=START), "json")
    assert first == again
    assert first != other


def test_adding_a_pair_leaves_every_other_pairs_meetings_unchanged(womento, registry):
    small = meetings_by_unit(simulate(womento, registry=registry, pairs=20, seed=5, start=START))
    large = meetings_by_unit(simulate(womento, registry=registry, pairs=21, seed=5, start=START))
    assert all(small[f"pair-{i}"] == large[f"pair-{i}"] for i in range(1, 21))
    assert large["pair-21"]


def test_no_meeting_falls_outside_its_phase_or_after_its_unit_ended(womento, registry):
    run = simulate(womento, registry=registry, pairs=40, seed=2, start=START)
    mentoring = run.phases[1]
    ends = {u.id: u.end for u in run.units.rows()}
    for unit, dates in meetings_by_unit(run).items():
        assert mentoring.start <= min(dates) and max(dates) <= min(mentoring.end, ends[unit])


def test_cancelled_meetings_are_moved_or_lost(womento, registry):
    run = simulate(womento, registry=registry, pairs=60, seed=4, start=START)
    figures = run.summary.figures
    assert figures["meetings_rescheduled"] > 0 and figures["meetings_cancelled"] > 0
    assert figures["meetings_planned"] == figures["meetings_held"] + figures["meetings_cancelled"]


def test_the_default_start_is_next_monday_and_the_default_cohort_the_models(womento,
                                                                             registry):
    run = simulate(womento, registry=registry)
    assert run.start == next_monday() and run.start.weekday() == 0
    assert run.cohort.size == 15  # womento's cohort_size assumption


def test_replications_report_percentiles_and_the_first_run(womento, registry):
    ensemble = simulate_many(womento, 30, registry=registry, pairs=15, seed=9, start=START)
    assert ensemble.replications == 30
    held = ensemble.summary.figures["meetings_held"]
    assert held.p5 <= held.p50 <= held.p95 and held.p5 < held.p95
    single = simulate(womento, registry=registry, pairs=15, seed=9, start=START)
    assert render(ensemble.run, "json") == render(single, "json")


def test_an_executor_gives_the_same_figures_as_a_serial_run(womento, registry):
    serial = simulate_many(womento, 24, registry=registry, pairs=6, seed=1, start=START)
    with ThreadPoolExecutor(2) as pool:
        parallel = simulate_many(womento, 24, registry=registry, pairs=6, seed=1, start=START,
                                 executor=pool)
    assert parallel.summary == serial.summary


def test_progress_is_reported_up_to_the_total(womento, registry):
    seen = []
    simulate_many(womento, 40, registry=registry, pairs=3, seed=0, start=START,
                  progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (40, 40) and len(seen) > 1


def test_bad_options_are_errors_not_tracebacks(womento, registry):
    for call in (lambda: simulate_many(womento, 0, registry=registry),
                 lambda: simulate(womento, registry=registry, start="5.1.26"),
                 lambda: simulate(womento, registry=registry, start="31.2.2026"),
                 lambda: simulate(womento, registry=registry, seed=-1),
                 lambda: simulate(womento, registry=registry, pairs=0),
                 lambda: simulate(womento, registry=registry, calendar="lunar")):
        with pytest.raises(MentorcoreError) as error:
            call()
        assert error.value.exit_code == 2
        assert error.value.diagnostics[0].message


def test_the_start_is_read_as_the_command_line_reads_it(womento, registry):
    finnish = simulate(womento, registry=registry, start="5.1.2026", pairs=3)
    iso = simulate(womento, registry=registry, start="2026-01-05", pairs=3)
    assert finnish.start == iso.start == datetime.date(2026, 1, 5)


def test_an_impossible_cadence_is_refused_with_its_path(write, registry):
    path = write("impossible.yaml", MINIMAL.replace("{min: 3, max: 4, unit: month}",
                                                    "{value: 1, unit: month}")
                 .replace("per_month: 2", "per_month: 1"))
    programme = Library(registry).load(str(path)).programme
    with pytest.raises(MentorcoreError) as error:
        simulate(programme, registry=registry, start=START)
    diagnostic = error.value.diagnostics[0]
    assert diagnostic.rule == "E601"
    assert diagnostic.path == ("phases", 0, "cadence", "total")
    assert "6–8 meeting" in diagnostic.message and "1 month" in diagnostic.message


def test_a_share_outside_0_to_1_is_refused(write, registry):
    path = write("bad.yaml", MINIMAL + "assumptions:\n  - {id: cancellation_rate, value: 1.5, "
                 "rationale: typo}\n")
    with pytest.raises(MentorcoreError) as error:
        simulate(Library(registry).load(str(path)).programme, registry=registry, start=START)
    assert error.value.diagnostics[0].rule == "E602"
    assert error.value.diagnostics[0].path == ("assumptions", 0, "value")


def test_a_total_ends_the_unit_when_reached(write, registry):
    programme = Library(registry).load(str(write("tiny.yaml", MINIMAL))).programme
    run = simulate(programme, registry=registry, pairs=30, seed=1, start=START)
    held = [u.meetings_held for u in run.units.rows()]
    assert max(held) <= 8 and np.median(held) >= 6


def test_the_finnish_calendar_pauses_in_july_and_on_public_holidays(womento, registry):
    start = datetime.date(2026, 5, 4)
    run = simulate(womento, registry=registry, pairs=30, seed=1, start=start, calendar="finnish")
    dates = [e.date for e in run.timeline.events() if e.type in ("meeting", "programme_event")]
    holidays = set(finnish_holidays(2026)) | set(finnish_holidays(2027))
    assert not [d for d in dates if d.month == 7]
    assert not [d for d in dates if d in holidays]
    assert not [d for d in dates if d.weekday() >= 5]  # the working week
    plain = simulate(womento, registry=registry, pairs=30, seed=1, start=start, calendar="plain")
    # durations are calendar days: the pause holds no meeting but does not lengthen the phase
    assert run.phases[-1].end == plain.phases[-1].end
    plain_dates = [e.date for e in plain.timeline.events() if e.type == "meeting"]
    assert [d for d in plain_dates if d.month == 7 or d.weekday() >= 5]


def test_a_meeting_handler_sees_every_meeting_and_can_cancel_it(womento, register_plugin):
    seen = []

    def cancel_all(meeting):
        seen.append(meeting)
        return attrs.evolve(meeting, status=CANCELLED)

    class Plugin:
        @hookimpl
        def register_meeting_handlers(self, register):
            register(MeetingHandler(name="cancel-all", description="test", handle=cancel_all))

    registry = register_plugin(Plugin(), name="cancel-all")
    run = simulate(womento, pairs=3, seed=0, start=START, registry=registry)
    assert seen and run.summary.figures["meetings_held"] == 0


def test_without_meeting_handlers_no_python_call_is_made_per_meeting(womento, monkeypatch,
                                                                     registry):
    from mentorcore.simulation import engine

    def forbidden(*args, **kwargs):
        raise AssertionError("the per-meeting path ran")

    monkeypatch.setattr(engine, "_handle_meetings", forbidden)
    run = simulate(womento, registry=registry, pairs=5, seed=0, start=START)
    assert run.summary.figures["meetings_held"] > 0


def test_a_schedule_adjuster_changes_outcomes_with_arrays(womento, register_plugin):
    calls = []

    def everyone_completes(schedule, context):
        calls.append(schedule.meeting_status.shape)
        return attrs.evolve(schedule, ended=np.zeros_like(schedule.ended))

    class Plugin:
        @hookimpl
        def register_schedule_adjusters(self, register):
            register(ScheduleAdjuster(name="all-complete", description="test",
                                      adjust=everyone_completes))

    registry = register_plugin(Plugin(), name="all-complete")
    ensemble = simulate_many(womento, 20, pairs=10, seed=0, start=START, registry=registry)
    assert ensemble.summary.figures["units_dropped_out"].p95 == 0
    assert len(calls) <= 3  # once per batch, not per replication or meeting


def test_a_failing_plugin_is_named(womento, register_plugin):
    def broken(schedule, context):
        raise RuntimeError("boom")

    class Plugin:
        @hookimpl
        def register_schedule_adjusters(self, register):
            register(ScheduleAdjuster(name="broken", description="test", adjust=broken))

    registry = register_plugin(Plugin(), name="broken")
    with pytest.raises(MentorcoreError, match="broken"):
        simulate(womento, pairs=2, start=START, registry=registry)


def test_a_dask_cluster_executor_runs_replications_unchanged(womento, registry):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        remote = simulate_many(womento, 12, registry=registry, pairs=4, seed=2, start=START,
                               executor=client.get_executor())
    local = simulate_many(womento, 12, registry=registry, pairs=4, seed=2, start=START)
    assert remote.summary == local.summary


def test_certificates_come_from_the_models_fact_not_from_the_words_of_its_outputs(write,
                                                                                   registry):
    event = ("events:\n"
             "  - {id: closing, timing: once, phase: mentoring, at: end, outputs: [todistus]")
    library = Library(registry)
    worded = library.load(str(write("worded.yaml", MINIMAL + event + "}\n"))).programme
    declared = library.load(str(write("declared.yaml",
                                      MINIMAL + event + ", certificates: true}\n"))).programme
    without = simulate(worded, registry=registry, pairs=6, seed=1, start=START)
    run = simulate(declared, registry=registry, pairs=6, seed=1, start=START)
    assert without.summary.figures["certificates"] == 0
    completed = [u for u in run.units.rows() if u.ended == "completed"]
    assert completed and run.summary.figures["certificates"] == 2 * len(completed)  # people
