"""Capacity is the model's: places per mentor or leader come from the model (matching.capacity,
a led group's size, the assumptions mentees_per_mentor and group_size) or a mentor's own column
within the model's range — never a cap the model does not state, never a clamped value; the
output says where the number came from."""

from __future__ import annotations

import json

import pytest

from mentorcore import Library, MentorcoreError
from mentorcore.matching import load_participants, match, participants_from_records, render
from mentorcore.matching.plan import place_rule, places_for, plan_for

from .test_matching_engine import model

PAIRS = """\
    matching:
      unit: pair
      {capacity}
      rules: [{{id: field, criterion: same_field, hard: true}}]
    participant_data:
      fields:
        - {{id: field, purpose: p, roles: [mentor]}}
        - {{id: wished_field, purpose: p, roles: [mentee]}}
        - {{id: max_mentees, purpose: p, type: number, roles: [mentor]}}
    {assumptions}
    """

LED = """\
    units:
      - {{id: group, kind: group, roles: [mentor, mentee], composition: mentees_led_by_mentors,
         led_by: [mentor], size: {size}}}
    matching:
      unit: group
      {capacity}
      rules: [{{id: same-group, criterion: same_value, hard: true,
                params: {{field: language_group}}}}]
    participant_data:
      fields:
        - {{id: language_group, purpose: p}}
        - {{id: max_mentees, purpose: p, type: number, roles: [mentor]}}
    {assumptions}
    """


def pairs_model(tmp_path, capacity="", assumptions=""):
    return model(tmp_path, PAIRS.format(capacity=capacity, assumptions=assumptions))


def led_model(tmp_path, size="{min: 2, unit: person}", capacity="", assumptions=""):
    return model(tmp_path, LED.format(size=size, capacity=capacity, assumptions=assumptions))


def mentees_per_mentor(value):
    return ("assumptions:\n      - {id: mentees_per_mentor, value: " + str(value)
            + ", unit: person, rationale: r}")


def group_size(value):
    return ("assumptions:\n      - {id: group_size, value: " + str(value)
            + ", unit: person, rationale: r}")


def people(programme, mentees, mentors, **own):
    records = [{"id": f"a{k}", "role": "mentee", "wished_field": "it"} for k in range(mentees)]
    records += [{"id": f"m{k}", "role": "mentor", "field": "it",
                 **({"max_mentees": own[f"m{k}"]} if f"m{k}" in own else {})}
                for k in range(mentors)]
    return participants_from_records(records, programme)


def load(programme, mentees, mentors, per_leader_group=None, **own):
    records = [{"id": f"a{k}", "role": "mentee",
                "language_group": per_leader_group(k) if per_leader_group else "dari"}
               for k in range(mentees)]
    records += [{"id": f"m{k}", "role": "mentor", "language_group": group,
                 **({"max_mentees": own[f"m{k}"]} if f"m{k}" in own else {})}
                for k, group in enumerate(["dari", "somali", "arabic"][:mentors])]
    return participants_from_records(records, programme)


def per_mentor(result):
    counts: dict[str, int] = {}
    for pair in result.pairs:
        counts[pair.members[1].id] = counts.get(pair.members[1].id, 0) + 1
    return counts


# --- the bundled models -------------------------------------------------------------------

@pytest.mark.parametrize("model_id, each, origin", [
    ("kesalukio", 3, "assumptions.mentees_per_mentor"),
    ("oma-polku", 7, "assumptions.group_size"),      # 8 people, one of them the leader
    ("womento", 1, "default"),
    ("auroras-individual", 1, "default"),
    ("monika", 1, "default"),
])
def test_bundled_models_places_come_from_what_they_state(model_id, each, origin):
    programme = Library().programme(model_id)
    places = places_for(programme, plan_for(programme, "optimal"))
    assert (places.each, places.origin) == (each, origin)


def test_kesalukio_mentor_has_the_three_places_the_model_assumes():
    programme = Library().programme("kesalukio")
    places = place_rule(programme)
    assert places is not None and places.describe() == (
        "places: 3 per mentor (the model's assumption mentees_per_mentor)")


# --- where places come from ----------------------------------------------------------------

@pytest.mark.parametrize("solver", ["optimal", "stable"])
def test_the_assumption_mentees_per_mentor_gives_the_places(tmp_path, registry, solver):
    programme = pairs_model(tmp_path, assumptions=mentees_per_mentor(3))
    result = match(programme, people(programme, 6, 2), registry=registry, solver=solver)
    assert len(result.pairs) == 6 and result.unmatched == ()
    assert per_mentor(result) == {"m0": 3, "m1": 3}
    assert result.summary.capacity == 6
    assert result.summary.places.origin == "assumptions.mentees_per_mentor"


