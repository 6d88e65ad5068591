"""Scoring: every candidate pair's weight for the solvers, from the rules' fits.

Every rule scores the whole mentees × mentors matrix in one vectorised call
(:func:`mentorcore.matching.fits.evaluate`); hard rules multiply into a mask (a pair *meets* a
rule when its fit is above 0: :func:`meets`), each preference adds its own rounded points
``round(fit × step)`` (:func:`rule_steps`, :func:`points`) — the definition docs/matching.md
gives in "The optimisation". :func:`weigh` fills the solvers' integer weights block by block of
rows, so that temporaries stay small and reused, and counts for the explanations how many
candidates meet every hard rule with each person; for buddies it builds the sparse graph of
possible buddies instead (:func:`buddy_graph`). A problem over the limits (:data:`MAX_PAIRS`,
:data:`MAX_BUDDY_PAIRS`) is refused (E415) before its memory is allocated.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from mentorcore.i18n import _
from mentorcore.matching.fits import as_fit, evaluate
from mentorcore.records import record

if TYPE_CHECKING:
    from mentorcore.matching.candidates import Candidates, Encoded
    from mentorcore.matching.rules import Rule

__all__ = ["CHUNK", "MAX_BUDDY_PAIRS", "MAX_PAIRS", "PREFAULT_BYTES", "Progress", "Weighed",
           "buddy_graph", "check_size", "meets", "points", "rule_steps", "score_block", "weigh"]

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``: called as matching goes (for a progress bar)."""


def _np() -> Any:
    import numpy

    return numpy


CHUNK = 1 << 17
"""Candidate pairs scored per block (rows × mentors): temporaries stay small and reused."""

MAX_PAIRS = 200_000_000
"""Most candidate pairs (mentees × mentors, and for ``optimal`` mentees × mentors' places) the
dense solvers take: 8 bytes each for ``optimal``, up to 24 for ``stable`` (E415 beyond)."""
MAX_BUDDY_PAIRS = 25_000_000
"""Most possible buddy pairs (meeting every hard rule both ways) the reciprocal graph holds:
12 bytes each in the graph, about 100 at the peak of assembling and solving it (E415 beyond)."""


def check_size(encoded: Encoded, rows: int, columns: int) -> None:
    """Refuse (E415, at the file) a problem of more than :data:`MAX_PAIRS` candidate pairs
    before its matrix is allocated."""
    if rows * columns > MAX_PAIRS:
        _too_large(encoded, _("{rows} × {columns} candidate pairs; at most {limit} are scored "
                              "in memory").format(rows=rows, columns=columns, limit=MAX_PAIRS))


def _too_large(encoded: Encoded, message: str) -> None:
    from mentorcore.matching.problems import TOO_LARGE, failure

    raise failure(TOO_LARGE, message, encoded.participants.source,
                  hint=_("split the list, e.g. by region or intake"))


@record
class Weighed:
    """The solver's input: ``weights`` (the integer weights, 0 where a hard rule fails: a dense
    mentees × mentors matrix, or for buddies the sparse graph of :func:`buddy_graph`) and, for
    explanations, how many candidates meet every hard rule with each mentee (``rows``) and each
    mentor (``columns``)."""

    weights: Any
    rows: Any
    columns: Any


def score_block(encoded: Encoded, left: Any, right: Any, rules: Sequence[Rule], *,
                out: Any = None, steps: Sequence[float] | None = None,
                pairs_bound: int = 1) -> tuple[Any, Any]:
    """(scores, allowed) over left × right: the weighted sum of the preferences' fits, and the
    mask of pairs that meet every hard rule. Whole-array operations only.

    With ``steps`` (:func:`rule_steps`, one per rule), the scores come out as the solvers' integer
    weights directly: ``pairs_bound × Σ round(fit × step) + 1`` where every hard rule holds,
    else 0 (see :func:`mentorcore.matching.solvers.quantise`). ``out`` receives the scores.
    """
    np = _np()
    from mentorcore.matching.candidates import Candidates

    candidates = Candidates(encoded, left, right)
    if steps is not None:
        return _weights_block(candidates, rules, out, steps, pairs_bound)
    total = np.zeros(candidates.shape, dtype=np.float64) if out is None else out
    if out is not None:
        total.fill(0.0)
    allowed = np.ones(candidates.shape, dtype=bool)
    for rule in rules:
        fit = evaluate(rule, candidates)
        if rule.rule.hard:
            allowed &= meets(fit)
        elif rule.rule.weight > 0:
            if fit.dtype == bool:
                total += fit * rule.rule.weight
            else:
                total += as_fit(fit) * rule.rule.weight
    return total, allowed


