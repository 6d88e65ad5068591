"""Staff work in full: every task a model implies counts hours at its own assumption."""

from __future__ import annotations

import datetime
import json

import numpy as np
import pytest

from mentorcore import Library, MentorcoreError
from mentorcore.model.assumptions import STAFF_TASKS, reads
from mentorcore.simulation import simulate
from mentorcore.simulation.replication import prepare
from mentorcore.words import Words

START = datetime.date(2026, 1, 5)
MODELS = ["womento", "auroras-individual", "matkalla-tyoelamaan", "kesalukio", "monika",
          "peer-mentoring-jyvaskyla", "kielikaveri"]


def batch_of(programme, registry, settings, replications=4):
    import mentorcore.simulation.figures as f
    from mentorcore.simulation.engine import sample

    setup = prepare(programme, registry=registry, seed=3, start=START, assumptions=settings)
    group_of, groups = setup.groups()
    batch = sample(setup.plan, setup.cohort.size, setup.seed, np.arange(replications),
                   setup.calendar, group_of=group_of, groups=groups)
    figures = f.figures(batch, setup.members(), setup.start)
    return batch, setup, figures, f.staff_tasks(batch, setup.start, setup.members())


@pytest.mark.parametrize("model", MODELS)
def test_each_task_counts_its_own_work_and_they_add_up_to_staff_hours(model, registry):
    programme = Library(registry).programme(model)
    tasks = reads(programme, registry.unit_kinds).staff_tasks
    # one hour per task, and each task's hours are then the count of its work
    settings = {assumption: 1 for task, assumption in STAFF_TASKS if task in tasks}
    batch, setup, figures, hours = batch_of(programme, registry, settings)
    assert set(hours) == set(tasks)
    total = sum(h.sum(axis=1) for h in hours.values())
    np.testing.assert_allclose(total, figures["staff_hours"])
    units = setup.cohort.size
    np.testing.assert_allclose(hours["matching"].sum(axis=1), units)
    np.testing.assert_allclose(hours["intake"].sum(axis=1), setup.members().sum())
    if "reports" in hours:
        np.testing.assert_allclose(hours["reports"].sum(axis=1), figures["reports"])
    if "certificates" in hours:
        np.testing.assert_allclose(hours["certificates"].sum(axis=1), figures["certificates"])
        assert figures["certificates"].min() > 0
    if "start_meetings" in hours:
        assert hours["start_meetings"].sum() > 0


def test_a_task_the_model_implies_is_listed_and_one_it_does_not_is_refused(registry):
    library = Library(registry)
    matkalla = simulate(library.programme("matkalla-tyoelamaan"), registry=registry, pairs=5,
                        start=START, assumptions={"staff_hours_per_certificate": 0.25})
    used = {a.id: (a.value, a.origin) for a in matkalla.assumptions}
    assert used["staff_hours_per_certificate"] == (0.25, "override")
    assert used["staff_hours_per_training"] == (0, "default")
    with pytest.raises(MentorcoreError) as raised:
        simulate(library.programme("womento"), registry=registry, pairs=5, start=START,
                 assumptions={"staff_hours_per_certificate": 0.25})
    assert raised.value.diagnostics[0].rule == "E621"
    assert "certificates" in raised.value.diagnostics[0].message


def test_intake_hours_fall_in_the_month_the_units_are_formed(registry):
    womento = Library(registry).programme("womento")
    _batch, _setup, _figures, hours = batch_of(womento, registry,
                                               {"staff_hours_per_intake": 2})
    # womento's pairs are formed on the matching phase's last day: all intake in one month
    per_month = hours["intake"]
    assert (np.count_nonzero(per_month, axis=1) == 1).all()
    np.testing.assert_allclose(per_month.sum(axis=1), 2 * 2 * 15)


def test_a_start_meeting_costs_an_event_unless_the_model_says_otherwise(registry):
    auroras = Library(registry).programme("auroras-individual")
    _b, _s, plain, plain_hours = batch_of(auroras, registry, {})
    _b, _s, cheap, cheap_hours = batch_of(auroras, registry,
                                          {"staff_hours_per_start_meeting": 0})
    assert plain_hours["start_meetings"].sum() > 0 and cheap_hours["start_meetings"].sum() == 0
    np.testing.assert_allclose(plain["staff_hours"] - cheap["staff_hours"],
                               plain_hours["start_meetings"].sum(axis=1))


def test_validate_flags_the_hours_of_a_task_the_model_does_not_have(run, write):
    model = write("ours.yaml", """\
        id: ours
        extends: womento
        assumptions:
          - id: staff_hours_per_certificate
            value: 0.5
            rationale: a test
          - id: staff_hours_per_intake
            value: 1
            rationale: a test
        """)
    result = run("validate", str(model))
    assert "ours.yaml:4:9" in result.output and "W220" in result.output
    assert "no event hands out certificates" in result.output
    assert result.output.count("W220") == 1  # intake is a task every model has


def test_simulate_breaks_the_staff_hours_down_and_counts_the_peak_month_run_by_run(run):

    single = json.loads(run("simulate", "auroras-individual", "--start", "2026-01-05",
                            "--format", "json").output)["summary"]
    tasks = single["staff_hours_by_task"]
    assert set(tasks) == {"intake", "matching", "start_meetings", "monitoring", "events",
                          "reports"}
    assert sum(tasks.values()) == pytest.approx(single["staff_hours"])
    assert "staff_peak_months" not in single  # one run: its peak is in its months
    many = json.loads(run("simulate", "womento", "--start", "2026-01-05", "--replications",
                          "80", "--format", "json").output)["summary"]
    shares = [m["share"] for m in many["staff_peak_months"]]
    assert sum(shares) == pytest.approx(1) and shares == sorted(shares, reverse=True)
    assert set(many["staff_hours_by_task"]["monitoring"]) == {"p5", "p50", "p95", "mean"}
    table = run("simulate", "womento", "--start", "2026-01-05", "--replications", "80").output
    top = many["staff_peak_months"][0]
    month = Words("en").month(top["month"])  # "February 2026": the month as capacity writes it
    assert f"Peak month of the staff: {month} in {100 * top['share']:.0f} % of runs" in table
    assert "Staff hours by task" in table


def test_months_read_as_people_write_them_in_every_table(run):
    """simulate's workload per month and peak months name a month as capacity does: "March
    2026", "maaliskuu 2026", "mars 2026" (the table printed 2026-03 in every language)."""
    for lang in ("en", "fi", "sv"):
        args = ("--lang", lang, "simulate", "womento", "--start", "2026-01-05",
                "--replications", "20")
        table = run(*args).output
        summary = json.loads(run(*args, "--format", "json").output)["summary"]  # ISO labels
        for month in summary["months"]:
            assert f"\n  {Words(lang).month(month['month'])} " in table, (lang, month)
            assert f"\n  {month['month']} " not in table
        peak = summary["staff_peak_months"][0]["month"]
        line = next(line for line in table.splitlines() if "%" in line
                    and Words(lang).month(peak) in line)  # the peak months' line
        assert peak not in line
    assert Words("fi").month("2026-03") == "maaliskuu 2026"
    assert Words("sv").month("2026-03") == "mars 2026"
