"""Benchmark: `mentorcore validate` of every bundled model, as one whole process, against the
floor of a bare process that only imports mentorcore's dependencies — measured in the same run.

    python benchmarks/bench_validate.py [--runs 21]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

FLOOR = "import ruamel.yaml, cattrs, attrs, click, pluggy"


# as installed: bytecode is cached (an environment that forbids it would time the compiler)
ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def median_seconds(command: list[str], runs: int) -> float:
    subprocess.run(command, env=ENVIRONMENT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, env=ENVIRONMENT, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    script = Path(sys.executable).with_name("mentorcore")
    mentorcore = [str(script)] if script.exists() else [shutil.which("mentorcore") or "mentorcore"]
    models = sorted(p.stem for p in (Path(__file__).resolve().parent.parent
                                     / "program_models").glob("*.yaml"))
    floor = median_seconds([sys.executable, "-c", FLOOR], args.runs)
    validate = median_seconds([*mentorcore, "validate", *models], args.runs)
    print(f"machine: {platform.machine()}, {platform.python_implementation()} "
          f"{platform.python_version()}, {len(models)} models, median of {args.runs} runs")
    print(f"bare imports of the dependencies:  {floor * 1000:7.1f} ms")
    print(f"mentorcore validate (all models):  {validate * 1000:7.1f} ms")
    print(f"ratio:                             {validate / floor:7.2f}x  (aim: <= 1.5x)")


if __name__ == "__main__":
    main()
