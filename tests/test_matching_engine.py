"""match(): rules from the model and plugins, explanations, groups, reproducibility."""

from __future__ import annotations

import random
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorcore import Library, MentorcoreError
from mentorcore.matching import load_participants, match, participants_from_records, render, to_json

DATA = Path(__file__).parent / "data" / "participants"

BASE = """\
id: t
name: T
organisation: O
roles:
  - {id: mentor, name: mentor, kind: mentor}
  - {id: mentee, name: mentee, kind: mentee}
"""
PAIR_UNIT = """\
units:
  - {id: pair, kind: pair, roles: [mentor, mentee]}
"""


def model(tmp_path: Path, text: str, name: str = "m.yaml"):
    text = textwrap.dedent(text)
    path = tmp_path / name
    path.write_text(BASE + ("" if "units:" in text else PAIR_UNIT) + text, encoding="utf-8")
    return Library().programme(str(path))


@pytest.fixture(scope="module")
def pairs_model():
    return Library().programme(str(DATA / "pairs-model.yaml"))


@pytest.fixture(scope="module")
def people(pairs_model):
    return load_participants(DATA / "people.csv", pairs_model)


def ids(result):
    return sorted(tuple(m.id for m in p.members) for p in result.pairs)


def test_pairs_meet_hard_rules_and_explain_themselves(pairs_model, people, registry):
    result = match(pairs_model, people, registry=registry)
    assert ids(result) == [("a1", "m1"), ("a2", "m2")]
    first = result.pair_of("a1")
    assert first.score == 2.5
    assert "meets hard rule 'same-field' (same_field)" in first.reasons
    assert any("fit 0.5 × weight 1 = +0.5" in r for r in first.reasons)
    [left_out] = result.unmatched
    assert left_out.member.id == "a3" and left_out.candidates == 0
    assert left_out.reasons == ("no mentor meets 'same-field' (same_field; wished_field: law)",)
    assert result.summary.pairs == 2 and dict(result.summary.unmatched) == {"mentee": 1,
                                                                            "mentor": 0}


def test_groups_of_pairs_balance_the_named_field(pairs_model, people, registry):
    result = match(pairs_model, people, registry=registry)
    [group] = result.groups
    assert group.pairs == (0, 1) and group.balance == "region"
    assert all(p.group == group.id for p in result.pairs)


def test_all_candidates_at_capacity(tmp_path, registry):
    programme = model(tmp_path, """\
        matching:
          unit: pair
          rules: [{id: field, criterion: same_field, hard: true}]
        participant_data:
          fields:
            - {id: field, purpose: p, roles: [mentor]}
            - {id: wished_field, purpose: p, roles: [mentee]}
        """)
    people = participants_from_records([
        {"id": "a1", "role": "mentee", "wished_field": "it"},
        {"id": "a2", "role": "mentee", "wished_field": "it"},
        {"id": "a3", "role": "mentee", "wished_field": "it"},
        {"id": "m1", "role": "mentor", "field": "it"}], programme)
    for solver in ("optimal", "stable"):
        result = match(programme, people, solver=solver, registry=registry)
        assert len(result.pairs) == 1
        assert [u.reasons[0][:28] for u in result.unmatched] == \
            ["1 candidate, all at capacity"] * 2


def test_hard_rules_that_only_fail_together(tmp_path, registry):
    programme = model(tmp_path, """\
        matching:
          unit: pair
          rules:
            - {id: field, criterion: same_field, hard: true}
            - {id: region, criterion: region, hard: true}
        participant_data:
          fields:
            - {id: field, purpose: p, roles: [mentor]}
            - {id: wished_field, purpose: p, roles: [mentee]}
            - {id: region, purpose: p}
        """)
    people = participants_from_records([
        {"id": "a1", "role": "mentee", "wished_field": "it", "region": "Oulu"},
        {"id": "m1", "role": "mentor", "field": "it", "region": "Vaasa"},
        {"id": "m2", "role": "mentor", "field": "law", "region": "Oulu"}], programme)
    result = match(programme, people, registry=registry)
    assert result.unmatched[0].reasons == (
        "no mentor meets all hard rules together (field: 1, region: 1)",)


