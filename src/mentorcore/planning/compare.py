"""Models side by side: :func:`compare` runs each with the same replications and reports
every figure of :data:`~mentorcore.planning.figures.PLANNING_FIGURES`, and each model's
difference from the first with its interval.

**Common random numbers.** Every model is run with the same seed and the same replication
numbers, and a draw is a pure function of (seed, replication, stream, unit, draw)
(:mod:`mentorcore.simulation.streams`): replication ``r`` of Womento and of Matkalla
työelämään read the same numbers for their first unit's pace, cancellations and drop-out. The
differences are taken replication by replication (paired), so what the two runs share — a
replication where many meetings happen to be cancelled — cancels out, and the interval of the
difference is narrower than the two figures' own intervals would suggest. The interval is the
paired one: mean difference ± t · s / √R over the R differences.

Example::

    >>> from mentorcore import Library
    >>> library = Library()
    >>> result = compare([library.programme("womento"), library.programme("monika")],
    ...                  registry=library.registry, pairs=20, replications=40,
    ...                  start="2026-01-05")
    >>> [c.model for c in result.columns], "meetings_held" in result.columns[1].differences
    (['womento', 'monika'], True)
"""

from __future__ import annotations

import concurrent.futures
import datetime
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from mentorcore.i18n import _
from mentorcore.planning.capacity import MonthBand, month_bands
from mentorcore.planning.figures import (
    PLANNING_FIGURES,
    figure_estimates,
    figure_values,
    rationales,
    task_estimates,
)
from mentorcore.planning.statistics import COUNT_FIGURES, Estimate, difference, peak_months
from mentorcore.records import record
from mentorcore.simulation.replication import option_error

if TYPE_CHECKING:
    from mentorcore.model import Programme
    from mentorcore.plugins import Registry
    from mentorcore.simulation.plan import UsedAssumption

__all__ = ["Column", "Comparison", "compare"]


@record(kw_only=True)
class Column:
    """One model of a comparison: its figures, its staff hours by task and by month, how often
    each month was the staff's peak, and (from the second model on) its ``differences`` from
    the first, paired by replication."""

    model: str
    title: str
    unit: str
    units: int
    figures: dict[str, Estimate]
    tasks: dict[str, Estimate]
    months: tuple[MonthBand, ...]
    peak_months: tuple[tuple[str, float], ...]
    differences: dict[str, Estimate]
    assumptions: tuple[UsedAssumption, ...]
    rationales: dict[str, str] = attrs.field(factory=dict)
    """Why the model sets each of its assumptions (id: text)."""


@record(kw_only=True)
class Comparison:
    replications: int
    seed: int
    start: datetime.date
    calendar: str
    columns: tuple[Column, ...]
    jobs: int = 1


def compare(programmes: Sequence[Programme], *, registry: Registry, pairs: int | None = None,
            replications: int = 300, seed: int = 0, start: datetime.date | str | None = None,
            calendar: str = "finnish", language: str | None = None,
            assumptions: Mapping[str, object] | None = None, jobs: int | None = 1,
            executor: concurrent.futures.Executor | None = None,
            progress: Callable[[int, int], None] | None = None) -> Comparison:
    """Run each of ``programmes`` ``replications`` times with common random numbers and set
    them side by side. ``pairs``: the same cohort size for all (default: each model's own);
    ``assumptions``: set in every model (an id one of them does not read is refused)."""
    from mentorcore.simulation.calendar import next_monday
    from mentorcore.simulation.montecarlo import check_jobs, check_replications, replicate
    from mentorcore.simulation.replication import prepare

    if len(programmes) < 2:
        raise option_error(_("compare needs at least two models, found {count}").format(
            count=len(programmes)), _("for example {example}").format(
                example="mentorcore compare womento matkalla-tyoelamaan"))
    check_replications(replications)
    check_jobs(jobs)
    start = start if start is not None else next_monday()
    runs = []
    used_jobs = 1
    for number, programme in enumerate(programmes):
        setup = prepare(programme, registry=registry, pairs=pairs, seed=seed, start=start,
                        calendar=calendar, language=language, assumptions=assumptions)
        samples = replicate(setup, replications, jobs=jobs, executor=executor)
        used_jobs = max(used_jobs, samples.jobs)
        runs.append(samples)
        if progress is not None:
            progress(number + 1, len(programmes))
    first = runs[0]
    columns = []
    for number, (programme, samples) in enumerate(zip(programmes, runs, strict=True)):
        plan = samples.setup.plan
        differences = {} if number == 0 else {
            name: difference(figure_values(first, name), figure_values(samples, name),
                             count=name in COUNT_FIGURES)
            for name in PLANNING_FIGURES}
        columns.append(Column(
            model=plan.model, title=plan.title, unit=plan.unit,
            units=samples.setup.cohort.size, figures=figure_estimates(samples),
            tasks=task_estimates(samples), months=month_bands(samples),
            peak_months=tuple(peak_months(samples.months["staff_hours"], samples.labels)),
            differences=differences, assumptions=samples.setup.assumptions,
            rationales=rationales(programme, language)))
    return Comparison(replications=replications, seed=seed, start=first.setup.start,
                      calendar=first.setup.calendar.name, columns=tuple(columns),
                      jobs=used_jobs)
