"""Every fact the simulation could act on is read or flagged (issue 13, point 3).

A cadence's ``self_scheduled`` decides whether gaps between meetings vary; an event's
``voluntary`` gives ``voluntary_share`` of its people; ``outputs`` without ``certificates`` and
an optional phase in which units meet are warned about (W221, fact-unread), and so is a unit's
own event in a phase with a total that does not say whether it counts (``counts_as_meeting``).
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys

import attrs
import numpy as np
import pytest

from mentorcore import Library
from mentorcore.simulation import simulate, simulate_many

LIBRARY = Library()
START = datetime.date(2026, 1, 5)


def _model(write, name, old, new):
    text = LIBRARY.path("womento").read_text(encoding="utf-8")
    assert old in text, old
    return write(name, text.replace(old, new, 1))


def test_outputs_without_certificates_are_flagged_at_their_place(write, run):
    path = _model(write, "w.yaml", "  - id: group-meetings\n",
                  "  - id: group-meetings\n    outputs: [certificate]\n")
    result = run("validate", str(path))
    assert "events[0].outputs" in result.output or "outputs: warning" in result.output
    assert "the simulation does not read `outputs`" in result.output and "[W221]" in result.output
    assert run("validate", "--strict", str(path)).exit_code == 1


def test_the_installed_command_flags_an_optional_phase_in_which_units_meet(write):
    path = _model(write, "w.yaml", "    kind: mentoring\n",
                  "    kind: mentoring\n    optional: true\n")
    env = {**os.environ, "LANG": "C.UTF-8", "MENTORCORE_LANG": "en"}
    done = subprocess.run([sys.executable, "-m", "mentorcore", "validate", str(path)],
                          capture_output=True, text=True, env=env, timeout=120)
    output = done.stdout + done.stderr
    assert "optional" in output and "[W221]" in output, output


def test_a_units_own_event_in_a_phase_with_a_total_must_say_whether_it_counts(write, run):
    text = LIBRARY.path("monika").read_text(encoding="utf-8")
    assert "    counts_as_meeting: true\n" in text
    path = write("m.yaml", text.replace("    counts_as_meeting: true\n", "", 1))
    result = run("validate", str(path))
    assert "does not say whether it is one of the meetings in all" in result.output
    assert "[W221]" in result.output
    assert "[W221]" not in run("validate", "monika").output


def test_every_bundled_model_leaves_no_fact_unread(run):
    for model in LIBRARY.ids():
        assert "[W221]" not in run("validate", model).output, model


def test_a_probability_outside_0_to_1_is_refused_at_its_place(write, run):
    path = _model(write, "w.yaml", "  - id: group-meetings\n",
                  "  - id: group-meetings\n    probability: 1.5\n")
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert "probability" in result.output and "between 0 and 1" in result.output


def test_self_scheduled_units_vary_their_gaps_others_keep_a_rhythm(registry):
    womento = LIBRARY.programme("womento")
    phases = list(womento.phases)
    index = next(i for i, p in enumerate(phases) if p.cadence is not None)
    assert phases[index].cadence.self_scheduled
    steady = attrs.evolve(womento, phases=tuple(
        attrs.evolve(p, cadence=attrs.evolve(p.cadence, self_scheduled=False))
        if i == index else p for i, p in enumerate(phases)))

    def spread(programme):
        run = simulate(programme, registry=registry, pairs=40, start=START, calendar="plain",
                       assumptions={"cancellation_rate": 0})
        ratios = []
        for unit in run.units.rows()[:40]:
            days = sorted(e.date for e in run.timeline.events()
                          if e.type == "meeting" and e.unit == unit.id)
            gaps = np.diff([d.toordinal() for d in days])[1:]   # after the first meeting
            if len(gaps) > 2:
                ratios.append(gaps.std() / gaps.mean())
        return float(np.median(ratios))

    assert spread(womento) > 0.15
    assert spread(steady) < 0.05


def test_a_voluntary_event_gives_its_share_of_people(registry):
    # Matkalla's monthly themed trainings are voluntary: voluntary_share of the pairs' people
    matkalla = LIBRARY.programme("matkalla-tyoelamaan")
    half = simulate_many(matkalla, 20, registry=registry, pairs=10, start=START)
    everyone = simulate_many(matkalla, 20, registry=registry, pairs=10, start=START,
                             assumptions={"voluntary_share": 1.0})
    nobody = simulate_many(matkalla, 20, registry=registry, pairs=10, start=START,
                           assumptions={"voluntary_share": 0.0})
    people = {name: e.summary.figures["event_participants"].mean
              for name, e in (("half", half), ("everyone", everyone), ("nobody", nobody))}
    assert people["nobody"] < people["half"] < people["everyone"]
    used = {a.id: a for a in half.run.assumptions}
    assert used["voluntary_share"].value == 0.5 and used["voluntary_share"].origin == "default"


def test_voluntary_share_is_unread_without_a_voluntary_event(write, run):
    text = LIBRARY.path("womento").read_text(encoding="utf-8")
    path = write("w.yaml", text.replace(
        "assumptions:\n", "assumptions:\n  - id: voluntary_share\n    value: 0.4\n"
        "    rationale: a test\n", 1))
    result = run("validate", str(path))
    assert "voluntary_share" in result.output and "no event is voluntary" in result.output
    assert "[W220]" in result.output


@pytest.mark.parametrize("model, members", [("professionals-group", 8), ("oma-polku", 8),
                                            ("auroras-group", 12)])
def test_a_groups_size_counts_its_leaders(model, members, registry):
    run = simulate(LIBRARY.programme(model), registry=registry, start=START)
    assert len(run.units.rows()[0].members) == members
    used = {a.id: a.value for a in run.assumptions}
    assert used["group_size"] == members


def test_a_group_without_a_size_is_one_group_and_says_so(registry):
    womento = LIBRARY.programme("womento")
    sizeless = attrs.evolve(womento, units=tuple(
        attrs.evolve(u, size=None) if u.made_of else u for u in womento.units))
    run = simulate(sizeless, registry=registry, pairs=20, start=START)
    assert run.units.groups == 1
    assert any("gives no size: all the units form one group" in note for note in run.notes)


@pytest.mark.parametrize("old, new, flagged", [
    ("    kind: mentoring\n", "    kind: mentoring\n    entry: opt_in\n", "entry: opt_in"),
    ("reports:\n", "reports:\n  - id: mid-report\n    by: [mentor]\n    to: staff\n"
     "    when: each_meeting\n", "when: each_meeting"),
])
def test_an_entry_or_a_report_time_the_simulation_does_not_honour_is_flagged(write, run, old,
                                                                           new, flagged):
    text = LIBRARY.path("auroras-individual").read_text(encoding="utf-8")
    assert old in text
    result = run("validate", str(write("a.yaml", text.replace(old, new, 1))))
    assert f"the simulation does not read `{flagged}`" in result.output, result.output
    assert "[W221]" in result.output
