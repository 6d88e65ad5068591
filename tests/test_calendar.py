"""The working week and the Finnish calendar (issue 13, point 2)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorcore import Library
from mentorcore.schedule import Days, build_schedule, days_for
from mentorcore.simulation import simulate

LIBRARY = Library()


def _dates(run, *types):
    return [e.date for e in run.timeline.events() if e.type in types]


def test_public_holidays_come_from_the_holidays_library():
    days = Days.make("finnish", dt.date(2026, 1, 1), breaks=())
    official = holidays.country_holidays("FI", years=range(2026, 2030))
    assert len(official) >= 60
    for day in official:
        assert not days.is_working(day) and not days.is_meeting_day(day), day
    assert days.is_working(dt.date(2027, 1, 5))          # Tuesday
    assert not days.is_working(dt.date(2027, 1, 6))      # Wednesday, Epiphany
    assert not days.is_working(dt.date(2027, 1, 9))      # Saturday


def test_a_pause_may_wrap_the_year_end():
    days = Days.make("finnish", dt.date(2026, 11, 2), breaks=(((12, 20), (1, 6)),))
    first = dt.date(2026, 12, 14)
    working = [first + dt.timedelta(days=i) for i in range(40)
               if days.is_working(first + dt.timedelta(days=i))]
    assert dt.date(2026, 12, 18) in working and dt.date(2027, 1, 7) in working
    assert not [d for d in working if dt.date(2026, 12, 20) <= d <= dt.date(2027, 1, 6)]


def test_a_summer_pause_across_the_year_end_pauses_the_winter(write, registry):
    """The issue's case: summer_pause "12-20..01-06" was accepted and paused nothing."""
    path = write("winter.yaml", """\
extends: womento
id: winter
assumptions:
  - {id: summer_pause, value: "12-20..01-06", rationale: our office closes over the holidays}
""")
    programme = Library(registry).load(str(path)).programme
    run = simulate(programme, registry=registry, pairs=20, seed=4, start="2026-05-04")
    dates = _dates(run, "meeting", "programme_event")
    assert [d for d in dates if d.month == 7]   # no July pause: the model moved it
    assert not [d for d in dates if (d.month, d.day) >= (12, 20) or (d.month, d.day) <= (1, 6)]
    assert [d for d in dates if d > dt.date(2027, 1, 6)]        # the run spans the winter


@pytest.mark.parametrize("text", ['"12-40..01-06"', '"soon"', '"06-01..10-01"'])
def test_an_invalid_pause_is_a_positioned_validate_error(write, run, text):
    path = write("bad.yaml", f"""\
extends: womento
id: bad
calendar:
  meeting_days: [mon, tue]
  christmas_break: {text}
""")
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert f"{path.name}:4:3: calendar: christmas_break" in result.output
    assert "[E102]" in result.output
    installed = subprocess.run([sys.executable, "-m", "mentorcore", "validate", str(path)],
                               capture_output=True, text=True, check=False)
    assert installed.returncode == 1 and "christmas_break" in installed.stdout + installed.stderr


def test_an_unknown_meeting_day_is_a_positioned_error(write, run):
    path = write("days.yaml", "extends: womento\nid: days\ncalendar:\n  meeting_days: [mon, "
                              "tues]\n")
    result = run("validate", str(path))
    assert result.exit_code == 1 and ":4:3: calendar: meeting_days" in result.output


def test_staff_hosted_events_fall_on_working_days(registry):
    """Matkalla's themed training fell on Sunday 22.3.2026 in every seed; a 1 July start put
    Auroras' start meeting on Sunday 2 August."""
    for model, start in (("matkalla-tyoelamaan", "2026-01-05"),
                         ("auroras-individual", "2026-07-01"), ("womento", "2026-03-02"),
                         ("auroras-vaasa", "2026-08-31")):
        programme = LIBRARY.programme(model)
        days = days_for(programme.calendar, "finnish", dt.date.fromisoformat(start))
        for seed in range(6):
            run = simulate(programme, registry=registry, pairs=8, seed=seed, start=start)
            events = _dates(run, "programme_event", "phase_start")
            assert events and all(days.is_working(d) for d in events), (model, seed)
    run = simulate(LIBRARY.programme("auroras-individual"), registry=registry, pairs=3,
                   start="2026-07-01")
    first = min(e.date for e in run.timeline.events() if e.event == "start-meeting")
    # offer and matching take the first two working days after the July pause
    assert first == dt.date(2026, 8, 5) and first.weekday() == 2


