"""The two passes of structuring (mentorcore.loading.structure): the fast pass builds a valid
model without cattrs, the detailed pass (cattrs) explains a model with problems. They must
mean one thing: whatever the fast pass builds, the detailed pass builds the same; whatever
the detailed pass refuses, the fast pass refuses."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorcore.bundled import bundled_models_directory
from mentorcore.loading.detailed import structurer, translate
from mentorcore.loading.loader import structure_programme
from mentorcore.loading.structure import FastStructurer, fast_structurer
from mentorcore.model import Programme
from tests.conftest import MINIMAL, default_library

MODELS = sorted(p.stem for p in bundled_models_directory().glob("*.yaml"))


def _data(model: str) -> dict[str, Any]:
    loaded = default_library().load(model)
    assert loaded.ok, loaded.diagnostics
    return dict(loaded.data)


@pytest.mark.parametrize("model", MODELS)
def test_the_fast_pass_builds_what_the_detailed_one_builds(model):
    """A valid model is built by the fast pass, value for value what cattrs' generated
    functions build."""
    data = _data(model)
    fast = fast_structurer().structure(copy.deepcopy(data), Programme)
    detailed = structurer().structure(copy.deepcopy(data), Programme)
    assert fast == detailed == default_library().load(model).programme
    assert repr(fast) == repr(detailed)


def test_the_fast_pass_refuses_what_it_cannot_build(write):
    """An unknown key, a missing one, a wrong value: never built wrong, refused (and then
    explained by the detailed pass)."""
    data = dict(default_library().load(str(write("m.yaml", MINIMAL))).data)
    fast = FastStructurer()
    for wrong in ({**data, "unknown": 1},
                  {k: v for k, v in data.items() if k != "id"},
                  {**data, "name": 5},
                  {**data, "phases": "mentoring"},
                  {**data, "roles": [{"id": "mentor"}, "mentee"]}):
        with pytest.raises(Exception):  # noqa: B017 - any: the detailed pass explains it
            fast.structure(wrong, Programme)
        programme, problems = structure_programme(wrong)
        assert programme is None and problems


ODD_VALUES = st.sampled_from([None, "", "text", "6 kuukautta", 0, 5, -1, 2.5, True, False,
                              [], ["x"], [1, 2], {}, {"x": 1}, {"fi": "teksti"},
                              {"min": 1, "max": 2}, {"value": 3, "unit": "month"},
                              {"unit": "fortnight", "value": 1}])


def _paths(value: Any, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_paths(item, (*path, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_paths(item, (*path, index)))
    return found


def _at(data: Any, path: tuple) -> Any:
    for step in path:
        data = data[step]
    return data


def _swaps(value: Any) -> list[Any]:
    """Values of another kind close to ``value``: what an author's slip makes of it (a list
    written as its one item, a text as a list, a number as a text…)."""
    if isinstance(value, list):
        return [value[0] if value else "x", {"x": value}, None]
    if isinstance(value, dict):
        return [[value], next(iter(value.values()), "x"), "x"]
    if isinstance(value, bool):
        return [str(value).lower(), int(value), [value]]
    if isinstance(value, int | float):
        return [str(value), [value], value > 0, None]
    if isinstance(value, str):
        return [[value], 1, {"x": value}, None, ""]
    return ["x", 1]


def _mutated(data: dict[str, Any], path: tuple, action: str, value: Any) -> dict[str, Any]:
    result = copy.deepcopy(data)
    if not path:
        return result
    *parents, last = path
    container: Any = result
    for step in parents:
        container = container[step]
    if action == "delete":
        del container[last]
    elif action == "add" and isinstance(container[last], dict):
        container[last]["unknown_key"] = value
    else:
        container[last] = value
    return result


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_the_two_passes_agree_on_any_change_to_a_model(data):
    """Property: a bundled model with one value changed (to any kind of value), one key
    removed or one unknown key added is either built by both passes alike, or refused by
    both — the fast pass never builds what the detailed pass refuses, nor refuses what it
    builds."""
    model = data.draw(st.sampled_from(MODELS))
    original = _data(model)
    path = data.draw(st.sampled_from(_paths(original)))
    action = data.draw(st.sampled_from(["replace", "swap", "delete", "add"]))
    value = (data.draw(st.sampled_from(_swaps(_at(original, path)))) if action == "swap"
             else data.draw(ODD_VALUES))
    changed = _mutated(original, path, action, value)
    _assert_the_passes_agree(changed, (path, action, value))


@pytest.mark.parametrize("model", ["womento", "kesalukio"])
def test_the_two_passes_agree_on_every_slip_in_a_model(model):
    """Exhaustively, for two models: every value of the model swapped for each value of another
    kind an author's slip makes of it."""
    original = _data(model)
    for path in _paths(original)[1:]:
        for value in _swaps(_at(original, path)):
            _assert_the_passes_agree(_mutated(original, path, "swap", value), (path, value))


