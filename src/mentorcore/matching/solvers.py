"""The solvers: functions from a score matrix to pairs.

Every solver takes the pairs' integer weights (``weights[i, j]`` of mentee ``i`` with mentor
``j``: ``points × (N + 1) + 1`` where every hard rule is met, 0 elsewhere — the points are each
preference's rounded share of a million, see :mod:`mentorcore.matching.scoring` and
docs/matching.md, "The optimisation") and the mentors' capacities, and returns the pairs as two
index arrays. So ``optimal`` and ``reciprocal`` maximise, in this order, the total points and
the number of pairs; :func:`quantise` makes such weights from plain scores.

* :func:`optimal` — maximum total score: SciPy's ``linear_sum_assignment`` on the matrix, each
  mentor's column repeated once per place.
* :func:`stable` — mentee-proposing deferred acceptance with capacities; ties in score are broken
  by a seeded random order. Vectorised: every free mentee proposes at once in each round.
* :func:`reciprocal` — maximum-weight matching in a general, sparse graph (language buddies).
  Each connected component is first solved on its bipartite double cover with SciPy's sparse
  ``min_weight_full_bipartite_matching``; when that solution has no odd cycle it is provably
  optimal (it meets the LP bound), otherwise Edmonds' blossom algorithm (rustworkx, or NetworkX)
  solves a core of the component that dual bounds prove to hold the optimum.

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
from mentorcore.records import record

__all__ = ["RESOLUTION", "SOLVERS", "Solver", "TieBreak", "optimal", "quantise", "reciprocal",
           "stable"]

SEQUENTIAL_BELOW = 64
"""The stable solver proposes one at a time once fewer mentees than this are free."""
RESOLUTION = 1_000_000
"""Scores are compared to a millionth of the largest score."""
CORE_DEGREE = 8
"""The reciprocal solver's first core holds about this many edges per person."""


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
    if pairs_bound is None:  # no more pairs than rows (mentees), whatever the capacities
        pairs_bound = score.shape[0] + 1 if score.ndim == 2 else score.size + 1
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
    """Maximum-weight matching of a graph of possible buddies.

    ``weights``: a SciPy sparse matrix whose entry ``(a, b)`` is the weight of the pair (> 0;
    the upper triangle, the lower or both — the graph of
    :func:`mentorcore.matching.scoring.buddy_graph` is the upper one), or a symmetric dense
    array (0: no edge). The diagonal is ignored. Returns pairs ``(a, b)`` with ``a < b``,
    ordered by ``a``.

    Each connected group of possible buddies is solved on its own: first on its bipartite
    double cover (SciPy's sparse ``min_weight_full_bipartite_matching``); when that solution
    has no odd cycle, it is a matching as heavy as the relaxation's bound, so provably
    maximum. Otherwise :func:`_exact` solves the group.
    """
    np = _np()
    from scipy.sparse.csgraph import connected_components

    n = weights.shape[0]
    empty = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    if n < 2:
        return empty
    upper = _upper(weights)
    if upper.nnz == 0:
        return empty
    count, labels = connected_components(upper, directed=False)
    order = np.argsort(labels, kind="stable")
    bounds = np.searchsorted(labels[order], np.arange(count + 1))
    firsts: list[Any] = []
    seconds: list[Any] = []
    for component in np.flatnonzero(np.diff(bounds) >= 2).tolist():
        members = order[bounds[component]:bounds[component + 1]]  # ascending
        if members.size == 2:
            pairs = np.array([[0, 1]], dtype=np.int64)
        else:
            sub = upper if members.size == n else upper[members][:, members]
            cover = _Cover(sub)
            pairs = cover.certified()
            if pairs is None:
                pairs = _exact(sub, cover)
            del cover, sub
        if len(pairs):
            firsts.append(members[pairs[:, 0]])
            seconds.append(members[pairs[:, 1]])
    if not firsts:
        return empty
    first = np.concatenate(firsts).astype(np.int64)
    second = np.concatenate(seconds).astype(np.int64)
    first, second = np.minimum(first, second), np.maximum(first, second)
    order = np.argsort(first, kind="stable")
    return first[order], second[order]


def _upper(weights: Any) -> Any:
    """The strict upper triangle of a graph as CSR (entries ``a < b``, no zeros); a graph that
    is one already is used as it is."""
    np = _np()
    from scipy.sparse import csr_matrix, issparse, triu

    graph = csr_matrix(weights) if issparse(weights) else csr_matrix(np.asarray(weights))
    rows = np.repeat(np.arange(graph.shape[0], dtype=np.int32), np.diff(graph.indptr))
    if bool((graph.indices > rows).all()) and bool((graph.data > 0).all()):
        return graph
    del rows
    upper = triu(graph, 1).maximum(triu(graph.T, 1)).tocsr()
    upper.eliminate_zeros()
    return upper


