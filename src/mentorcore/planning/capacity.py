"""How many units a staff budget carries: :func:`capacity` searches the cohort size.

The question is the planner's: "with two staff at 20 hours a month, how many pairs can we
run?". The answer is the largest cohort whose chosen quantile (``0.95``: in 19 runs out of 20)
of the **peak monthly staff hours** — the busiest month of each replication — stays within the
budget, with the month that binds and the margin left.

The method (docs/planning.md):

1. every cohort size ``N`` tried is simulated ``replications`` times with the same seed and the
   same replication numbers — **common random numbers**: unit ``n`` of replication ``r`` draws
   the same numbers whatever ``N`` is (:mod:`mentorcore.simulation.streams`), so a larger
   cohort is the smaller one plus units, and the peak grows with ``N`` rather than jumping
   with sampling noise;
2. the peak's quantile is the ``inverted_cdf`` quantile of the replications' peaks (an outcome
   some replication had);
3. the search doubles ``N`` from 1 until the budget is exceeded (or ``limit`` is reached), then
   bisects; the answer ``N`` fits and ``N + 1`` does not — both evaluated and reported;
4. a mentor-hours budget (hours a month one mentor gives) is checked on the same runs: the
   quantile over every month of every unit of its meetings × ``mentor_hours_per_meeting``; a
   cadence that asks more of a mentor than the budget carries no cohort at all.

The same model, options and seed give the same answer, byte for byte; a larger budget never
gives a smaller one (tests/test_capacity.py).

Example::

    >>> from mentorcore import Library
    >>> library = Library()
    >>> answer = capacity(library.programme("womento"), registry=library.registry,
    ...                   staff_hours=40, replications=50, start="2026-01-05")
    >>> answer.units > 0 and answer.peak <= 40 < answer.next_peak
    True
"""

from __future__ import annotations

import concurrent.futures
import datetime
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from mentorcore.i18n import _
from mentorcore.planning.statistics import Estimate, peak_months
from mentorcore.records import record
from mentorcore.simulation.replication import option_error

if TYPE_CHECKING:
    from mentorcore.model import Programme
    from mentorcore.plugins import Registry
    from mentorcore.simulation.montecarlo import Samples
    from mentorcore.simulation.plan import UsedAssumption

__all__ = ["DEFAULT_LIMIT", "Capacity", "MentorLoad", "MonthBand", "Trial", "capacity",
           "month_bands", "quantile_of"]

DEFAULT_LIMIT = 1000
"""The largest cohort the search tries unless told otherwise (``--max``); the most units a
simulation handles (:data:`mentorcore.simulation.cohort.MAX_UNITS`) bounds a larger ``limit``."""


def quantile_of(values: Any, q: float) -> float:
    """The ``q`` quantile of ``values`` that some replication had (``inverted_cdf``)."""
    import numpy as np

    return float(np.quantile(np.asarray(values, dtype=np.float64), q, method="inverted_cdf"))


@record(kw_only=True)
class Trial:
    """One cohort size tried: its units and the quantile of its peak monthly staff hours."""

    units: int
    peak: float


@record(kw_only=True)
class MonthBand:
    """One month's staff hours over the replications: 5th, 50th, 95th percentile and mean, and
    the mean hours of each task."""

    month: str
    p5: float
    p50: float
    p95: float
    mean: float
    tasks: dict[str, float] = attrs.field(factory=dict)


@record(kw_only=True)
class MentorLoad:
    """A mentor's month: the budget, the quantile of the hours a month asks of one mentor and
    the largest any month asked."""

    budget: float
    hours: float
    highest: float

    @property
    def within(self) -> bool:
        return self.hours <= self.budget + 1e-9


