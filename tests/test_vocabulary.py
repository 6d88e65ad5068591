"""The vocabulary covers what coordinators and the documents say (issue 15, point 8 b–e): one
way to model kick-off and closing in every bundled model (W218 on the other), meeting modes and
alternatives as data shown in the handbook and honoured (or said to be counted as written) by
the simulation, and attributes that must be declared participant fields (E215)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import icalendar
import pytest

from mentorcore.simulation import simulate
from tests.conftest import default_library

BUNDLED = default_library().ids()
START = "2026-01-05"

MODEL = """\
id: vocab
name: Vocab
organisation: Org
phases:
  - id: training
    kind: training
{alternatives}\
  - id: mentoring
    kind: mentoring
    duration: {{value: 6, unit: month}}
    cadence: {{per_month: 2, unit: pair{modes}}}
{closing}\
roles:
  - {{id: mentor, name: mentor, kind: mentor}}
  - {{id: mentee, name: mentee, kind: mentee}}
units:
  - {{id: pair, name: {{fi: pari, sv: par, en: pair}}, kind: pair, roles: [mentor, mentee]}}
"""


def _model(alternatives: str = "", modes: str = "", closing: str = "") -> str:
    return MODEL.format(alternatives=alternatives, modes=modes, closing=closing)


# --- (b) kick-off and closing ---------------------------------------------------------------

@pytest.mark.parametrize("model_id", BUNDLED)
def test_every_bundled_model_has_kick_off_and_closing_as_events(model_id, run):
    programme = default_library().programme(model_id)
    meets = {p.id for p in programme.phases
             if p.cadence is not None or p.kind in ("mentoring", "group_mentoring")}
    for phase in programme.phases:
        assert not (phase.kind in ("start", "closing") and phase.duration is None
                    and phase.cadence is None), (model_id, phase.id)
    for event in programme.events:
        if event.certificates or "start" in event.id or "closing" in event.id:
            assert event.timing == "once" and event.phase in meets, (model_id, event.id)
    result = run("validate", "--strict", model_id)
    assert result.exit_code == 0 and "W218" not in result.output, result.output


def test_a_one_day_start_or_closing_phase_is_warned_with_the_event_to_write(write, run):
    path = write("vocab.yaml", _model(closing="""\
  - id: closing
    kind: closing
events:
  - {id: closing-event, timing: once, phase: closing, at: start, certificates: true}
"""))
    result = run("validate", str(path))
    assert "vocab.yaml:12:11: phases[2].kind: warning:" in result.output, result.output
    assert "[W218]" in result.output
    assert "`{timing: once, phase: mentoring, at: end}`" in result.output
    assert "'closing-event'" in result.output
    assert run("validate", "--strict", str(path)).exit_code != 0
    # a closing phase that lasts (two weeks of feedback) is a stage of its own: no warning
    lasting = write("lasting.yaml", _model(closing="""\
  - id: closing
    kind: closing
    duration: {value: 2, unit: week}
