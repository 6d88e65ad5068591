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
import os
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from mentorcore.i18n import _
from mentorcore.records import record
from mentorcore.simulation.replication import Setup, option_error, prepare, run_setup
from mentorcore.simulation.run import Compliance, Ensemble, Month, Stats, Summary

if TYPE_CHECKING:
    from mentorcore.model import Programme
    from mentorcore.plugins import Registry

__all__ = [
    "BATCH_SECONDS", "HELPER_NICENESS", "MAX_AUTO_JOBS", "MAX_REPLICATIONS", "POOL_COST",
    "POOL_START", "POOL_WORTH", "SLOTS_PER_BATCH", "Samples", "expected_saving", "idle_clock",
    "start_method",
    "available_cores", "check_jobs", "check_replications", "ensemble", "replicate", "run_batch",
    "peak_months", "simulate_many", "spare_cores",
]

MAX_REPLICATIONS = 10_000_000
SLOTS_PER_BATCH = 1_500_000
"""About how many meeting slots (replications × units × slots) one batch holds in memory."""
POOL_WORTH = 0.05
"""Seconds a pool of worker processes must be expected to save, beyond what it costs, before one
is started: about the noise of timing a whole command on a shared 2-core machine. The saving
expected of ``h`` helpers on ``W`` seconds of work left is ``(W - start) · h / (h + 1)`` less
:data:`POOL_COST` (``start``: :data:`POOL_START`); with ``fork`` and one helper a pool starts
for about 0.16 s of work left (measured: docs/benchmarks.md, ``bench_planning.py --pool``)."""
POOL_START = {"fork": 0.02, "forkserver": 0.6, "spawn": 0.6}
"""Seconds from starting a worker process to its first result, by start method (measured on 2
cores: a ``fork`` copies this process, which has everything imported; the others import
mentorcore and NumPy again)."""
POOL_COST = 0.02
"""Seconds this process spends on a pool: forking (~10 ms), ending the workers (~6 ms) and
reading their results back (~1 ms a megabyte)."""
HELPER_NICENESS = 10
"""How much lower the workers' scheduling priority is than this process's: on a busy machine
they take only time the others leave, so they cannot slow this process down."""
BATCH_SECONDS = 0.05
"""About how long one batch a worker is sent takes (the first batch tells): at the end, this
process waits for no batch — it runs the ones not back yet itself — so this is only the
granularity of sharing."""
MAX_AUTO_JOBS = 4
"""The most processes ``jobs=None`` (the command line's default) picks."""


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
    members = setup.members()
    figures = f.figures(batch, members, setup.start)
    labels, months = f.monthly(batch, setup.start, members)
    return {"first": first, "figures": figures,
            "compliance": f.compliance(batch), "labels": labels, "months": months,
            "staff": f.staff_tasks(batch, setup.start, members),
            "unit_months": f.unit_month_meetings(batch, setup.start)}


@record(kw_only=True)
class Samples:
    """The figures of replications ``first``…``first + count - 1``, one value each: ``figures``
    (name: (R,)), ``months`` (name: (R, M), months ``labels``), ``staff`` (task: (R, M) hours,
    see :func:`mentorcore.simulation.figures.staff_tasks`), ``compliance`` (target: (R,)) and
    ``unit_months`` (how many unit-months held 0, 1, 2… meetings, over all replications)."""

    setup: Setup = attrs.field(eq=False, repr=False)
    first: int
    count: int
    labels: tuple[str, ...]
    figures: dict[str, Any] = attrs.field(eq=False, repr=False)
    months: dict[str, Any] = attrs.field(eq=False, repr=False)
    staff: dict[str, Any] = attrs.field(eq=False, repr=False)
    compliance: dict[str, Any] = attrs.field(eq=False, repr=False)
    unit_months: Any = attrs.field(eq=False, repr=False)
    jobs: int = 1
    """The processes the replications ran on (1: this one only)."""

    def __add__(self, other: Samples) -> Samples:
        """These replications and ``other``'s (which follow them) as one."""
        return _join([self, other], self.setup, self.jobs)


def _pad(values: Any, width: int) -> Any:
    import numpy as np

    return np.pad(values, ((0, 0), (0, width - values.shape[1])))