def test_special_category_values_are_withheld_in_reasons(tmp_path, registry):
    programme = model(tmp_path, """\
        matching:
          unit: pair
          rules: [{id: group, criterion: same_language_group, hard: true}]
        participant_data:
          fields:
            - {id: language_group, purpose: p, special_category: ethnic_origin}
        """)
    people = participants_from_records([
        {"id": "a1", "role": "mentee", "language_group": "dari"},
        {"id": "m1", "role": "mentor", "language_group": "somali"}], programme)
    result = match(programme, people, registry=registry)
    text = render(result, "json")
    assert "dari" not in text and "somali" not in text
    assert "language_group: withheld, special-category data" in result.unmatched[0].reasons[0]


def test_capacity_field_and_capacity(pairs_model, tmp_path, registry):
    records = [{"id": f"a{k}", "role": "mentee", "wished_field": "it", "languages": "fi"}
               for k in range(5)]
    records += [{"id": "m1", "role": "mentor", "field": "it", "languages": "fi"},
                {"id": "m2", "role": "mentor", "field": "it", "languages": "fi",
                 "max_mentees": 1}]
    people = participants_from_records(records, pairs_model)
    result = match(pairs_model, people, registry=registry)
    by_mentor = [p.members[1].id for p in result.pairs]
    assert by_mentor.count("m1") == 2 and by_mentor.count("m2") == 1  # capacity max 2
    assert result.summary.capacity == 3


def test_same_seed_same_bytes_other_seed_may_differ(pairs_model, registry):
    rng = random.Random(0)
    records = [{"id": f"a{k}", "role": "mentee", "wished_field": "it", "languages": "fi",
                "region": rng.choice(["Vaasa", "Oulu"])} for k in range(12)]
    records += [{"id": f"m{k}", "role": "mentor", "field": "it", "languages": "fi",
                 "region": rng.choice(["Vaasa", "Oulu"])} for k in range(8)]
    people = participants_from_records(records, pairs_model)
    for solver in ("optimal", "stable", "reciprocal"):
        once = render(match(pairs_model, people, registry=registry, solver=solver, seed=3),
                      "json")
        assert once == render(match(pairs_model, people, registry=registry, solver=solver,
                                    seed=3), "json")
    outcomes = {render(match(pairs_model, people, registry=registry, seed=s), "json")
                for s in range(6)}
    assert len(outcomes) > 1  # ties are broken by the seed


def test_reciprocal_buddies(registry):
    programme = Library().programme(str(DATA / "buddies-model.yaml"))
    people = load_participants(DATA / "buddies.csv", programme)
    result = match(programme, people, registry=registry)
    assert ids(result) == [("b1", "b2"), ("b4", "b5")]
    reasons = {u.member.id: u.reasons[0] for u in result.unmatched}
    # the role by its name in the model
    assert reasons["b6"].startswith("no language buddy meets 'languages' (reciprocal_language")
    with pytest.raises(MentorcoreError) as error:
        match(programme, people, solver="optimal", registry=registry)
    assert error.value.diagnostics[0].rule == "E503"


def test_led_groups_respect_the_hard_rules(tmp_path, registry):
    programme = model(tmp_path, """\
        units:
          - id: group
            kind: group
            roles: [mentor, mentee]
            composition: mentees_led_by_mentors
            led_by: [mentor]
            size: {min: 2, max: 4, unit: person}
        matching:
          unit: group
          rules:
            - {id: same-language-group, criterion: same_language_group, hard: true}
            - {id: longer, criterion: lived_in_finland_longer, hard: true}
        participant_data:
          fields:
            - {id: language_group, purpose: p, special_category: ethnic_origin}
            - {id: years_in_finland, purpose: p, type: number}
        """)
    records = [{"id": f"y{k}", "role": "mentee", "language_group": "dari" if k < 4 else "tigrinya",
                "years_in_finland": 1} for k in range(6)]
    records += [{"id": "m1", "role": "mentor", "language_group": "dari", "years_in_finland": 9},
                {"id": "m2", "role": "mentor", "language_group": "dari", "years_in_finland": 7},
                {"id": "m3", "role": "mentor", "language_group": "tigrinya",
                 "years_in_finland": 0.5}]
    people = participants_from_records(records, programme)
    result = match(programme, people, registry=registry)
    groups = {g.leaders[0].id: sorted(m.id for m in g.members) for g in result.groups}
    assert sorted(m for members in groups.values() for m in members) == ["y0", "y1", "y2", "y3"]
    assert all(len(members) <= 3 for members in groups.values())  # 4 people with the leader
    assert {u.member.id for u in result.unmatched} == {"y4", "y5", "m3"}


