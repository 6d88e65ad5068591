"""Semantic checks: each rule fires where it should, with its stable id, and only there."""

from __future__ import annotations

import pytest

from mentorcore.library import Library
from mentorcore.loading import strict
from tests.conftest import MINIMAL, default_library


def rules(path) -> list[str]:
    return [d.rule for d in default_library().load(str(path)).diagnostics]


def test_minimal_model_is_clean(write):
    assert rules(write("m.yaml", MINIMAL)) == []


@pytest.mark.parametrize("old, new, rule", [
    ("roles: [mentor, mentee]", "roles: [mentor, mentee, coach]", "E201"),
    ("min: 3, max: 4, unit: month", "min: 4, max: 3, unit: month", "E202"),
    ("  - {id: mentee, name: mentee, kind: mentee}",
     "  - {id: mentor, name: m2, kind: mentee}", "E016"),  # E203: models not from a file
    ("per_month: 2,", "per_month: 1,", "W204"),
    ("kind: pair, roles", "kind: pair, size: {value: 3, unit: person}, roles", "E205"),
    ("kind: mentoring", "kind: mentorship", "E208"),
    ("id: tiny", "id: Tiny Model", "W212"),
])
def test_each_rule_fires(write, old, new, rule):
    assert old in MINIMAL
    found = rules(write("m.yaml", MINIMAL.replace(old, new)))
    assert rule in found, found


def test_cadence_agreement_examples(write):
    # about twice a month for 3–4 months agrees with 6–8 meetings
    assert "W204" not in rules(write("a.yaml", MINIMAL.replace(
        "per_month: 2", "per_month: {value: 2, approx: true}")))
    # once a month for 2 months does not
    text = MINIMAL.replace("min: 3, max: 4, unit: month", "value: 2, unit: month").replace(
        "per_month: 2", "per_month: 1")
    diagnostics = default_library().load(str(write("b.yaml", text))).diagnostics
    (warning,) = diagnostics
    assert warning.rule == "W204" and warning.path == ("phases", 0, "cadence", "total")
    assert ("6–8 meetings does not agree with 1 meeting a month over 2 months (that gives 2 "
            "meetings)") in warning.message
    from mentorcore import i18n

    previous = i18n.use("fi")  # quantities as the language words them, not unit ids
    try:
        (finnish,) = default_library().load(str(write("b.yaml", text))).diagnostics
    finally:
        i18n.use(previous)
    assert ("6–8 tapaamista ei vastaa tiheyttä 1 tapaaminen kuukaudessa ajassa 2 kuukautta "
            "(siitä tulee 2 tapaamista)") in finnish.message


def test_group_sizes_positive_and_ordered(write):
    text = MINIMAL.replace("phases:", "  - {id: group, kind: group, composition: pairs, "
                                      "made_of: pair, "
                                      "size: {min: 0, max: 15, unit: pair}}\nphases:")
    assert "E205" in rules(write("g.yaml", text))
    text = text.replace("min: 0, max: 15", "min: 15, max: 5")
    assert "E202" in rules(write("g2.yaml", text))
    text = MINIMAL.replace("phases:", "  - {id: group, kind: group}\nphases:")
    assert rules(write("g3.yaml", text)) == []  # a size the documents do not give is no error


def test_phase_order(write):
    text = MINIMAL + "  - {id: training, kind: training}\n"
    assert rules(write("m.yaml", text)) == ["W206"]
    # orientation may come before or after matching
    text = MINIMAL.replace("phases:\n", "phases:\n  - {id: match, kind: matching}\n"
                                         "  - {id: orient, kind: orientation}\n")
    assert rules(write("o.yaml", text)) == []


def test_early_end_names_its_condition(write):
    text = MINIMAL + "    exits:\n      - {id: employed, kind: early_end}\n"
    assert rules(write("m.yaml", text)) == ["E207"]
    text = MINIMAL + ("    exits:\n      - {id: employed, kind: early_end, "
                      "condition: the mentee is employed}\n")
    assert rules(write("ok.yaml", text)) == []


def test_missing_first_party_kind_names_the_plugin(write):
    text = MINIMAL.replace("kind: mentoring", "kind: camp")
    loaded = default_library().load(str(write("m.yaml", text)))
    assert not loaded.diagnostics  # the camp plugin is installed with mentorcore
    from mentorcore.plugins import Registry, build_plugin_manager

    registry = Registry(build_plugin_manager(disabled=["mentorcore-camp"]))
    loaded = Library(registry).load(str(write("m.yaml", text)))
    (diagnostic,) = loaded.diagnostics
    assert diagnostic.rule == "E208"
    assert "unknown phase kind 'camp'" in diagnostic.message
    assert "provided by the plugin mentorcore-camp" in diagnostic.hint


def test_sources_are_cited_when_declared(write):
    text = MINIMAL + "sources:\n  - {id: doc, document: guide.txt}\nsource: doc\n"
    found = default_library().load(str(write("m.yaml", text))).diagnostics
    assert {d.rule for d in found} == {"W210"}
    assert {d.path for d in found} == {("roles", 0), ("roles", 1), ("units", 0), ("phases", 0)}


def test_strict_makes_warnings_errors(write):
    text = MINIMAL.replace("per_month: 2,", "per_month: 1,")
    loaded = default_library().load(str(write("m.yaml", text)))
    assert loaded.ok
    assert all(d.is_error for d in strict(loaded.diagnostics))
