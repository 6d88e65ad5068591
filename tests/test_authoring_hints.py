"""Shape errors with the right form, and suggestions across languages (issue 15, points 3, 4)."""

from __future__ import annotations

import tomllib
from importlib import resources

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorcore import model
from mentorcore.loading.shapes import read_quantity
from mentorcore.model.quantity import UNITS
from mentorcore.synonyms import meaning, normal, table

ADAPTATION = "id: ours\nextends: womento\nphases:\n  - id: mentoring\n    {line}\n"


def _problems(run, write, line: str, *, lang: str = "en") -> str:  # type: ignore[no-untyped-def]
    path = write("ours.yaml", ADAPTATION.format(line=line))
    return run("--lang", lang, "validate", str(path)).output


@pytest.mark.parametrize(("line", "fixed"), [
    ("duration: 6 kuukautta", "`duration: {value: 6, unit: month}`"),
    ("duration: 6 kk", "`duration: {value: 6, unit: month}`"),
    ("duration: kuusi kuukautta", "`duration: {value: 6, unit: month}`"),
    ("duration: 1 kuukausi", "`duration: {value: 1, unit: month}`"),
    ("duration: 12 viikkoa", "`duration: {value: 12, unit: week}`"),
    ("duration: 1 viikko", "`duration: {value: 1, unit: week}`"),
    ("duration: 3 månader", "`duration: {value: 3, unit: month}`"),
    ("duration: 1 månad", "`duration: {value: 1, unit: month}`"),
    ("duration: 10 veckor", "`duration: {value: 10, unit: week}`"),
    ("duration: 1 vecka", "`duration: {value: 1, unit: week}`"),
    ("duration: noin 8-10 kuukautta",
     "`duration: {min: 8, max: 10, unit: month, approx: true}`"),
    ("duration: vähintään 3 kk", "`duration: {min: 3, unit: month}`"),
    ("duration: 1,5 vuotta", "`duration: {value: 1.5, unit: year}`"),
    ("duration: 6", None),  # a bare number is no duration: no unit is known here
])
def test_a_duration_in_words_gets_the_form_to_write(run, write, line, fixed):
    output = _problems(run, write, line)
    assert "[E102]" in output
    if fixed is not None:
        assert f"expected a range with a unit, found '{line.split(': ', 1)[1]}' " \
               f"(write {fixed})" in output
    else:
        assert "{value: 6, unit: month}" in output
    assert "expected a map" not in output


@pytest.mark.parametrize(("value", "fixed"), [
    ("1-2", "`per_month: {min: 1, max: 2}`"),
    ("1–2", "`per_month: {min: 1, max: 2}`"),
    ('"2 kertaa kuukaudessa"', "`per_month: 2`"),
    ("noin 2", "`per_month: {value: 2, approx: true}`"),
])
def test_a_frequency_says_a_number_is_allowed(run, write, value, fixed):
    output = _problems(run, write, f"cadence: {{per_month: {value}}}")
    assert "expected a number or a range, found" in output
    assert f"(write {fixed})" in output
    assert "expected a map" not in output


def test_the_hint_is_finnish_under_lang_fi(run, write):
    output = _problems(run, write, "duration: 6 kuukautta", lang="fi")
    assert "odotettiin väliä ja yksikköä, löytyi '6 kuukautta' " \
           "(kirjoita `duration: {value: 6, unit: month}`)" in output


def test_a_cadence_written_as_words(run, write):
    output = _problems(run, write, "cadence: 1-2 krt/vko")
    assert "(write `cadence: {per_week: {min: 1, max: 2}}`)" in output


def test_an_unknown_unit_word_is_translated(run, write):
    output = _problems(run, write, "duration: {value: 6, unit: kuukautta}")
    assert "unknown unit 'kuukautta' (did you mean `month`?)" in output
    output = _problems(run, write, "duration: {value: 6, unit: veckor}")
    assert "unknown unit 'veckor' (did you mean `week`?)" in output


@pytest.mark.parametrize(("key", "meant"), [
    ("kesto", "duration"), ("varaktighet", "duration"), ("tiheys", "cadence"),
    ("kuvaus", "description"),
])
def test_finnish_and_swedish_keys_suggest_the_key(run, write, key, meant):
    output = _problems(run, write, f"{key}: x")
    assert f"unknown key '{key}' (did you mean `{meant}`?)" in output


@pytest.mark.parametrize(("key", "meant"), [
    ("vaiheet", "phases"), ("faser", "phases"), ("roolit", "roles"), ("tapahtumat", "events"),
    ("alue", "region"), ("kielet", "languages"), ("lähteet", "sources"),
    ("oletukset", "assumptions"), ("kohderyhmä", "target_group"),
])
def test_top_level_keys_in_finnish_and_swedish(run, write, key, meant):
    path = write("ours.yaml", f"id: ours\nextends: womento\n{key}: x\n")
    assert f"unknown key '{key}' (did you mean `{meant}`?)" in run("validate", str(path)).output


@pytest.mark.parametrize(("written", "meant"), [
    ("mentoroitava", "mentee"), ("aktori", "mentee"), ("Mentoroitava", "mentee"),
    ("mentori", "mentor"), ("adept", "mentee"),
])
def test_a_role_named_in_any_language_of_the_model(run, write, written, meant):
    path = write("ours.yaml", "id: ours\nextends: womento\nunits:\n  - id: pair\n"
                              f"    roles: [mentor, {written}]\n")
    output = run("validate", str(path)).output
    assert f"no role with id '{written}' (did you mean `{meant}`?)" in output


def test_a_colon_without_a_space_in_a_key(run, write):
    from tests.conftest import MINIMAL

    path = write("m.yaml", MINIMAL.replace("per_month: 2", "per_month: {'min:1': 2}"))
    output = run("validate", str(path)).output
    assert "unknown key 'min:1' (put a space after the colon: `min: 1`)" in output


# -- the table -----------------------------------------------------------------------------------

def _field_names() -> set[str]:
    names: set[str] = set()
    for name in dir(model):
        cls = getattr(model, name)
        if isinstance(cls, type) and attrs.has(cls):
            names |= {f.name for f in attrs.fields(cls)}
    return names


def test_the_table_names_only_keys_and_units_of_the_format():
    data = tomllib.loads(resources.files("mentorcore").joinpath("synonyms.toml").read_text(
        encoding="utf-8"))
    assert set(data["keys"]) <= _field_names()
    assert set(data["units"]) <= UNITS
    for kind in ("keys", "units"):
        seen: dict[str, str] = {}
        for name, words in data[kind].items():
            for word in words:
                assert seen.setdefault(normal(word), name) == name, (kind, word)
        assert all(table(kind)[normal(name)] == name for name in data[kind])


@given(st.sampled_from(sorted(table("units"))), st.integers(1, 99))
def test_every_unit_word_reads_as_its_unit(word, number):
    found = read_quantity(f"{number} {word}")
    if found is not None:  # words such as "per month" need a meeting before them
        assert found == {"value": number, "unit": meaning(word, "units")}


def test_a_list_item_without_a_space_after_its_dash(run, write):
    path = write("ours.yaml", "id: ours\nextends: womento\nphases:\n  -id: mentoring\n")
    output = run("validate", str(path)).output
    assert "phases: expected a list, found a map (a list item starts with a dash and a space: " \
           "write `- id: …`)" in output


def test_a_text_item_holding_a_colon(run, write):
    path = write("ours.yaml", "id: ours\nextends: womento\naims:\n  - Tavoite: työ\n")
    output = run("validate", str(path)).output
    assert "(a text holding a colon and a space needs quotes: `\"Tavoite: työ\"`)" in output