def _assert_the_passes_agree(changed: dict[str, Any], where: object) -> None:
    try:
        fast = FastStructurer().structure(copy.deepcopy(changed), Programme)
    except Exception:  # noqa: BLE001 - refused
        fast = None
    try:
        detailed = structurer().structure(copy.deepcopy(changed), Programme)
    except Exception as error:  # noqa: BLE001 - refused, with its problems explained
        assert translate(error), "the detailed pass refused without saying why"
        detailed = None
    assert (fast is None) == (detailed is None), where
    if fast is not None:
        assert fast == detailed


UNNEEDED_BY_VALIDATE = ("cattrs", "mentorcore.spreadsheets", "mentorcore.simulation.behaviours",
                        "mentorcore.matching.participants", "mentorcore.matching.eligibility",
                        "mentorcore.formats", "mentorcore.sections",
                        "mentorcore_auroras.end_report", "click.shell_completion",
                        "mentorcore.loading.positions", "mentorcore.synonyms",
                        "mentorcore.dates")
"""What `validate` of valid models does without: cattrs (the detailed pass, ~13 ms of every
start), the spreadsheets (the CSV dialect is chosen at every start), the simulation's plugin
types but phase behaviours (W223), matching's participant store and eligibility (E216/W217 read
what a requirement admits from the model), the types of output formats and sections and the
formats themselves (no hook that registers them is called), click's shell completion (only
a shell asking for completions needs it), and what explains problems only: the positions of a
file's values, the synonyms that suggest a key or unit, and the date parser (no date is given)."""


def test_validating_a_valid_model_imports_only_what_it_needs(tmp_path):
    """The point of the fast pass and of the small modules the checks read: `mentorcore
    validate` of valid models — the camp's phase kind among them — imports none of
    UNNEEDED_BY_VALIDATE; a model with a problem imports cattrs, to explain it."""
    probe = ("import sys\nfrom mentorcore.cli import main\n"
             "sys.argv = ['mentorcore', 'validate', *sys.argv[1:]]\n"
             "try:\n    main()\nexcept SystemExit as done:\n    code = done.code\n"
             "sys.stdout.flush()\nprint(code, *(m in sys.modules for m in "
             f"{UNNEEDED_BY_VALIDATE!r}), file=sys.stderr)\n")
    environment = {**os.environ, "MENTORCORE_NO_CACHE": "1"}
    valid = subprocess.run([sys.executable, "-c", probe, *MODELS], capture_output=True,
                           text=True, env=environment)
    assert "kesalukio" in MODELS
    imported = valid.stderr.split()[-len(UNNEEDED_BY_VALIDATE):]
    assert valid.stderr.split()[-len(UNNEEDED_BY_VALIDATE) - 1] == "0", valid.stderr
    assert dict(zip(UNNEEDED_BY_VALIDATE, imported, strict=True)) == dict.fromkeys(
        UNNEEDED_BY_VALIDATE, "False"), valid.stderr
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(MINIMAL.replace("name:", "nmae:", 1), encoding="utf-8")
    invalid = subprocess.run([sys.executable, "-c", probe, str(wrong)], capture_output=True,
                             text=True, env=environment)
    assert "E101" in invalid.stdout and "'nmae'" in invalid.stdout, invalid.stdout
    assert invalid.stderr.split()[-len(UNNEEDED_BY_VALIDATE) - 1:][:2] == ["1", "True"], \
        invalid.stderr


def test_the_model_classes_hold_types_not_texts_to_compile():
    """The model's annotations are evaluated at import (see mentorcore.model): every field of
    every class a programme is built of has a type, so structuring compiles none."""
    import attrs

    seen: set[type] = set()
    stack: list[Any] = [Programme]
    while stack:
        cls = stack.pop()
        if not attrs.has(cls) or cls in seen:
            stack.extend(getattr(cls, "__args__", ()))
            continue
        seen.add(cls)
        for field in attrs.fields(cls):
            assert not isinstance(field.type, str), (cls.__name__, field.name, field.type)
            stack.append(field.type)
    assert len(seen) >= 25