@record(kw_only=True)
class Capacity:
    """The answer of :func:`capacity`: ``units`` (0 when not even one fits), the ``peak``
    quantile of monthly staff hours at that size and ``margin`` (budget − peak), ``next_peak``
    at one unit more (``None`` when ``units`` is the search's ``limit``), the ``binding_month``
    (whose quantile of hours is highest), how often each month was the peak, the monthly band,
    the hours by task, the mentors' load and every size tried."""

    model: str
    title: str
    unit: str
    budget: float
    quantile: float
    replications: int
    seed: int
    start: datetime.date
    calendar: str
    limit: int
    units: int
    peak: float
    margin: float
    next_peak: float | None
    binding_month: str | None
    limited_by: str
    """``staff``, ``mentors`` or ``limit`` (the budget carries the largest size tried)."""
    peak_months: tuple[tuple[str, float], ...]
    months: tuple[MonthBand, ...]
    tasks: dict[str, Estimate]
    figures: dict[str, Estimate]
    mentor: MentorLoad | None
    trials: tuple[Trial, ...]
    assumptions: tuple[UsedAssumption, ...]
    rationales: dict[str, str] = attrs.field(factory=dict)
    """Why the model sets each of its assumptions (id: text)."""
    jobs: int = 1


def month_bands(samples: Samples, quantile: float | None = None) -> tuple[MonthBand, ...]:
    """Staff hours by month over ``samples``' replications."""
    import numpy as np

    hours = samples.months["staff_hours"]
    p5, p50, p95 = np.percentile(hours, [5, 50, 95], axis=0) if hours.size else ([], [], [])
    return tuple(MonthBand(month=label, p5=float(p5[i]), p50=float(p50[i]),
                           p95=float(p95[i]), mean=float(hours[:, i].mean()),
                           tasks={task: float(values[:, i].mean())
                                  for task, values in samples.staff.items()})
                 for i, label in enumerate(samples.labels))


def _mentor_load(samples: Samples, budget: float, quantile: float) -> MentorLoad:
    import numpy as np

    histogram = np.asarray(samples.unit_months, dtype=np.float64)
    rate = samples.setup.plan.rates["mentor_hours_per_meeting"]
    if histogram.sum() == 0:
        return MentorLoad(budget=budget, hours=0.0, highest=0.0)
    cumulative = np.cumsum(histogram) / histogram.sum()
    meetings = int(np.searchsorted(cumulative, quantile - 1e-12))
    highest = int(np.nonzero(histogram)[0].max())
    return MentorLoad(budget=budget, hours=meetings * rate, highest=highest * rate)


