"""Eligibility: the roles' requirements applied before matching; consent; everyone accounted
for; the requirement checks of ``validate`` (E215, E216, W217); the bundled models' sample lists
exercise every requirement."""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorcore import Library, MentorcoreError
from mentorcore.i18n import use
from mentorcore.matching import load_participants, match, participants_from_records, render, to_json
from mentorcore.matching.eligibility import admits, assess
from mentorcore.model import ParticipantField, Range, Requirement, Text
from mentorcore.spelling import normalise

DATA = Path(__file__).parent / "data" / "participants"
DOCS = Path(__file__).parent.parent / "docs"
BUNDLED = Path(__file__).parent.parent / "program_models"

LISTS = {
    "auroras-individual": "auroras-individual.csv",
    "kesalukio": "kesalukio.csv",
    "womento": "womento.csv",
    "auroras-vaasa": "womento.csv",
    "monika": "monika.csv",
    "oma-polku": "oma-polku.csv",
    "matkalla-tyoelamaan": "matkalla-tyoelamaan.csv",
    "peer-mentoring-jyvaskyla": "peer-mentoring-jyvaskyla.csv",
}
"""The sample list of each bundled model that matching can run (professionals-group has no
matching section: its list is assessed directly)."""

FORMATS = ("table", "json", "csv", "md")


@pytest.fixture(scope="module")
def library():
    return Library()


def matched(library, registry, model, listing=None, **options):
    programme = library.programme(model)
    people = load_participants(DATA / (listing or LISTS[model]), programme)
    return programme, people, match(programme, people, registry=registry, **options)


def placed_ids(result):
    ids = {m.id for p in result.pairs for m in p.members}
    return ids | {m.id for g in result.groups for m in (*g.leaders, *g.members)}


def assert_accounted(result, people):
    """Everyone read is in exactly one place and the summary's counts add up."""
    places = [placed_ids(result), {u.member.id for u in result.unmatched},
              {n.member.id for n in result.not_eligible},
              {n.member.id for n in result.not_matched}]
    assert sum(len(p) for p in places) == len(people) == len(set().union(*places))
    s = result.summary
    assert s.rows == len(people) == sum(count for _r, count in s.participants)
    for role, count in s.participants:
        parts = [dict(s.placed).get(role, 0), dict(s.unmatched).get(role, 0),
                 dict(s.not_eligible).get(role, 0), dict(s.not_matched).get(role, 0)]
        assert sum(parts) == count, (role, parts, count)
    assert {r: c for r, c in s.participants if c} == {r: people.count(r) for r in people.roles}


# --- the bundled models and their sample lists -------------------------------------------------


@pytest.mark.parametrize("model", sorted(LISTS))
def test_every_requirement_of_a_bundled_model_is_exercised(library, registry, model):
    programme, people, result = matched(library, registry, model)
    assert_accounted(result, people)
    placed = placed_ids(result)
    assert not placed & {n.member.id for n in result.not_eligible}
    matched_roles = {use.role for use in result.requirements}
    for role in programme.roles:
        if role.id not in matched_roles:
            continue
        eligible = [k for k in people.of_role(role.id)
                    if people.ids[k] not in {n.member.id for n in result.not_eligible}]
        assert eligible, f"{model}: no eligible {role.id} in the sample list"
        for requirement in role.requirements:
            if requirement.attribute is None:
                [use] = [u for u in result.requirements
                         if (u.role, u.requirement) == (role.id, requirement.id)]
                assert use.applied == "by_staff" and use.describe() == "checked by staff"
                continue
            failing = [n for n in result.not_eligible if n.member.role == role.id
                       and requirement.id in n.requirements]
            assert failing, f"{model}: no row of {role.id} fails '{requirement.id}'"
            text = requirement.text.get("en").rstrip(".")
            assert all(any(text in reason for reason in n.reasons) for n in failing)


def test_professionals_group_requirement_is_exercised(library):
    programme = library.programme("professionals-group")
    people = load_participants(DATA / "professionals-group.csv", programme)
    assessed = assess(programme, people, [r.id for r in programme.roles])
    left_out = {people.ids[k]: item.reasons for k, item in assessed.not_eligible}
    assert set(left_out) == {"r2", "r3"}
    assert "requirement 'small-locality' not met (works in a small locality)" in left_out["r2"][0]
    assert left_out["r3"][0].startswith("not eligible: no answer to 'works_in_small_locality'")
    assert assessed.of_role("professional") == [0]


