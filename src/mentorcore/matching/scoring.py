"""Scoring: every candidate pair's weight for the solvers, from the rules' fits.

Every rule scores the whole mentees × mentors matrix in one vectorised call
(:func:`mentorcore.matching.fits.evaluate`); hard rules multiply into a mask, preferences add
``weight × fit`` into the score. :func:`weigh` fills the solvers' integer weights (see
:func:`mentorcore.matching.solvers.quantise`) block by block of rows, so that temporaries stay
small and reused, and counts for the explanations how many candidates meet every hard rule with
each person.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from mentorcore.matching.fits import as_fit, evaluate

if TYPE_CHECKING:
    from mentorcore.matching.candidates import Candidates, Encoded
    from mentorcore.matching.rules import Rule

__all__ = ["CHUNK", "PREFAULT_BYTES", "Progress", "Weighed", "score_block", "weigh"]

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``: called as matching goes (for a progress bar)."""


def _np() -> Any:
    import numpy

    return numpy


CHUNK = 1 << 17
"""Candidate pairs scored per block (rows × mentors): temporaries stay small and reused."""


@attrs.frozen
class Weighed:
    """The solver's input: ``weights`` (quantised, 0 where a hard rule fails; see
    :func:`mentorcore.matching.solvers.quantise`) and, for explanations, how many candidates
    meet every hard rule with each mentee (``rows``) and each mentor (``columns``)."""

    weights: Any
    rows: Any
    columns: Any


def score_block(encoded: Encoded, left: Any, right: Any, rules: Sequence[Rule], *,
                out: Any = None, scale: float | None = None,
                pairs_bound: int = 1) -> tuple[Any, Any]:
    """(scores, allowed) over left × right: the weighted sum of the preferences' fits, and the
    mask of pairs that meet every hard rule. Whole-array operations only.

    With ``scale``, the scores come out as the solvers' integer weights directly:
    ``pairs_bound × Σ rint(scale × weight × fit) + 1`` where every hard rule holds, else 0
    (see :func:`mentorcore.matching.solvers.quantise`). ``out`` receives the scores.
    """
    np = _np()
    from mentorcore.matching.candidates import Candidates

    candidates = Candidates(encoded, left, right)
    if scale is not None:
        return _weights_block(candidates, rules, out, scale, pairs_bound)
    total = np.zeros(candidates.shape, dtype=np.float64) if out is None else out
    if out is not None:
        total.fill(0.0)
    allowed = np.ones(candidates.shape, dtype=bool)
    for rule in rules:
        fit = evaluate(rule, candidates)
        if rule.rule.hard:
            allowed &= fit if fit.dtype == bool else fit > 0
        elif rule.rule.weight > 0:
            if fit.dtype == bool:
                total += fit * rule.rule.weight
            else:
                total += as_fit(fit) * rule.rule.weight
    return total, allowed


def _weights_block(candidates: Candidates, rules: Sequence[Rule], out: Any, scale: float,
                   pairs_bound: int) -> tuple[Any, Any]:
    """The solvers' weights for one block, summed in float32 (the quantised parts are
    integers below 2²⁴, so exact) and widened to float64 once, into ``out``."""
    np = _np()
    shape = candidates.shape
    points = np.zeros(shape, dtype=np.float32)
    allowed = np.ones(shape, dtype=bool)
    for rule in rules:
        fit = evaluate(rule, candidates)
        if rule.rule.hard:
            allowed &= fit if fit.dtype == bool else fit > 0
        elif rule.rule.weight > 0:
            step = rule.rule.weight * scale
            if fit.dtype == bool:
                points += fit * np.float32(np.rint(step))  # (where= is slow)
            else:
                part = np.multiply(as_fit(fit), step, dtype=np.float32)
                np.rint(part, out=part)
                points += part
    points *= allowed
    total = np.empty(shape, dtype=np.float64) if out is None else out
    np.multiply(points, float(pairs_bound), out=total)
    total += allowed
    return total, allowed


def weigh(encoded: Encoded, left: Any, right: Any, rules: Sequence[Rule], *,
          reciprocal: bool = False, progress: Progress | None = None,
          steps: int = 0) -> Weighed:
    """Score every candidate pair as the solvers' integer weights.

    The matrix is filled block by block of rows, so that every temporary stays small (in the
    processor's cache) and is reused. Meanwhile a helper thread touches the matrix's memory
    pages from the far end, so that the operating system's cost of providing fresh memory
    overlaps with the scoring.
    """
    np = _np()
    from mentorcore.matching.solvers import RESOLUTION, quantise

    top = sum(r.rule.weight for r in rules if not r.rule.hard)
    scale = RESOLUTION / top if top > 0 else 0.0
    n, m = len(left), len(right)
    if reciprocal:
        total, allowed = score_block(encoded, left, left, rules)
        allowed &= allowed.T
        np.fill_diagonal(allowed, False)
        total += total.T
        total *= 0.5
        counts = allowed.sum(axis=1)
        weights = quantise(total, allowed, out=total, top=top, pairs_bound=n // 2 + 1)
        if progress:
            progress("scoring", len(rules), steps)
        return Weighed(weights, counts, counts)
    weights = np.empty((n, m), dtype=np.float64)
    rows = np.zeros(n, dtype=np.int64)
    columns = np.zeros(m, dtype=np.int64)
    height = max(1, CHUNK // max(m, 1))
    starts = list(range(0, n, height))
    bound = min(n, m) + 1
    toucher = _PageToucher(weights, starts, height) if n * m * 8 >= PREFAULT_BYTES else None
    try:
        for block, start in enumerate(starts):
            if toucher is not None:
                toucher.claim(block)
            stop = min(n, start + height)
            _, allowed = score_block(encoded, left[start:stop], right, rules,
                                     out=weights[start:stop], scale=scale, pairs_bound=bound)
            rows[start:stop] = np.count_nonzero(allowed, axis=1)
            columns += np.count_nonzero(allowed, axis=0)
            if progress:
                progress("scoring", max(1, (block + 1) * len(rules) // len(starts)), steps)
    finally:
        if toucher is not None:
            toucher.stop()
    return Weighed(weights, rows, columns)


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
