"""The optimisation as docs/matching.md defines it ("The optimisation"), recomputed here.

Every formula below is written from the docs alone — the fit of each criterion, what meets a
hard rule, empty cells, the quantised points of a preference, the lexicographic objective — and
the optimum is found with SciPy's ``linear_sum_assignment`` (mentors' columns repeated once per
place) or, for buddies, NetworkX's blossom algorithm; mentorcore's ``optimal`` (and
``reciprocal``) must reach the same total quantised score with as many pairs.
"""

from __future__ import annotations

import itertools
import textwrap
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorcore import Library
from mentorcore.matching import match, participants_from_records

RESOLUTION = 1_000_000  # "a millionth of the largest possible score"

REGIONS = ["Vaasa", "vaasa ", "Oulu", "Turku", None]
LANGUAGES = ["fi", "sv", "en", "ar"]
TIMES = ["mon", "tue", "wed", "thu"]
GENDERS = ["female", "male", None]

FIELDS = """\
participant_data:
  fields:
    - {id: region, purpose: meeting in person}
    - {id: languages, purpose: a shared language, type: list}
    - {id: availability, purpose: meeting times, type: list}
    - {id: age, purpose: age difference, type: number}
    - {id: gender, purpose: the mentee's wish, values: [female, male]}
    - {id: wished_gender, purpose: the mentee's wish, type: list, roles: [MENTEE]}
    - {id: not_with, purpose: pairs that must not be formed, type: list}
"""

CRITERIA = {
    "region": "{criterion: region}",
    "language": "{criterion: shared_language}",
    "times": "{criterion: availability}",
    "age": "{criterion: age_range, params: {max_difference: 10}}",
    "gender": "{criterion: gender, params: {wish: wished_gender}}",
    "not-with": "{criterion: forbidden_pair}",
}


# ------------------------------------------------------------ the docs' formulas, one by one

def same(text):
    """Text is compared case-folded, trimmed, inner spaces collapsed; empty is no value."""
    return None if text is None else " ".join(text.split()).casefold() or None


def fit(rule, a, b):
    """The fit of criterion ``rule`` for mentee (or buddy) ``a`` with mentor (or buddy) ``b``."""
    if rule == "region":  # 1 in the same region; an empty cell never meets
        return 1.0 if same(a["region"]) is not None and same(a["region"]) == same(b["region"]) \
            else 0.0
    if rule == "language":  # 1 when they share a language
        return 1.0 if set(a["languages"]) & set(b["languages"]) else 0.0
    if rule == "times":  # the share of the mentee's times the mentor also has; none: 0
        mine = set(a["availability"])
        return len(mine & set(b["availability"])) / len(mine) if mine else 0.0
    if rule == "age":  # the ages differ by at most max_difference; an empty age never meets
        if a["age"] is None or b["age"] is None:
            return 0.0
        return 1.0 if abs(a["age"] - b["age"]) <= 10 else 0.0
    if rule == "gender":  # the mentor's gender is one the mentee wishes; no wish: any
        if not a["wished_gender"]:
            return 1.0
        return 1.0 if b["gender"] in a["wished_gender"] else 0.0
    if rule == "not-with":  # 0 when either lists the other's id; an empty cell meets it
        return 0.0 if a["id"] in b["not_with"] or b["id"] in a["not_with"] else 1.0
    raise AssertionError(rule)


def pair_points(rules, a, b, both_ways=False):
    """``None`` when a hard rule is not met (fit 0; both ways for buddies), else the pair's
    quantised score: Σ round(fit × (1 000 000 × w / W)) over the preferences, W the sum of
    their weights, a buddy preference's fit the mean of its two ways."""
    total_weight = sum(w for _name, hard, w in rules if not hard)
    points = 0
    for name, hard, weight in rules:
        there = fit(name, a, b)
        back = fit(name, b, a) if both_ways else there
        if hard:
            if not (there > 0 and back > 0):
                return None
        elif total_weight > 0:
            points += round((there + back) / 2 * (weight * RESOLUTION / total_weight))
    return points


def best_assignment(rules, mentees, mentors, places):
    """(most quantised score, most pairs at that score) over every assignment, from SciPy."""
    from scipy.optimize import linear_sum_assignment

    n = len(mentees)
    if n == 0 or not mentors:
        return 0, 0
    columns = [j for j in range(len(mentors)) for _ in range(places)]
    value = np.zeros((n, len(columns)), dtype=np.int64)
    for i, a in enumerate(mentees):
        for c, j in enumerate(columns):
            points = pair_points(rules, a, mentors[j])
            if points is not None:  # more score first, then more pairs (n + 1 > any count)
                value[i, c] = points * (n + 1) + 1
    rows, cols = linear_sum_assignment(value, maximize=True)
    total = int(value[rows, cols].sum())
    return divmod(total, n + 1)


