"""Worker processes that pay (issue 18, point 6): this process never waits for a worker, and
the replications are the same numbers whoever ran them."""

from __future__ import annotations

import datetime
import os
import time

import numpy as np
import pytest

import mentorcore.simulation.montecarlo as montecarlo
from mentorcore import Library
from mentorcore.simulation.montecarlo import replicate
from mentorcore.simulation.replication import prepare

START = datetime.date(2026, 1, 5)


@pytest.fixture(scope="module")
def setup():
    library = Library()
    return prepare(library.programme("womento"), registry=library.registry, pairs=40, seed=3,
                   start=START)


def _same(a, b):
    for name, values in a.figures.items():
        np.testing.assert_array_equal(values, b.figures[name], err_msg=name)
    for name, values in a.staff.items():
        np.testing.assert_array_equal(values, b.staff[name], err_msg=name)
    np.testing.assert_array_equal(a.unit_months, b.unit_months)


def test_a_stalled_worker_does_not_hold_the_run_up(setup, monkeypatch):
    # the workers are forks of this process, so they run the patched batch: each sleeps a
    # minute; this process runs their batches itself when it has none left, and ends them
    parent = os.getpid()
    real = montecarlo.run_batch

    def stalled_in_workers(*arguments):
        if os.getpid() != parent:
            time.sleep(60)
        return real(*arguments)

    serial = replicate(setup, 1500, jobs=1)
    monkeypatch.setattr(montecarlo, "run_batch", stalled_in_workers)
    monkeypatch.setattr(montecarlo, "spare_cores", lambda *_since: 1)
    monkeypatch.setattr(montecarlo, "POOL_WORTH", -1.0)  # a pool whatever the work
    clock = time.perf_counter()
    parallel = replicate(setup, 1500, jobs=2)
    took = time.perf_counter() - clock
    assert parallel.jobs == 2 and parallel.count == 1500
    assert took < 20, f"waited {took:.1f} s for a stalled worker"
    _same(serial, parallel)


def test_progress_counts_every_replication_once_with_workers(setup, monkeypatch):
    monkeypatch.setattr(montecarlo, "spare_cores", lambda *_since: 1)
    monkeypatch.setattr(montecarlo, "POOL_WORTH", -1.0)
    seen: list[tuple[int, int]] = []
    samples = replicate(setup, 1200, jobs=2, progress=lambda done, total: seen.append(
        (done, total)))
    assert samples.jobs == 2
    assert seen[-1] == (1200, 1200) and all(total == 1200 for _done, total in seen)
    assert [done for done, _total in seen] == sorted({done for done, _total in seen})
    _same(replicate(setup, 1200, jobs=1), samples)


def test_a_pool_is_started_only_when_it_saves_more_than_it_costs():
    fork = montecarlo.POOL_START["fork"]
    # one helper halves the work left after its start, less this process's cost
    assert montecarlo.expected_saving(0.1, 1, "fork") < montecarlo.POOL_WORTH
    assert montecarlo.expected_saving(0.4, 1, "fork") > montecarlo.POOL_WORTH
    assert montecarlo.expected_saving(0.4, 1, "spawn") < montecarlo.expected_saving(0.4, 1, "fork")
    assert montecarlo.expected_saving(fork, 3, "fork") == -montecarlo.POOL_COST


def test_workers_start_by_fork_where_there_is_fork_and_one_thread():
    import multiprocessing
    import threading

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork on this system")
    if threading.active_count() == 1:  # (an earlier test may have left a thread running)
        assert montecarlo.start_method() == "fork"
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert montecarlo.start_method() in ("forkserver", "spawn")  # fork is unsafe now
    finally:
        stop.set()
        thread.join()


def test_idle_cores_are_measured_over_the_first_batch():
    if montecarlo.idle_clock() is None:
        pytest.skip("the system does not tell the idle time")
    since = montecarlo.idle_clock()
    end = time.perf_counter() + 0.3
    while time.perf_counter() < end:  # this process keeps one core busy meanwhile
        pass
    spare = montecarlo.spare_cores(since)
    assert 0 <= spare <= montecarlo.available_cores() - 1


def test_a_system_that_starts_no_process_runs_it_all_here(setup, monkeypatch):
    import multiprocessing.context

    def refused(*_arguments, **_options):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing.context.BaseContext, "Pool", refused)
    monkeypatch.setattr(montecarlo, "spare_cores", lambda *_since: 1)
    monkeypatch.setattr(montecarlo, "POOL_WORTH", -1.0)
    seen: list[int] = []
    samples = replicate(setup, 900, jobs=2, progress=lambda done, _total: seen.append(done))
    assert samples.count == 900 and seen[-1] == 900
    _same(replicate(setup, 900, jobs=1), samples)
