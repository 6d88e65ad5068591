"""The solvers: functions from a score matrix to pairs.

Every solver takes the pair scores (``score[i, j]`` ≥ 0 of mentee ``i`` with mentor ``j``), the
mask of pairs that meet every hard rule, and the mentors' capacities, and returns the pairs as
two index arrays. Scores are first *quantised* to a millionth of the largest score, so that equal
scores are exactly equal; each solver then maximises, in this order, the total quantised score
and the number of pairs.

* :func:`optimal` — maximum total score: SciPy's ``linear_sum_assignment`` on the matrix, each
  mentor's column repeated once per place.
* :func:`stable` — mentee-proposing deferred acceptance with capacities; ties in score are broken
  by a seeded random order. Vectorised: every free mentee proposes at once in each round.
* :func:`reciprocal` — maximum-weight matching in a general graph (language buddies). Each
  connected component is first solved on its bipartite double cover with
  ``linear_sum_assignment``; when that solution has no odd cycle it is provably optimal (it
  meets the LP bound), otherwise NetworkX's ``max_weight_matching`` solves the component.

:data:`SOLVERS` is the table of the solvers by the names a model (``matching.solver``) and
``mentorcore match --solver`` use: each a :class:`Solver` with the unit kinds it can form. The
engine dispatches through it and the command reads its choices from it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from mentorcore.i18n import _

__all__ = ["RESOLUTION", "SOLVERS", "Solver", "TieBreak", "optimal", "quantise", "reciprocal",
           "stable"]

SEQUENTIAL_BELOW = 64
"""The stable solver proposes one at a time once fewer mentees than this are free."""
RESOLUTION = 1_000_000
"""Scores are compared to a millionth of the largest score."""


def _np() -> Any:
    import numpy

    return numpy


def quantise(score: Any, allowed: Any, *, out: Any = None, top: float | None = None,
             pairs_bound: int | None = None) -> Any:
    """Integer-valued weights (as float64): ``q·(K+1) + 1`` on allowed pairs, 0 elsewhere, where
    ``q`` is the score in millionths of ``top`` (default: the largest score) and ``K`` the most
    pairs possible — so more score always wins, and at equal score more pairs win.
    ``out=score`` works in place."""
    np = _np()
    if top is None:
        top = float(score.max(initial=0.0, where=allowed)) if score.size else 0.0
    if pairs_bound is None:
        pairs_bound = min(score.shape) + 1 if score.ndim == 2 else score.size + 1
    weights = score if out is score else np.array(score, dtype=np.float64, copy=True)
    if top > 0:
        weights *= RESOLUTION / top
        np.rint(weights, out=weights)
        weights *= pairs_bound
    else:
        weights.fill(0.0)
    weights += 1.0
    weights *= allowed
    return weights


def _slots(capacity: Any, rows: int) -> Any:
    np = _np()
    return np.minimum(np.asarray(capacity, dtype=np.int64), rows)


def optimal(weights: Any, capacity: Any) -> tuple[Any, Any]:
    """Maximum-weight assignment; ``weights`` from :func:`quantise` (0: not allowed).

    Returns (mentee indices, mentor indices). ``weights`` is overwritten.
    """
    np = _np()
    from scipy.optimize import linear_sum_assignment

    n, m = weights.shape
    if n == 0 or m == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    slots = _slots(capacity, n)
    if np.all(slots == 1):
        columns = np.arange(m)
        matrix = weights
    else:
        columns = np.repeat(np.arange(m), slots)
        matrix = weights[:, columns]
    np.negative(matrix, out=matrix)
    rows, cols = linear_sum_assignment(matrix)
    keep = matrix[rows, cols] < 0
    return rows[keep].astype(np.int64), columns[cols[keep]].astype(np.int64)


def _coprime(rng: Any, count: int, modulus: int) -> Any:
    """``count`` random multipliers coprime with ``modulus`` (each gives a permutation)."""
    np = _np()
    values = rng.integers(1, max(2, modulus), count)
    bad = np.gcd(values, modulus) != 1
    while bad.any():
        values[bad] = rng.integers(1, max(2, modulus), int(bad.sum()))
        bad = np.gcd(values, modulus) != 1
    return values


class TieBreak:
    """Seeded tie-breaking orders, one per person: mentee ``i`` ranks mentor ``j`` at
    ``(a[i]·j + b[i]) mod m`` among equal weights, mentor ``j`` ranks mentee ``i`` at
    ``(c[j]·i + d[j]) mod n`` (lower: preferred) — a random-looking permutation for each
    person, computed rather than stored, so that equally good mentors are not all courted in the
    same order."""

    def __init__(self, n: int, m: int, seed: int) -> None:
        np = _np()
        rng = np.random.default_rng(seed)
        self.n, self.m = n, m
        self.a, self.b = _coprime(rng, n, m), rng.integers(0, max(1, m), n)
        self.c, self.d = _coprime(rng, m, n), rng.integers(0, max(1, n), m)

    def mentee_rank(self, rows: Any, columns: Any) -> Any:
        """Rank of mentor(s) ``columns`` for mentee(s) ``rows`` (broadcasting)."""
        return (self.a[rows] * columns + self.b[rows]) % self.m

    def mentor_rank(self, columns: Any, rows: Any) -> Any:
        return (self.c[columns] * rows + self.d[columns]) % self.n

    def mentee_keys(self, weights: Any) -> Any:
        """Strict preference keys of the mentees (higher: preferred), as :func:`stable` uses."""
        np = _np()
        n, m = weights.shape
        return weights * m + (m - 1 - self.mentee_rank(np.arange(n)[:, None],
                                                        np.arange(m)[None, :]))

    def mentor_keys(self, weights: Any) -> Any:
        """Strict preference keys of the mentors, shape (m, n)."""
        np = _np()
        n, m = weights.shape
        return weights.T * n + (n - 1 - self.mentor_rank(np.arange(m)[:, None],
                                                         np.arange(n)[None, :]))


def stable(weights: Any, capacity: Any, seed: int = 0, window: int = 32) -> tuple[Any, Any]:
    """Mentee-proposing deferred acceptance with mentor capacities.

    ``weights`` from :func:`quantise` (0: not acceptable); it is overwritten. Both sides rank by
    weight; equal weights are ordered by each person's own seeded random order
    (:class:`TieBreak`). The result is the mentee-optimal stable matching for those strict
    preferences. Each round, every free mentee proposes at once; preference lists are built
    lazily, ``window`` choices at a time (doubling when a mentee runs out).
    """
    np = _np()
    n, m = weights.shape
    if n == 0 or m == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    ties = TieBreak(n, m, seed)
    # a mentee's key for mentor j: weight × m + tie-break, exact in float64 (weights are
    # integers); an unacceptable mentor (weight 0) has a key below m
    keys = weights
    columns = np.arange(m)
    for start in range(0, n, 256):
        rows = np.arange(start, min(n, start + 256))
        block = keys[start:start + 256]
        block *= m
        block += m - 1 - ties.mentee_rank(rows[:, None], columns[None, :])
    slots = _slots(capacity, n)
    width = int(max(1, slots.max(initial=1)))
    held = np.full((m, width), -1, dtype=np.int64)
    held_key = np.full((m, width), -1.0)
    size = max(1, min(window, m))
    # room for every choice; the memory is only touched as far as the lists are built
    choice = np.zeros((n, m), dtype=np.int64)
    choice_key = np.zeros((n, m), dtype=np.float64)
    length = np.zeros(n, dtype=np.int64)
    position = np.zeros(n, dtype=np.int64)

    state = {"size": size, "choice": choice, "choice_key": choice_key}

    def refill(rows: Any) -> None:
        """Next choices for mentees who have tried all their current ones."""
        below = state["choice_key"][rows, length[rows] - 1]
        state["size"] = min(m, state["size"] * 2)
        fill(rows, below, state["size"])

    def fill(rows: Any, below: Any | None, wide: int) -> None:
        choice, choice_key = state["choice"], state["choice_key"]
        for start in range(0, len(rows), 1024):
            part = rows[start:start + 1024]
            block = keys[part]
            if below is not None:
                block = np.where(block < below[start:start + 1024, None], block, -1.0)
            if wide < m:
                top = np.argpartition(block, m - wide, axis=1)[:, m - wide:]
            else:
                top = np.broadcast_to(np.arange(m), (len(part), m))
            top_keys = np.take_along_axis(block, top, axis=1)
            order = np.argsort(-top_keys, axis=1)
            choice[part, :wide] = np.take_along_axis(top, order, axis=1)
            choice_key[part, :wide] = np.take_along_axis(top_keys, order, axis=1)
        length[rows] = wide
        position[rows] = 0

    fill(np.arange(n), None, size)
    free = np.arange(n)
    while free.size > SEQUENTIAL_BELOW:
        exhausted = free[position[free] >= length[free]]
        if exhausted.size:
            refill(exhausted)
        choice, choice_key = state["choice"], state["choice_key"]
        target = choice[free, position[free]]
        target_key = choice_key[free, position[free]]
        position[free] += 1
        active = target_key >= m
        free, target, target_key = free[active], target[active], target_key[active]
        if not free.size:
            break
        mentors = np.unique(target)
        current = held[mentors]
        occupied = current >= 0
        weight = np.floor(target_key / m)
        all_mentor = np.concatenate([np.repeat(mentors, width)[occupied.ravel()], target])
        all_mentee = np.concatenate([current[occupied], free])
        all_key = np.concatenate([held_key[mentors][occupied],
                                  weight * n + (n - 1 - ties.mentor_rank(target, free))])
        order = np.lexsort((-all_key, all_mentor))
        all_mentor, all_mentee, all_key = all_mentor[order], all_mentee[order], all_key[order]
        rank = np.arange(all_mentor.size) - np.searchsorted(all_mentor, all_mentor, side="left")
        keep = rank < slots[all_mentor]
        held[mentors] = -1
        held_key[mentors] = -1.0
        held[all_mentor[keep], rank[keep]] = all_mentee[keep]
        held_key[all_mentor[keep], rank[keep]] = all_key[keep]
        free = np.sort(all_mentee[~keep])
    # the tail, where rejection chains run one proposal at a time: plain Python is faster
    # than a round of array operations per proposal (same result: deferred acceptance does
    # not depend on the order of proposals)
    holding: dict[int, list[tuple[float, int]]] = {}
    if free.size:
        for mentor, slot in zip(*np.nonzero(held >= 0), strict=True):
            holding.setdefault(int(mentor), []).append((float(held_key[mentor, slot]),
                                                        int(held[mentor, slot])))
    queue = free.tolist()
    c, d = ties.c.tolist(), ties.d.tolist()
    places = slots.tolist()
    rest: dict[int, tuple[list[int], list[float]]] = {}

    def next_choice(mentee: int) -> tuple[int, float]:
        at = int(position[mentee])
        position[mentee] = at + 1
        if at < length[mentee]:
            return int(state["choice"][mentee, at]), float(state["choice_key"][mentee, at])
        if mentee not in rest:  # the whole remaining list of this one mentee, at once
            row = keys[mentee]
            below = state["choice_key"][mentee, length[mentee] - 1]
            others = np.flatnonzero((row < below) & (row >= m))
            others = others[np.argsort(-row[others], kind="stable")]
            rest[mentee] = (others.tolist(), row[others].tolist())
        mentors, found = rest[mentee]
        offset = at - int(length[mentee])
        return (mentors[offset], found[offset]) if offset < len(mentors) else (-1, -1.0)

    while queue:
        mentee = queue.pop()
        while True:
            mentor, key = next_choice(mentee)
            if key < m:
                break
            if places[mentor] == 0:
                continue
            offer = (key // m) * n + (n - 1 - (c[mentor] * mentee + d[mentor]) % n)
            kept = holding.setdefault(mentor, [])
            if len(kept) < places[mentor]:
                kept.append((offer, mentee))
                break
            worst = min(kept)
            if offer > worst[0]:
                kept.remove(worst)
                kept.append((offer, mentee))
                queue.append(worst[1])
                break
    if holding:
        held.fill(-1)
        for mentor, kept in holding.items():
            for slot, (_, mentee) in enumerate(kept):
                held[mentor, slot] = mentee
    mentor_of, slot = np.nonzero(held >= 0)
    mentees = held[mentor_of, slot]
    order = np.argsort(mentees)
    return mentees[order], mentor_of[order]


def reciprocal(weights: Any) -> tuple[Any, Any]:
    """Maximum-weight matching of a symmetric ``weights`` matrix (0: no edge; diagonal 0).

    Returns pairs ``(a, b)`` with ``a < b``.
    """
    np = _np()
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components

    n = weights.shape[0]
    if n < 2:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    count, labels = connected_components(csr_matrix(weights > 0), directed=False)
    firsts: list[int] = []
    seconds: list[int] = []
    order = np.argsort(labels, kind="stable")
    bounds = np.searchsorted(labels[order], np.arange(count + 1))
    for component in range(count):
        members = order[bounds[component]:bounds[component + 1]]
        if members.size < 2:
            continue
        sub = weights[np.ix_(members, members)]
        pairs = _certified(sub)
        if pairs is None:
            pairs = _blossom(sub)
        for a, b in pairs:
            first, second = sorted((int(members[a]), int(members[b])))
            firsts.append(first)
            seconds.append(second)
    result = np.array(firsts, dtype=np.int64), np.array(seconds, dtype=np.int64)
    order = np.argsort(result[0], kind="stable")
    return result[0][order], result[1][order]


def _certified(sub: Any) -> list[tuple[int, int]] | None:
    """A matching from the bipartite double cover, or ``None`` when its solution has an odd
    cycle (then it is not provably optimal)."""
    np = _np()
    from scipy.optimize import linear_sum_assignment

    rows, successor = linear_sum_assignment(sub, maximize=True)
    size = sub.shape[0]
    real = sub[rows, successor] > 0
    following = np.where(real, successor, -1)
    has_predecessor = np.zeros(size, dtype=bool)
    has_predecessor[following[following >= 0]] = True
    visited = np.zeros(size, dtype=bool)
    pairs: list[tuple[int, int]] = []

    def take(walk: list[int], closed: bool) -> None:
        edges = [(walk[k], walk[k + 1]) for k in range(len(walk) - 1)]
        if closed:
            edges.append((walk[-1], walk[0]))
        if closed and len(walk) == 2:
            pairs.append((walk[0], walk[1]))
            return
        even, odd = edges[0::2], edges[1::2]
        def weight(chosen: list[tuple[int, int]]) -> float:
            return sum(float(sub[a, b]) for a, b in chosen)

        pairs.extend(even if weight(even) >= weight(odd) else odd)

    for start in range(size):  # paths first: they start where nothing leads in
        if visited[start] or has_predecessor[start]:
            continue
        walk = [start]
        visited[start] = True
        while following[walk[-1]] >= 0 and not visited[following[walk[-1]]]:
            walk.append(int(following[walk[-1]]))
            visited[walk[-1]] = True
        if len(walk) > 1:
            take(walk, closed=False)
    for start in range(size):  # what remains are cycles
        if visited[start]:
            continue
        walk = [start]
        visited[start] = True
        while not visited[following[walk[-1]]]:
            walk.append(int(following[walk[-1]]))
            visited[walk[-1]] = True
        if len(walk) % 2 == 1:
            return None
        take(walk, closed=True)
    return pairs


def _blossom(sub: Any) -> list[tuple[int, int]]:
    np = _np()
    import networkx

    graph = networkx.Graph()
    graph.add_nodes_from(range(sub.shape[0]))
    first, second = np.nonzero(np.triu(sub, 1) > 0)
    graph.add_weighted_edges_from(
        zip(first.tolist(), second.tolist(), (int(w) for w in sub[first, second]), strict=True))
    return [tuple(sorted(edge)) for edge in networkx.max_weight_matching(graph)]


# --------------------------------------------------------------------------- the named table

Pairs = tuple[Any, Any]
"""Two index arrays of the same length: the pairs' first and second members."""