class _Cover:
    """The bipartite double cover's optimum for a connected graph (upper-triangular CSR): everyone
    is also joined to their own copy at weight 0 (unmatched), so a full matching exists.
    ``symmetric`` holds both triangles and that diagonal; ``successor[i]`` is whom ``i`` is
    assigned, ``gained[i]`` that edge's weight."""

    def __init__(self, upper: Any) -> None:
        np = _np()
        from scipy.sparse import csr_matrix
        from scipy.sparse.csgraph import min_weight_full_bipartite_matching

        size = upper.shape[0]
        coo = upper.tocoo()
        diagonal = np.arange(size, dtype=np.int32)
        rows = np.concatenate([coo.row.astype(np.int32), coo.col.astype(np.int32), diagonal])
        columns = np.concatenate([coo.col.astype(np.int32), coo.row.astype(np.int32), diagonal])
        data = np.concatenate([coo.data, coo.data, np.zeros(size)])
        del coo
        self.symmetric = csr_matrix((data, (rows, columns)), shape=(size, size))
        del rows, columns, data
        big = float(self.symmetric.data.max()) + 1.0
        cost = csr_matrix((big - self.symmetric.data, self.symmetric.indices,
                           self.symmetric.indptr), shape=(size, size))  # ≥ 1: all stay edges
        matched_rows, matched_columns = min_weight_full_bipartite_matching(cost)
        del cost
        self.successor = np.empty(size, dtype=np.int64)
        self.successor[matched_rows] = matched_columns
        self.gained = np.asarray(self.symmetric[np.arange(size), self.successor],
                                 dtype=np.float64).ravel()

    def certified(self) -> Any | None:
        """Pairs (local indices, shape (k, 2)) from the optimum, or ``None`` when it has an odd
        cycle (then it is not provably optimal)."""
        np = _np()
        size = self.successor.size
        visited = np.zeros(size, dtype=bool)
        pairs: list[tuple[int, int]] = []
        following = self.successor.tolist()
        weight = self.gained.tolist()
        for start in range(size):
            if visited[start]:
                continue
            walk = [start]
            visited[start] = True
            while not visited[following[walk[-1]]]:
                walk.append(following[walk[-1]])
                visited[walk[-1]] = True
            if len(walk) == 1:
                continue
            if len(walk) % 2 == 1:
                return None
            # an even cycle (two people swapping is one): the heavier of its two halves
            even = sum(weight[v] for v in walk[0::2])
            odd = sum(weight[v] for v in walk[1::2])
            take = walk[0::2] if even >= odd else walk[1::2]
            pairs.extend((v, following[v]) for v in take)
        return np.array(pairs, dtype=np.int64).reshape(-1, 2)

    def duals(self) -> Any:
        """Vertex duals ``y ≥ 0`` with ``y[a] + y[b] ≥ w(a, b)`` on every edge and ``Σ y`` equal
        to the optimum halved — an upper bound on every matching. From the optimal assignment
        by longest paths (Bellman–Ford, vectorised over the rows): ``v[i] ≥ v[successor[j]] +
        w(j, i) − gained[j]`` for every entry ``(i, j)``, the diagonal included."""
        np = _np()
        graph = self.symmetric
        size = self.successor.size
        source = self.successor[graph.indices].astype(np.int32)
        gain = graph.data - self.gained[graph.indices]
        starts = graph.indptr[:-1]  # every row has its diagonal entry: no empty row
        v = np.zeros(size, dtype=np.float64)
        for _round in range(size + 1):  # no positive cycle: at most size rounds
            best = np.maximum.reduceat(v[source] + gain, starts)
            if not (best > v).any():
                break
            np.maximum(v, best, out=v)
        u = self.gained - v[self.successor]
        return (u + v) / 2

    @property
    def bound(self) -> float:
        return float(self.gained.sum()) / 2