def test_kesalukio_pairs_only_eligible_girls(library, registry):
    """The issue's case: a 25-year-old without a refugee background was paired while a
    17-year-old refugee-background girl was left unmatched."""
    _programme, people, result = matched(library, registry, "kesalukio")
    placed = placed_ids(result)
    assert {"n1", "n2"} <= placed                      # 17 and 16, refugee background
    assert not {"n3", "n4", "n5", "n6", "n9"} & placed  # 25, 14, a boy, no answer twice
    [n3] = [n for n in result.not_eligible if n.member.id == "n3"]
    assert n3.requirements == ("age", "refugee-background")
    assert n3.reasons == ("not eligible: requirement 'age' not met (aged 15–20)",
                          "not eligible: requirement 'refugee-background' not met "
                          "(a refugee-background immigrant)")
    assert {"k3", "k4", "k5"} == {n.member.id for n in result.not_eligible
                                  if n.member.role == "mentor"}
    # the boundaries are inside the range: 15 and 20 are eligible
    assert {"n7", "n8"} <= {u.member.id for u in result.unmatched} | placed


def test_every_bundled_model_validates_strictly(run):
    models = sorted(p.stem for p in BUNDLED.glob("*.yaml"))
    result = run("validate", "--strict", *models)
    assert result.exit_code == 0, result.output


# --- consent -----------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("solver", ["optimal", "stable"])
def test_no_is_never_matched_and_no_answer_is_not_yes(library, registry, solver, seed):
    programme = library.programme("auroras-individual")
    people = participants_from_records(
        [{"id": f"m{k}", "role": "mentor", "name": "M", "field": "it"} for k in range(9)]
        + [{"id": f"a{k}", "role": "mentee", "name": "A", "wished_field": "it",
            "auroras_group_participant": "kyllä",
            "wants_individual_mentoring": ("kyllä", "ei", "")[k % 3]} for k in range(9)],
        programme)
    result = match(programme, people, registry=registry, solver=solver, seed=seed)
    placed = placed_ids(result)
    assert placed == {"a0", "a3", "a6"} | {m.id for p in result.pairs
                                           for m in p.members if m.role == "mentor"}
    reasons = {n.member.id: n.reasons for n in result.not_eligible}
    assert reasons["a1"] == ("not eligible: requirement 'chose-to-continue' not met (the mentee "
                             "decides herself whether to continue with an individual mentor "
                             "from her field)",)
    assert reasons["a2"][0].startswith("not eligible: no answer to 'wants_individual_mentoring' "
                                       "(requirement 'chose-to-continue': ")
    assert_accounted(result, people)


def test_a_list_without_a_requirement_column_is_refused(library, registry):
    programme = library.programme("auroras-individual")
    people = participants_from_records(
        [{"id": "m1", "role": "mentor", "name": "M", "field": "it"},
         {"id": "a1", "role": "mentee", "name": "A", "wished_field": "it",
          "auroras_group_participant": "yes"}], programme, source="people.csv")
    with pytest.raises(MentorcoreError) as error:
        match(programme, people, registry=registry)
    [problem] = error.value.diagnostics
    assert problem.rule == "E403" and (problem.file, problem.line) == ("people.csv", 1)
    assert "missing column 'wants_individual_mentoring', which requirement 'chose-to-continue' " \
           "of role mentee reads" in problem.message


# --- what a requirement admits -----------------------------------------------------------------


def requirement(**fields):
    return Requirement(id="r", text=Text.of("t"), **fields)


def test_one_of_compares_text_as_the_participant_store_does():
    rule = requirement(attribute="level", one_of=("Upper_Secondary",))
    text = ParticipantField(id="level", purpose=Text.of("p"))
    assert admits(rule, text, "  upper_secondary ")
    assert admits(rule, text, "UPPER_SECONDARY")
    assert not admits(rule, text, "basic")
    listed = ParticipantField(id="level", purpose=Text.of("p"), type="list")
    assert admits(rule, listed, ("basic", "upper_secondary"))
    assert not admits(rule, listed, ("basic",))
    nfd = unicodedata.normalize("NFD", "kiinteistöala")
    nfc_rule = requirement(attribute="level", one_of=("kiinteistöala",))
    assert admits(nfc_rule, text, nfd) == (normalise(nfd) == normalise("kiinteistöala"))