"""))
    assert "W218" not in run("validate", str(lasting)).output


def test_matkalla_s_closing_event_is_the_mentoring_s_last_working_day_everywhere(registry):
    """The closing event (``at: end`` of the mentoring): the same day in the handbook, the
    simulation (with the certificates) and the calendar."""
    from mentorcore.render.handbook import handbook
    from mentorcore.schedule import build_schedule
    from mentorcore.simulation import render

    programme = default_library().programme("matkalla-tyoelamaan")
    start = dt.date.fromisoformat(START)
    schedule = build_schedule(programme, start)
    (closing,) = schedule.event_dates("closing-event")
    mentoring = schedule.phase("mentoring")
    assert mentoring.end is not None and closing <= mentoring.end
    assert schedule.calendar.is_working(closing)
    assert all(not schedule.calendar.is_working(mentoring.end - dt.timedelta(days=d))
               for d in range((mentoring.end - closing).days))   # the last working day
    run = simulate(programme, registry=registry, pairs=6, seed=3, start=START)
    days = {e.date for e in run.timeline.events() if e.event == "closing-event"}
    assert days == {closing}
    assert {e.date for e in run.timeline.events() if e.type == "certificate"} == {closing}
    text = "\n".join(str(b) for b in handbook(programme, "fi", start).blocks)
    assert f"{closing.day}.{closing.month}.{closing.year}" in text
    ics = icalendar.Calendar.from_ical(render(run, "ics"))
    assert [e.decoded("dtstart") for e in ics.walk("VEVENT")
            if ".event.closing-event." in str(e["uid"])] == [closing]


# --- (c) meeting modes ----------------------------------------------------------------------

@pytest.mark.parametrize(("language", "expected"), [
    ("fi", "Tapaamiset tapahtuvat tyypillisesti kasvokkain; myös virtuaalisesti tai puhelimitse. "
           "Tapaamisten muodosta sopii pari yhdessä."),
    ("sv", "Träffarna sker i regel ansikte mot ansikte; även virtuellt eller per telefon. "
           "Formen för träffarna kommer par överens om tillsammans."),
    ("en", "The meetings are held face to face as a rule; also online or by phone. "
           "The pair agrees the form of its meetings."),
])
def test_the_handbook_says_how_the_pair_meets(write, run, language, expected):
    path = write("vocab.yaml", _model(
        modes=", modes: [face_to_face, online, phone], mode_chosen_by: pair"))
    result = run("handbook", str(path), "--lang", language, "--format", "md")
    assert expected in result.output, result.output


def test_one_mode_and_no_chooser_read_so(write, run):
    path = write("vocab.yaml", _model(modes=", modes: [phone]"))
    output = run("handbook", str(path), "--lang", "fi", "--format", "md").output
    assert "Tapaamiset tapahtuvat puhelimitse." in output
    assert "kasvokkain" not in output and "sopii" not in output


def test_matkalla_s_modes_are_data_and_reach_its_handbook(run):
    cadence = default_library().programme("matkalla-tyoelamaan").get("phases", "mentoring").cadence
    assert cadence.modes == ("face_to_face", "online", "phone")
    assert cadence.mode_chosen_by == "pair"
    output = run("handbook", "matkalla-tyoelamaan", "--lang", "fi", "--format", "md").output
    assert "tyypillisesti kasvokkain; myös virtuaalisesti tai puhelimitse" in output


def test_an_unknown_mode_is_an_error_with_its_position_and_the_closest(write, run):
    path = write("vocab.yaml", _model(modes=", modes: [face_to_face, video]"))
    result = run("validate", str(path))
    assert result.exit_code != 0
    assert "vocab.yaml:10:" in result.output and "modes[1]" in result.output
    assert "'video' is not one of: face_to_face, online, phone" in result.output
    assert "[E104]" in result.output
    result = run("validate", str(write("v.yaml", _model(modes=", modes: [phon]"))))
    assert "did you mean `phone`" in result.output, result.output
    result = run("validate", str(write("w.yaml", _model(modes=", mode_chosen_by: pari"))))
    assert "[E201]" in result.output, result.output


# --- (d) alternatives -----------------------------------------------------------------------

ALTERNATIVE = """\
    alternatives:
      - id: self-study
        name: {fi: verkkokurssi, en: online self-study}
        by_agreement: true
        modes: [online]
        then: {fi: yhteydenotto henkilöstöön, en: contact with the staff}
