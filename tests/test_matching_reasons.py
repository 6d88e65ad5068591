"""Reasons are true: every printed reason — a pair's rule outcomes, an unmatched person's
candidates and why they did not become a pair — is checked against an independent, plain-Python
recomputation from the participants, the model's rules and the pairs the solver formed, on
random instances (hypothesis)."""

from __future__ import annotations

import tempfile
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mentorcore import Library
from mentorcore.matching import match, participants_from_records, render

RESOLUTION = 1_000_000  # docs/matching.md, "Solvers": scores compared to a millionth of W
DEFAULT_PLACES = 3      # the model's capacity max

MODEL = """\
id: reasons
name: Reasons
organisation: O
roles:
  - {{id: mentor, name: mentor, kind: mentor}}
  - {{id: mentee, name: mentee, kind: mentee}}
units:
  - {{id: pair, kind: pair, roles: [mentor, mentee]}}
matching:
  unit: pair
  capacity: {{max: 3, unit: mentee}}
  capacity_field: max_mentees
  rules: [{rules}]
participant_data:
  fields:
    - {{id: track, purpose: p}}
    - {{id: languages, purpose: p, type: list}}
    - {{id: region, purpose: p}}
    - {{id: availability, purpose: p, type: list}}
    - {{id: max_mentees, purpose: p, type: number, roles: [mentor]}}
"""

HARD = {"track": "{id: track, criterion: same_value, hard: true, params: {field: track}}",
        "language": "{id: language, criterion: shared_language, hard: true}"}

VARIANTS = {  # name: (hard rules, {preference: weight})
    "hard-and-preferences": (("track", "language"), {"region": 2, "times": 1}),
    "hard-only": (("track", "language"), {}),          # every score is 0
    "zero-weight": (("track",), {"region": 0, "times": 0}),
    "preferences-only": ((), {"region": 1, "times": 3}),
    "no-rules": ((), {}),
}
CRITERIA = {"track": "same_value", "language": "shared_language", "region": "region",
            "times": "availability"}


def _programme(name):
    hard, preferences = VARIANTS[name]
    rules = [HARD[h] for h in hard]
    rules += [f"{{id: {p}, criterion: {CRITERIA[p]}, weight: {w}}}"
              for p, w in preferences.items()]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "reasons.yaml"
        path.write_text(textwrap.dedent(MODEL.format(rules=", ".join(rules))), encoding="utf-8")
        return Library().programme(str(path))


PROGRAMMES = {name: _programme(name) for name in VARIANTS}

TRACKS = st.sampled_from([None, "a", "A ", "b"])
LANGUAGES = st.lists(st.sampled_from(["fi", "sv", "ar"]), unique=True, max_size=2)
REGIONS = st.sampled_from([None, "x", "y"])
TIMES = st.lists(st.sampled_from(["mon", "tue", "wed"]), unique=True, max_size=3)


@st.composite
def instances(draw):
    def person(ident, role):
        record = {"id": ident, "role": role, "track": draw(TRACKS),
                  "languages": draw(LANGUAGES), "region": draw(REGIONS),
                  "availability": draw(TIMES)}
        if role == "mentor":
            record["max_mentees"] = draw(st.sampled_from([None, None, 0, 1, 2, 3]))
        return record

    mentees = [person(f"a{k}", "mentee") for k in range(draw(st.integers(0, 7)))]
    mentors = [person(f"m{k}", "mentor") for k in range(draw(st.integers(0, 5)))]
    people = mentees + mentors
    assume(people)  # a list without rows is refused when read (E405)
    order = draw(st.permutations(range(len(people))))
    return [people[k] for k in order]


# --- the independent recomputation ---------------------------------------------------------

def norm(value):
    return None if value is None else " ".join(value.split()).casefold()


def meets(rule, mentee, mentor):
    if rule == "track":
        return norm(mentee["track"]) is not None and norm(mentee["track"]) == norm(mentor["track"])
    return bool(set(mentee["languages"]) & set(mentor["languages"]))


def fit(preference, mentee, mentor):
    if preference == "region":
        return 1.0 if mentee["region"] is not None and mentee["region"] == mentor["region"] \
            else 0.0
    wished = mentee["availability"]
    return len(set(wished) & set(mentor["availability"])) / len(wished) if wished else 0.0


def number(value):
    return f"{round(value, 6):g}"


