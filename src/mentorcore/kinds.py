"""Kinds that plugins provide: phase kinds, unit kinds and matching criteria."""

from __future__ import annotations

import attrs


@attrs.frozen(kw_only=True)
class PhaseKind:
    """A kind of phase. ``rank`` orders phases: 10 preparation (training), 20 matching, 30 start,
    40 main work (mentoring, camp), 50 closing; ``None`` for a kind that may come anywhere
    (orientation: of mentors before matching, of mentees after it)."""

    name: str
    rank: int | None
    description: str


@attrs.frozen(kw_only=True)
class UnitKind:
    """A kind of unit. ``members`` is how many people a unit has (``None``: a size range)."""

    name: str
    description: str
    members: int | None = None


@attrs.frozen(kw_only=True)
class Criterion:
    """A matching criterion a model can name in ``matching.rules[].criterion``."""

    name: str
    description: str