def test_without_any_statement_a_mentor_has_one_place_and_says_so(tmp_path, registry):
    programme = pairs_model(tmp_path)
    result = match(programme, people(programme, 3, 2), registry=registry)
    assert len(result.pairs) == 2
    text = render(result, "table")
    assert "places: 1 per mentor (default: the model states no capacity)" in text
    assert json.loads(render(result, "json"))["summary"]["places"] == {
        "each": 1, "from": "default", "min": 0, "max": None, "column": None, "own": 0}


def test_matching_capacity_comes_first_and_an_open_range_has_no_limit(tmp_path, registry):
    programme = pairs_model(tmp_path, capacity="capacity: {min: 1, unit: mentee}",
                            assumptions=mentees_per_mentor(3))
    result = match(programme, people(programme, 9, 1), registry=registry)
    assert len(result.pairs) == 9
    assert result.summary.places.each is None and result.summary.capacity is None
    assert "places: no limit per mentor (the model's matching.capacity)" in render(result, "md")


def test_a_led_group_without_a_stated_size_has_no_cap(tmp_path, registry):
    """Oma polku used to give each leader ceil(mentees ÷ leaders) places: 15 dari-speaking young
    people and one dari leader of two left 5 out. The model states no size: none is left out."""
    programme = led_model(tmp_path)
    result = match(programme, load(programme, 20, 2, lambda k: "dari" if k < 15 else "somali"),
                   registry=registry)
    assert result.unmatched == ()
    assert per_mentor(result) == {"m0": 15, "m1": 5}
    assert {len(g.members) for g in result.groups} == {15, 5}
    assert "places: no limit per mentor (the model states no limit)" in render(result, "table")


def test_a_led_group_size_less_its_leader(tmp_path, registry):
    programme = led_model(tmp_path, size="{min: 2, max: 6, unit: person}")
    result = match(programme, load(programme, 8, 1), registry=registry)
    assert len(result.pairs) == 5 and len(result.unmatched) == 3
    assert result.summary.places.describe() == (
        "places: 5 per mentor (the size of unit 'group', less its leader)")


def test_a_led_group_size_from_the_assumption_group_size(tmp_path, registry):
    programme = led_model(tmp_path, assumptions=group_size(8))
    result = match(programme, load(programme, 10, 1), registry=registry)
    assert len(result.pairs) == 7
    assert result.summary.places.describe() == (
        "places: 7 per mentor (the model's assumption group_size, less the group's leader)")


def test_groups_of_peers_are_about_the_assumed_group_size(tmp_path, registry):
    programme = model(tmp_path, """\
        units:
          - {id: camp, kind: group, roles: [mentee], composition: peers,
             size: {min: 2, unit: person}}
        matching: {unit: camp}
        assumptions:
          - {id: group_size, value: 8, unit: person, rationale: r}
        """)
    records = [{"id": f"a{k}", "role": "mentee"} for k in range(24)]
    result = match(programme, participants_from_records(records, programme), registry=registry)
    assert [len(g.members) for g in result.groups] == [8, 8, 8]


def test_the_reciprocal_solver_gives_one_place_and_says_so(tmp_path, registry):
    programme = pairs_model(tmp_path, assumptions=mentees_per_mentor(3))
    result = match(programme, people(programme, 4, 2, m0=2), registry=registry,
                   solver="reciprocal")
    assert len(result.pairs) == 2
    assert result.summary.places.origin == "solver"
    assert "(the solver gives each one place)" in render(result, "table")


# --- a mentor's own number -----------------------------------------------------------------

def test_own_values_within_the_range_set_the_places(tmp_path, registry):
    programme = model(tmp_path, PAIRS.format(
        capacity="capacity: {max: 2, unit: mentee}\n      capacity_field: max_mentees",
        assumptions=""))
    result = match(programme, people(programme, 5, 3, m0=1, m1=0), registry=registry)
    assert per_mentor(result) == {"m0": 1, "m2": 2}
    assert result.summary.capacity == 3
    assert result.summary.places.own == 2
    assert result.summary.places.describe() == (
        "places: 2 per mentor (the model's matching.capacity); 2 set by their own max_mentees")


@pytest.mark.parametrize("cell", ["5", "-1", "1,5", "2.5", "3"])
def test_an_own_value_out_of_range_is_a_positioned_error(tmp_path, write, cell):
    programme = model(tmp_path, PAIRS.format(
        capacity="capacity: {max: 2, unit: mentee}\n      capacity_field: max_mentees",
        assumptions=""))
    path = write("people.csv", "id;role;field;wished_field;max_mentees\n"
                               "a1;mentee;;it;\n"
                               "m1;mentor;it;;2\n"
                               f"m2;mentor;it;;{cell}\n")
    with pytest.raises(MentorcoreError) as error:
        load_participants(path, programme)
    [problem] = error.value.diagnostics
    assert (problem.rule, problem.line, problem.column) == ("E414", 4, 5)
    assert problem.message == ("column 'max_mentees': a whole number from 0 to 2, the places "
                               "the model's matching.capacity allows")
    assert problem.hint == "leave the cell empty for the model's 2 places"
    # the same words for every cell: never the cell's value


