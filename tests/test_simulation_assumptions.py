"""Every assumption is executed or flagged, and every output says what was assumed.

The documented facts of the bundled models tie to the engine: kielikaveri pairs may go on past
their three meetings (continue_rate), Monika's rolling intake starts new_pairs_per_month pairs a
month, Kesälukio's group meets in the mentoring period (group_meetings_per_month); an assumption
nothing reads is a warning (W220) at its place in the file; ``--set`` overrides one for a run.
"""

from __future__ import annotations

import datetime
import json
import re
import statistics
import textwrap
from pathlib import Path

import attrs
import pytest

from mentorcore import Library, MentorcoreError
from mentorcore.model import Assumption, Text
from mentorcore.model.assumptions import KNOWN_ASSUMPTIONS, MATCHING, markdown_table, reads
from mentorcore.simulation import render, simulate, simulate_many
from mentorcore.simulation.plan import DEFAULT_EXIT_RATES, DEFAULTS, compile_plan
from tests.conftest import MINIMAL, csv_records

START = datetime.date(2026, 1, 5)
DOCS = Path(__file__).resolve().parents[1] / "docs"
LIBRARY = Library()


def programme(model_id: str):
    return LIBRARY.programme(model_id)


def with_assumptions(base, **values):
    """``base`` with these assumptions set (added, or replacing the model's)."""
    kept = [a for a in base.assumptions if a.id not in values]
    added = [Assumption(id=k, value=v, rationale=Text.of("a test")) for k, v in values.items()]
    return attrs.evolve(base, assumptions=tuple(kept + added))


def without(base, *ids):
    return attrs.evolve(base, assumptions=tuple(a for a in base.assumptions if a.id not in ids))


# -- the one table ---------------------------------------------------------------------------

def test_the_docs_list_the_table_of_assumptions():
    text = (DOCS / "simulation.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- generated from mentorcore\.model\.assumptions\.markdown_table\(\) "
                      r"-->\n(.*?)<!-- end of the generated table -->", text, re.S)
    assert block is not None
    assert block.group(1) == markdown_table(), (
        "docs/simulation.md: replace the table with mentorcore.model.assumptions.markdown_table()")


def test_the_plans_defaults_are_the_tables():
    table = {k.id: k for k in KNOWN_ASSUMPTIONS}
    for name, (default, meaning) in DEFAULTS.items():
        assert table[name].default == default and table[name].meaning == meaning
    assert {"cancellation_rate", "intake_days", "matching_days", "mentoring_months"} <= set(
        DEFAULTS)
    assert table["mentees_per_mentor"].reader == MATCHING


@pytest.mark.parametrize("model_id", LIBRARY.ids())
def test_every_assumption_of_a_bundled_model_is_read(model_id, registry):
    found = reads(programme(model_id), registry.unit_kinds)
    assert not found.unread, found.unread
    assert set(found.readers) == {a.id for a in programme(model_id).assumptions}


@pytest.mark.parametrize("model_id", LIBRARY.ids())
def test_validate_strict_passes_every_bundled_model(run, model_id):
    result = run("validate", "--strict", model_id)
    assert result.exit_code == 0, result.output
    assert "W220" not in result.output


def test_an_unknown_assumption_is_a_warning_at_its_place_with_a_suggestion(run, write):
    path = write("model.yaml", MINIMAL + textwrap.dedent("""\
        assumptions:
          - id: cancelation_rate
            value: 0.2
            rationale: a typo
        """))
    result = run("validate", str(path))
    assert result.exit_code == 0, result.output
    assert (f"{path}:15:9: assumptions[0].id: warning: no engine reads the assumption "
            "'cancelation_rate' (did you mean `cancellation_rate`?) [W220]") in result.output
    strict = run("validate", "--strict", str(path))
    assert strict.exit_code == 1


@pytest.mark.parametrize(("assumption", "reason"), [
    ("pair_meetings_per_month", "gives how often they meet"),
    ("intake_days", "entry: rolling"),
    ("continue_rate", "at least N"),
    ("phase_duration_months", "gives its duration"),
    ("group_meetings_per_month", "events give the meetings of 'group'"),
    ("pair_size", "fixed number of members"),
])
def test_an_assumption_this_model_gives_nothing_to_read_it_with_is_a_warning(
        run, write, assumption, reason):
    path = write("ours.yaml", f"""\
        id: ours
        extends: womento
        assumptions:
          - id: {assumption}
            value: 1
            rationale: a test
        """)
    result = run("validate", str(path))
    assert f"nothing reads the assumption '{assumption}' in this model" in result.output
    assert reason in result.output and "[W220]" in result.output
    assert f"{path}:4:9:" in result.output


