"""The solvers against brute force and against their defining properties (hypothesis)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorcore.matching.solvers import (
    SOLVERS,
    Solver,
    TieBreak,
    optimal,
    quantise,
    reciprocal,
    stable,
)

FAST = settings(max_examples=150, deadline=None)


@st.composite
def bipartite(draw, most=4):
    n = draw(st.integers(0, most))
    m = draw(st.integers(0, most))
    scores = np.array(draw(st.lists(st.sampled_from([0, 0.5, 1, 1.5, 2, 3.25]),
                                    min_size=n * m, max_size=n * m)),
                      dtype=np.float64).reshape(n, m)
    allowed = np.array(draw(st.lists(st.booleans(), min_size=n * m, max_size=n * m)),
                       dtype=bool).reshape(n, m)
    capacity = np.array(draw(st.lists(st.integers(0, 2), min_size=m, max_size=m)),
                        dtype=np.int64)
    return scores, allowed, capacity


def brute_force(scores, allowed, capacity):
    """The best (total score, number of pairs) over every assignment."""
    n, m = scores.shape
    best = (0.0, 0)
    for choice in itertools.product(range(-1, m), repeat=n):
        used = np.zeros(m, dtype=int)
        total, pairs = 0.0, 0
        for i, j in enumerate(choice):
            if j < 0:
                continue
            if not allowed[i, j]:
                break
            used[j] += 1
            total += scores[i, j]
            pairs += 1
        else:
            if (used <= capacity).all():
                best = max(best, (round(total, 9), pairs))
    return best


def check_matching(rows, cols, allowed, capacity):
    assert len(set(rows.tolist())) == len(rows), "a mentee is in two pairs"
    assert allowed[rows, cols].all(), "a hard rule is broken"
    if allowed.shape[1]:
        assert (np.bincount(cols, minlength=allowed.shape[1]) <= capacity).all(), \
            "capacity exceeded"


@FAST
@given(bipartite())
def test_optimal_equals_brute_force(case):
    scores, allowed, capacity = case
    weights = quantise(scores, allowed)
    rows, cols = optimal(weights.copy(), capacity)
    check_matching(rows, cols, allowed, capacity)
    # exactly optimal for the quantised weights (score first, then more pairs) …
    assert weights[rows, cols].sum() == brute_force(weights, allowed, capacity)[0]
    # … and so within the quantum of the best raw score
    best = brute_force(scores, allowed, capacity)[0]
    assert float(scores[rows, cols].sum()) >= best - len(scores) * scores.max(initial=0) * 1e-6


def blocking_pairs(scores, allowed, capacity, rows, cols):
    partner = dict(zip(rows.tolist(), cols.tolist(), strict=True))
    held = {j: [i for i, k in partner.items() if k == j] for j in range(scores.shape[1])}
    found = []
    for i, j in itertools.product(range(scores.shape[0]), range(scores.shape[1])):
        if not allowed[i, j] or partner.get(i) == j or capacity[j] == 0:
            continue
        mentee_wants = i not in partner or scores[i, j] > scores[i, partner[i]]
        mentor_wants = len(held[j]) < capacity[j] or any(scores[i, j] > scores[k, j]
                                                         for k in held[j])
        if mentee_wants and mentor_wants:
            found.append((i, j))
    return found


@FAST
@given(bipartite(most=6), st.integers(0, 3))
def test_stable_has_no_blocking_pair(case, seed):
    scores, allowed, capacity = case
    rows, cols = stable(quantise(scores, allowed), capacity, seed=seed, window=2)
    check_matching(rows, cols, allowed, capacity)
    assert blocking_pairs(scores, allowed, capacity, rows, cols) == []


def test_stable_same_seed_same_result():
    rng = np.random.default_rng(4)
    scores = rng.integers(0, 3, (40, 30)).astype(float)
    allowed = rng.random((40, 30)) < 0.6
    capacity = rng.integers(1, 3, 30)
    first = stable(quantise(scores, allowed), capacity, seed=9)
    again = stable(quantise(scores, allowed), capacity, seed=9)
    assert all((a == b).all() for a, b in zip(first, again, strict=True))


def test_stable_equals_the_matching_package():
    games = pytest.importorskip("matching.games")
    rng = np.random.default_rng(2)
    size = 25
    weights = quantise(rng.integers(0, 5, (size, size)).astype(float),
                       np.ones((size, size), dtype=bool))
    ours = stable(weights.copy(), np.ones(size, dtype=np.int64), seed=3)
    ties = TieBreak(size, size, 3)
    mentee_keys, mentor_keys = ties.mentee_keys(weights), ties.mentor_keys(weights)
    game = games.HospitalResident.create_from_dictionaries(
        {f"r{i}": [f"h{j}" for j in np.argsort(-mentee_keys[i])] for i in range(size)},
        {f"h{j}": [f"r{i}" for i in np.argsort(-mentor_keys[j])] for j in range(size)},
        {f"h{j}": 1 for j in range(size)})
    theirs = {(int(str(r.name)[1:]), int(str(h.name)[1:]))
              for h, residents in game.solve(optimal="resident").items() for r in residents}
    assert theirs == set(zip(ours[0].tolist(), ours[1].tolist(), strict=True))


@st.composite
def general(draw, most=7):
    n = draw(st.integers(0, most))
    upper = [(i, j) for i in range(n) for j in range(i + 1, n)]
    scores = np.zeros((n, n))
    allowed = np.zeros((n, n), dtype=bool)
    for i, j in upper:
        scores[i, j] = scores[j, i] = draw(st.sampled_from([0, 1, 1.5, 2, 4]))
        allowed[i, j] = allowed[j, i] = draw(st.booleans())
    return scores, allowed


def brute_force_general(scores, allowed):
    best = (0.0, 0)

    def search(free, total, pairs):
        nonlocal best
        best = max(best, (round(total, 9), pairs))
        if not free:
            return
        first, rest = free[0], free[1:]
        search(rest, total, pairs)
        for other in rest:
            if allowed[first, other]:
                search([k for k in rest if k != other], total + scores[first, other], pairs + 1)

    search(list(range(scores.shape[0])), 0.0, 0)
    return best


def assert_maximum_buddies(scores, allowed):
    """``reciprocal`` on ``scores``: nobody twice, every pair allowed, the brute-force maximum."""
    weights = quantise(scores, allowed)
    first, second = reciprocal(weights)
    people = first.tolist() + second.tolist()
    assert len(set(people)) == len(people), "someone is in two pairs"
    assert allowed[first, second].all()
    assert weights[first, second].sum() == brute_force_general(weights, allowed)[0]
    return first, second


@FAST
@given(general())
def test_reciprocal_equals_brute_force(case):
    scores, allowed = case
    first, second = assert_maximum_buddies(scores, allowed)
    best = brute_force_general(scores, allowed)[0]
    assert float(scores[first, second].sum()) >= best - len(scores) * scores.max(initial=0) * 1e-6


def test_reciprocal_falls_back_to_networkx_on_odd_cycles():
    # a triangle of equal weights: the double cover's optimum is the odd cycle
    scores = np.ones((3, 3)) - np.eye(3)
    allowed = scores > 0
    first, _ = reciprocal(quantise(scores, allowed))
    assert len(first) == 1


def test_empty_inputs():
    empty = np.zeros((0, 3))
    assert all(len(a) == 0 for a in optimal(empty, np.ones(3, dtype=np.int64)))
    assert all(len(a) == 0 for a in stable(np.zeros((3, 0)), np.zeros(0, dtype=np.int64)))
    assert all(len(a) == 0 for a in reciprocal(np.zeros((1, 1))))


# ----------------------------------------------------------------------------- the named table

def test_the_table_names_every_solver_a_model_may_choose():
    from mentorcore.model.matching import SOLVERS as MODEL_WORDS

    assert [*SOLVERS, "manual"] == list(MODEL_WORDS)  # manual: units formed by hand
    assert all(name == solver.name for name, solver in SOLVERS.items())
    assert {name for name, s in SOLVERS.items() if "reciprocal_pair" in s.forms} == {"reciprocal"}


def test_a_solver_of_reciprocal_pairs_says_how_it_pairs_buddies():
    with pytest.raises(ValueError, match="buddies"):
        Solver(name="x", description="x", forms=("reciprocal_pair",),
               pairs=SOLVERS["optimal"].pairs, at_capacity=lambda: "")


def test_the_reciprocal_solver_pairs_two_sides_as_one_graph():
    weights = quantise(np.array([[3.0, 1.0], [2.0, 0.0]]), np.array([[True, True],
                                                                     [True, False]]))
    rows, cols = SOLVERS["reciprocal"].pairs(weights.copy(), np.ones(2, dtype=np.int64), 0)
    assert sorted(zip(rows.tolist(), cols.tolist(), strict=True)) == [(0, 1), (1, 0)]


@pytest.fixture
def smallest_core():
    """The reciprocal solver's first core holds one edge: it must widen it to prove."""
    from mentorcore.matching import solvers

    saved = solvers.CORE_DEGREE
    solvers.CORE_DEGREE = 0
    yield
    solvers.CORE_DEGREE = saved


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(general(most=8))
def test_reciprocal_core_widens_until_it_is_proven(smallest_core, case):
    scores, allowed = case
    assert_maximum_buddies(scores, allowed)


def test_reciprocal_takes_a_sparse_graph_in_either_triangle():
    from scipy.sparse import csr_matrix

    weights = quantise(np.ones((3, 3)) - np.eye(3), ~np.eye(3, dtype=bool))
    upper = csr_matrix(np.triu(weights, 1))
    for graph in (upper, upper.T.tocsr(), csr_matrix(weights), weights):
        first, second = reciprocal(graph)
        assert len(first) == 1 and (first < second).all()
