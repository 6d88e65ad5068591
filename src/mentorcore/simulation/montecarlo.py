"""Monte Carlo: many replications of a programme, in batches, optionally in parallel.

Replications are simulated in batches (arrays of R × N units at once) and the batches are
handed to a ``concurrent.futures`` executor when one is given — a ``ProcessPoolExecutor`` (what
``--jobs`` makes), or any executor with the same ``submit`` method, such as a Dask cluster's
``client.get_executor()``. Replication ``r`` draws from its own random streams, so the results
are the same whatever the batches and the number of workers.

Example::

    >>> from concurrent.futures import ProcessPoolExecutor
    >>> from mentorcore import Library
    >>> from mentorcore.simulation import simulate_many
    >>> library = Library()
    >>> womento = library.programme("womento")
    >>> with ProcessPoolExecutor(2) as pool:                       # doctest: +SKIP
    ...     ensemble = simulate_many(womento, replications=1000, registry=library.registry,
    ...                              executor=pool)
"""

from __future__ import annotations

import concurrent.futures
import datetime
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mentorcore.i18n import _
from mentorcore.simulation.replication import Setup, option_error, prepare, run_setup
from mentorcore.simulation.run import Compliance, Ensemble, Month, Stats, Summary

if TYPE_CHECKING:
    from mentorcore.model import Programme
    from mentorcore.plugins import Registry

__all__ = ["MAX_REPLICATIONS", "SLOTS_PER_BATCH", "run_batch", "simulate_many"]

MAX_REPLICATIONS = 10_000_000
SLOTS_PER_BATCH = 1_500_000
"""About how many meeting slots (replications × units × slots) one batch holds in memory."""


def run_batch(setup: Setup, first: int, last: int) -> dict[str, Any]:
    """Simulate replications ``first``…``last - 1`` and return their figures as arrays (a
    module-level function, so that worker processes and clusters can run it)."""
    import numpy as np

    import mentorcore.simulation.figures as f
    from mentorcore.simulation.engine import sample

    group_of, groups = setup.groups()
    batch = sample(setup.plan, setup.cohort.size, setup.seed,
                          np.arange(first, last, dtype=np.int64), setup.calendar,
                          group_of=group_of, groups=groups)
    labels, months = f.monthly(batch, setup.start)
    return {"first": first, "figures": f.figures(batch, setup.members(), setup.start),
            "compliance": f.compliance(batch), "labels": labels, "months": months}


def _batches(replications: int, units: int, workers: int, progress: bool) -> list[tuple[int, int]]:
    per_replication = max(units, 1) * 40
    size = max(1, SLOTS_PER_BATCH // per_replication)
    wanted = max(workers * 4 if workers > 1 else 1, 20 if progress else 1)
    size = max(1, min(size, -(-replications // wanted)))
    return [(first, min(first + size, replications)) for first in range(0, replications, size)]


def simulate_many(programme: Programme, replications: int, *, registry: Registry,
                  pairs: int | None = None, participants: str | Path | None = None,
                  start: datetime.date | str | None = None, seed: int = 0,
                  calendar: str = "plain", executor: concurrent.futures.Executor | None = None,
                  jobs: int = 1, progress: Callable[[int, int], None] | None = None,
                  language: str | None = None,
                  assumptions: Mapping[str, object] | None = None) -> Ensemble:
    """Simulate ``programme`` ``replications`` times; every figure as 5th, 50th and 95th
    percentile and mean.

    ``executor``: any ``concurrent.futures``-style executor to run the batches on (it is left
    open); otherwise ``jobs`` > 1 runs them on that many processes. ``progress(done, total)`` is
    called as replications finish. The other arguments are those of
    :func:`~mentorcore.simulation.simulate`; the ensemble's ``run`` is the first replication,
    identical to ``simulate(..., seed=seed)``.
    """
    if isinstance(replications, bool) or not isinstance(replications, int) or replications < 1:
        raise option_error(_("the number of replications must be at least 1, found "
                             "{value}").format(value=repr(replications)),
                           _("for example {example}").format(example="--replications 100"))
    if replications > MAX_REPLICATIONS:
        raise option_error(_("at most {limit} replications, found {value}").format(
            limit=MAX_REPLICATIONS, value=replications))
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise option_error(_("the number of jobs must be at least 1, found {value}").format(
            value=repr(jobs)))
    setup = prepare(programme, pairs=pairs, participants=participants, start=start, seed=seed,
                    calendar=calendar, registry=registry, language=language,
                    assumptions=assumptions)
    workers = jobs if executor is None else max(jobs, 2)
    batches = _batches(replications, setup.cohort.size, workers, progress is not None)
    results: list[dict[str, Any]] = []
    done = 0
    if executor is None and jobs > 1 and len(batches) > 1:
        with concurrent.futures.ProcessPoolExecutor(jobs) as pool:
            results = _submit(pool, setup, batches, replications, progress)
    elif executor is not None:
        results = _submit(executor, setup, batches, replications, progress)
    else:
        for first, last in batches:
            results.append(run_batch(setup, first, last))
            done += last - first
            if progress is not None:
                progress(done, replications)
    return _ensemble(setup, results, replications)


def _submit(executor: Any, setup: Setup, batches: list[tuple[int, int]], total: int,
            progress: Callable[[int, int], None] | None) -> list[dict[str, Any]]:
    futures = {executor.submit(run_batch, setup, first, last): last - first
               for first, last in batches}
    done = 0
    for future in concurrent.futures.as_completed(futures):
        future.result()
        done += futures[future]
        if progress is not None:
            progress(done, total)
    return [future.result() for future in futures]


def _ensemble(setup: Setup, results: list[dict[str, Any]], replications: int) -> Ensemble:
    import numpy as np

    import mentorcore.simulation.figures as f

    results.sort(key=lambda result: result["first"])
    figures = {name: np.concatenate([r["figures"][name] for r in results]) for name in f.FIGURES}
    shares = {key: np.concatenate([r["compliance"][key] for r in results])
              for key in results[0]["compliance"]}
    longest = max(results, key=lambda r: len(r["labels"]))["labels"]
    months: dict[str, Any] = {}
    for name in f.MONTH_FIGURES:
        padded = []
        for r in results:
            values = r["months"][name]
            padded.append(np.pad(values, ((0, 0), (0, len(longest) - values.shape[1]))))
        months[name] = np.concatenate(padded)
    targets = {t.id: t for t in setup.plan.targets}
    figure_stats = Stats.many(np.stack([figures[name] for name in f.FIGURES], axis=1))
    share_stats = Stats.many(np.stack(list(shares.values()), axis=1)) if shares else []
    month_stats = {name: Stats.many(months[name]) for name in f.MONTH_FIGURES}
    summary = Summary(
        figures=dict(zip(f.FIGURES, figure_stats, strict=True)),
        compliance=tuple(Compliance(id=key, text=targets[key].text, low=targets[key].low,
                                    high=targets[key].high, share=stats)
                         for key, stats in zip(shares, share_stats, strict=True)),
        months=tuple(Month(month=label, **{name: month_stats[name][i]
                                           for name in f.MONTH_FIGURES})
                     for i, label in enumerate(longest)))
    return Ensemble(run=run_setup(setup), replications=replications, summary=summary)