def meets(fit: Any) -> Any:
    """Where a hard rule is met: a true boolean, or a fit above 0 (``nan`` is not)."""
    return fit if fit.dtype == bool else fit > 0


def rule_steps(rules: Sequence[Rule]) -> list[float]:
    """Each rule's step, the points a fit of 1 earns: ``RESOLUTION × weight / W`` for a
    preference, where ``W`` is the sum of the preferences' weights; 0 for a hard rule, and 0 for
    every rule when ``W`` is 0. A pair earns ``round(fit × step)`` points by each rule (halves to
    even, in double precision): the quantised score the solvers maximise (docs/matching.md,
    "The optimisation")."""
    from mentorcore.matching.solvers import RESOLUTION

    top = sum(r.rule.weight for r in rules if not r.rule.hard)
    if not top > 0:
        return [0.0] * len(rules)
    return [0.0 if r.rule.hard else r.rule.weight * RESOLUTION / top for r in rules]


def points(fit: Any, step: float) -> Any:
    """``round(fit × step)`` as float64 integers, for a checked fit (booleans or numbers)."""
    np = _np()
    if fit.dtype == bool:
        return fit * np.rint(step)
    part = np.multiply(as_fit(fit), step, dtype=np.float64)
    return np.rint(part, out=part)


def _weights_block(candidates: Candidates, rules: Sequence[Rule], out: Any,
                   steps: Sequence[float], pairs_bound: int) -> tuple[Any, Any]:
    """The solvers' weights for one block: each rule's points rounded in float64, summed in
    float32 (integers below 2²⁴, so exact) and widened to float64 once, into ``out``."""
    np = _np()
    shape = candidates.shape
    total_points = np.zeros(shape, dtype=np.float32)
    allowed = np.ones(shape, dtype=bool)
    for rule, step in zip(rules, steps, strict=True):
        fit = evaluate(rule, candidates)
        if rule.rule.hard:
            allowed &= meets(fit)
        elif step > 0:
            if fit.dtype == bool:
                total_points += fit * np.float32(np.rint(step))  # (where= is slow)
            else:
                part = np.multiply(as_fit(fit), step, dtype=np.float64)
                np.rint(part, out=part)
                total_points += part
    total_points *= allowed
    total = np.empty(shape, dtype=np.float64) if out is None else out
    np.multiply(total_points, float(pairs_bound), out=total)
    total += allowed
    return total, allowed


