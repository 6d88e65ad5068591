"""One dated plan (issue 13, point 1): the handbook, the simulation's table, JSON and ICS show
the dates of the one schedule, for every bundled model and for random adaptations."""

from __future__ import annotations

import datetime as dt
import json
import re

import icalendar
import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from mentorcore import Library, MentorcoreError
from mentorcore.render.handbook import render_handbook
from mentorcore.schedule import build_schedule
from mentorcore.simulation import render, simulate

LIBRARY = Library()
MODELS = LIBRARY.ids()


def _optional(programme, event_id):
    event = programme.get("events", event_id)
    return (getattr(event, "probability", None) is not None
            or (event.count is not None and event.count.min == 0))


def _default_days(registry):
    return {b.kind: b.default_days for b in registry.items("register_phase_behaviours")
            if b.default_days}


def check_one_plan(programme, start, registry, seed=0, pairs=4):
    """Every date the schedule gives is the date the handbook, the table, the JSON and the
    ICS give; the simulation's phases and events are the schedule's."""
    schedule = build_schedule(programme, start, default_days=_default_days(registry))
    days = schedule.calendar
    run = simulate(programme, registry=registry, pairs=pairs, seed=seed, start=start)
    data = json.loads(render(run, "json"))
    table = render(run, "table")
    handbook = render_handbook(programme, "en", start=start,
                               default_days=_default_days(registry))
    ics = icalendar.Calendar.from_ical(render(run, "ics"))
    ics_dates = {}
    for component in ics.walk("VEVENT"):
        when = component.decoded("dtstart")
        ics_dates[str(component["uid"])] = when.date() if isinstance(when, dt.datetime) else when

    for phase, simulated, in_json in zip(schedule.phases, run.phases, data["phases"],
                                         strict=True):
        if phase.start is None:
            continue
        assert days.is_working(phase.start), (programme.id, phase.id, phase.start)
        assert simulated.start == phase.start and in_json["start"] == phase.start.isoformat()
        row = re.search(rf"^  {re.escape(simulated.name)} .*$", table, re.M)  # as named
        assert row and phase.start.isoformat() in row.group(0)
        name = programme.get("phases", phase.id).name
        label = name.get("en") if name else phase.id
        assert re.search(rf"\| {re.escape(label)} \| {phase.start.isoformat()} \|", handbook,
                         re.I), (programme.id, phase.id)
        if phase.end is not None:
            assert simulated.end == phase.end and in_json["end"] == phase.end.isoformat()
            assert phase.end.isoformat() in row.group(0)
            assert (phase.end - phase.start).days + 1 == phase.days   # calendar days
            uid = f"{programme.id}.phase.{phase.id}@mentorcore"
            assert uid not in ics_dates or ics_dates[uid] == phase.start

    held: dict[str, set] = {}
    for event in data["events"]:
        if event["type"] == "programme_event":
            held.setdefault(event["event"], set()).add(dt.date.fromisoformat(event["date"]))
    for event_id in {e.event for e in schedule.events}:
        planned = set(schedule.event_dates(event_id))
        assert all(days.is_working(day) for day in planned), (programme.id, event_id)
        scope = next(e.scope for e in schedule.events if e.event == event_id)
        found = held.get(event_id, set())
        if scope == "programme" and not _optional(programme, event_id):
            assert found == planned, (programme.id, event_id, sorted(found), sorted(planned))
        else:
            assert found <= planned, (programme.id, event_id, sorted(found - planned))
        ics = {day for uid, day in ics_dates.items()
               if uid.startswith(f"{programme.id}.event.{event_id}.")}
        assert ics == found, (programme.id, event_id)
    for occurrence in schedule.events:
        event = programme.get("events", occurrence.event)
        if event.timing == "once" and occurrence.scope == "programme":
            assert f"({occurrence.date.isoformat()})" in handbook, (programme.id, event.id)
        if event.timing == "monthly":
            assert occurrence.date.isoformat() in handbook, (programme.id, event.id)
    return schedule, run


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("start", [dt.date(2027, 1, 11), dt.date(2026, 6, 29),
                                   dt.date(2026, 12, 21)])
def test_every_bundled_model_shows_one_date_per_event_everywhere(model, start, registry):
    check_one_plan(LIBRARY.programme(model), start, registry)


def test_the_handbook_and_the_calendar_agree_for_an_adaptation(write, registry):
    """The issue's case: an adaptation's handbook said 11.1.2027, its ICS 2027-01-12."""
    path = write("ours.yaml", "extends: auroras-individual\nid: ours\n")
    programme = Library(registry).load(str(path)).programme
    schedule, run = check_one_plan(programme, dt.date(2027, 1, 11), registry)
    start_meeting = schedule.event_dates("start-meeting")[0]
    handbook = render_handbook(programme, "fi", start=dt.date(2027, 1, 11))
    finnish = f"{start_meeting.day}.{start_meeting.month}.{start_meeting.year}"
    assert f"({finnish})" in handbook
    assert start_meeting in {e.date for e in run.timeline.events() if e.event == "start-meeting"}