class Recomputed:
    def __init__(self, name, records, result, solver):
        self.hard, self.preferences = VARIANTS[name]
        self.total_weight = sum(self.preferences.values())
        self.mentees = [r for r in records if r["role"] == "mentee"]
        self.mentors = [r for r in records if r["role"] == "mentor"]
        self.by_id = {r["id"]: r for r in records}
        self.solver = solver
        self.partner = {}
        self.held = {m["id"]: [] for m in self.mentors}
        for pair in result.pairs:
            mentee, mentor = (m.id for m in pair.members)
            self.partner[mentee] = mentor
            self.held[mentor].append(mentee)

    def places(self, mentor):
        if self.solver == "reciprocal":
            return 1  # the reciprocal solver gives each one place
        own = mentor.get("max_mentees")
        return DEFAULT_PLACES if own is None else int(own)

    def ok(self, mentee, mentor):
        return all(meets(rule, mentee, mentor) for rule in self.hard)

    def score(self, mentee, mentor):
        return sum(w * fit(p, mentee, mentor) for p, w in self.preferences.items())

    def level(self, mentee, mentor):
        if not self.total_weight:
            return 0
        return sum(round(fit(p, mentee, mentor) * w * RESOLUTION / self.total_weight)
                   for p, w in self.preferences.items() if w > 0)

    def pair_reasons(self, mentee, mentor):
        reasons = []
        for rule in self.hard:
            assert meets(rule, mentee, mentor), f"pair breaks hard rule {rule}"
            reasons.append(f"meets hard rule '{rule}' ({CRITERIA[rule]})")
        for preference, weight in self.preferences.items():
            f = fit(preference, mentee, mentor)
            criterion = CRITERIA[preference]
            if f >= 1:
                reasons.append(f"meets '{preference}' ({criterion}): +{number(weight * f)}")
            elif f > 0:
                reasons.append(f"partly meets '{preference}' ({criterion}): fit {number(f)} × "
                               f"weight {number(weight)} = +{number(weight * f)}")
            else:
                reasons.append(f"does not meet '{preference}' ({criterion}): +0")
        return tuple(reasons)

    def note(self, person, rule):
        fields = ["track"] if rule == "track" else ["languages"]
        notes = []
        for name in fields:
            value = person[name]
            if value is None or value == []:
                notes.append(f"{name} is empty")
            elif isinstance(value, list):
                notes.append(f"{name}: {', '.join(value)}")
            else:
                notes.append(f"{name}: {value.strip()}")
        return "; " + "; ".join(notes)

    def none_meet(self, person, others, people, check, role):
        passing = {rule: sum(1 for other in others if check(rule, person, other))
                   for rule in self.hard}
        reasons = [f"no {role} meets '{rule}' ({CRITERIA[rule]}{self.note(person, rule)})"
                   for rule in self.hard if passing[rule] == 0]
        if reasons:
            return tuple(reasons)
        detail = ", ".join(f"{rule}: {passing[rule]}" for rule in self.hard)
        return (f"no {role} meets all hard rules together ({detail})",)

    @staticmethod
    def candidates(count, reason):
        return f"{count} candidate{'s' * (count != 1)}, {reason}"

    def mentee_reasons(self, mentee):
        if not self.mentors:
            return 0, ("no mentor in the list",)
        allowed = [m for m in self.mentors if self.ok(mentee, m)]
        candidates = [m for m in allowed if self.places(m) > 0]
        if candidates:
            free = [m for m in candidates if len(self.held[m["id"]]) < self.places(m)]
            assert not free, "a candidate with a free place was left unused"
            more = same = 0
            for mentor in candidates:
                mine = self.level(mentee, mentor)
                weakest = min(self.level(self.by_id[k], mentor) for k in self.held[mentor["id"]])
                assert weakest >= mine, "a place holds a pair that scores less"
                more += weakest > mine
                same += weakest == mine
            if not same:
                reason = {"optimal": "all at capacity (their places go to pairs that add more "
                                     "to the total score)",
                          "stable": "all at capacity with mentees they rank higher",
                          "reciprocal": "all at capacity"}[self.solver]
            elif not more:
                reason = ("all at capacity with pairs that score the same as this one would "
                          "(the seed's order decided)")
            else:
                reason = (f"all at capacity: {more} with pairs that score more, {same} with "
                          "pairs that score the same as this one would (the seed's order "
                          "decided)")
            return len(candidates), (self.candidates(len(candidates), reason),)
        if allowed:
            closed = len(allowed)
            return 0, ("1 mentor meets every hard rule but takes no mentees (no places)"
                       if closed == 1 else f"{closed} mentors meet every hard rule but take no "
                       "mentees (no places)",)
        return 0, self.none_meet(mentee, self.mentors, None,
                                 lambda rule, a, b: meets(rule, a, b), "mentor")

    def mentor_reasons(self, mentor):
        if self.places(mentor) <= 0:
            return 0, ("takes no mentees (their own max_mentees: 0)",)
        if not self.mentees:
            return 0, ("no mentee in the list",)
        candidates = [a for a in self.mentees if self.ok(a, mentor)]
        if candidates:
            assert all(a["id"] in self.partner for a in candidates), \
                "a candidate mentee was left unmatched beside a free place"
            more = same = 0
            for mentee in candidates:
                theirs = self.level(mentee, self.by_id[self.partner[mentee["id"]]])
                mine = self.level(mentee, mentor)
                assert theirs >= mine, "a mentee would score more with an idle mentor"
                more += theirs > mine
                same += theirs == mine
            if not same:
                reason = "all matched with other mentors they score more with"
            elif not more:
                reason = ("all matched with other mentors, with whom they score the same as with "
                          "this one (the seed's order decided)")
            else:
                reason = (f"all matched with other mentors: {more} score more with theirs, "
                          f"{same} the same as with this one (the seed's order decided)")
            return len(candidates), (self.candidates(len(candidates), reason),)
        return 0, self.none_meet(mentor, self.mentees, None,
                                 lambda rule, a, b: meets(rule, b, a), "mentee")