def test_the_warning_speaks_the_language_of_the_run(run, write):
    path = write("model.yaml", MINIMAL + textwrap.dedent("""\
        assumptions:
          - {id: intake_days, value: 100, rationale: a test}
        """))
    result = run("--lang", "fi", "validate", str(path))
    assert "varoitus" in result.output and "[W220]" in result.output
    assert "nothing reads" not in result.output


def test_a_matching_assumption_is_read_by_matching_when_the_model_matches(registry):
    kesalukio = programme("kesalukio")
    assert reads(kesalukio, registry.unit_kinds).readers["mentees_per_mentor"] == (MATCHING,)
    unmatched = with_assumptions(attrs.evolve(kesalukio, matching=None), mentees_per_mentor=3)
    assert "mentees_per_mentor" in reads(unmatched, registry.unit_kinds).unread


# -- kielikaveri: pairs may go on as long as they want ----------------------------------------

def held_by_completed(run):
    return [u.meetings_held for u in run.units.rows() if u.ended == "completed"]


def test_with_continue_rate_0_no_language_pair_goes_past_its_three_meetings(registry):
    kielikaveri = programme("kielikaveri")
    run = simulate(kielikaveri, registry=registry, pairs=300, seed=3, start=START,
                   assumptions={"continue_rate": 0})
    held = held_by_completed(run)
    assert held and set(held) == {3}
    assert max(u.meetings_held for u in run.units.rows()) == 3


def test_with_continue_rate_1_pairs_go_on_for_the_months_the_model_assumes(registry):
    kielikaveri = programme("kielikaveri")
    run = simulate(kielikaveri, registry=registry, pairs=300, seed=3, start=START,
                   assumptions={"continue_rate": 1})
    held = held_by_completed(run)
    assert min(held) >= 3
    assert statistics.median(held) >= 5  # about one a month for six months (the assumption)
    days = [(u.end - u.start).days for u in run.units.rows() if u.ended == "completed"]
    assert statistics.median(days) == pytest.approx(6 * 365.25 / 12, rel=0.1)


def test_the_models_continue_rate_is_the_share_that_goes_on(registry):
    run = simulate(programme("kielikaveri"), registry=registry, pairs=1000, seed=5, start=START)
    held = held_by_completed(run)
    assert sum(1 for count in held if count >= 3) / len(held) > 0.97
    beyond = sum(1 for count in held if count > 3) / len(held)
    assert beyond == pytest.approx(0.3, abs=0.06)
    assert any("30 % of units go on after 3 meetings" in note for note in run.notes)


# -- Monika: the rolling intake's rate --------------------------------------------------------

def starts_per_month(run):
    starts = sorted(u.start for u in run.units.rows())
    months = (starts[-1] - starts[0]).days / (365.25 / 12)
    return (len(starts) - 1) / months


@pytest.mark.parametrize("rate", [2, 4])
def test_monika_starts_about_new_pairs_per_month_pairs_a_month(registry, rate):
    monika = programme("monika")
    assert monika.assumption("new_pairs_per_month") == 2
    run = simulate(monika, registry=registry, pairs=400, seed=1, start=START,
                   assumptions={"new_pairs_per_month": rate})
    assert starts_per_month(run) == pytest.approx(rate, rel=0.15)


def test_without_a_rate_monika_spreads_arrivals_over_intake_days(registry):
    monika = without(programme("monika"), "new_pairs_per_month")
    run = simulate(monika, registry=registry, pairs=400, seed=1, start=START)
    starts = sorted(u.start for u in run.units.rows())
    assert 330 <= (starts[-1] - starts[0]).days <= 480  # a year, and the wait for a mentor
    used = {a.id: a for a in run.assumptions}
    assert used["intake_days"].origin == "default" and used["intake_days"].value == 365
    assert "new_pairs_per_month" not in used


def test_more_monika_pairs_never_move_the_first_ones(registry):
    small = simulate(programme("monika"), registry=registry, pairs=5, seed=9, start=START)
    large = simulate(programme("monika"), registry=registry, pairs=12, seed=9, start=START)
    assert [u.start for u in small.units.rows()] == [u.start for u in large.units.rows()][:5]


# -- Kesälukio: group meetings of the mentoring period ----------------------------------------

def group_meetings(run):
    return [e for e in run.timeline.events()
            if e.type == "programme_event" and e.event and e.event.startswith("camp-group")]


