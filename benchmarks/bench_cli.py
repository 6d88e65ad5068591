"""Benchmark: the start-up a user feels — `mentorcore --version` and `mentorcore --help` as whole
processes of the installed console script, against `python -c pass`, in the same run.

    python benchmarks/bench_cli.py [--runs 41]

Each command runs once as a warm-up (which also fills the help cache, kept in a temporary
``XDG_CACHE_HOME``), then ``--runs`` times interleaved with the others; the medians are compared.
Two more rows explain the figures: ``--help`` with the cache off (``MENTORCORE_NO_CACHE=1``: click
and every plugin imported) and ``python -c "import mentorcore"`` (the package the console script
imports before anything else). Aim: ``--version`` and ``--help`` ≤ 3× ``python -c pass``.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

AIM = 3.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=41)
    args = parser.parse_args()
    script = Path(sys.executable).with_name("mentorcore")
    command = str(script) if script.exists() else shutil.which("mentorcore") or "mentorcore"
    with tempfile.TemporaryDirectory(prefix="mentorcore-bench-cli-") as cache:
        # as installed: bytecode cached; the user's terminal width, no plugins dir of the shell's
        environment = {k: v for k, v in os.environ.items()
                       if k != "PYTHONDONTWRITEBYTECODE" and not k.startswith("MENTORCORE_")}
        environment.update(XDG_CACHE_HOME=cache, COLUMNS="100")
        rows = {
            "python -c pass": ([sys.executable, "-c", "pass"], environment),
            "mentorcore --version": ([command, "--version"], environment),
            "mentorcore --help": ([command, "--help"], environment),
            "mentorcore --help, cache off": ([command, "--help"],
                                             {**environment, "MENTORCORE_NO_CACHE": "1"}),
            'python -c "import mentorcore"': ([sys.executable, "-c", "import mentorcore"],
                                              environment),
        }
        times: dict[str, list[float]] = {name: [] for name in rows}
        for argv, env in rows.values():  # warm-up: bytecode, page cache, help cache
            subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
        for _ in range(args.runs):
            for name, (argv, env) in rows.items():
                start = time.perf_counter()
                subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
                times[name].append(time.perf_counter() - start)
    medians = {name: statistics.median(found) for name, found in times.items()}
    floor = medians["python -c pass"]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, "
          f"{platform.python_implementation()} {platform.python_version()}; "
          f"median of {args.runs} runs, {datetime.date.today()}")
    for name, median in medians.items():
        print(f"{name:32} {median * 1000:7.1f} ms  {median / floor:5.2f}x")
    reached = all(medians[n] / floor <= AIM for n in ("mentorcore --version", "mentorcore --help"))
    print(f"aim: --version and --help <= {AIM:g}x python -c pass: "
          f"{'reached' if reached else 'not reached'}")


if __name__ == "__main__":
    main()
