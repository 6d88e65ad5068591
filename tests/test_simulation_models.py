"""Every bundled model simulates, and its documented targets hold in the median."""

from __future__ import annotations

import datetime
import statistics

import pytest

from mentorcore import Library
from mentorcore.simulation import simulate, simulate_many

START = datetime.date(2026, 1, 5)
LIBRARY = Library()


def bundled(model_id: str):
    if model_id not in LIBRARY.ids():
        pytest.skip(f"model {model_id} is not bundled yet")
    return LIBRARY.programme(model_id)


@pytest.mark.parametrize("model_id", LIBRARY.ids())
def test_each_bundled_model_simulates(model_id, registry):
    run = simulate(LIBRARY.programme(model_id), registry=registry, seed=0, start=START)
    assert run.units.count >= 1
    assert len(run.timeline) > 0
    assert run.phases[0].start == START
    assert all(a.end < b.start for a, b in zip(run.phases, run.phases[1:], strict=False))


def median_figure(ensemble, name):
    return ensemble.summary.figures[name].p50


def test_womento_pairs_meet_8_to_20_times_over_8_to_10_months_with_3_to_4_group_meetings(
        registry):
    ensemble = simulate_many(bundled("womento"), 40, registry=registry, seed=1, start=START)
    assert 8 <= median_figure(ensemble, "meetings_per_completed_unit_median") <= 20
    assert 3 <= median_figure(ensemble, "group_meetings_per_group_median") <= 4
    months = median_figure(ensemble, "duration_days") / (365.25 / 12)
    assert 8 <= months <= 10.5
    shares = {c.id: c.share.p50 for c in ensemble.summary.compliance}
    assert shares["mentoring.meetings"] >= 0.9 and shares["group-meetings.count"] == 1


def test_auroras_individual_pairs_meet_6_to_8_times_unless_ended_early(registry):
    programme = bundled("auroras-individual")
    ensemble = simulate_many(programme, 40, registry=registry, pairs=20, seed=1, start=START)
    assert 6 <= median_figure(ensemble, "meetings_per_completed_unit_median") <= 8
    assert ensemble.summary.figures["units_ended_early"].p95 > 0
    run = simulate(programme, registry=registry, pairs=20, seed=1, start=START)
    early = [u for u in run.units.rows() if u.ended == "ended_early"]
    assert all(u.exit for u in early)
    reports = [e for e in run.timeline.events() if e.type == "report"]
    assert {e.unit for e in reports} >= {u.id for u in run.units.rows() if u.ended != "dropped_out"}
    with_themes = [u for u in run.units.rows() if u.themes]
    assert with_themes  # the end report names the themes of the meetings


def test_matkalla_six_months_start_meeting_monthly_trainings_closing_with_certificates(
        registry):
    programme = bundled("matkalla-tyoelamaan")
    run = simulate(programme, registry=registry, pairs=12, seed=1, start=START)
    mentoring = next(p for p in run.phases if p.kind == "mentoring")
    assert 5.4 <= ((mentoring.end - mentoring.start).days + 1) / (365.25 / 12) <= 6.6
    events = run.timeline.events()
    by_event = {}
    for event in events:
        if event.type == "programme_event":
            by_event.setdefault(event.event, []).append(event.date)
    timing = {e.id: e for e in programme.events}
    start_meetings = [i for i, e in timing.items() if e.timing == "once" and e.at == "start"]
    monthly = [i for i, e in timing.items() if e.timing == "monthly"]
    closing = [i for i, e in timing.items() if e.certificates]
    assert start_meetings and monthly and closing
    assert all(len(by_event[i]) == 1 for i in start_meetings)
    assert all(5 <= len(by_event[i]) <= 7 for i in monthly)
    certificates = [e for e in events if e.type == "certificate"]
    completed = {u.id for u in run.units.rows() if u.ended == "completed" and u.kind == "pair"}
    assert {e.unit for e in certificates} == completed
    assert all(e.date == by_event[closing[0]][0] for e in certificates)


def test_kesalukio_eight_camp_days_then_about_six_months(registry):
    run = simulate(bundled("kesalukio"), registry=registry, seed=1, start=START)
    camp_days = [e.date for e in run.timeline.events() if e.type == "camp_day"]
    assert len(camp_days) == 8 and len(set(camp_days)) == 8
    camp = next(p for p in run.phases if p.kind == "camp")
    after = next(p for p in run.phases if p.start > camp.end)
    assert (after.end - after.start).days / (365.25 / 12) == pytest.approx(6, abs=0.7)
    assert run.summary.figures["meetings_held"] > 0


def test_monika_pairs_start_over_the_year_as_they_are_found(registry):
    run = simulate(bundled("monika"), registry=registry, pairs=40, seed=1, start=START)
    starts = sorted(u.start for u in run.units.rows())
    assert (starts[-1] - starts[0]).days > 180
    assert statistics.median(u.meetings_held for u in run.units.rows()
                             if u.ended == "completed") >= 4


def test_rolling_intake_needs_its_plugin():
    from mentorcore.plugins import Registry, build_plugin_manager

    registry = Registry(build_plugin_manager(disabled=["mentorcore-monika"]))
    from mentorcore import MentorcoreError

    programme = bundled("monika")
    with pytest.raises(MentorcoreError) as error:
        simulate(programme, start=START, registry=registry)
    assert error.value.diagnostics[0].rule == "E603"
    assert "rolling" in error.value.diagnostics[0].message
