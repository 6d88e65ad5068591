"""Events at the start, the middle, the end or a share of a phase (issue 15, point 8a): one
meaning in validate, the handbook's date, the ICS calendar and the simulation's JSON, all from
:func:`mentorcore.schedule.event_offset`."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import icalendar
from hypothesis import given
from hypothesis import strategies as st

from mentorcore.schedule import event_offset

MODEL = """\
id: mid
name: Mid
organisation: Org
phases:
  - id: mentoring
    kind: mentoring
    duration: {{value: 6, unit: month}}
    cadence: {{per_month: 2, unit: pair}}
roles:
  - {{id: mentor, name: mentor, kind: mentor}}
  - {{id: mentee, name: mentee, kind: mentee}}
units:
  - {{id: pair, kind: pair, roles: [mentor, mentee]}}
events:
  - {{id: survey, name: Survey, timing: once, phase: mentoring, at: {at}}}
"""
START = "2026-01-05"   # the phase runs 2026-01-05 .. 2026-07-04 (181 days)


def _dates(write, at: str) -> dict[str, dt.date]:
    """The event's date in the handbook, the ICS calendar and the simulation's JSON — each
    read from the output of the installed command, as a user gets it."""
    path = write("mid.yaml", MODEL.format(at=at))
    command = [sys.executable, "-m", "mentorcore"]
    handbook = subprocess.run([*command, "handbook", str(path), "--start", START, "--lang", "fi",
                               "--format", "md"], capture_output=True, text=True, check=True)
    line = next(line for line in handbook.stdout.splitlines() if "Survey" in line)
    shown = line[line.rindex("(") + 1:line.rindex(")")]
    day, month, year = (int(x) for x in shown.split("."))
    found = {"handbook": dt.date(year, month, day)}
    ics = subprocess.run([*command, "simulate", str(path), "--start", START, "--format", "ics"],
                         capture_output=True, check=True).stdout
    events = [e for e in icalendar.Calendar.from_ical(ics).walk("VEVENT")
              if ".event.survey." in str(e["uid"])]
    assert len(events) == 1
    found["ics"] = events[0].decoded("dtstart")
    data = json.loads(subprocess.run(
        [*command, "simulate", str(path), "--start", START, "--format", "json"],
        capture_output=True, check=True).stdout)
    held = [e["date"] for e in data["events"] if e.get("event") == "survey"]
    assert len(held) == 1
    found["simulate"] = dt.date.fromisoformat(held[0])
    return found


def test_an_event_in_the_middle_of_six_months_is_three_months_in_everywhere(write):
    found = _dates(write, "middle")
    assert len(set(found.values())) == 1, found
    day = found["handbook"]
    # 90 days after 2026-01-05 is Sunday 5 April; Monday 6 April is Easter Monday
    assert day == dt.date(2026, 4, 7)
    assert 85 <= (day - dt.date(2026, 1, 5)).days <= 95


def test_a_share_of_the_phase_is_honoured_everywhere(write):
    found = _dates(write, "0.25")
    assert len(set(found.values())) == 1, found
    # 45 days in: Thursday 19 February 2026
    assert found["simulate"] == dt.date(2026, 2, 19)


def test_the_end_is_the_phase_s_last_working_day(write):
    found = _dates(write, "end")
    assert len(set(found.values())) == 1, found
    # the phase ends on Saturday 4 July; July is the summer pause: the last working day before
    assert found["ics"] == dt.date(2026, 6, 30)


def test_the_handbook_says_where_in_the_phase(write, run):
    for at, words in (("middle", "puolivälissä"), ("0.25", "25 %"), ("start", "alussa")):
        path = write("mid.yaml", MODEL.format(at=at))
        result = run("handbook", str(path), "--lang", "fi", "--format", "md")
        line = next(line for line in result.output.splitlines() if "Survey" in line)
        assert words in line, (at, line)


def test_a_wrong_place_is_an_error_at_its_line(write, run):
    path = write("mid.yaml", MODEL.format(at="midle"))
    result = run("validate", str(path))
    assert result.exit_code != 0
    assert "mid.yaml:15:" in result.output and "middle" in result.output
    path = write("mid.yaml", MODEL.format(at="1.5"))
    result = run("validate", str(path))
    assert result.exit_code != 0 and "mid.yaml:15:" in result.output
    assert "between 0 and 1" in result.output


@given(st.integers(0, 5000), st.integers(1, 5000), st.floats(0, 1), st.floats(0, 1))
def test_event_offset_stays_inside_the_phase_and_keeps_order(start, length, first, second):
    end = start + length
    low, high = sorted((first, second))
    a, b = event_offset(start, end, low), event_offset(start, end, high)
    assert start <= a <= b <= end - 1
    assert event_offset(start, end, "start") == start
    assert event_offset(start, end, "end") == end - 1
