"""Calendars people import (issue 17, point 6): the ICS read by two independent parsers
(icalendar and vobject), stable UIDs, times of day in Finnish time, descriptions, locations,
each unit's own events, no duplicates, a localised name."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import icalendar
import pytest

from mentorcore import Library
from mentorcore.simulation import render, simulate

vobject = pytest.importorskip("vobject")

LIBRARY = Library()
START = "2026-08-31"


def _events(data: bytes) -> dict[str, dict]:
    """UID → (summary, start, end, description, location), read with icalendar and checked
    against vobject's reading of the same bytes."""
    found = {}
    calendar = icalendar.Calendar.from_ical(data)
    for event in calendar.walk("VEVENT"):
        found[str(event["uid"])] = {
            "summary": str(event["summary"]), "start": event.decoded("dtstart"),
            "end": event.decoded("dtend"),
            "description": str(event.get("description", "")) or None,
            "location": str(event.get("location", "")) or None}
    parsed = vobject.readOne(data.decode("utf-8"))
    second = {}
    for event in parsed.vevent_list:
        second[event.uid.value] = {
            "summary": event.summary.value, "start": event.dtstart.value,
            "end": event.dtend.value,
            "description": event.description.value if hasattr(event, "description") else None,
            "location": event.location.value if hasattr(event, "location") else None}
    assert found.keys() == second.keys()
    for uid, first in found.items():
        other = second[uid]
        assert first["summary"] == other["summary"] and first["location"] == other["location"]
        assert first["description"] == other["description"]
        assert first["start"] == other["start"] and first["end"] == other["end"], uid
    return found


def _ics(programme, **options) -> bytes:
    run = simulate(programme, registry=LIBRARY.registry, **{"start": START, **options})
    return render(run, "ics")


def test_uids_stay_when_a_pair_is_added_or_the_seed_changes():
    womento = LIBRARY.programme("womento")
    base = _events(_ics(womento, pairs=12, seed=0))
    more = _events(_ics(womento, pairs=13, seed=0))
    other_seed = _events(_ics(womento, pairs=12, seed=5))
    phases = {uid for uid in base if ".phase." in uid}
    assert phases and all(base[uid]["start"] == more[uid]["start"] for uid in phases)
    assert phases <= other_seed.keys()
    unchanged = [uid for uid in base if uid in more and base[uid] == more[uid]]
    assert len(unchanged) >= len(base) - 2          # one more pair changes little
    assert all("@mentorcore" in uid and "seed" not in uid for uid in base)
    assert "womento.event.group-meetings.group-1.0@mentorcore" in base


def test_a_time_of_day_is_in_finnish_time_with_its_timezone(write):
    path = write("timed.yaml", """\
extends: matkalla-tyoelamaan
id: timed
events:
  - id: themed-trainings
    time: "17:00–19:00"
    location: {fi: "Setlementti, Helsinginkatu 1, Helsinki", en: "Settlement house, Helsinki"}
""")
    programme = Library(LIBRARY.registry).load(str(path)).programme
    data = _ics(programme, pairs=4, seed=0)
    assert b"BEGIN:VTIMEZONE" in data and b"TZID:Europe/Helsinki" in data
    events = _events(data)
    trainings = [e for uid, e in events.items() if ".event.themed-trainings." in uid]
    assert trainings
    for event in trainings:
        start, end = event["start"], event["end"]
        assert isinstance(start, dt.datetime) and str(start.tzinfo) == "Europe/Helsinki"
        assert (start.hour, start.minute, end.hour, end.minute) == (17, 0, 19, 0)
        assert start.utcoffset() in (dt.timedelta(hours=2), dt.timedelta(hours=3))
        assert event["location"] == "Settlement house, Helsinki"
        assert "Who takes part: mentee (aktori), mentor" in event["description"]
    untimed = [e for uid, e in events.items() if ".event.closing-event." in uid]
    assert untimed and isinstance(untimed[0]["start"], dt.date) and not isinstance(
        untimed[0]["start"], dt.datetime)


def test_each_pairs_start_meeting_is_in_the_calendar_and_forms_to_bring():
    auroras = LIBRARY.programme("auroras-individual")
    events = _events(_ics(auroras, pairs=5, seed=1))
    starts = {uid: e for uid, e in events.items() if ".event.start-meeting." in uid}
    assert len(starts) == 5
    assert all(uid.endswith(".0@mentorcore") for uid in starts)
    start_meeting = auroras.get("events", "start-meeting")
    if start_meeting.forms:
        assert all("Bring:" in e["description"] for e in starts.values())


def test_a_one_day_phase_is_not_repeated_beside_its_event():
    matkalla = LIBRARY.programme("matkalla-tyoelamaan")
    events = _events(_ics(matkalla, pairs=3, seed=0))
    days: dict = {}
    for uid, event in events.items():   # one-day entries (the mentoring phase spans months)
        if event["end"] - event["start"] == dt.timedelta(days=1):
            days.setdefault(event["start"], []).append(uid)
    assert "matkalla-tyoelamaan.phase.start@mentorcore" not in events
    assert "matkalla-tyoelamaan.phase.closing@mentorcore" not in events
    assert "matkalla-tyoelamaan.event.start-meeting.programme.0@mentorcore" in events
    assert "matkalla-tyoelamaan.phase.mentoring@mentorcore" in events
    assert all(len(uids) == 1 for uids in days.values()), days


def test_the_calendar_name_is_in_the_language_of_the_run(tmp_path):
    out = tmp_path / "opas.ics"
    subprocess.run([sys.executable, "-m", "mentorcore", "--lang", "fi", "simulate", "womento",
                    "--pairs", "3", "--start", START, "--format", "ics", "--out", str(out)],
                   check=True, capture_output=True)
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    name = str(calendar["x-wr-calname"])
    assert "Womento" in name and "simulated" not in name and "seed" not in name
    assert "ohjelman kalenteri" in name
    parsed = vobject.readOne(out.read_text(encoding="utf-8"))
    assert parsed.contents["x-wr-calname"][0].value == name