ADAPTABLE = [m for m in MODELS
             if any(p.duration is not None and p.duration.unit == "month"
                    for p in LIBRARY.programme(m).phases)]
breaks = st.tuples(st.dates(dt.date(2001, 1, 1), dt.date(2001, 12, 31)),
                   st.integers(0, 60)).map(
    lambda t: f"{t[0]:%m-%d}..{t[0] + dt.timedelta(days=t[1]):%m-%d}")   # may wrap the year


@settings(max_examples=15, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(model=st.sampled_from(ADAPTABLE), months=st.integers(1, 12), extra=st.integers(0, 3),
       start=st.dates(dt.date(2025, 1, 1), dt.date(2031, 12, 31)),
       christmas=st.one_of(st.none(), breaks), summer=st.one_of(st.none(), breaks),
       meeting_days=st.lists(st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]),
                             min_size=1, max_size=7, unique=True),
       seed=st.integers(0, 2**32))
@example(model="womento", months=1, extra=0, start=dt.date(2028, 5, 25), christmas=None,
         summer=None, meeting_days=["sat"], seed=43)   # a pair that stops before its 1st Saturday
def test_random_adaptations_show_one_date_per_event_everywhere(
        model, months, extra, start, christmas, summer, meeting_days, seed, write, registry):
    parent = LIBRARY.programme(model)
    phase = next(p for p in parent.phases if p.duration is not None
                 and p.duration.unit == "month")
    calendar = "\n".join(
        [f"  meeting_days: [{', '.join(meeting_days)}]"]
        + [f"  {key}: {'null' if value is None else repr(value)}"
           for key, value in (("christmas_break", christmas), ("summer_pause", summer))])
    path = write("adapted.yaml", f"""\
extends: {model}
id: adapted
calendar:
{calendar}
phases:
  - id: {phase.id}
    duration: {{min: {months}, max: {months + extra}, unit: month}}
""")
    try:
        loaded = Library(registry).load(str(path))
    except MentorcoreError as error:
        raise AssertionError(f"a valid adaptation was refused: {error}") from None
    assert loaded.programme is not None and not loaded.errors, loaded.errors
    try:
        schedule, run = check_one_plan(loaded.programme, start, registry, seed=seed)
    except Exception as error:  # a model the simulation refuses (E601) is no counter-example
        if "E601" in str(error):
            return
        raise
    meetings = [e.date for e in run.timeline.events() if e.type == "meeting"]
    assert all(schedule.calendar.is_meeting_day(day) for day in meetings)
    allowed = set(meeting_days)
    names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    assert all(names[day.weekday()] in allowed for day in meetings)


def test_the_installed_command_gives_the_handbook_and_the_calendar_the_same_dates(write,
                                                                               tmp_path):
    """handbook --start and simulate --format ics as a user runs them (a real subprocess)."""
    import subprocess
    import sys

    path = write("ours.yaml", "extends: auroras-individual\nid: ours\n")
    command = [sys.executable, "-m", "mentorcore", "--lang", "fi"]
    handbook = subprocess.run([*command, "handbook", str(path), "--start", "2027-01-11"],
                              capture_output=True, text=True, check=True).stdout
    out = tmp_path / "ours.ics"
    subprocess.run([*command, "simulate", str(path), "--start", "2027-01-11", "--pairs", "3",
                    "--format", "ics", "--out", str(out)], capture_output=True, check=True)
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    starts = {component.decoded("dtstart") for component in calendar.walk("VEVENT")
              if ".event.start-meeting." in str(component["uid"])}
    assert len(starts) == 1
    day = starts.pop()
    assert f"({day.day}.{day.month}.{day.year})" in handbook        # the start meeting
    mentoring = next(c for c in calendar.walk("VEVENT")
                     if str(c["uid"]) == "ours.phase.mentoring@mentorcore")
    first, last = mentoring.decoded("dtstart"), mentoring.decoded("dtend") - dt.timedelta(days=1)
    assert (f"| Yksilömentorointi | {first.day}.{first.month}.{first.year} | "
            f"{last.day}.{last.month}.{last.year} |") in handbook


def test_handbook_calendar_plain_counts_every_day(run):
    finnish = run("handbook", "kesalukio", "--lang", "fi", "--start", "2026-06-29")
    plain = run("handbook", "kesalukio", "--lang", "fi", "--start", "2026-06-29", "--calendar",
                "plain")
    assert "| Kesälukio (leiri) | 3.8.2026 | 10.8.2026 |" in finnish.output   # past July
    assert "| Kesälukio (leiri) | 29.6.2026 | 6.7.2026 |" in plain.output