def check(name, records, solver, seed, registry):
    programme = PROGRAMMES[name]
    people = participants_from_records(records, programme)
    result = match(programme, people, registry=registry, solver=solver, seed=seed)
    again = Recomputed(name, records, result, solver)
    in_pairs = [m.id for pair in result.pairs for m in pair.members]
    unmatched = {u.member.id: u for u in result.unmatched}
    # everyone once: a mentee in one pair or unmatched; a mentor in her pairs or unmatched
    for record in again.mentees:
        assert (in_pairs.count(record["id"]), record["id"] in unmatched) in ((1, False),
                                                                            (0, True))
    for record in again.mentors:
        assert (record["id"] in in_pairs) != (record["id"] in unmatched)
    for pair in result.pairs:
        mentee, mentor = (again.by_id[m.id] for m in pair.members)
        assert again.ok(mentee, mentor)
        assert len(again.held[mentor["id"]]) <= again.places(mentor)
        assert pair.score == pytest.approx(again.score(mentee, mentor), abs=1e-6)  # six decimals
        assert pair.reasons == again.pair_reasons(mentee, mentor)
    for ident, item in unmatched.items():
        person = again.by_id[ident]
        count, reasons = (again.mentee_reasons(person) if person["role"] == "mentee"
                          else again.mentor_reasons(person))
        assert (item.candidates, item.reasons) == (count, reasons), ident
    if not any(pair.score for pair in result.pairs):
        assert "add more to the total score" not in render(result, "json")
    return result


@pytest.mark.parametrize("name", list(VARIANTS))
@pytest.mark.parametrize("solver", ["optimal", "stable", "reciprocal"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=instances(), seed=st.integers(0, 3))
def test_every_reason_is_true(registry, name, solver, records, seed):
    check(name, records, solver, seed, registry)


# --- the cases of the issue, by hand -------------------------------------------------------

def records(*people):
    base = {"track": "a", "languages": ["fi"], "region": None, "availability": []}
    return [{**base, **person} for person in people]


def test_no_adds_more_where_every_score_is_zero(registry):
    result = check("hard-only", records(
        {"id": "a1", "role": "mentee"}, {"id": "a2", "role": "mentee"},
        {"id": "m1", "role": "mentor", "max_mentees": 1}), "optimal", 0, registry)
    [left_out] = result.unmatched
    assert left_out.reasons == ("1 candidate, all at capacity with pairs that score the same as "
                                "this one would (the seed's order decided)",)


def test_the_only_candidate_without_places_is_no_candidate(registry):
    result = check("hard-and-preferences", records(
        {"id": "a1", "role": "mentee"}, {"id": "m1", "role": "mentor", "max_mentees": 0}),
        "optimal", 0, registry)
    assert [(u.member.id, u.candidates, u.reasons) for u in result.unmatched] == [
        ("a1", 0, ("1 mentor meets every hard rule but takes no mentees (no places)",)),
        ("m1", 0, ("takes no mentees (their own max_mentees: 0)",))]


def test_adds_more_only_where_the_places_hold_pairs_that_score_more(registry):
    result = check("hard-and-preferences", records(
        {"id": "a1", "role": "mentee", "region": "x"}, {"id": "a2", "role": "mentee"},
        {"id": "m1", "role": "mentor", "region": "x", "max_mentees": 1},
        {"id": "m2", "role": "mentor", "languages": ["sv"]}), "optimal", 0, registry)
    assert result.unmatched[0].member.id == "a2"
    assert result.unmatched[0].reasons == (
        "1 candidate, all at capacity (their places go to pairs that add more to the total "
        "score)",)
    assert result.unmatched[1].reasons == ("no mentee meets 'language' (shared_language; "
                                           "languages: sv)",)


def test_mixed_places_are_counted(registry):
    result = check("hard-and-preferences", records(
        {"id": "a1", "role": "mentee", "region": "x"}, {"id": "a2", "role": "mentee"},
        {"id": "a3", "role": "mentee"},
        {"id": "m1", "role": "mentor", "region": "x", "max_mentees": 1},
        {"id": "m2", "role": "mentor", "max_mentees": 1}), "optimal", 0, registry)
    [left_out] = result.unmatched
    assert left_out.reasons == (
        "2 candidates, all at capacity: 1 with pairs that score more, 1 with pairs that score "
        "the same as this one would (the seed's order decided)",)