@attrs.frozen(kw_only=True)
class Solver:
    """A solver as a model (``matching.solver``) and ``mentorcore match --solver`` name it.

    ``forms`` are the unit kinds it can form. ``pairs(weights, capacity, seed)`` pairs the
    mentees (rows) of a weight matrix from :func:`quantise` with its mentors (columns);
    ``buddies(weights)`` pairs the people of a symmetric matrix with each other, and is given
    exactly when ``forms`` has ``reciprocal_pair``. Without ``capacities`` every mentor has one
    place. ``at_capacity()`` says, in the language of the run, why someone with candidates was
    left unmatched; ``description`` is the English line of ``--help``.
    """

    name: str
    description: str
    forms: tuple[str, ...]
    pairs: Callable[[Any, Any, int], Pairs] = attrs.field(repr=False)
    buddies: Callable[[Any], Pairs] | None = attrs.field(default=None, repr=False)
    capacities: bool = True
    at_capacity: Callable[[], str] = attrs.field(repr=False)

    def __attrs_post_init__(self) -> None:
        if ("reciprocal_pair" in self.forms) != (self.buddies is not None):
            raise ValueError(f"solver {self.name}: buddies is given exactly when it forms "
                             "reciprocal pairs")


def _optimal_pairs(weights: Any, capacity: Any, seed: int) -> Pairs:
    return optimal(weights, capacity)