def parse_budget(text: str | float, what: str = "--staff-hours") -> float:
    """``40``, ``40/month``, ``37,5 h/month`` as hours a month; a bad value is E620."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        value = float(text)
    else:
        raw = str(text).strip().lower()
        for suffix in ("/month", "/kk", "/mån", "a month", "h", " "):
            raw = raw.removesuffix(suffix).strip()
        if raw.count(",") == 1 and "." not in raw:
            raw = raw.replace(",", ".")
        try:
            value = float(raw)
        except ValueError:
            raise option_error(_("{option}: expected hours a month, found '{value}'").format(
                option=what, value=text), _("for example {example}").format(
                    example=f"{what} 40/month")) from None
    if not value > 0 or value != value or value == float("inf"):
        raise option_error(_("{option}: the hours must be more than 0, found {value}").format(
            option=what, value=text))
    return value


def capacity(programme: Programme, *, registry: Registry, staff_hours: float | str,
             quantile: float = 0.95, mentor_hours: float | str | None = None,
             replications: int = 300, seed: int = 0, start: datetime.date | str | None = None,
             calendar: str = "finnish", language: str | None = None,
             assumptions: Mapping[str, object] | None = None, limit: int = DEFAULT_LIMIT,
             jobs: int | None = 1, executor: concurrent.futures.Executor | None = None,
             progress: Callable[[int, int], None] | None = None) -> Capacity:
    """The largest cohort of ``programme`` whose ``quantile`` of peak monthly staff hours stays
    within ``staff_hours`` a month (and whose mentors' months stay within ``mentor_hours``,
    when given) — see the module's documentation for the method. ``progress(done, limit)`` is
    called with each size tried."""
    import numpy as np

    from mentorcore.simulation.calendar import next_monday
    from mentorcore.simulation.montecarlo import check_jobs, check_replications, replicate
    from mentorcore.simulation.replication import prepare

    budget = parse_budget(staff_hours)
    mentor_budget = None if mentor_hours is None else parse_budget(mentor_hours,
                                                                   "--mentor-hours")
    if isinstance(quantile, bool) or not isinstance(quantile, (int, float)) \
            or not 0 < quantile <= 1:
        raise option_error(_("--quantile must be more than 0 and at most 1, found "
                             "{value}").format(value=quantile),
                           _("for example {example}").format(example="--quantile 0.95"))
    check_replications(replications)
    check_jobs(jobs)
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise option_error(_("the largest cohort to try must be at least 1, found "
                             "{value}").format(value=repr(limit)))
    from mentorcore.simulation.cohort import MAX_UNITS

    limit = min(limit, MAX_UNITS)
    start = start if start is not None else next_monday()
    cache: dict[int, tuple[float, Samples]] = {}
    used_jobs = [1]

    def trial(units: int) -> float:
        if units not in cache:
            setup = prepare(programme, registry=registry, pairs=units, seed=seed, start=start,
                            calendar=calendar, language=language, assumptions=assumptions)
            samples = replicate(setup, replications, jobs=jobs, executor=executor)
            used_jobs[0] = max(used_jobs[0], samples.jobs)
            peaks = samples.months["staff_hours"].max(axis=1, initial=0)
            cache[units] = (quantile_of(peaks, quantile), samples)
            if progress is not None:
                progress(min(units, limit), limit)
        return cache[units][0]

    mentor = None
    limited_by = "staff"
    if mentor_budget is not None:
        trial(1)
        mentor = _mentor_load(cache[1][1], mentor_budget, quantile)
    if mentor is not None and not mentor.within:
        fits, limited_by = 0, "mentors"
    elif trial(1) > budget:
        fits = 0
    else:
        fits, above = 1, None
        while above is None:
            size = min(fits * 2, limit)
            if trial(size) > budget:
                above = size
            elif size == limit:
                fits, limited_by = size, "limit"
                break
            else:
                fits = size
        if above is not None:
            while above - fits > 1:
                middle = (fits + above) // 2
                if trial(middle) <= budget:
                    fits = middle
                else:
                    above = middle
    shown_size = max(fits, 1)
    peak, samples = trial(shown_size), cache[shown_size][1]
    next_peak = trial(fits + 1) if fits < limit and limited_by != "mentors" else None
    hours = samples.months["staff_hours"]
    by_month = [quantile_of(hours[:, i], quantile) for i in range(hours.shape[1])]
    binding = samples.labels[int(np.argmax(by_month))] if by_month else None
    from mentorcore.planning.figures import figure_estimates, rationales, task_estimates

    return Capacity(
        model=samples.setup.plan.model, title=samples.setup.plan.title,
        unit=samples.setup.plan.unit, budget=budget, quantile=float(quantile),
        replications=replications, seed=seed, start=samples.setup.start,
        calendar=samples.setup.calendar.name, limit=limit, units=fits,
        peak=peak if fits else 0.0, margin=budget - peak if fits else budget,
        next_peak=next_peak, binding_month=binding, limited_by=limited_by,
        peak_months=tuple(peak_months(hours, samples.labels)), months=month_bands(samples),
        tasks=task_estimates(samples), figures=figure_estimates(samples), mentor=mentor,
        trials=tuple(Trial(units=n, peak=value[0]) for n, value in sorted(cache.items())),
        assumptions=samples.setup.assumptions,
        rationales=rationales(programme, language), jobs=used_jobs[0])
