"""Bounds of a model (docs/authoring.md, "Bounds"): limits checked while parsing, quantities no
engine could plan, and ids that look alike — each a positioned error, found in linear time."""

from __future__ import annotations

import time
import unicodedata

import pytest

from mentorcore.loading.document import MAX_DEPTH, MAX_ITEMS, parse
from mentorcore.loading.structure import MAX_COHORT
from tests.conftest import MINIMAL, default_library


def load(path):
    return default_library().load(str(path))


def messages(path):
    return [d.format() for d in load(path).diagnostics]


@pytest.mark.parametrize("opening, closing", [("[", "]"), ("{a: ", "}")])
def test_deep_flow_nesting_is_refused_while_parsing_in_linear_time(opening, closing):
    from mentorcore.diagnostics import MentorcoreError

    times = []
    for depth in (10_000, 100_000):
        text = "phases: " + opening * depth + "1" + closing * depth + "\n"
        started = time.perf_counter()
        with pytest.raises(MentorcoreError) as error:
            parse(text, "m.yaml")
        times.append(time.perf_counter() - started)
        (diagnostic,) = error.value.diagnostics
        assert f"nested more than {MAX_DEPTH} levels deep" in diagnostic.format()
        assert diagnostic.line == 1 and diagnostic.rule == "E006"
    # ten times deeper costs no more: the parser stops at the limit (it took 30 s at 100,000)
    assert times[1] < 0.5 and times[1] < 5 * times[0] + 0.05, times


def test_an_unclosed_deep_nesting_stops_at_the_limit_too():
    from mentorcore.diagnostics import MentorcoreError

    started = time.perf_counter()
    with pytest.raises(MentorcoreError, match="nested more than"):
        parse("a: " + "[" * 500_000, "m.yaml")
    assert time.perf_counter() - started < 0.5


def test_a_model_list_is_bounded_while_parsing(write):
    phases = "".join(f"  - {{id: p{i}, kind: mentoring}}\n" for i in range(MAX_ITEMS + 5))
    path = write("m.yaml", MINIMAL.split("phases:")[0] + "phases:\n" + phases)
    (message,) = messages(path)
    assert message.endswith(f"m.yaml:{MAX_ITEMS + 10}:5: more than 1,000 items in one list "
                            "(see 'Bounds' in docs/authoring.md) [E006]"), message


def test_a_list_at_the_bound_is_fine(write):
    phases = "".join(f"  - {{id: p{i}, kind: mentoring, duration: {{value: 1, unit: week}}}}\n"
                     for i in range(MAX_ITEMS))
    path = write("m.yaml", MINIMAL.split("phases:")[0] + "phases:\n" + phases)
    assert not [m for m in messages(path) if "[E006]" in m]


def test_participant_lists_are_not_bounded_like_models():
    text = "".join(f"- {{id: p{i}}}\n" for i in range(MAX_ITEMS + 5))
    assert len(parse(text, "people.yaml", quote_text=False)) == MAX_ITEMS + 5


@pytest.mark.parametrize("quantity, message", [
    ("duration: {min: 3, max: 4000000, unit: month}",
     "phases[0].duration.max: 4,000,000 month is more than a model may state (at most 10 years)"),
    ("duration: {value: 522, unit: week}",
     "phases[0].duration.max: 522 week is more than a model may state (at most 10 years)"),
    ("duration: {min: 3, max: .nan, unit: month}",
     "phases[0].duration.max: nan month is more than a model may state"),
    ("cadence: {unit: pair, per_month: 100}",
     "phases[0].cadence.per_month.max: 100 meeting/month is more than a model may state "
     "(at most 31)"),
    ("cadence: {unit: pair, total: {min: 6, max: 1000001}}",
     "phases[0].cadence.total.max: 1,000,001 meeting is more than a model may state "
     "(at most 1,000)"),
])
def test_quantities_past_their_bound_are_errors(write, quantity, message):
    key = quantity.split(":")[0]
    written = {"duration": "duration: {min: 3, max: 4, unit: month}",
               "cadence": "cadence: {unit: pair, per_month: 2, total: {min: 6, max: 8}}"}[key]
    path = write("m.yaml", MINIMAL.replace(written, quantity))
    found = [m for m in messages(path) if "more than a model may state" in m]
    assert found and message in found[0] and found[0].endswith("[E104]"), found


def test_ten_years_is_within_the_bound(write):
    path = write("m.yaml", MINIMAL.replace("{min: 3, max: 4, unit: month}",
                                           "{min: 3, max: 10, unit: year}"))
    assert not [m for m in messages(path) if "more than a model may state" in m]


