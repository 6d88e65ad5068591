"""Simulation speed: mentorcore's engine against the same workload written with SimPy.

Rows, each measured in the same run as its SimPy reference:

* one run of a 15-pair Womento;
* 1,000 replications of it (``simulate_many``: figures of every replication);
* one run with 100,000 pairs.

The SimPy reference simulates the same workload the way a discrete-event model is usually
written: a process per pair that waits a jittered gap, is cancelled and moved or lost at the
model's rates, may drop out, and stops at the end of the 8–10-month phase; a process per group
holding its 3–4 group meetings; every event appended to a timeline, and meetings counted per
pair at the end. mentorcore does more (the full timeline sorted, compliance, monthly workload).

    python benchmarks/bench_simulation.py            # all rows, median of 3 (interleaved)
    python benchmarks/bench_simulation.py --quick    # smaller, for a smoke test
"""

from __future__ import annotations

import argparse
import datetime
import math
import os
import platform
import random
import statistics
import sys
import time

DAYS_PER_MONTH = 365.25 / 12


def simpy_run(pairs: int, seed: int) -> dict[str, float]:
    """One replication of the Womento workload with SimPy."""
    import simpy

    rng = random.Random(seed)
    env = simpy.Environment()
    timeline: list[tuple[float, str, int]] = []
    held = [0] * pairs
    phase_days = rng.uniform(8, 10) * DAYS_PER_MONTH
    cancel, move, mean_delay, dropout = 0.1, 0.08, 7.0, 0.1

    def pair(index: int):  # type: ignore[no-untyped-def]
        gap = DAYS_PER_MONTH / rng.uniform(1, 2)
        leaves = rng.random() < dropout
        exit_day = (0.1 + 0.85 * rng.random()) * phase_days if leaves else math.inf
        yield env.timeout(gap * rng.random())
        while env.now < min(phase_days, exit_day):
            u = rng.random()
            if u < move:
                timeline.append((env.now, "meeting_rescheduled", index))
                yield env.timeout(1 + (u / move) * (2 * mean_delay - 2))
                if env.now >= min(phase_days, exit_day):
                    break
                timeline.append((env.now, "meeting", index))
                held[index] += 1
            elif u < cancel:
                timeline.append((env.now, "meeting_cancelled", index))
            else:
                timeline.append((env.now, "meeting", index))
                held[index] += 1
            yield env.timeout(gap * rng.uniform(0.6, 1.4))
        timeline.append((env.now, "unit_ended", index))

    def group(index: int):  # type: ignore[no-untyped-def]
        count = rng.randint(3, 4)
        for j in range(count):
            target = (j + 0.15 + 0.7 * rng.random()) * phase_days / count
            yield env.timeout(max(target - env.now, 0))
            timeline.append((env.now, "programme_event", -1 - index))

    for index in range(pairs):
        env.process(pair(index))
    for index in range(math.ceil(pairs / 15)):
        env.process(group(index))
    env.run(until=phase_days + 30)
    timeline.sort()
    return {"meetings_held": float(sum(held)), "events": float(len(timeline))}


def simpy_replications(pairs: int, replications: int, seed: int) -> list[dict[str, float]]:
    return [simpy_run(pairs, seed * 1_000_003 + r) for r in range(replications)]


def median_time(function, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            cpu = next((line.split(":", 1)[1].strip() for line in handle
                        if line.startswith("model name")), cpu)
    except OSError:
        pass
    return (f"{platform.machine()}, {os.cpu_count()} cores ({cpu}), "
            f"{platform.python_implementation()} {platform.python_version()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per row (median)")
    parser.add_argument("--quick", action="store_true", help="smaller sizes (smoke test)")
    args = parser.parse_args()
    from mentorcore import Library
    from mentorcore.simulation import simulate, simulate_many

    library = Library()
    registry = library.registry
    womento = library.programme("womento")
    start = datetime.date(2026, 1, 5)
    replications = 100 if args.quick else 1000
    big = 10_000 if args.quick else 100_000
    simulate(womento, registry=registry, pairs=15, start=start)  # warm up: imports, plugins
    simulate_many(womento, 10, registry=registry, pairs=15, start=start)
    simpy_run(15, 0)
    rows = [
        ("one run, 15 pairs",
         lambda: simulate(womento, registry=registry, pairs=15, seed=1, start=start),
         lambda: simpy_run(15, 1), args.repeat * 10),
        (f"{replications:,} replications, 15 pairs",
         lambda: simulate_many(womento, replications, registry=registry, pairs=15, seed=1,
                               start=start),
         lambda: simpy_replications(15, replications, 1), args.repeat),
        (f"one run, {big:,} pairs",
         lambda: simulate(womento, registry=registry, pairs=big, seed=1, start=start),
         lambda: simpy_run(big, 1), args.repeat),
    ]
    print(f"# {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC — {machine()}; "
          f"load average {os.getloadavg()[0]:.2f}")
    print(f"# numpy {__import__('numpy').__version__}, simpy {__import__('simpy').__version__}")
    print("| workload | SimPy reference | mentorcore | speed-up |")
    print("|---|---|---|---|")
    for name, ours, reference, repeat in rows:
        # interleaved, so that the load of a shared machine weighs on both alike
        times: dict[str, list[float]] = {"theirs": [], "mine": []}
        for _ in range(repeat):
            times["theirs"].append(median_time(reference, 1))
            times["mine"].append(median_time(ours, 1))
        theirs, mine = (statistics.median(times[k]) for k in ("theirs", "mine"))
        print(f"| {name} | {_ms(theirs)} | {_ms(mine)} | {theirs / mine:.1f}× |")
        sys.stdout.flush()
    print(f"# load average at the end: {os.getloadavg()[0]:.2f}")


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


if __name__ == "__main__":
    main()