def best_buddies(rules, buddies):
    """The same for buddies, from NetworkX's maximum-weight matching."""
    import networkx

    graph = networkx.Graph()
    n = len(buddies)
    for i, j in itertools.combinations(range(n), 2):
        points = pair_points(rules, buddies[i], buddies[j], both_ways=True)
        if points is not None:
            graph.add_edge(i, j, weight=points * (n + 1) + 1)
    matched = networkx.max_weight_matching(graph)
    total = sum(graph.edges[i, j]["weight"] for i, j in matched)
    return divmod(total, n + 1)


# ------------------------------------------------------------ random instances

def person(draw, ident, role, ids):
    return {
        "id": ident, "role": role,
        "region": draw(st.sampled_from(REGIONS)),
        "languages": draw(st.lists(st.sampled_from(LANGUAGES), unique=True, max_size=2)),
        "availability": draw(st.lists(st.sampled_from(TIMES), unique=True, max_size=3)),
        "age": draw(st.one_of(st.none(), st.integers(18, 60))),
        "gender": draw(st.sampled_from(GENDERS)),
        "wished_gender": draw(st.lists(st.sampled_from(["female", "male"]), unique=True,
                                       max_size=1)) if role == "mentee" else [],
        "not_with": draw(st.lists(st.sampled_from(ids), unique=True, max_size=1)) if ids else [],
    }


@st.composite
def rule_sets(draw):
    names = draw(st.lists(st.sampled_from(sorted(CRITERIA)), unique=True, min_size=1,
                          max_size=5))
    return [(name, draw(st.booleans()), draw(st.sampled_from([0, 0.5, 1, 2, 3])))
            for name in names]


@st.composite
def instances(draw):
    rules = draw(rule_sets())
    n, m = draw(st.integers(1, 6)), draw(st.integers(0, 5))
    mentee_ids, mentor_ids = [f"a{i}" for i in range(n)], [f"m{j}" for j in range(m)]
    mentees = [person(draw, ident, "mentee", mentor_ids) for ident in mentee_ids]
    mentors = [person(draw, ident, "mentor", mentee_ids) for ident in mentor_ids]
    return rules, mentees, mentors, draw(st.integers(1, 2))


@st.composite
def buddy_instances(draw):
    rules = draw(rule_sets())
    rules = [r for r in rules if r[0] != "gender"] or [("region", False, 1)]
    n = draw(st.integers(1, 8))
    ids = [f"b{i}" for i in range(n)]
    buddies = [dict(person(draw, ident, "buddy", ids), wished_gender=[]) for ident in ids]
    return rules, buddies


def model_text(rules, *, buddies=False, places=1):
    rule_lines = "".join(
        f"    - {{id: {name}, hard: {'true' if hard else 'false'}, weight: {weight}, "
        f"{CRITERIA[name][1:-1]}}}\n" for name, hard, weight in rules)
    if buddies:
        head = ("roles:\n  - {id: buddy, name: buddy, kind: buddy}\n"
                "units:\n  - {id: pair, kind: reciprocal_pair, roles: [buddy, buddy]}\n"
                "matching:\n  unit: pair\n  solver: reciprocal\n")
        fields = FIELDS.replace("    - {id: wished_gender, purpose: the mentee's wish, type: "
                                "list, roles: [MENTEE]}\n", "")
    else:
        head = ("roles:\n  - {id: mentor, name: mentor, kind: mentor}\n"
                "  - {id: mentee, name: mentee, kind: mentee}\n"
                "units:\n  - {id: pair, kind: pair, roles: [mentor, mentee]}\n"
                f"matching:\n  unit: pair\n  solver: optimal\n"
                f"  capacity: {{max: {places}, unit: mentee}}\n")
        fields = FIELDS.replace("MENTEE", "mentee")
    return "id: t\nname: T\norganisation: O\n" + head + "  rules:\n" + rule_lines + fields


def records(people):
    """Every column in every row; empty cells as None."""
    for p in people:
        yield {key: (value or None) if isinstance(value, list) else value
               for key, value in p.items()}


LIBRARY = Library()
CHECKED = settings(max_examples=120, deadline=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture,
                                          HealthCheck.too_slow])