def test_split_into_balanced_groups(tmp_path, registry):
    programme = model(tmp_path, """\
        units:
          - id: camp
            kind: group
            roles: [mentee]
            composition: peers
            size: {value: 5, unit: person, approx: true}
            balance: school
        matching: {unit: camp}
        participant_data:
          fields: [{id: school, purpose: p}]
        """)
    people = participants_from_records(
        [{"id": f"y{k}", "role": "mentee", "school": "A" if k % 2 else "B"} for k in range(10)],
        programme)
    result = match(programme, people, seed=1, registry=registry)
    assert [g.size for g in result.groups] == [5, 5]
    assert all(dict(g.spread) in ({"A": 3, "B": 2}, {"A": 2, "B": 3}) for g in result.groups)


@pytest.mark.parametrize("rule, field_decl, words", [
    # a field participant_data does not declare is E215 when the model loads
    # (tests/test_matching_eligibility.py)
    ("{id: r, criterion: same_field, params: {menee: wished_field}}", "",
     "has no parameter 'menee'"),
    ("{id: r, criterion: lived_in_finland_longer, params: {mentee: wished_field}}",
     "- {id: years_in_finland, purpose: p, type: number}",
     "of type text; criterion 'lived_in_finland_longer' needs number"),
    ("{id: r, criterion: wish}", "", "needs the parameter 'mentee'"),
    ("{id: r, criterion: region, weight: -1}", "- {id: region, purpose: p}",
     "a weight must be 0 or more"),
])
def test_bad_rules_are_reported_with_the_rule_path(tmp_path, rule, field_decl, words, registry):
    programme = model(tmp_path, f"""\
        matching:
          unit: pair
          rules: [{rule}]
        participant_data:
          fields:
            - {{id: field, purpose: p, roles: [mentor]}}
            - {{id: wished_field, purpose: p, roles: [mentee]}}
            {field_decl}
        """)
    people = participants_from_records([{"id": "a", "role": "mentee"}], programme)
    with pytest.raises(MentorcoreError) as error:
        match(programme, people, registry=registry)
    problem = error.value.diagnostics[0]
    assert words in problem.message and problem.path[:2] == ("matching", "rules")


def test_unknown_criterion_is_caught_when_the_model_loads(tmp_path):
    with pytest.raises(MentorcoreError) as error:
        model(tmp_path, "matching: {unit: pair, rules: [{id: r, criterion: same_feild}]}\n")
    assert "same_field" in error.value.diagnostics[0].hint


def test_rule_field_missing_from_the_list(pairs_model, registry):
    people = participants_from_records([{"id": "a", "role": "mentee", "languages": "fi"}],
                                       pairs_model)
    with pytest.raises(MentorcoreError) as error:
        match(pairs_model, people, registry=registry)
    assert error.value.diagnostics[0].rule == "E403"


def test_manual_solver_needs_a_choice(tmp_path, registry):
    programme = model(tmp_path, "matching: {unit: pair, solver: manual}\n")
    people = participants_from_records([{"id": "a", "role": "mentee"}], programme)
    with pytest.raises(MentorcoreError) as error:
        match(programme, people, registry=registry)
    assert "--solver" in error.value.diagnostics[0].hint
    assert match(programme, people, registry=registry,
                 solver="optimal").unmatched[0].reasons == (
        "no mentor in the list",)


def test_a_failing_plugin_criterion_is_named(pairs_model, people, register_plugin):
    from mentorcore.hookspecs import hookimpl
    from mentorcore.kinds import Criterion

    class Broken:
        """A plugin whose criterion (replacing the built-in one) fails."""

        @hookimpl
        def register_criteria(self, register):  # type: ignore[no-untyped-def]
            register(Criterion(name="same_field", description="x",
                               evaluate=lambda c, p: 1 / 0), replace=True)

    registry = register_plugin(Broken(), "mentorcore-broken")
    with pytest.raises(MentorcoreError) as error:
        match(pairs_model, people, registry=registry)
    message = error.value.diagnostics[0].message
    assert "mentorcore-broken" in message and "ZeroDivisionError" in message