@given(st.text(max_size=12), st.lists(st.text(max_size=12), min_size=1, max_size=4))
def test_one_of_agrees_with_normalise(value, allowed):
    rule = requirement(attribute="f", one_of=tuple(allowed))
    field = ParticipantField(id="f", purpose=Text.of("p"))
    assert admits(rule, field, value) == (normalise(value) in {normalise(a) for a in allowed})


def test_a_range_includes_its_bounds_and_about_widens_them():
    age = ParticipantField(id="age", purpose=Text.of("p"), type="number")
    exact = requirement(attribute="age", range=Range(min=15, max=20, unit="year_of_age"))
    assert [admits(exact, age, v) for v in (14.9, 15.0, 20.0, 20.5)] == [False, True, True, False]
    about = requirement(attribute="age",
                        range=Range(min=15, max=20, unit="year_of_age", approx=True))
    assert [admits(about, age, v) for v in (13.4, 13.5, 22.0, 22.1)] == [False, True, True, False]
    assert not admits(exact, age, True)


def test_a_yes_no_requirement_admits_yes_only():
    consent = ParticipantField(id="ok", purpose=Text.of("p"), type="boolean")
    rule = requirement(attribute="ok")
    assert admits(rule, consent, True) and not admits(rule, consent, False)


# --- every format ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_lists_the_not_eligible_and_the_staff_checks_once(library, registry, fmt):
    _programme, people, result = matched(library, registry, "kesalukio")
    text = render(result, fmt)
    assert text.count("challenges in studies, in making educational choices") == 1
    assert "checked by staff" in text or '"by_staff"' in text
    assert "not eligible: requirement 'age' not met (aged 15–20)" in text
    assert "not eligible: no answer to 'gender' (requirement 'girl': a girl)" in text
    assert re.search(r"\bn3\b", text) and re.search(r"\bn9\b", text)
    assert "25" not in text.replace("2025", "")  # n3's age never appears


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_lists_the_roles_the_matching_does_not_use(library, registry, fmt):
    _programme, _people, result = matched(library, registry, "auroras-individual")
    text = render(result, fmt)
    assert "not matched by this model (role Auroras staff member)" in text  # by its name
    assert re.search(r"\bs1\b", text)


def test_csv_records_and_json_lists(library, registry):
    _programme, _people, result = matched(library, registry, "auroras-individual")
    rows = list(csv.reader(io.StringIO(render(result, "csv"))))
    records = [row[0] for row in rows[1:]]
    assert records.count("not_eligible") == 5 and records.count("not_matched") == 1
    assert records.count("requirement") == 3
    data = to_json(result)
    assert [n["id"] for n in data["not_eligible"]] == ["m3", "a4", "a5", "a6", "a7"]
    assert data["not_matched"] == [{"id": "s1", "role": "staff",
                                    "reasons": ["not matched by this model (role Auroras "
                                                "staff member)"]}]
    assert data["summary"]["rows"] == 11
    assert data["summary"]["not_eligible"] == {"mentee": 4, "mentor": 1}
    assert [r["requirement"] for r in data["requirements"]] == [
        "same-field", "took-part-in-group", "chose-to-continue"]
    assert data["requirements"][0]["rules"] == ["same-field"]


def test_the_table_summary_adds_up(library, registry):
    _programme, _people, result = matched(library, registry, "auroras-individual")
    assert "11 read = 4 placed + 1 unmatched + 5 not eligible + 1 not matched" in \
        render(result, "table")


def test_requirement_texts_follow_the_language_of_the_run(library, registry):
    previous = use("sv")
    try:
        _programme, _people, result = matched(library, registry, "auroras-vaasa")
        applied = [use.describe() for use in result.requirements]
    finally:
        use(previous)
    reasons = {n.member.id: n.reasons for n in result.not_eligible}
    assert reasons["w7"] == ("inte behörig: kravet 'woman' uppfylls inte (en kvinna)",)
    assert reasons["w8"] == ("inte behörig: kravet 'immigrant' uppfylls inte (invandrad)",)
    assert applied == ["tillämpas före matchningen"] * 3