def _join(parts: list[Any], setup: Setup, jobs: int) -> Samples:
    """Batch results (dicts of :func:`run_batch`, or :class:`Samples`) as one, in order."""
    import numpy as np

    def field(part: Any, name: str) -> Any:
        return getattr(part, name) if isinstance(part, Samples) else part[name]

    parts = sorted(parts, key=lambda part: field(part, "first"))
    labels = max((tuple(field(p, "labels")) for p in parts), key=len)
    width = len(labels)

    def months(name: str) -> dict[str, Any]:
        keys = field(parts[0], name).keys()
        return {key: np.concatenate([_pad(field(p, name)[key], width) for p in parts])
                for key in keys}

    histograms = [np.asarray(field(p, "unit_months")) for p in parts]
    longest = max(len(h) for h in histograms)
    count = sum(len(next(iter(field(p, "figures").values()))) for p in parts)
    return Samples(
        setup=setup, first=field(parts[0], "first"), count=count, labels=labels,
        figures={key: np.concatenate([field(p, "figures")[key] for p in parts])
                 for key in field(parts[0], "figures")},
        months=months("months"), staff=months("staff"),
        compliance={key: np.concatenate([field(p, "compliance")[key] for p in parts])
                    for key in field(parts[0], "compliance")},
        unit_months=sum(np.pad(h, (0, longest - len(h))) for h in histograms), jobs=jobs)