def test_the_criterion_example_of_the_docs_runs_as_a_plugin(tmp_path):
    """docs/matching.md, "Writing a criterion in a plugin": the module registers its criterion
    and a rule scores with it."""
    import types

    from mentorcore.plugins import Registry, build_plugin_manager

    page = (Path(__file__).parent.parent / "docs" / "matching.md").read_text(encoding="utf-8")
    section = page[page.index("### Writing a criterion in a plugin"):]
    code = section[section.index("```python\n") + 10:section.index("```\n", 10)]
    module = types.ModuleType("closer_in_age_plugin")
    exec(compile(code, "docs/matching.md", "exec"), module.__dict__)
    manager = build_plugin_manager()
    manager.register(module, name="closer-in-age")
    registry = Registry(manager)
    path = tmp_path / "ages.yaml"
    path.write_text(BASE + PAIR_UNIT + textwrap.dedent("""\
        participant_data:
          fields:
            - {id: age, type: number, purpose: closer in age}
        matching:
          unit: pair
          rules:
            - {id: age, criterion: closer_in_age, weight: 1}
        """), encoding="utf-8")
    programme = Library(registry).programme(str(path))  # the model names the plugin's criterion
    people = participants_from_records([
        {"id": "a1", "role": "mentee", "age": 30}, {"id": "a2", "role": "mentee", "age": 60},
        {"id": "m1", "role": "mentor", "age": 58}, {"id": "m2", "role": "mentor", "age": 34}],
        programme)
    result = match(programme, people, registry=registry, solver="optimal")
    assert ids(result) == [("a1", "m2"), ("a2", "m1")]
    assert result.pair_of("a1").score == 0.9


# ----------------------------------------------------------------------------- properties

FIELDS = ["it", "law", "care"]
LANGS = ["fi", "sv", "ar"]


@st.composite
def crowds(draw):
    mentees = draw(st.integers(1, 7))
    mentors = draw(st.integers(0, 5))
    records = []
    for k in range(mentees + mentors):
        mentee = k < mentees
        record = {"id": f"p{k}", "role": "mentee" if mentee else "mentor",
                  "languages": draw(st.lists(st.sampled_from(LANGS), max_size=2)),
                  "region": draw(st.sampled_from(["Vaasa", "Oulu", ""])),
                  "availability": draw(st.lists(st.sampled_from(["mon", "tue"]), max_size=2))}
        if mentee:
            record.update(wished_field=draw(st.sampled_from(FIELDS)), field="", max_mentees="")
        else:
            record.update(field=draw(st.lists(st.sampled_from(FIELDS), min_size=1, max_size=2)),
                          wished_field="", max_mentees=draw(st.sampled_from(["", 0, 1, 2])))
        records.append(record)
    return records


def hard_rules_hold(mentee, mentor):
    return mentee["wished_field"] in mentor["field"] and \
        bool(set(mentee["languages"]) & set(mentor["languages"]))


@settings(max_examples=60, deadline=None)
@given(crowds(), st.sampled_from(["optimal", "stable", "reciprocal"]), st.integers(0, 2))
def test_no_hard_rule_broken_nobody_twice_capacity_kept(pairs_model, registry, records, solver,
                                                        seed):
    people = participants_from_records(records, pairs_model)
    result = match(pairs_model, people, solver=solver, seed=seed, registry=registry)
    by_id = {r["id"]: r for r in records}
    seen = [m.id for p in result.pairs for m in p.members if m.role == "mentee"]
    assert len(seen) == len(set(seen))
    load: dict[str, int] = {}
    for pair in result.pairs:
        mentee, mentor = (by_id[m.id] for m in pair.members)
        assert hard_rules_hold(mentee, mentor)
        load[mentor["id"]] = load.get(mentor["id"], 0) + 1
    for mentor, taken in load.items():
        own = by_id[mentor]["max_mentees"]
        assert taken <= (2 if own == "" else min(int(own), 2)) or solver == "reciprocal"
    matched = {m.id for p in result.pairs for m in p.members}
    left_out = {u.member.id for u in result.unmatched}
    mentees = {r["id"] for r in records if r["role"] == "mentee"}
    assert mentees <= matched | left_out and not (matched & left_out & mentees)
    assert to_json(result)["summary"]["pairs"] == len(result.pairs)
