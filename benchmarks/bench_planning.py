"""Planning speed: --jobs against one process, what starting a worker costs, and what the
planning commands cost.

Rows, each measured in the same run as its reference:

* ``mentorcore simulate womento --pairs P --replications R --jobs J`` as a whole process, for
  J = 1, 2 and auto (the default), on a grid of P (5, 15, 60, 200) and R (1,000, 3,000,
  10,000) — the ratio to ``--jobs 1`` is what matters (below 1: faster). The three are run
  interleaved (in turn, the order rotating), so a change of the machine's load hits all three;
  each figure is the median of ``--runs`` runs after a warm-up round;
* ``--pool``: what a worker process costs on this machine by start method (fork, forkserver,
  spawn): starting a pool of one in this process, the time to its first result, ending it, and
  sending back the figures of 1,250 replications of 15 pairs — the figures behind
  ``mentorcore.simulation.montecarlo.POOL_START`` and ``POOL_COST``;
* ``--in-process``: the same grid as calls of ``replicate`` in this process, in turn (no
  start-up of a process in the figures, which on a busy machine is most of their noise), with
  the processes each call used;
* ``mentorcore capacity womento --staff-hours 40`` and ``mentorcore compare womento monika``
  (300 replications a size or a model), against one ``simulate --replications 300``.

    python benchmarks/bench_planning.py --runs 5          # the grid and the commands
    python benchmarks/bench_planning.py --pool            # the cost of a worker process
    python benchmarks/bench_planning.py --in-process      # the grid as replicate() calls
    python benchmarks/bench_planning.py --quick --runs 3  # 15 and 200 pairs x 1,000 only
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import time

JOBS = ("1", "2", "auto")


def once(command: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)}: exit status {done.returncode}\n{done.stderr}")
    return took


def timed(command: list[str], runs: int) -> float:
    """The median wall time of ``runs`` runs of ``command`` (after one warm-up run)."""
    once(command)
    return statistics.median(once(command) for _ in range(runs))


def interleaved(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    """The median wall time of each command, run in turn (the order rotating each round)."""
    names = list(commands)
    for name in names:  # warm-up round
        once(commands[name])
    times: dict[str, list[float]] = {name: [] for name in names}
    for round_ in range(runs):
        for name in names[round_ % len(names):] + names[:round_ % len(names)]:
            times[name].append(once(commands[name]))
    return {name: statistics.median(values) for name, values in times.items()}


def load() -> str:
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "?"


def grid(mentorcore: str, runs: int, quick: bool) -> None:
    common = ["--start", "2026-01-05", "--format", "json"]
    print("| pairs × replications | `--jobs 1` | `--jobs 2` | `auto` | 2 / 1 | auto / 1 | load |")
    print("|---|---|---|---|---|---|---|")
    sizes = ((15, 200), (1000,)) if quick else ((5, 15, 60, 200), (1000, 3000, 10_000))
    for pairs in sizes[0]:
        for replications in sizes[1]:
            base = [mentorcore, "simulate", "womento", "--pairs", str(pairs),
                    "--replications", str(replications), *common]
            before = load()
            t = interleaved({jobs: [*base, "--jobs", jobs] for jobs in JOBS}, runs)
            print(f"| {pairs} × {replications:,} | {t['1']:.2f} s | {t['2']:.2f} s | "
                  f"{t['auto']:.2f} s | {t['2'] / t['1']:.2f} | {t['auto'] / t['1']:.2f} | "
                  f"{before}–{load()} |", flush=True)


def in_process(runs: int, quick: bool) -> None:
    """``replicate`` with jobs 1, 2 and auto in turn in this process (no start-up in the
    figures), and how many processes each used."""
    from mentorcore import Library
    from mentorcore.simulation.montecarlo import replicate
    from mentorcore.simulation.replication import prepare

    library = Library()
    womento = library.programme("womento")
    print("| pairs × replications | jobs 1 | jobs 2 | auto | 2 / 1 | auto / 1 | processes "
          "used (2; auto) | load |")
    print("|---|---|---|---|---|---|---|---|")
    sizes = ((15, 200), (1000,)) if quick else ((5, 15, 60, 200), (1000, 3000, 10_000))
    for pairs in sizes[0]:
        setup = prepare(womento, pairs=pairs, registry=library.registry,
                        start=datetime.date(2026, 1, 5))
        replicate(setup, 20)
        for replications in sizes[1]:
            before = load()
            times: dict[int | None, list[float]] = {1: [], 2: [], None: []}
            used: dict[int | None, list[int]] = {2: [], None: []}
            for round_ in range(runs):
                order: list[int | None] = [1, 2, None]
                for jobs in order[round_ % 3:] + order[:round_ % 3]:
                    clock = time.perf_counter()
                    samples = replicate(setup, replications, jobs=jobs)
                    times[jobs].append(time.perf_counter() - clock)
                    if jobs != 1:
                        used[jobs].append(samples.jobs)
            one, two, auto = (statistics.median(times[j]) for j in (1, 2, None))
            print(f"| {pairs} × {replications:,} | {1e3 * one:.0f} ms | {1e3 * two:.0f} ms | "
                  f"{1e3 * auto:.0f} ms | {two / one:.2f} | {auto / one:.2f} | "
                  f"{','.join(map(str, used[2]))}; {','.join(map(str, used[None]))} | "
                  f"{before}–{load()} |", flush=True)


def pool_cost(runs: int) -> None:
    import multiprocessing
    import pickle

    from mentorcore import Library
    from mentorcore.simulation.montecarlo import run_batch
    from mentorcore.simulation.replication import prepare

    library = Library()
    setup = prepare(library.programme("womento"), pairs=15, registry=library.registry,
                    start=datetime.date(2026, 1, 5))
    result = run_batch(setup, 0, 1250)
    clock = time.perf_counter()
    data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    pickle.loads(data)
    send = time.perf_counter() - clock
    print(f"figures of 1,250 replications of 15 pairs: {len(data) / 1e6:.2f} MB, pickled and "
          f"read back in {1e3 * send:.1f} ms")
    print("| start method | pool of one, in this process | first result (one replication) | "
          "ending it |")
    print("|---|---|---|---|")
    for method in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context(method)
        made, first, ended = [], [], []
        for _ in range(runs):
            a = time.perf_counter()
            pool = context.Pool(1)
            b = time.perf_counter()
            pool.apply_async(run_batch, (setup, 0, 1)).get()  # imports what a batch needs
            c = time.perf_counter()
            pool.terminate()
            made.append(b - a)
            first.append(c - a)
            ended.append(time.perf_counter() - c)
        print(f"| {method} | {1e3 * statistics.median(made):.1f} ms | "
              f"{1e3 * statistics.median(first):.1f} ms | "
              f"{1e3 * statistics.median(ended):.1f} ms |", flush=True)


def commands(mentorcore: str, runs: int) -> None:
    common = ["--start", "2026-01-05", "--format", "json"]
    reference = timed([mentorcore, "simulate", "womento", "--replications", "300", *common],
                      runs)
    capacity = timed([mentorcore, "capacity", "womento", "--staff-hours", "40", *common], runs)
    compare = timed([mentorcore, "compare", "womento", "monika", *common], runs)
    print()
    print("| command | time | ratio to simulate --replications 300 |")
    print("|---|---|---|")
    print(f"| simulate womento --replications 300 | {reference:.2f} s | 1.00 |")
    print(f"| capacity womento --staff-hours 40 | {capacity:.2f} s | "
          f"{capacity / reference:.2f} |")
    print(f"| compare womento monika | {compare:.2f} s | {compare / reference:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true",
                        help="15 and 200 pairs x 1,000 replications only")
    parser.add_argument("--pool", action="store_true", help="only the cost of a worker")
    parser.add_argument("--in-process", action="store_true",
                        help="the grid as calls of replicate in this process (no start-up)")
    parser.add_argument("--no-commands", action="store_true",
                        help="the --jobs grid without the capacity and compare rows")
    arguments = parser.parse_args()
    mentorcore = shutil.which("mentorcore") or "mentorcore"
    print(f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, "
          f"{platform.machine()}, {os.cpu_count()} cores, CPython "
          f"{platform.python_version()}, load {load()}")
    if arguments.pool:
        pool_cost(max(arguments.runs, 5))
        return
    if arguments.in_process:
        in_process(arguments.runs, arguments.quick)
        return
    grid(mentorcore, arguments.runs, arguments.quick)
    if not arguments.no_commands:
        commands(mentorcore, arguments.runs)


if __name__ == "__main__":
    main()
