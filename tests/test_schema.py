"""The JSON Schema of the model format: generated from the classes, valid for every bundled
model, and in agreement with the loader about what a well-formed file is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from mentorcore.loading import load
from mentorcore.loading.document import load_document
from mentorcore.schema import json_schema, schema_text
from tests.conftest import MINIMAL, default_library

jsonschema = pytest.importorskip("jsonschema")
MODELS = sorted((Path(__file__).resolve().parent.parent / "program_models").glob("*.yaml"))
STRUCTURAL = ("E0", "E1")
"""Rule ids of problems with the shape of a file, which the schema also finds."""


@pytest.fixture(scope="module")
def validator():  # type: ignore[no-untyped-def]
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _data(path: Path) -> dict:
    return load_document(path)[0].data


def test_the_command_prints_a_valid_draft_2020_12_schema(run, tmp_path):
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    out = tmp_path / "mentorcore.schema.json"
    assert run("schema", "--out", str(out)).exit_code == 0
    # the command's schema knows the kinds of the run's plugins
    assert out.read_text(encoding="utf-8") == result.stdout == schema_text(
        default_library().registry)
    assert "yaml-language-server: $schema=" in run("schema", "--help").stdout


def test_every_bundled_model_is_valid(validator):
    assert len(MODELS) == 11
    for path in MODELS:
        errors = [f"{list(e.absolute_path)}: {e.message}"
                  for e in validator.iter_errors(_data(path))]
        assert not errors, f"{path.name}: {errors}"


def test_descriptions_enums_and_units_come_from_the_classes():
    defs = json_schema()["$defs"]
    phase = defs["Phase"]["properties"]
    assert phase["duration"]["description"].startswith("how long the phase lasts")
    assert phase["entry"]["enum"] == ["cohort", "rolling", "opt_in"]
    assert phase["entry"]["default"] == "cohort"
    assert defs["Phase"]["additionalProperties"] is False
    assert defs["Role"]["required"] == ["id", "name", "kind"]
    per_month = defs["Cadence"]["properties"]["per_month"]
    assert "unit meeting/month unless given" in per_month["description"]
    assert {"type": "number", "description": "exactly this many (meeting/month)"} in \
        per_month["anyOf"][0]["anyOf"]
    assert defs["Unit"]["properties"]["roles"]["description"].endswith(
        "(the id of one of the model's roles)")


def _event(fields: str) -> str:
    return f"events:\n  - {{id: survey, timing: once, phase: mentoring, {fields}}}\n"


GOOD = [
    ("bare number where a unit is known", MINIMAL),
    ("a value shorthand", MINIMAL.replace("per_month: 2", "per_month: {value: 2, approx: true}")),
    ("texts in several languages", MINIMAL.replace("name: Tiny", "name: {fi: Pieni, sv: Liten, "
                                                                 "'*': Tiny}")),
    ("an optional key set to null", MINIMAL + "summary: null\n"),
    ("an assumption's number, text or boolean", MINIMAL + "assumptions:\n"
        "  - {id: a, value: 0.1, rationale: r}\n  - {id: b, value: text, rationale: r}\n"
        "  - {id: c, value: true, rationale: r}\n"),
    ("an event at a share of its phase", MINIMAL + _event("at: 0.25")),
    ("an event that may happen", MINIMAL + _event("at: middle, probability: 1")),
]

BAD = [
    ("an unknown top-level key", MINIMAL + "durtion: 3\n"),
    ("an unknown nested key", MINIMAL.replace("kind: mentoring", "kind: mentoring\n    lenght: 2")),
    ("a number that is text", MINIMAL.replace("per_month: 2", "per_month: {min: 1, max: two}")),
    ("a text that is a number", MINIMAL.replace("organisation: Test org", "organisation: 5")),
    ("a list that is a string", MINIMAL.replace("roles: [mentor, mentee]", "roles: mentor")),
    ("yes is not a boolean", MINIMAL + "voluntary: yes\n"),
    ("a missing required key", MINIMAL.replace(", kind: mentor}", "}")),
    ("a word outside the choices", MINIMAL.replace("kind: mentoring\n",
                                                   "kind: mentoring\n    entry: weekly\n")),
    ("a unit that does not fit", MINIMAL.replace("unit: month}", "unit: meeting}")),
    ("an unknown unit", MINIMAL.replace("unit: month}", "unit: mnth}")),
    ("a range without a unit where none is known", MINIMAL.replace(
        "{min: 3, max: 4, unit: month}", "{min: 3, max: 4}")),
    ("both value and min", MINIMAL.replace("per_month: 2", "per_month: {value: 2, min: 1}")),
    ("a bad language code", MINIMAL.replace("name: Tiny", "name: {finnish: Pieni}")),
    ("an empty text map", MINIMAL.replace("name: Tiny", "name: {}")),
    ("remove where nothing is inherited", MINIMAL.replace(
        "- {id: mentee, name: mentee, kind: mentee}", "- {id: mentee, remove: true}")),
    ("a top level that is a list", "- id: tiny\n"),
    ("a share of the phase past its end", MINIMAL + _event("at: 1.5")),
    ("a probability above 1", MINIMAL + _event("at: end, probability: 2")),
    ("a negative share", MINIMAL + _event("at: -0.1")),
]


@pytest.mark.parametrize(("name", "text"), GOOD + BAD, ids=[n for n, _ in GOOD + BAD])
def test_the_schema_agrees_with_the_loader(validator, write, name, text):
    path = write("model.yaml", text)
    structural = [d for d in load(path, registry=default_library().registry).diagnostics
                  if d.rule.startswith(STRUCTURAL)]
    data = YAML(typ="safe").load(text)   # YAML 1.2, as the loader reads it
    schema_errors = list(validator.iter_errors(data))
    assert bool(schema_errors) == bool(structural), (
        f"{name}: loader {[d.format() for d in structural]}, "
        f"schema {[e.message for e in schema_errors]}")
    assert bool(structural) == ((name, text) in BAD)


ADAPTATION = """\
id: our-womento
extends: womento
region: Jyväskylä
name: {sv: Vårt Womento}
phases:
  - id: mentoring
    duration: {min: 9}
    cadence: {per_month: 2}
  - id: closing
    kind: closing