def test_meetings_fall_on_the_days_the_model_allows(write, registry):
    womento = LIBRARY.programme("womento")
    meetings = _dates(simulate(womento, registry=registry, pairs=40, seed=2,
                               start="2026-02-02"), "meeting")
    assert len(meetings) > 300 and not [d for d in meetings if d.weekday() >= 5]
    assert not [d for d in meetings if d in holidays.country_holidays("FI", years=[2026, 2027])]
    path = write("weekends.yaml", "extends: womento\nid: weekends\ncalendar:\n"
                                  "  meeting_days: [sat, sun]\n")
    weekends = Library(registry).load(str(path)).programme
    run = simulate(weekends, registry=registry, pairs=40, seed=2, start="2026-02-02")
    held = _dates(run, "meeting")
    assert len(held) > 0.9 * len(meetings)                 # the cadence keeps its count
    assert all(d.weekday() >= 5 for d in held)
    assert all(d.weekday() < 5 for d in _dates(run, "programme_event"))   # staff still work
    plain = simulate(womento, registry=registry, pairs=40, seed=2, start="2026-02-02",
                     calendar="plain")
    assert [d for d in _dates(plain, "meeting") if d.weekday() >= 5]


def test_a_camp_is_never_split_it_moves_whole_past_the_pause(registry):
    """The 8-day Kesälukio camp started 29 June was split into 2 days in June and 6 in August."""
    kesalukio = LIBRARY.programme("kesalukio")
    schedule = build_schedule(kesalukio, dt.date(2026, 6, 29))
    camp = schedule.phase("camp")
    assert (camp.start, camp.end, camp.days) == (dt.date(2026, 8, 3), dt.date(2026, 8, 10), 8)
    run = simulate(kesalukio, registry=registry, pairs=6, seed=0, start="2026-06-29")
    camp_days = sorted(set(_dates(run, "camp_day")))
    assert camp_days == [dt.date(2026, 8, 3) + dt.timedelta(days=i) for i in range(8)]
    assert (run.phases[0].end - run.phases[0].start).days + 1 == 8     # calendar days
    shares = {c.id: c.share for c in run.summary.compliance}
    assert shares.get("camp.duration", 1) == 1


def test_the_christmas_break_is_a_calendar_setting(write, registry):
    path = write("xmas.yaml", "extends: womento\nid: xmas\ncalendar:\n"
                              "  christmas_break: \"12-15..01-10\"\n  summer_pause: null\n")
    programme = Library(registry).load(str(path)).programme
    run = simulate(programme, registry=registry, pairs=30, seed=1, start="2026-04-01")
    dates = _dates(run, "meeting", "programme_event")
    assert [d for d in dates if d.month == 7]                    # no summer pause
    assert not [d for d in dates if (d.month, d.day) >= (12, 15) or (d.month, d.day) <= (1, 10)]
    default = simulate(LIBRARY.programme("womento"), registry=registry, pairs=30, seed=1,
                       start="2026-04-01")
    assert [d for d in _dates(default, "meeting") if dt.date(2026, 12, 15) <= d
            <= dt.date(2026, 12, 23)]


@settings(max_examples=80, deadline=None)
@given(year=st.integers(2025, 2030), pause=st.sampled_from([(7, 1), (12, 22)]),
       before=st.integers(0, 70), length=st.integers(1, 60),
       start=st.dates(dt.date(2024, 1, 1), dt.date(2024, 12, 31)))
def test_a_block_of_days_starts_on_the_first_working_day_it_fits_clear_of_breaks(
        year: int, pause: tuple[int, int], before: int, length: int, start: dt.date) -> None:
    """A camp of ``length`` consecutive days, wanted up to 70 days before a break, moves whole to
    the first working day from which no day of it falls in the summer pause or the Christmas
    break (checked day by day)."""
    days = Days.make("finnish", start, breaks=(((7, 1), (7, 31)), ((12, 22), (1, 6))))
    offset = max(days.offset(dt.date(year, *pause)) - before, 0)
    found = days.block_start(offset, length)

    def clear(first: int) -> bool:
        return not any(_in_a_break(days.date(first + i)) for i in range(length))

    expected = next(day for day in range(offset, offset + 800)
                    if days.is_working(days.date(day)) and clear(day))
    assert found == expected


def _in_a_break(date: dt.date) -> bool:
    return date.month == 7 or (date.month, date.day) >= (12, 22) or (date.month, date.day) <= (1, 6)