def _exact(upper: Any, cover: _Cover) -> Any:
    """A maximum-weight matching of one connected group (upper-triangular CSR), proven.

    Dual values bound every matching: with vertex duals ``y ≥ 0`` and odd-set duals ``z ≥ 0``
    such that every edge's reduced cost ``rc(a, b) = y[a] + y[b] + Σ z (sets holding both) −
    w(a, b)`` is ≥ 0, a matching ``M`` weighs at most ``U − Σ rc(e)`` over its edges, where
    ``U = Σ y + Σ z·⌊|S|/2⌋`` (less the least ``y`` in a group of odd size: someone is left
    over). So the best matching on a *core* of edges is the best of all once every edge left
    out has ``rc > U − L``, ``L`` its weight (a heavier matching would use only edges with
    ``rc < U − L``). The first core is the ~8 edges per person of least reduced cost under the
    double cover's duals. When it does not prove itself and all edges within the gap would be
    many, :func:`_tighter` adds odd-set duals (a linear programme over a core, HiGHS, priced
    against every edge and then made exactly feasible) and a narrow core is tried again under
    them; at last a core of all edges within the gap settles it. Each core is solved by
    Edmonds' blossom algorithm (:func:`_blossom`).
    """
    np = _np()
    y = cover.duals()
    size = upper.shape[0]
    bound = cover.bound - _leftover(y, size)
    cover.symmetric = None
    coo = upper.tocoo()
    first, second, weight = coo.row, coo.col, coo.data
    del coo
    slack = y[first] + y[second] - weight
    narrow = CORE_DEGREE * size
    core = _narrowest(slack, narrow)
    tightened = False
    while True:
        pairs = _blossom(size, first[core], second[core], weight[core])
        found = float(np.asarray(upper[pairs[:, 0], pairs[:, 1]]).sum()) if len(pairs) else 0.0
        outside = slack[~core]
        if not len(outside) or bound - found + 1.0 < float(outside.min()):
            return pairs  # every edge left out has rc > U − L (+ one unit for the rounding of
            # sums of large floats): no heavier matching uses it
        wide = int(np.count_nonzero(slack <= bound - found + 1.0))
        if not tightened and wide > 4 * narrow:
            tightened = True  # the next core would be wide: first tighten the bound
            better = _tighter(upper, first, second, weight, core, found, 4 * narrow)
            if better is not None and better[0] < bound:
                bound, slack = better
                core = _narrowest(slack, narrow)  # a narrow core again, under the new duals
                continue
        core = slack <= bound - found + 1.0


def _leftover(y: Any, size: int) -> float:
    """What an odd group surely loses: someone is left unmatched, and an unmatched person
    takes their dual out of the bound (``w(M) ≤ U − Σ y`` over the unmatched ``− Σ rc``)."""
    return float(y.min()) if size % 2 else 0.0


def _narrowest(slack: Any, count: int) -> Any:
    """The mask of the ``count`` edges of least reduced cost (all when there are fewer)."""
    np = _np()
    core = np.zeros(len(slack), dtype=bool)
    if len(slack) <= count:
        core[:] = True
    elif count > 0:
        core[np.argpartition(slack, count - 1)[:count]] = True
    else:
        core[int(np.argmin(slack))] = True
    return core