events:
  - {id: group-meetings, remove: true}
summary: null
"""


def test_an_adaptation_needs_only_what_differs(validator, write):
    path = write("our.yaml", ADAPTATION)
    assert load(path, registry=default_library().registry).ok
    assert not list(validator.iter_errors(_data(path)))


@pytest.mark.parametrize("change", [
    ("id: our-womento\n", ""),                                    # an adaptation names itself
    ("{id: group-meetings, remove: true}", "{id: group-meetings, remove: true, name: x}"),
    ("region: Jyväskylä", "regoin: Jyväskylä"),
    ("duration: {min: 9}", "duration: {min: nine}"),
    ("remove: true}", "remove: yes}"),
])
def test_a_bad_adaptation_is_refused(validator, write, change):
    old, new = change
    data = _data(write("our.yaml", ADAPTATION.replace(old, new)))
    assert list(validator.iter_errors(data))


def test_the_schema_is_stable():
    assert schema_text() == schema_text()
    assert schema_text().startswith('{\n  "$schema": "https://json-schema.org/draft/2020-12/')


# -- adaptations: the schema and validate agree (issue 15, point 10) ----------------------------

ADAPTATIONS = [
    ("the adaptation as written", ADAPTATION, False),
    ("no id of its own", ADAPTATION.replace("id: our-womento\n", ""), True),
    ("remove beside other keys", ADAPTATION.replace(
        "{id: group-meetings, remove: true}", "{id: group-meetings, remove: true, name: x}"), True),
    ("an unknown key", ADAPTATION.replace("region: Jyväskylä", "regoin: Jyväskylä"), True),
    ("a number that is text", ADAPTATION.replace("duration: {min: 9}", "duration: {min: nine}"),
     True),
    ("remove: yes", ADAPTATION.replace("remove: true}", "remove: yes}"), True),
    ("a required text dropped", ADAPTATION + "organisation: null\n", True),
    ("a required kind dropped", ADAPTATION.replace("    kind: closing\n", "    kind: null\n"),
     True),
    ("an optional value dropped", ADAPTATION.replace("region: Jyväskylä", "region: null"), False),
]


@pytest.mark.parametrize(("name", "text", "bad"), ADAPTATIONS, ids=[n for n, *_ in ADAPTATIONS])
def test_the_schema_agrees_with_validate_on_adaptations(validator, write, name, text, bad):
    path = write("our.yaml", text)
    structural = [d for d in load(path, registry=default_library().registry).diagnostics
                  if d.rule.startswith(STRUCTURAL)]
    schema_errors = list(validator.iter_errors(YAML(typ="safe").load(text)))
    assert bool(schema_errors) == bool(structural) == bad, (
        f"{name}: loader {[d.format() for d in structural]}, "
        f"schema {[e.message for e in schema_errors]}")


def test_kinds_are_enumerations_of_the_installed_plugins():
    registry = default_library().registry
    schema = json_schema(registry)
    defs = schema["$defs"]
    assert defs["Phase"]["properties"]["kind"]["enum"] == sorted(registry.phase_kinds)
    assert "camp" in defs["Phase"]["properties"]["kind"]["enum"]  # the Kesälukio plugin's
    assert defs["Unit"]["properties"]["kind"]["enum"] == sorted(registry.unit_kinds)
    assert defs["MatchingRule"]["properties"]["criterion"]["enum"] == sorted(registry.criteria)
    validator = jsonschema.Draft202012Validator(schema)
    for path in MODELS:
        assert not list(validator.iter_errors(_data(path))), path.name
    unknown = YAML(typ="safe").load(MINIMAL.replace("kind: mentoring", "kind: mentorship"))
    assert list(validator.iter_errors(unknown))
    assert "enum" not in json_schema()["$defs"]["Phase"]["properties"]["kind"]  # no registry


def test_the_schema_names_its_version():
    from mentorcore.version import __version__

    schema = json_schema()
    assert schema["$id"] == f"urn:mentorcore:schema:model:{__version__}"
    assert schema["x-mentorcore-version"] == __version__


def test_descriptions_follow_lang(run):
    english = json.loads(run("schema").stdout)
    finnish = json.loads(run("--lang", "fi", "schema").stdout)
    assert english["$defs"]["Removal"]["description"] == \
        "Removes the inherited item with this id."
    assert finnish["$defs"]["Removal"]["description"] != english["$defs"]["Removal"]["description"]
    assert finnish["description"] != english["description"]
    assert finnish["$defs"]["Phase"]["properties"]["kind"]["enum"] == \
        english["$defs"]["Phase"]["properties"]["kind"]["enum"]
