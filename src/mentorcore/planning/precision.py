"""``--precision X FIGURE``: replications until the mean of a figure is known to ±X.

:func:`until_precise` runs ``first`` replications, then — from the spread so far — about as
many more as the 95 % interval's half-width of ``X`` needs (10 % over, at least half as many
again), until the half-width is at most ``X`` or ``cap`` replications have run. Replication
numbers continue (``first=``), so the result is the same as one run of that many replications.
"""

from __future__ import annotations

import concurrent.futures
import math
from typing import TYPE_CHECKING

import attrs

from mentorcore.i18n import _
from mentorcore.planning.figures import PEAK, figure_values
from mentorcore.planning.statistics import half_width, needed
from mentorcore.records import record
from mentorcore.simulation.replication import option_error

if TYPE_CHECKING:
    from mentorcore.simulation.montecarlo import Samples
    from mentorcore.simulation.replication import Setup

__all__ = ["DEFAULT_CAP", "FIRST", "Precision", "until_precise"]

FIRST = 100
"""Replications run before the spread is looked at."""
DEFAULT_CAP = 100_000


@record(kw_only=True)
class Precision:
    figure: str
    wanted: float
    half_width: float
    mean: float
    replications: int
    reached: bool
    samples: Samples = attrs.field(eq=False, repr=False)


def until_precise(setup: Setup, figure: str, wanted: float, *, cap: int = DEFAULT_CAP,
                  first: int = FIRST, jobs: int | None = 1,
                  executor: concurrent.futures.Executor | None = None) -> Precision:
    """Replications of ``setup`` until the mean of ``figure`` has a 95 % half-width of at most
    ``wanted`` (or ``cap`` replications)."""
    import mentorcore.simulation.figures as f
    from mentorcore.simulation.montecarlo import replicate

    if figure not in f.FIGURES and figure != PEAK:
        from mentorcore.spelling import did_you_mean

        raise option_error(_("--precision: no figure '{figure}'").format(figure=figure),
                           did_you_mean(figure, [*f.FIGURES, PEAK]))
    if isinstance(wanted, bool) or not wanted > 0 or math.isinf(wanted):
        raise option_error(_("--precision: the half-width must be more than 0, found "
                             "{value}").format(value=wanted))
    if cap < 2:
        raise option_error(_("--max-replications must be at least 2, found {value}").format(
            value=cap))
    samples = replicate(setup, min(first, cap), jobs=jobs, executor=executor)
    while True:
        values = figure_values(samples, figure)
        width = half_width(values)
        if width <= wanted or samples.count >= cap:
            break
        target = max(math.ceil(needed(values, wanted) * 1.1), samples.count * 3 // 2)
        more = min(target, cap) - samples.count
        samples = samples + replicate(setup, more, first=samples.count, jobs=jobs,
                                      executor=executor)
    return Precision(figure=figure, wanted=wanted, half_width=width,
                     mean=float(values[~(values != values)].mean()) if len(values) else math.nan,
                     replications=samples.count, reached=width <= wanted, samples=samples)