def programme(tmp_path: Path, text: str):
    path = tmp_path / "m.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return LIBRARY.programme(str(path))


@CHECKED
@given(instances())
def test_optimal_reaches_the_optimum_the_docs_define(tmp_path, case):
    rules, mentees, mentors, places = case
    model = programme(tmp_path, model_text(rules, places=places))
    people = participants_from_records(records(mentees + mentors), model)
    result = match(model, people, registry=LIBRARY.registry, solver="optimal", seed=3)
    by_id = {p["id"]: p for p in mentees + mentors}
    score, taken = 0, {}
    for pair in result.pairs:
        a, b = (by_id[m.id] for m in pair.members)
        points = pair_points(rules, a, b)
        assert points is not None, "a hard rule is broken"
        score += points
        taken[b["id"]] = taken.get(b["id"], 0) + 1
    assert all(count <= places for count in taken.values()), "a mentor over capacity"
    assert (score, len(result.pairs)) == best_assignment(rules, mentees, mentors, places)


@CHECKED
@given(buddy_instances())
def test_reciprocal_reaches_the_optimum_the_docs_define(tmp_path, case):
    rules, buddies = case
    model = programme(tmp_path, model_text(rules, buddies=True))
    people = participants_from_records(records(buddies), model)
    result = match(model, people, registry=LIBRARY.registry, solver="reciprocal", seed=1)
    by_id = {p["id"]: p for p in buddies}
    score, seen = 0, set()
    for pair in result.pairs:
        a, b = (by_id[m.id] for m in pair.members)
        assert not {a["id"], b["id"]} & seen, "someone in two pairs"
        seen |= {a["id"], b["id"]}
        points = pair_points(rules, a, b, both_ways=True)
        assert points is not None, "a hard rule is broken"
        score += points
    assert (score, len(result.pairs)) == best_buddies(rules, buddies)



def test_points_are_rounded_per_preference_not_per_pair(tmp_path):
    """Three preferences of weight 1 (a step of 333 333.33… points each). Rounded per
    preference, a0–m0 with a1–m1 has 1 055 556 points and a0–m1 with a1–m0 1 055 555; rounded
    as pair totals it would be the other way round (1 055 555 against 1 055 556)."""
    rules = "".join(f"    - {{id: t{k}, criterion: availability, params: {{mentee: t{k}, "
                    f"mentor: t{k}}}}}\n" for k in (1, 2, 3))
    fields = "".join(f"    - {{id: t{k}, purpose: times, type: list}}\n" for k in (1, 2, 3))
    model = programme(tmp_path, (
        "id: t\nname: T\norganisation: O\n"
        "roles:\n  - {id: mentor, name: mentor, kind: mentor}\n"
        "  - {id: mentee, name: mentee, kind: mentee}\n"
        "units:\n  - {id: pair, kind: pair, roles: [mentor, mentee]}\n"
        "matching:\n  unit: pair\n  solver: optimal\n  rules:\n" + rules
        + "participant_data:\n  fields:\n" + fields))
    g, h = [f"g{k}" for k in range(1, 7)], [f"h{k}" for k in range(1, 7)]
    people = [  # fits: a0–m0 (1/3, 1, 1/2), a0–m1 (1/3, 2/3, 2/3),
                #       a1–m0 (1/2, 2/3, 1/3), a1–m1 (1/2, 1/3, 1/2)
        {"id": "a0", "role": "mentee", "t1": ("x", "y", "z"), "t2": ("a", "b", "c"), "t3": g},
        {"id": "a1", "role": "mentee", "t1": ("p", "q"), "t2": ("d", "e", "f"), "t3": h},
        {"id": "m0", "role": "mentor", "t1": ("x", "p"), "t2": ("a", "b", "c", "d", "e"),
         "t3": g[:3] + h[:2]},
        {"id": "m1", "role": "mentor", "t1": ("x", "p"), "t2": ("a", "b", "d"),
         "t3": g[:4] + h[:3]},
    ]
    step = RESOLUTION / 3
    per_rule = sum(round(f * step) for f in (1 / 3, 1, 1 / 2, 1 / 2, 1 / 3, 1 / 2))
    assert per_rule == 1_055_556
    for seed in range(4):
        result = match(model, participants_from_records(people, model),
                       registry=LIBRARY.registry, solver="optimal", seed=seed)
        assert sorted(tuple(m.id for m in p.members) for p in result.pairs) == \
            [("a0", "m0"), ("a1", "m1")]