def test_the_json_contract_of_the_docs_has_the_fields_of_the_output(library, registry):
    page = (DOCS / "matching.md").read_text(encoding="utf-8")
    block = page.split("## JSON contract", 1)[1].split("```json", 1)[1].split("```", 1)[0]
    documented = json.loads(block)
    _programme, _people, result = matched(library, registry, "auroras-individual")
    data = to_json(result)
    assert set(documented) == set(data)
    assert set(documented["summary"]) == set(data["summary"])
    assert set(documented["not_eligible"][0]) == set(data["not_eligible"][0])
    assert set(documented["requirements"][0]) == set(data["requirements"][0])


def test_accounted_in_several_models_and_lists(library, registry):
    cases = [("pairs-model.yaml", "people.csv", {}), ("pairs-model.yaml", "people.yaml", {}),
             ("buddies-model.yaml", "buddies.csv", {}),
             ("pairs-model.yaml", "people.csv", {"solver": "stable", "seed": 3})]
    for model, listing, options in cases:
        programme = library.programme(str(DATA / model))
        people = load_participants(DATA / listing, programme)
        result = match(programme, people, registry=registry, **options)
        assert_accounted(result, people)
    for model in LISTS:
        _programme, people, result = matched(library, registry, model)
        assert_accounted(result, people)


def test_a_group_of_peers_accounts_for_everyone(tmp_path, registry):
    path = tmp_path / "camp.yaml"
    path.write_text(textwrap.dedent("""\
        id: camp
        name: Camp
        organisation: O
        roles:
          - {id: girl, name: girl, kind: peer, requirements: [
              {id: age, text: aged 15–20, attribute: age,
               range: {min: 15, max: 20, unit: year_of_age}}]}
          - {id: staff, name: staff, kind: staff}
        units:
          - {id: camp, kind: group, roles: [girl], composition: peers,
             size: {value: 4, unit: person, approx: true}}
        matching: {unit: camp}
        participant_data:
          fields: [{id: age, purpose: p, type: number, roles: [girl]}]
        """), encoding="utf-8")
    programme = Library().programme(str(path))
    people = participants_from_records(
        [{"id": f"g{k}", "role": "girl", "age": 13 + k} for k in range(10)]
        + [{"id": "s", "role": "staff"}], programme)
    result = match(programme, people, registry=registry)
    assert {n.member.id for n in result.not_eligible} == {"g0", "g1", "g8", "g9"}
    assert placed_ids(result) == {f"g{k}" for k in range(2, 8)}
    assert_accounted(result, people)


def test_the_sample_list_is_read_from_xlsx_too(library, registry, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    with (DATA / "kesalukio.csv").open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter=";"):
            cells = [{"kyllä": True, "ei": False}.get(c, c) for c in row]
            sheet.append([int(c) if isinstance(c, str) and c.isdigit() else
                          (None if c == "" else c) for c in cells])
    book.save(tmp_path / "kesalukio.xlsx")
    programme = library.programme("kesalukio")
    people = load_participants(tmp_path / "kesalukio.xlsx", programme)
    result = match(programme, people, registry=registry)
    _p, _q, from_csv = matched(library, registry, "kesalukio")
    assert to_json(result)["not_eligible"] == to_json(from_csv)["not_eligible"]


# --- validate: E215, E216, W217 ----------------------------------------------------------------

MODEL = """\
id: t
name: T
organisation: O
roles:
  - id: mentor
    name: mentor
    kind: mentor
  - id: mentee
    name: mentee
    kind: mentee
    requirements:
{requirements}
units:
  - {{id: pair, kind: pair, roles: [mentor, mentee]}}
matching:
  unit: pair
  rules: [{rules}]
participant_data:
  fields:
    - {{id: age, purpose: p, type: number}}
    - {{id: gender, purpose: p, values: [female, male]}}
    - {{id: note, purpose: p}}
    - {{id: consent, purpose: p, type: boolean}}
    - {{id: agreed, purpose: p, type: boolean, required: true}}
    - {{id: skill, purpose: p, roles: [mentor]}}
    - {{id: region, purpose: p}}
"""