def test_kesalukio_holds_group_meetings_at_its_assumed_rate(registry):
    kesalukio = programme("kesalukio")
    run = simulate(kesalukio, registry=registry, seed=1, start=START)
    mentoring = next(p for p in run.phases if p.id == "mentoring")
    months = ((mentoring.end - mentoring.start).days + 1) / (365.25 / 12)
    meetings = group_meetings(run)
    assert abs(len(meetings) - months) <= 1
    assert all(mentoring.start <= e.date <= mentoring.end for e in meetings)
    twice = simulate(kesalukio, registry=registry, seed=1, start=START,
                     assumptions={"group_meetings_per_month": 2})
    assert abs(len(group_meetings(twice)) - 2 * months) <= 1
    none = simulate(without(kesalukio, "group_meetings_per_month"), registry=registry, seed=1,
                    start=START)
    assert group_meetings(none) == []


# -- defaults are reported as assumptions -----------------------------------------------------

def test_an_exit_rule_without_a_rate_is_reported_with_its_default_rate(registry):
    individual = without(programme("auroras-individual"), "early_end_rate", "dropout_rate")
    plan = compile_plan(individual, registry)
    used = {a.id: a for a in plan.used}
    assert used["early_end_rate"].value == DEFAULT_EXIT_RATES["early_end"]
    assert used["early_end_rate"].origin == "default"
    assert used["cancellation_rate"].origin == "model"
    assert used["reschedule_rate"].origin == "default"


def test_the_cohort_size_is_listed_only_when_it_sized_the_cohort(registry):
    womento = programme("womento")
    assert "cohort_size" in {a.id for a in simulate(womento, registry=registry,
                                                    start=START).assumptions}
    assert "cohort_size" not in {a.id for a in simulate(womento, registry=registry, pairs=4,
                                                        start=START).assumptions}


def test_the_summer_pause_is_listed_on_the_finnish_calendar(registry):
    run = simulate(programme("womento"), registry=registry, pairs=3, start=START,
                   calendar="finnish")
    used = {a.id: a for a in run.assumptions}
    assert used["summer_pause"].value == "07-01..07-31" and used["summer_pause"].origin == "default"


# -- every output lists the assumptions -------------------------------------------------------

def test_json_lists_the_assumptions_with_value_and_origin(run):
    result = run("simulate", "kielikaveri", "--start", "2026-01-05", "--format", "json",
                 "--set", "continue_rate=0,5")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    listed = {a["id"]: a for a in data["assumptions"]}
    assert listed["continue_rate"] == {"id": "continue_rate", "value": 0.5, "origin": "override"}
    assert listed["cancellation_rate"]["origin"] == "model"
    assert listed["reschedule_rate"] == {"id": "reschedule_rate", "value": 0.8,
                                         "origin": "default"}
    jsonschema = pytest.importorskip("jsonschema")
    from mentorcore.simulation.formats import JSON_SCHEMA

    jsonschema.validate(data, JSON_SCHEMA)


def test_replications_list_the_assumptions_too(run):
    result = run("simulate", "monika", "--start", "2026-01-05", "--format", "json",
                 "--replications", "5")
    data = json.loads(result.output)
    assert {"id": "new_pairs_per_month", "value": 2, "origin": "model"} in data["assumptions"]
    assert {"id": "matching_days", "value": 14, "origin": "default"} in data["assumptions"]


def test_the_table_ends_with_the_assumptions_used(run):
    result = run("simulate", "monika", "--start", "2026-01-05", "--set", "matching_days=7")
    lines = result.output.splitlines()
    index = lines.index("Assumptions used (value, where it comes from)")
    block = lines[index + 1:]
    assert any(re.match(r"\s+new_pairs_per_month\s+2\s+from the model$", line) for line in block)
    assert any(re.match(r"\s+matching_days\s+7\s+set for this run$", line) for line in block)
    assert any(re.match(r"\s+reschedule_rate\s+0\.8\s+engine default$", line) for line in block)


def test_csv_rows_of_type_assumption_come_first(run):
    result = run("simulate", "womento", "--pairs", "3", "--start", "2026-01-05", "--format",
                 "csv", "--set", "dropout_rate=0.2")
    rows = csv_records(result.output)
    listed = [r for r in rows if r["type"] == "assumption"]
    assert rows[:len(listed)] == listed and listed
    assert {"date": "2026-01-05", "assumption": "dropout_rate", "value": "0,2",  # excel-fi
            "origin": "override"}.items() <= next(
                r for r in listed if r["assumption"] == "dropout_rate").items()