def _stable_pairs(weights: Any, capacity: Any, seed: int) -> Pairs:
    return stable(weights, capacity, seed=seed)


def _reciprocal_pairs(weights: Any, capacity: Any, seed: int) -> Pairs:
    """A mentee × mentor problem given to the general solver: the two sides as one symmetric
    matrix (each mentor one place)."""
    np = _np()
    n, m = weights.shape
    square = np.zeros((n + m,) * 2, dtype=np.float64)
    square[:n, n:] = weights
    square[n:, :n] = weights.T
    first, second = reciprocal(square)
    return first, second - n


SOLVERS: Mapping[str, Solver] = MappingProxyType({solver.name: solver for solver in (
    Solver(name="optimal", description="maximum total score", forms=("pair",),
           pairs=_optimal_pairs,
           at_capacity=lambda: _("all at capacity (their places go to pairs that add more to "
                                 "the total score)")),
    Solver(name="stable", description="mentee-proposing deferred acceptance", forms=("pair",),
           pairs=_stable_pairs,
           at_capacity=lambda: _("all at capacity with mentees they rank higher")),
    Solver(name="reciprocal", description="language buddies",
           forms=("reciprocal_pair", "pair"), pairs=_reciprocal_pairs, buddies=reciprocal,
           capacities=False, at_capacity=lambda: _("all at capacity")),
)})
"""The solvers by name, in the order ``--help`` lists them."""