def _batches(replications: int, units: int, workers: int, progress: bool,
             first: int = 0) -> list[tuple[int, int]]:
    per_replication = max(units, 1) * 40
    size = max(1, SLOTS_PER_BATCH // per_replication)
    wanted = max(workers * 4 if workers > 1 else 1, 20 if progress else 1)
    size = max(1, min(size, -(-replications // wanted)))
    last = first + replications
    return [(start, min(start + size, last)) for start in range(first, last, size)]


def available_cores() -> int:
    """The processor cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def check_jobs(jobs: int | None) -> None:
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        raise option_error(_("the number of jobs must be at least 1, found {value}").format(
            value=repr(jobs)))


def replicate(setup: Setup, replications: int, *, first: int = 0, jobs: int | None = 1,
              executor: concurrent.futures.Executor | None = None,
              progress: Callable[[int, int], None] | None = None) -> Samples:
    """Replications ``first``…``first + replications - 1`` of a prepared ``setup``
    (:func:`~mentorcore.simulation.replication.prepare`), every figure of each as arrays.

    Replication ``r`` reads only its own random streams, so any split gives the same numbers —
    and the same replication of a larger cohort gives its first units the same draws (common
    random numbers: what :mod:`mentorcore.planning` searches and compares with).

    ``jobs``: at most this many processes (this one included); ``None`` picks (as many as the
    cores, at most 4). Either way the first batch runs here and is timed, and worker processes
    (:func:`start_method`, at a lower priority) are started only when they are expected to
    save more than :data:`POOL_WORTH` seconds beyond their cost, and only as many as there were
    idle cores while the first batch ran (:func:`spare_cores`). This process works through the
    batches beside them and, at the end, runs any batch not back yet itself rather than wait —
    so more jobs never make a run slower than one process by more than the pool's cost
    (:data:`POOL_COST`, ~20 ms). ``executor``: run the batches there instead (a Dask cluster's
    ``client.get_executor()``)."""
    check_jobs(jobs)
    cores = available_cores()
    wanted = min(cores, MAX_AUTO_JOBS) if jobs is None else jobs
    workers = wanted if executor is None else max(wanted, 2)
    batches = _batches(replications, setup.cohort.size, workers, progress is not None, first)
    done = 0

    def report(count: int) -> None:
        nonlocal done
        done += count
        if progress is not None:
            progress(done, replications)

    if executor is not None:
        return _join(_submit(executor, setup, batches, report), setup, workers)
    idle = idle_clock()
    clock = time.perf_counter()
    results = [run_batch(setup, *batches[0])]
    took = time.perf_counter() - clock
    report(batches[0][1] - batches[0][0])
    rest = batches[1:]
    per_replication = took / max(batches[0][1] - batches[0][0], 1)
    left = per_replication * sum(last - first for first, last in rest)
    method = start_method()
    helpers = 0
    if rest and wanted > 1 and expected_saving(left, 1, method) >= POOL_WORTH:
        helpers = min(wanted - 1, spare_cores(idle))
        while helpers > 1 and expected_saving(left, helpers, method) < POOL_WORTH:
            helpers -= 1
    if helpers < 1:
        if rest and progress is None:  # no pool after all: the rest in batches as large as
            rest = _batches(rest[-1][1] - rest[0][0], setup.cohort.size, 1, False,  # one
                            rest[0][0])  # process would make (small ones only cost time)
        for first_rep, last_rep in rest:
            results.append(run_batch(setup, first_rep, last_rep))
            report(last_rep - first_rep)
        return _join(results, setup, 1)
    rest = _timed_batches(rest[0][0], rest[-1][1], per_replication, setup.cohort.size,
                          helpers + 1)
    results += _share(setup, helpers, method, rest, report)
    return _join(results, setup, helpers + 1)


def expected_saving(left: float, helpers: int, method: str) -> float:
    """Seconds ``helpers`` worker processes are expected to save on ``left`` seconds of work."""
    start = POOL_START.get(method, max(POOL_START.values()))
    return max(left - start, 0.0) * helpers / (helpers + 1) - POOL_COST


def _timed_batches(first: int, last: int, per_replication: float, units: int,
                   processes: int) -> list[tuple[int, int]]:
    """Replications ``first``…``last - 1`` in batches of about :data:`BATCH_SECONDS` (at least
    four for each process, at most what :data:`SLOTS_PER_BATCH` allows)."""
    count = last - first
    largest = max(1, SLOTS_PER_BATCH // (max(units, 1) * 40))
    size = round(BATCH_SECONDS / per_replication) if per_replication > 0 else largest
    size = max(1, min(size, largest, -(-count // (4 * processes))))
    return [(start, min(start + size, last)) for start in range(first, last, size)]


def start_method() -> str:
    """How worker processes are started: ``fork`` where the system has it and this process
    runs no other thread (the cheapest by far: the worker has everything imported), otherwise
    ``forkserver`` or ``spawn``."""
    import multiprocessing
    import threading

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def idle_clock() -> tuple[float, float] | None:
    """The idle time of this process's cores so far (seconds, from ``/proc/stat``) and the
    time; ``None`` where the system does not tell."""
    try:
        cores = {f"cpu{core}" for core in os.sched_getaffinity(0)}
        ticks = os.sysconf("SC_CLK_TCK")
        idle = 0
        with open("/proc/stat", encoding="ascii") as stat:
            for row in stat:
                fields = row.split()
                if fields and fields[0] in cores:
                    idle += int(fields[4]) + int(fields[5])  # idle and waiting for I/O
        return idle / ticks, time.perf_counter()
    except (AttributeError, OSError, ValueError, IndexError):
        return None


def spare_cores(since: tuple[float, float] | None = None) -> int:
    """Cores no process is using besides this one: measured as the idle time of this
    process's cores since ``since`` (what :func:`idle_clock` returned before the first batch,
    while this process kept one core busy) — otherwise the cores less the load average of the
    last minute. On a machine other work keeps busy, another process of ours only takes turns
    with it and costs its start."""
    now = idle_clock() if since is not None else None
    if since is not None and now is not None and now[1] - since[1] > 0.005:
        return max(0, int((now[0] - since[0]) / (now[1] - since[1]) + 0.5))
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # not on this system
        return available_cores() - 1
    return max(0, round(available_cores() - load))


_WORKER_SETUP: list[Any] = []


def _helper_start(setup: Setup, folder: str) -> None:
    """A worker process's start: a lower priority, and the setup and the folder for its
    results kept for its batches."""
    import contextlib

    with contextlib.suppress(AttributeError, OSError):  # not on this system
        os.nice(HELPER_NICENESS)
    _WORKER_SETUP[:] = [setup, folder]


def _helper_batch(first: int, last: int) -> str:
    """Run a batch in a worker and leave its figures in a file of the run's private folder;
    the worker sends back only the file's name. A result of a megabyte sent through the pool's
    pipe could be cut by the end of the run (the workers are ended at once, and a worker ended
    in the middle of a message left a part of it, on which the pool's own clean-up then waited
    forever); a message this short is written to the pipe in one piece."""
    import pickle

    setup, folder = _WORKER_SETUP
    result = run_batch(setup, first, last)
    path = os.path.join(folder, f"{first}-{last}")
    with open(path + ".part", "wb") as handle:
        pickle.dump(result, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(path + ".part", path)
    return path


def _helper_result(path: str) -> dict[str, Any]:
    """The figures a worker left in ``path`` (written by this run's own worker into a folder
    only this user may read: :func:`_share`)."""
    import pickle

    with open(path, "rb") as handle:
        result: dict[str, Any] = pickle.load(handle)  # noqa: S301 - our own worker's file
    os.unlink(path)
    return result


def _share(setup: Setup, helpers: int, method: str, batches: list[tuple[int, int]],
           report: Callable[[int], None]) -> list[dict[str, Any]]:
    """The batches run by ``helpers`` worker processes (from the last) and by this one (from
    the first). When none is left to start, this process runs the ones the workers have not
    sent back yet itself (the one sent last first), so it never waits for a worker: the first
    result of a batch is kept (both are the same numbers), and the workers are ended at once."""
    import multiprocessing
    import shutil
    import tempfile

    pending = list(batches)
    flying: dict[tuple[int, int], Any] = {}
    results: dict[tuple[int, int], dict[str, Any]] = {}

    def keep(batch: tuple[int, int], result: dict[str, Any]) -> None:
        if batch not in results:
            results[batch] = result
            report(batch[1] - batch[0])

    folder = tempfile.mkdtemp(prefix="mentorcore-batches-")   # 0700: the user's own
    try:
        pool = multiprocessing.get_context(method).Pool(helpers, initializer=_helper_start,
                                                         initargs=(setup, folder))
    except OSError:  # no process can be started (a limit of the system): all of it here
        shutil.rmtree(folder, ignore_errors=True)
        for batch in batches:
            keep(batch, run_batch(setup, *batch))
        return list(results.values())
    try:
        while len(results) < len(batches):
            for batch, future in list(flying.items()):
                if future.ready():
                    path = future.get()
                    if batch in results:
                        os.unlink(path)
                    else:
                        keep(batch, _helper_result(path))
                    del flying[batch]
            while pending and len(flying) < 2 * helpers:
                batch = pending.pop()
                flying[batch] = pool.apply_async(_helper_batch, batch)
            if pending:
                batch = pending.pop(0)
            elif flying:
                batch = next(reversed(flying))  # not back yet: the one sent last
                del flying[batch]
            else:
                continue
            if batch not in results:
                keep(batch, run_batch(setup, *batch))
    finally:
        pool.terminate()
        pool.join()
        shutil.rmtree(folder, ignore_errors=True)
    return list(results.values())


def simulate_many(programme: Programme, replications: int, *, registry: Registry,
                  pairs: int | None = None, participants: str | Path | None = None,
                  start: datetime.date | str | None = None, seed: int = 0,
                  calendar: str = "finnish", executor: concurrent.futures.Executor | None = None,
                  jobs: int | None = 1, progress: Callable[[int, int], None] | None = None,
                  language: str | None = None,
                  assumptions: Mapping[str, object] | None = None) -> Ensemble:
    """Simulate ``programme`` ``replications`` times; every figure as 5th, 50th and 95th
    percentile and mean.

    ``executor``: any ``concurrent.futures``-style executor to run the batches on (it is left
    open); otherwise up to ``jobs`` processes (``None``: chosen, see :func:`replicate`).
    ``progress(done, total)`` is called as replications finish. The other arguments are those
    of :func:`~mentorcore.simulation.simulate`; the ensemble's ``run`` is the first
    replication, identical to ``simulate(..., seed=seed)``.
    """
    check_replications(replications)
    check_jobs(jobs)
    setup = prepare(programme, pairs=pairs, participants=participants, start=start, seed=seed,
                    calendar=calendar, registry=registry, language=language,
                    assumptions=assumptions)
    samples = replicate(setup, replications, jobs=jobs, executor=executor, progress=progress)
    return ensemble(samples)


def check_replications(replications: int) -> None:
    if isinstance(replications, bool) or not isinstance(replications, int) or replications < 1:
        raise option_error(_("the number of replications must be at least 1, found "
                             "{value}").format(value=repr(replications)),
                           _("for example {example}").format(example="--replications 100"))
    if replications > MAX_REPLICATIONS:
        raise option_error(_("at most {limit} replications, found {value}").format(
            limit=MAX_REPLICATIONS, value=replications))


def _submit(executor: Any, setup: Setup, batches: list[tuple[int, int]],
            report: Callable[[int], None]) -> list[dict[str, Any]]:
    futures = {executor.submit(run_batch, setup, first, last): last - first
               for first, last in batches}
    for future in concurrent.futures.as_completed(futures):
        future.result()
        report(futures[future])
    return [future.result() for future in futures]


def peak_months(monthly: Any, labels: tuple[str, ...]) -> tuple[tuple[str, float], ...]:
    """Each month that was the busiest of some replication of ``monthly`` (R, M) (the first of
    equal months) and the share of replications it was, the most frequent first."""
    import numpy as np

    if monthly.size == 0:
        return ()
    peaks = np.bincount(np.argmax(monthly, axis=1), minlength=monthly.shape[1])
    order = sorted(range(len(peaks)), key=lambda i: (-peaks[i], i))
    return tuple((labels[i], round(float(peaks[i]) / monthly.shape[0], 4)) for i in order
                 if peaks[i])


def ensemble(samples: Samples) -> Ensemble:
    """The :class:`Ensemble` of ``samples`` (percentiles and mean of every figure)."""
    import numpy as np

    import mentorcore.simulation.figures as f

    setup = samples.setup
    figures, shares, months = samples.figures, samples.compliance, samples.months
    longest = samples.labels
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
                     for i, label in enumerate(longest)),
        staff_tasks=dict(zip(samples.staff, Stats.many(np.stack(
            [hours.sum(axis=1) for hours in samples.staff.values()], axis=1)), strict=True))
        if samples.staff else {},
        peak_months=peak_months(samples.months["staff_hours"], longest))
    return Ensemble(run=run_setup(setup), replications=samples.count, summary=summary)