def _tighter(upper: Any, first: Any, second: Any, weight: Any, core: Any, found: float,
             enough: int) -> tuple[float, Any] | None:
    """A tighter bound and every edge's reduced cost under it, or ``None``: the fractional
    matching programme with odd-set (blossom) constraints ``x(E(S)) ≤ ⌊|S|/2⌋`` for the odd
    sets its solutions show, solved by HiGHS over a core of edges that grows by pricing every
    edge with the duals. The duals are made exactly feasible (negatives clipped, a uniform
    shift for rounding), so the bound holds whatever the solver's tolerances. Rounds stop
    when no set or edge is added, or once at most ``enough`` edges are within the gap to a
    matching of weight ``found``."""
    np = _np()
    from scipy.optimize import linprog
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    size, count = upper.shape[0], len(weight)
    scale = max(1.0, float(weight.max()) / 1e6)  # coefficients up to ~10⁶ for the solver
    edges = np.flatnonzero(core)
    sets: list[Any] = []
    inside: list[Any] = []
    known: set[tuple[int, ...]] = set()
    best: tuple[float, Any] | None = None
    for _round in range(30):
        position = np.full(count, -1, dtype=np.int64)
        position[edges] = np.arange(len(edges))
        rows = [first[edges], second[edges]]
        columns = [np.arange(len(edges))] * 2
        for index, members in enumerate(inside):
            local = position[members]
            local = local[local >= 0]
            rows.append(np.full(len(local), size + index))
            columns.append(local)
        matrix = coo_matrix((np.ones(sum(len(r) for r in rows)),
                             (np.concatenate(rows), np.concatenate(columns))),
                            shape=(size + len(sets), len(edges))).tocsr()
        limits = np.concatenate([np.ones(size), [len(members) // 2 for members in sets]])
        solved = linprog(-weight[edges] / scale, A_ub=matrix, b_ub=limits, bounds=(0, None),
                         method="highs", options={"maxiter": 20 * (size + len(edges))})
        if solved.status != 0:  # (e.g. its iteration limit): the rounds so far
            break
        values = -np.asarray(solved.ineqlin.marginals) * scale
        duals_y, duals_z = np.maximum(values[:size], 0.0), np.maximum(values[size:], 0.0)
        extra = np.zeros(count)
        for members, z in zip(inside, duals_z.tolist(), strict=True):
            if z > 0:
                extra[members] += z
        slack = duals_y[first] + duals_y[second] + extra - weight
        priced = np.flatnonzero(slack < -1e-6 * scale)
        priced = priced[position[priced] < 0]
        shift = max(0.0, -float(slack.min()))
        bound = float(duals_y.sum()) + size * shift / 2 + sum(
            z * (len(members) // 2) for members, z in zip(sets, duals_z.tolist(), strict=True))
        bound -= _leftover(duals_y + shift / 2, size)
        best = (bound, slack + shift)  # every y raised by shift / 2: each rc by shift
        if np.count_nonzero(best[1] <= bound - found + 1.0) <= enough:
            break
        # odd sets from the fractional part of the solution
        x = np.asarray(solved.x)
        fractional = (x > 1e-6) & (x < 1 - 1e-6)
        new_sets = 0
        if fractional.any():
            a, b = first[edges][fractional], second[edges][fractional]
            support = coo_matrix((np.ones(len(a)), (a, b)), shape=(size, size))
            _n, labels = connected_components(support, directed=False)
            touched = np.unique(np.concatenate([a, b]))
            for label in np.unique(labels[touched]).tolist():
                members = np.flatnonzero(labels == label)
                key = tuple(members.tolist())
                if len(members) < 3 or len(members) % 2 == 0 or key in known:
                    continue
                known.add(key)
                sets.append(members)
                inside.append(_edges_within(upper, members))
                new_sets += 1
        if not priced.size and not new_sets:
            break
        if priced.size:
            worst = priced[np.argsort(slack[priced])[:4 * size]]
            edges = np.union1d(edges, worst)
    return best


def _edges_within(upper: Any, members: Any) -> Any:
    """Indices (in CSR order) of the edges with both ends in ``members`` (ascending)."""
    np = _np()
    found = []
    for vertex in members.tolist():
        start, stop = upper.indptr[vertex], upper.indptr[vertex + 1]
        neighbours = upper.indices[start:stop]
        found.append(start + np.flatnonzero(np.isin(neighbours, members)))
    return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)


def _blossom(size: int, first: Any, second: Any, weight: Any) -> Any:
    """Edmonds' maximum-weight matching of the given edges (``first < second``, integer
    weights): pairs as rows ``(a, b)``, ``a < b``, sorted."""
    np = _np()
    try:
        import rustworkx
    except ImportError:  # the slower pure-Python algorithm
        import networkx

        graph = networkx.Graph()
        graph.add_nodes_from(range(size))
        graph.add_weighted_edges_from(zip(first.tolist(), second.tolist(),
                                          weight.astype(np.int64).tolist(), strict=True))
        matched = networkx.max_weight_matching(graph)
    else:
        graph = rustworkx.PyGraph(multigraph=False)
        graph.add_nodes_from(range(size))
        for start in range(0, len(first), 1 << 18):  # bounded temporary lists
            stop = start + (1 << 18)
            graph.add_edges_from(list(zip(first[start:stop].tolist(),
                                          second[start:stop].tolist(),
                                          weight[start:stop].astype(np.int64).tolist(),
                                          strict=True)))
        matched = rustworkx.max_weight_matching(graph, weight_fn=int)
    return np.array(sorted((min(a, b), max(a, b)) for a, b in matched),
                    dtype=np.int64).reshape(-1, 2)


# --------------------------------------------------------------------------- the named table

Pairs = tuple[Any, Any]
"""Two index arrays of the same length: the pairs' first and second members."""


@record(kw_only=True)
class Solver:
    """A solver as a model (``matching.solver``) and ``mentorcore match --solver`` name it.

    ``forms`` are the unit kinds it can form. ``pairs(weights, capacity, seed)`` pairs the
    mentees (rows) of a weight matrix from :func:`quantise` with its mentors (columns);
    ``buddies(graph)`` pairs the people of a graph of possible buddies (a SciPy sparse matrix,
    the upper triangle; see :func:`reciprocal`) with each other, and is given
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
    """A mentee × mentor problem given to the general solver: the two sides as one sparse
    graph (each mentor one place)."""
    np = _np()
    from scipy.sparse import csr_matrix

    n, m = weights.shape
    rows, columns = np.nonzero(weights > 0)
    graph = csr_matrix((weights[rows, columns], (rows, columns + n)), shape=(n + m, n + m))
    first, second = reciprocal(graph)
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