def diagnostics(tmp_path, requirements, rules=""):
    path = tmp_path / "m.yaml"
    body = textwrap.indent(textwrap.dedent(requirements), " " * 6)
    path.write_text(MODEL.format(requirements=body, rules=rules), encoding="utf-8")
    loaded = Library().load(str(path))
    return [(d.rule, d.format()) for d in loaded.diagnostics]


def test_undeclared_attributes_are_positioned_errors(tmp_path):
    found = diagnostics(tmp_path, """\
        - {id: a, text: t, attribute: agee, range: {min: 1, unit: year_of_age}}
        - {id: b, text: t, attribute: skill}
        """, "{id: r, criterion: region, params: {mentee: regio}}, "
             "{id: s, criterion: availability}")
    e215 = [text for rule, text in found if rule == "E215"]
    assert len(e215) == 5, found
    assert re.match(r".*m\.yaml:12:37: roles\[1\]\.requirements\[0\]\.attribute: requirement 'a' "
                    r"reads attribute 'agee', which participant_data does not declare "
                    r"\(did you mean `age`\?\) \[E215\]", e215[0]), e215[0]
    assert "requirement 'b' of role mentee reads attribute 'skill', which participant_data " \
           "declares for mentor only" in e215[1]
    assert "matching.rules[0].params.mentee: rule 'r' reads field 'regio' (parameter " \
           "'mentee')" in e215[2] and "did you mean `region`" in e215[2]
    assert "matching.rules[1]: rule 's' reads field 'availability' (the default of parameter " \
           "'mentee')" in e215[3] and "(the default of parameter 'mentor')" in e215[4]


def test_requirements_that_cannot_apply_as_written_are_errors(tmp_path):
    found = diagnostics(tmp_path, """\
        - {id: a, text: t, attribute: note, range: {min: 1, unit: year_of_age}}
        - {id: b, text: t, attribute: consent, one_of: ["yes"]}
        - {id: c, text: t, attribute: gender, one_of: [femal]}
        - {id: d, text: t, attribute: age, one_of: ["18"]}
        """)
    e216 = [text for rule, text in found if rule == "E216"]
    assert len(e216) == 4, found
    assert "requirements[0].range: requirement 'a' gives a range, but field 'note' is of type " \
           "text" in e216[0]
    assert "requirements[1].one_of: requirement 'b' gives one_of, but field 'consent' is of type " \
           "boolean (a yes/no requirement admits yes: leave out one_of)" in e216[1]
    assert "requirements[2].one_of[0]: requirement 'c' admits 'femal', which is not one of the " \
           "values of field 'gender' (did you mean `female`?)" in e216[2]
    assert "(give a range instead)" in e216[3]


def test_requirements_that_admit_little_are_warnings(tmp_path):
    found = diagnostics(tmp_path, """\
        - {id: a, text: t, attribute: note}
        - {id: b, text: t, attribute: note, one_of: [x]}
        - {id: c, text: t, attribute: gender, one_of: [female, male]}
        - {id: d, text: t, attribute: region}
        - {id: e, text: t, attribute: consent}
        - {id: f, text: t, attribute: gender, one_of: [female]}
        - {id: g, text: t}
        - {id: h, text: t, attribute: agreed}
        """, "{id: r, criterion: region, hard: true}")
    w217 = [text for rule, text in found if rule == "W217"]
    assert len(w217) == 4, found
    assert "requirement 'a' admits any value of 'note'" in w217[0]
    assert "requirement 'b' compares free text" in w217[1]
    assert "every value of field 'gender' meets requirement 'c'" in w217[2]
    assert "requirement 'h' asks for a yes/no answer that field 'agreed' requires" in w217[3]
    assert not [f for f in found if f[0].startswith("E")], found


def test_the_new_rules_are_in_the_rule_index():
    page = (DOCS / "authoring.md").read_text(encoding="utf-8")
    for rule in ("| E215 | undeclared-attribute | error |", "| E216 | requirement-fit | error |",
                 "| W217 | requirement-admits-little | warning |"):
        assert rule in page


# --- property: an ineligible person is never placed --------------------------------------------