def test_the_chart_caption_and_the_calendar_name_the_assumptions(registry):
    run = simulate(programme("kielikaveri"), registry=registry, start=START,
                   assumptions={"continue_rate": 0.5})
    svg = render(run, "svg").decode() if isinstance(render(run, "svg"), bytes) else render(
        run, "svg")
    assert "continue_rate 0.5 (set for this run)" in svg
    ics = render(run, "ics")
    text = ics.decode() if isinstance(ics, bytes) else ics
    assert "X-WR-CALDESC:Assumptions: cohort_size 10 (from the model)" in text.replace("\r\n ", "")


# -- --set ------------------------------------------------------------------------------------

def test_an_override_is_byte_identical_run_to_run(run):
    args = ["simulate", "kielikaveri", "--start", "2026-01-05", "--format", "json", "--seed",
            "4", "--set", "continue_rate=1", "--set", "pair_meetings_per_month=2"]
    first = run(*args)
    assert first.exit_code == 0 and first.output == run(*args).output


def test_an_override_changes_what_the_engine_does(registry):
    womento = programme("womento")
    plain = simulate(womento, registry=registry, pairs=30, seed=2, start=START)
    lost = simulate(womento, registry=registry, pairs=30, seed=2, start=START,
                    assumptions={"cancellation_rate": 0.5, "reschedule_rate": 0})
    assert (lost.summary.figures["meetings_cancelled"]
            > 2 * plain.summary.figures["meetings_cancelled"])


@pytest.mark.parametrize(("setting", "message"), [
    ("cancelation_rate=0.2", "no engine reads an assumption 'cancelation_rate' (did you mean "
                             "`cancellation_rate`?) [E621]"),
    ("cancellation_rate=lots", "--set cancellation_rate: expected a number, found 'lots' "
                               "[E621]"),
    ("cancellation_rate=1.5", "must lie between 0 and 1, found 1.5"),
    ("continue_rate=0.5", "does not read it: no cadence says “at least N” meetings"),
    ("mentees_per_mentor=2", "it is read by matching, which this run does not do"),
    ("intake_days", "--set needs ID=VALUE"),
])
def test_a_bad_setting_exits_2_with_its_rule(run, setting, message):
    result = run("simulate", "womento", "--set", setting)
    assert result.exit_code == 2
    assert message in result.output


def test_a_bad_setting_speaks_the_language_of_the_run(run):
    result = run("--lang", "fi", "simulate", "womento", "--set", "cancellation_rate=lots")
    assert result.exit_code == 2 and "[E621]" in result.output
    assert "expected a number" not in result.output


def test_the_python_api_refuses_a_bad_setting_with_e621(registry):
    with pytest.raises(MentorcoreError) as error:
        simulate(programme("womento"), registry=registry, assumptions={"dropout_rate": -1})
    assert error.value.diagnostics[0].rule == "E621" and error.value.exit_code == 2
    ensemble = simulate_many(programme("womento"), 3, registry=registry, start=START,
                             assumptions={"dropout_rate": 0.3})
    assert {"id": "dropout_rate", "value": 0.3, "origin": "override"} in [
        attrs.asdict(a) for a in ensemble.assumptions]


# -- the check and the run never disagree -----------------------------------------------------

VALUES = {"share": 0.5, "positive": 2, "number": 2, "text": "06-22..08-09"}


@pytest.mark.parametrize("model_id", LIBRARY.ids())
def test_an_assumption_is_listed_by_a_run_exactly_when_the_check_says_the_simulation_reads_it(
        model_id, registry):
    from mentorcore.model.assumptions import SIMULATION, known_ids, resolve
    from mentorcore.simulation.replication import prepare

    base = programme(model_id)
    for assumption_id in known_ids(base):
        kind = resolve(base, assumption_id)[0].kind
        changed = with_assumptions(base, **{assumption_id: VALUES[kind]})
        read = reads(changed, registry.unit_kinds).read_by(assumption_id, SIMULATION)
        setup = prepare(changed, registry=registry, calendar="finnish", start=START)
        assert read == (assumption_id in {a.id for a in setup.assumptions}), assumption_id


def test_a_pace_of_zero_is_a_bad_value_not_an_unread_one(registry, write, run):
    path = write("ours.yaml", """\
        id: ours
        extends: kielikaveri
        assumptions:
          - {id: pair_meetings_per_month, value: 0, rationale: a test}
        """)
    assert "W220" not in run("validate", str(path)).output
    result = run("simulate", str(path))
    assert result.exit_code == 1
    assert "'pair_meetings_per_month' must be a positive number [E602]" in result.output