@pytest.mark.parametrize("size", ["9e6", "9000000", "200001", ".inf"])
def test_a_huge_cohort_is_an_error_of_validate(write, size):
    path = write("m.yaml", MINIMAL + f"assumptions:\n  - {{id: cohort_size, value: {size}, "
                                     f"rationale: why}}\n")
    (message,) = messages(path)
    assert ":15:30: assumptions[0].value: a cohort of " in message
    assert f"units is more than a simulation builds (at most {MAX_COHORT:,})" in message


def test_simulate_never_starts_a_huge_cohort(run, write):
    path = write("m.yaml", MINIMAL + "assumptions:\n  - {id: cohort_size, value: 9e6, "
                                     "rationale: why}\n")
    started = time.perf_counter()
    result = run("simulate", str(path), "--start", "2027-01-11")
    assert result.exit_code == 1 and "a cohort of 9,000,000 units" in result.output
    assert time.perf_counter() - started < 2


# -- ids (issue 14, point 9) ---------------------------------------------------------------

@pytest.mark.parametrize("invisible, name", [
    ("\u200b", "U+200B ZERO WIDTH SPACE"), ("\u00ad", "U+00AD SOFT HYPHEN"),
    ("\u200d", "U+200D ZERO WIDTH JOINER"), ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("\\e", "U+001B"),
])
def test_an_id_with_an_invisible_character_is_an_error(write, invisible, name):
    path = write("m.yaml", MINIMAL.replace("- id: mentoring", f'- id: "ment{invisible}oring"'))
    found = [m for m in messages(path) if "invisible character" in m]
    assert found, messages(path)
    assert f"phases[0].id: the id holds an invisible character ({name}" in found[0]
    assert "at position 5" in found[0] and found[0].endswith("[E104]")
    assert "\x1b" not in "".join(messages(path)) and "\u202e" not in "".join(messages(path))


def test_ids_are_nfc_normalised(write):
    nfd = unicodedata.normalize("NFD", "työ")
    nfc = unicodedata.normalize("NFC", "työ")
    path = write("m.yaml", MINIMAL.replace("- id: mentoring", f"- id: {nfd}")
                 + f"events:\n  - {{id: e, timing: once, phase: {nfc}, at: start}}\n")
    loaded = load(path)
    assert loaded.ok, [d.format() for d in loaded.diagnostics]
    assert loaded.programme.phases[0].id == nfc and loaded.programme.events[0].phase == nfc


def test_keys_that_differ_only_in_their_unicode_form_are_duplicates(write):
    nfd = unicodedata.normalize("NFD", "ö")
    path = write("m.yaml", MINIMAL + f'assumptions:\n  - {{id: a, value: 1, rationale: x, '
                                     f'"ö": 1, "{nfd}": 2}}\n')
    found = [m for m in messages(path) if "[E004]" in m]
    assert found and "the same letters, encoded differently" in found[0]


def test_control_characters_in_a_model_are_shown_escaped(write):
    path = write("m.yaml", MINIMAL + 'unknown: 1\n"\\e]52;c;aGk=\\a\\e[2J": 1\n')
    text = "\n".join(messages(path))
    assert "\\u001b]52;c;aGk=\\u0007\\u001b[2J" in text
    assert "\x1b" not in text and "\x07" not in text


@pytest.mark.parametrize("setting", [["--pairs", "9000000"], ["--set", "cohort_size=9e6"]])
def test_simulate_refuses_a_huge_cohort_from_the_command_line(run, setting):
    started = time.perf_counter()
    result = run("simulate", "womento", *setting, "--start", "2027-01-11")
    assert result.exit_code == 2, result.output
    assert f"more than the simulation handles ({MAX_COHORT})" in result.output
    assert time.perf_counter() - started < 2


@pytest.mark.parametrize("invisible", ["\u00ad", "\u200b", "\u2060"])
def test_an_invisible_character_inside_a_column_name_is_shown(run, tmp_path, invisible):
    """``ter<ZWSP>veys`` must not read as ``terveys`` in the message that refuses it."""
    people = tmp_path / "people.csv"
    people.write_text(f"id;role;name;ter{invisible}veys\n1;mentor;A;x\n", encoding="utf-8")
    result = run("match", "womento", str(people))
    assert result.exit_code != 0
    assert f"ter\\u{ord(invisible):04x}veys" in result.output and invisible not in result.output