def test_an_own_value_below_the_models_minimum_is_an_error(tmp_path):
    programme = model(tmp_path, PAIRS.format(
        capacity="capacity: {min: 1, max: 3, unit: mentee}\n      capacity_field: max_mentees",
        assumptions=""))
    with pytest.raises(MentorcoreError) as error:
        participants_from_records([{"id": "m1", "role": "mentor", "max_mentees": 0}], programme)
    [problem] = error.value.diagnostics
    assert problem.rule == "E414" and "from 1 to 3" in problem.message


def test_own_values_of_a_led_group_stay_within_its_size(tmp_path):
    programme = model(tmp_path, LED.format(
        size="{min: 2, max: 6, unit: person}", capacity="capacity_field: max_mentees",
        assumptions=""))
    assert participants_from_records(
        [{"id": "m1", "role": "mentor", "language_group": "dari", "max_mentees": 5}],
        programme).value("max_mentees", 0) == 5
    with pytest.raises(MentorcoreError) as error:
        participants_from_records(
            [{"id": "m1", "role": "mentor", "language_group": "dari", "max_mentees": 6}],
            programme)
    assert error.value.diagnostics[0].rule == "E414"


def test_without_a_stated_maximum_any_whole_own_value_counts(tmp_path, registry):
    programme = model(tmp_path, PAIRS.format(capacity="capacity_field: max_mentees",
                                             assumptions=mentees_per_mentor(3)))
    result = match(programme, people(programme, 9, 2, m0=7), registry=registry)
    assert per_mentor(result) == {"m0": 7, "m1": 2}
    with pytest.raises(MentorcoreError) as error:
        people(programme, 1, 1, m0=-1)
    assert error.value.diagnostics[0].message.startswith(
        "column 'max_mentees': a whole number, at least 0")


def test_values_of_other_roles_are_not_places(tmp_path):
    programme = model(tmp_path, """\
        matching:
          unit: pair
          capacity: {max: 2, unit: mentee}
          capacity_field: max_mentees
        participant_data:
          fields:
            - {id: max_mentees, purpose: p, type: number}
        """)
    found = participants_from_records([{"id": "a1", "role": "mentee", "max_mentees": 9}],
                                      programme)
    assert found.value("max_mentees", 0) == 9


# --- the model's own numbers ---------------------------------------------------------------

@pytest.mark.parametrize("text, path", [
    ("capacity: {max: 2.5, unit: mentee}", ("matching", "capacity", "max")),
    ("", ("assumptions", 0, "value")),
])
def test_places_that_are_no_whole_number_are_a_model_error(tmp_path, registry, text, path):
    programme = pairs_model(tmp_path, capacity=text,
                            assumptions="" if text else mentees_per_mentor(2.5))
    with pytest.raises(MentorcoreError) as error:
        match(programme, people(programme, 1, 1), registry=registry)
    [problem] = error.value.diagnostics
    assert (problem.rule, problem.path) == ("E507", path)


def test_the_command_places_a_model_error_in_the_file(tmp_path, run, write):
    path = tmp_path / "m.yaml"
    pairs_model(tmp_path, capacity="capacity: {max: 2.5, unit: mentee}")
    people_csv = write("people.csv", "id;role;field;wished_field\na1;mentee;;it\nm1;mentor;it;\n")
    result = run("match", str(path), str(people_csv))
    assert result.exit_code == 1
    assert result.stderr == (f"{path}:11:19: matching.capacity.max: a number of places must be "
                             "a whole number, 0 or more [E507]\n")


def test_places_speak_finnish_and_swedish(tmp_path):
    from mentorcore.i18n import use

    programme = model(tmp_path, PAIRS.format(
        capacity="capacity: {max: 2, unit: mentee}\n      capacity_field: max_mentees",
        assumptions=""))
    places = place_rule(programme)
    previous = use("fi")
    try:
        assert places.describe() == ("paikat: 2 kullakin roolissa mentor (mallin "
                                     "matching.capacity)")
        with pytest.raises(MentorcoreError) as error:
            participants_from_records([{"id": "m1", "role": "mentor", "max_mentees": 5}],
                                      programme)
        assert error.value.diagnostics[0].message == (
            "sarake 'max_mentees': kokonaisluku väliltä 0–2, paikkamäärä, jonka mallin "
            "matching.capacity sallii")
        use("sv")
        assert places.describe() == ("platser: 2 per person i rollen mentor (modellens "
                                     "matching.capacity)")
    finally:
        use(previous)
