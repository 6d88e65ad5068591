"""Planning speed: --jobs against one process, and what the planning commands cost.

Rows, each measured in the same run as its reference:

* ``mentorcore simulate MODEL --replications R --jobs J`` as a whole process, for J = 1, 2 and
  auto (the default), R = 1,000 and 10,000, a 15-pair and a 200-pair Womento — the ratio to
  ``--jobs 1`` is what matters (below 1: faster);
* ``mentorcore capacity womento --staff-hours 40`` and ``mentorcore compare womento monika``
  (300 replications a size or a model), against one ``simulate --replications 300``.

    python benchmarks/bench_planning.py              # median of 5
    python benchmarks/bench_planning.py --runs 3 --quick
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import time


def timed(command: list[str], runs: int) -> float:
    """The median wall time of ``runs`` runs of ``command`` (after one warm-up run)."""
    subprocess.run(command, check=True, capture_output=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="only 1,000 replications")
    arguments = parser.parse_args()
    mentorcore = shutil.which("mentorcore") or "mentorcore"
    common = ["--start", "2026-01-05", "--format", "json"]
    print(f"{platform.machine()}, {os.cpu_count()} cores, CPython {platform.python_version()}")
    print("| workload | --jobs 1 | --jobs 2 | auto | 2 / 1 | auto / 1 |")
    print("|---|---|---|---|---|---|")
    sizes = (1000,) if arguments.quick else (1000, 10_000)
    for pairs in (15, 200):
        for replications in sizes:
            base = [mentorcore, "simulate", "womento", "--pairs", str(pairs),
                    "--replications", str(replications), *common]
            one = timed([*base, "--jobs", "1"], arguments.runs)
            two = timed([*base, "--jobs", "2"], arguments.runs)
            auto = timed([*base, "--jobs", "auto"], arguments.runs)
            print(f"| womento {pairs} pairs, {replications:,} replications | {one:.2f} s | "
                  f"{two:.2f} s | {auto:.2f} s | {two / one:.2f} | {auto / one:.2f} |")
    reference = timed([mentorcore, "simulate", "womento", "--replications", "300", *common],
                      arguments.runs)
    capacity = timed([mentorcore, "capacity", "womento", "--staff-hours", "40", *common],
                     arguments.runs)
    compare = timed([mentorcore, "compare", "womento", "monika", *common], arguments.runs)
    print()
    print("| command | time | ratio to simulate --replications 300 |")
    print("|---|---|---|")
    print(f"| simulate womento --replications 300 | {reference:.2f} s | 1.00 |")
    print(f"| capacity womento --staff-hours 40 | {capacity:.2f} s | "
          f"{capacity / reference:.2f} |")
    print(f"| compare womento monika | {compare:.2f} s | {compare / reference:.2f} |")


if __name__ == "__main__":
    main()