def weigh(encoded: Encoded, left: Any, right: Any, rules: Sequence[Rule], *,
          reciprocal: bool = False, progress: Progress | None = None,
          steps: int = 0) -> Weighed:
    """Score every candidate pair as the solvers' integer weights.

    Mentees × mentors: a dense matrix, filled block by block of rows, so that every temporary
    stays small (in the processor's cache) and is reused. Meanwhile a helper thread touches the
    matrix's memory pages from the far end, so that the operating system's cost of providing
    fresh memory overlaps with the scoring. Buddies (``reciprocal``): the sparse graph of
    possible buddies (:func:`buddy_graph`), never an n × n array.
    """
    np = _np()

    if reciprocal:
        return buddy_graph(encoded, left, rules, progress=progress, steps=steps)
    step = rule_steps(rules)
    n, m = len(left), len(right)
    check_size(encoded, n, m)
    weights = np.empty((n, m), dtype=np.float64)
    rows = np.zeros(n, dtype=np.int64)
    columns = np.zeros(m, dtype=np.int64)
    height = max(1, CHUNK // max(m, 1))
    starts = list(range(0, n, height))
    bound = n + 1  # more pairs than mentees there cannot be, whatever the capacities
    toucher = _PageToucher(weights, starts, height) if n * m * 8 >= PREFAULT_BYTES else None
    try:
        for block, start in enumerate(starts):
            if toucher is not None:
                toucher.claim(block)
            stop = min(n, start + height)
            _, allowed = score_block(encoded, left[start:stop], right, rules,
                                     out=weights[start:stop], steps=step, pairs_bound=bound)
            rows[start:stop] = np.count_nonzero(allowed, axis=1)
            columns += np.count_nonzero(allowed, axis=0)
            if progress:
                progress("scoring", max(1, (block + 1) * len(rules) // len(starts)), steps)
    finally:
        if toucher is not None:
            toucher.stop()
    return Weighed(weights, rows, columns)


def buddy_graph(encoded: Encoded, people: Any, rules: Sequence[Rule], *,
                progress: Progress | None = None, steps: int = 0) -> Weighed:
    """The possible buddies as a sparse graph: ``weights`` is a SciPy CSR matrix holding, for
    each pair ``a < b`` (positions in ``people``) that meets every hard rule both ways, the
    integer weight ``(n // 2 + 1) × Σ round(fit × step) + 1``, each preference's fit the mean
    of its two ways; ``rows``/``columns`` count each person's possible buddies.

    Rows are scored in blocks against the people after them only: each hard rule both ways over
    the block, then the preferences over the block's possible pairs alone. Memory: the graph
    (12 bytes per possible pair, twice while it is assembled) and blocks of ~2¹⁷ pairs.
    """
    np = _np()
    from scipy.sparse import csr_matrix

    from mentorcore.matching.candidates import Candidates

    n = len(people)
    step = rule_steps(rules)
    bound = float(n // 2 + 1)  # more pairs than n // 2 there cannot be
    hard = [r for r in rules if r.rule.hard]
    preferences = [(r, s) for r, s in zip(rules, step, strict=True) if not r.rule.hard and s > 0]
    firsts: list[Any] = []
    seconds: list[Any] = []
    weights: list[Any] = []
    start = 0
    done = 0
    edges = 0
    while start < n:
        later = people[start:]
        height = max(1, min(n - start, CHUNK // max(len(later), 1)))
        block = people[start:start + height]
        ahead = np.arange(len(later))[None, :] > np.arange(height)[:, None]  # b after a
        if hard:
            forward = Candidates(encoded, block, later)
            backward = Candidates(encoded, later, block)
            for rule in hard:
                ahead &= meets(evaluate(rule, forward))
                ahead &= meets(evaluate(rule, backward)).T
        first, second = np.nonzero(ahead)
        edges += len(first)
        if edges > MAX_BUDDY_PAIRS:
            _too_large(encoded, _("more than {limit} possible buddy pairs; at most {limit} are "
                                  "held in memory").format(limit=MAX_BUDDY_PAIRS))
        total = np.zeros(len(first), dtype=np.float64)
        if len(first) and preferences:
            a, b = block[first], later[second]
            there = Candidates(encoded, a, b, pairs=True)
            back = Candidates(encoded, b, a, pairs=True)
            for rule, rule_step in preferences:
                mean = (as_fit(evaluate(rule, there)).astype(np.float64)
                        + as_fit(evaluate(rule, back))) / 2
                total += points(mean, rule_step)
        total *= bound
        total += 1.0
        firsts.append((first + start).astype(np.int32))
        seconds.append((second + start).astype(np.int32))
        weights.append(total)
        start += height
        if progress and start * len(rules) // n > done:
            done = start * len(rules) // n
            progress("scoring", max(1, done), steps)
    first = np.concatenate(firsts) if firsts else np.zeros(0, dtype=np.int32)
    second = np.concatenate(seconds) if seconds else np.zeros(0, dtype=np.int32)
    del firsts, seconds
    data = np.concatenate(weights) if weights else np.zeros(0)
    del weights
    counts = np.bincount(first, minlength=n) + np.bincount(second, minlength=n)
    graph = csr_matrix((data, (first, second)), shape=(n, n))
    return Weighed(graph, counts, counts)


PREFAULT_BYTES = 64 << 20
"""From this size on, the matrix's pages are touched ahead by a helper thread."""


class _PageToucher:
    """Touches the blocks of a fresh matrix from the last one backwards, in a thread, while the
    scoring fills it from the first one; a block is either touched or scored, never both at
    once (the scoring claims each block before writing it)."""

    def __init__(self, matrix: Any, starts: list[int], height: int) -> None:
        import threading

        self._matrix, self._starts, self._height = matrix, starts, height
        self._lock = threading.Lock()
        self._owner = [""] * len(starts)
        self._done = [threading.Event() for _ in starts]
        self._halt = False
        self._thread = threading.Thread(target=self._run, name="mentorcore-prefault",
                                        daemon=True)
        self._thread.start()

    def _run(self) -> None:
        step = 4096 // self._matrix.itemsize
        for block in range(len(self._starts) - 1, -1, -1):
            with self._lock:
                if self._halt or self._owner[block]:
                    return
                self._owner[block] = "toucher"
            start = self._starts[block]
            self._matrix[start:start + self._height].reshape(-1)[::step] = 0.0
            self._done[block].set()

    def claim(self, block: int) -> None:
        with self._lock:
            if not self._owner[block]:
                self._owner[block] = "scoring"
                return
        self._done[block].wait()

    def stop(self) -> None:
        with self._lock:
            self._halt = True
        self._thread.join()