PROPERTY_MODEL = """\
id: p
name: P
organisation: O
roles:
  - id: mentor
    name: mentor
    kind: mentor
    requirements:
      - {id: woman, text: a woman, attribute: gender, one_of: [female]}
      - {id: trained, text: trained, attribute: trained}
  - id: mentee
    name: mentee
    kind: mentee
    requirements:
      - {id: age, text: aged 15–20, attribute: age,
         range: {min: 15, max: 20, unit: year_of_age}}
      - {id: consent, text: wants a mentor, attribute: consent}
      - {id: has-field, text: a wished field, attribute: field}
      - {id: motivated, text: motivated}
  - id: staff
    name: staff
    kind: staff
units:
  - {id: pair, kind: pair, roles: [mentor, mentee]}
matching:
  unit: pair
  capacity: {max: 2, unit: mentee}
  rules:
    - {id: field, criterion: same_value, hard: true, params: {field: field}}
    - {id: region, criterion: region, weight: 1}
participant_data:
  fields:
    - {id: gender, purpose: p, values: [female, male, other]}
    - {id: trained, purpose: p, type: boolean, roles: [mentor]}
    - {id: age, purpose: p, type: number, roles: [mentee]}
    - {id: consent, purpose: p, type: boolean, roles: [mentee]}
    - {id: field, purpose: p}
    - {id: region, purpose: p}
    - {id: note, purpose: p}
"""


@pytest.fixture(scope="module")
def property_model(tmp_path_factory):
    path = tmp_path_factory.mktemp("eligibility") / "p.yaml"
    path.write_text(PROPERTY_MODEL, encoding="utf-8")
    return Library().programme(str(path))


def person(role):
    cells = {
        "gender": st.sampled_from(["female", "Female ", "male", "other", ""]),
        "trained": st.sampled_from(["kyllä", "ei", "yes", "no", ""]),
        "age": st.sampled_from(["14", "15", "17,5", "20", "21", ""]),
        "consent": st.sampled_from(["kyllä", "ei", "x", "0", ""]),
        "field": st.sampled_from(["it", "law", ""]),
        "region": st.sampled_from(["Vaasa", "Turku", ""]),
        "note": st.from_regex(r"zq[0-9]{3}", fullmatch=True),
    }
    if role == "mentor":
        del cells["age"], cells["consent"]
    elif role == "mentee":
        del cells["trained"]
    else:  # staff: every column, empty but the note
        cells = {name: st.just("") for name in cells} | {"note": cells["note"]}
    return st.fixed_dictionaries({"role": st.just(role), **cells})


def expected_eligible(record):
    """An independent reading of the property model's requirements."""
    yes = {"kyllä", "yes", "x", "1", "true"}
    if record["role"] == "mentor":
        return record["gender"].strip().casefold() == "female" and record["trained"] in yes
    if record["role"] == "mentee":
        age = record["age"].replace(",", ".")
        return (age != "" and 15 <= float(age) <= 20 and record["consent"] in yes
                and record["field"] != "")
    return True


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["mentor", "mentee", "mentee", "staff"]), min_size=1,
                max_size=30).flatmap(lambda roles: st.tuples(*(person(r) for r in roles))),
       st.sampled_from(["optimal", "stable", "reciprocal"]), st.integers(0, 3))
def test_matching_never_places_an_ineligible_person(property_model, registry, records, solver,
                                                    seed):
    rows = [{"id": f"p{k}", **record} for k, record in enumerate(records)]
    people = participants_from_records(rows, property_model)
    result = match(property_model, people, registry=registry, solver=solver, seed=seed)
    ineligible = {row["id"] for row in rows if not expected_eligible(row)}
    assert {n.member.id for n in result.not_eligible} == ineligible
    assert not placed_ids(result) & ineligible
    assert {n.member.id for n in result.not_matched} == {r["id"] for r in rows
                                                         if r["role"] == "staff"}
    assert_accounted(result, people)
    everything = json.dumps(to_json(result), ensure_ascii=False) + render(result, "table")
    assert not re.search(r"zq[0-9]{3}", everything)  # no cell's value in any output
    texts = {r.id: str(r.text) for role in property_model.roles for r in role.requirements}
    for item in result.not_eligible:  # the requirement's text, never her value
        for reason, failed in zip(item.reasons, item.requirements, strict=True):
            assert reason in (f"not eligible: requirement '{failed}' not met ({texts[failed]})",
                              *(f"not eligible: no answer to '{column}' (requirement "
                                f"'{failed}': {texts[failed]})"
                                for column in ("gender", "trained", "age", "consent", "field")))