"""


def test_the_handbook_lists_an_alternative_under_its_phase(write, run):
    path = write("vocab.yaml", _model(alternatives=ALTERNATIVE))
    output = run("handbook", str(path), "--lang", "fi", "--format", "md").output
    assert "**Tai tämän vaiheen sijaan**" in output
    assert ("- **Verkkokurssi** (virtuaalisesti), erikseen sopimalla, sen jälkeen yhteydenotto "
            "henkilöstöön") in output
    plain = run("handbook", str(write("p.yaml", _model())), "--lang", "fi", "--format", "md")
    assert "sijaan" not in plain.output


def test_the_simulation_says_it_counts_the_phase_as_written(write):
    """An engine that cannot honour a fact says so: the note names the phase and the other
    way, in the JSON and the table, from the installed command; the staff hours are those of
    the phase as written (the same with and without the alternative)."""
    command = [sys.executable, "-m", "mentorcore", "simulate"]
    options = ["--start", START, "--set", "staff_hours_per_training=3"]
    with_alternative = write("vocab.yaml", _model(alternatives=ALTERNATIVE))
    data = json.loads(subprocess.run([*command, str(with_alternative), *options, "--format",
                                      "json"], capture_output=True, check=True).stdout)
    notes = [n for n in data.get("notes", []) if "training" in n]
    assert notes and "self-study" in notes[0] and "as written" in notes[0], data.get("notes")
    without = write("plain.yaml", _model())
    plain = json.loads(subprocess.run([*command, str(without), *options, "--format", "json"],
                                      capture_output=True, check=True).stdout)
    assert not [n for n in plain.get("notes", []) if "self-study" in n]
    assert data["summary"]["staff_hours_by_task"]["trainings"] == 3
    assert plain["summary"]["staff_hours_by_task"] == data["summary"]["staff_hours_by_task"]
    table = subprocess.run([*command, str(with_alternative), *options], capture_output=True,
                           text=True, check=True).stdout
    assert "self-study" in table


def test_an_event_s_alternative_is_shown_beside_it_and_noted_by_the_simulation(write, run,
                                                                              registry):
    from mentorcore.library import Library

    text = _model() + """\
events:
  - id: evening
    name: {fi: teemailta, en: themed evening}
    timing: monthly
    phase: mentoring
    alternatives:
      - {id: recording, name: {fi: tallenne, en: the recording}, modes: [online]}
"""
    path = write("vocab.yaml", text)
    output = run("handbook", str(path), "--lang", "fi", "--format", "md").output
    assert "- **Teemailta**: kerran kuukaudessa vaiheen aikana (mentoring). Tai sen sijaan: " \
           "**Tallenne** (virtuaalisesti)" in output, output
    programme = Library().load(str(path)).programme
    notes = simulate(programme, registry=registry, pairs=2, seed=0, start=START).notes
    # the note names the event and its other way as the table and the handbook do
    assert any("'themed evening'" in note and "the recording" in note for note in notes), notes


def test_matkalla_s_training_has_the_online_self_study_alternative(registry):
    phase = default_library().programme("matkalla-tyoelamaan").get("phases", "mentor-training")
    (alternative,) = phase.alternatives
    assert alternative.by_agreement and alternative.modes == ("online",)
    assert "hankehenkilöstöön" in alternative.then.get("fi")
    run = simulate(default_library().programme("matkalla-tyoelamaan"), registry=registry,
                   pairs=4, seed=0, start=START)
    assert any("'mentor training'" in note and "self-study of the basics" in note
               for note in run.notes), run.notes


# --- (e) attributes named by requirements and rules -----------------------------------------

def test_a_requirement_on_an_undeclared_attribute_is_an_error_with_the_closest(write, run):
    text = _model().replace("  - {id: mentor, name: mentor, kind: mentor}\n", """\
  - id: mentor
    name: mentor
    kind: mentor
    requirements:
      - {id: longer, text: lived in Finland longer, attribute: years_in_finland}
""") + """\
participant_data:
  fields:
    - {id: years_in_fin, purpose: to find a mentor who has lived here longer, type: number}
"""
    result = run("validate", str(write("vocab.yaml", text)))
    assert result.exit_code != 0
    assert "vocab.yaml:16:64: roles[0].requirements[0].attribute:" in result.output
    assert "[E215]" in result.output
    assert "did you mean `years_in_fin`" in result.output
