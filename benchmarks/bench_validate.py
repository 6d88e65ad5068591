"""Benchmark: `mentorcore validate` of every bundled model, as one whole process, against the
floor of a bare process that only imports mentorcore's dependencies — measured in the same run.

    python benchmarks/bench_validate.py [--runs 21]

Three rows of validate, interleaved with the floor: *cold*, with the result cache off
(``MENTORCORE_NO_CACHE=1``: every model loaded and checked — the run the aim was set for);
*first run*, with the cache on but empty (a fresh ``XDG_CACHE_HOME`` each time: what a user's
first run, or a run after a model changed, costs — the cold run, plus hashing the files it read
and storing the result); and *warm*, the same command replayed from the result cache
(:mod:`mentorcore.cli.startup`, kept in a temporary ``XDG_CACHE_HOME``, filled by the warm-up
run). Aim: validate ≤ 1.5× the floor. Every ratio is printed; the aim is met only if the cold
one meets it, and the line says where the other two stand.
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

FLOOR = "import ruamel.yaml, cattrs, attrs, click, pluggy"
AIM = 1.5
FLOOR_ROW = "bare imports of the dependencies"
COLD_ROW = "validate, cold (cache off)"
FIRST_RUN_ROW = "validate, first run (empty cache)"
WARM_ROW = "validate, warm (result cache)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    script = Path(sys.executable).with_name("mentorcore")
    mentorcore = [str(script)] if script.exists() else [shutil.which("mentorcore") or "mentorcore"]
    models = sorted(p.stem for p in (Path(__file__).resolve().parent.parent
                                     / "program_models").glob("*.yaml"))
    validate = [*mentorcore, "validate", *models]
    with tempfile.TemporaryDirectory(prefix="mentorcore-bench-validate-") as cache:
        # as installed: bytecode cached (an environment that forbids it would time the compiler)
        environment = {k: v for k, v in os.environ.items()
                       if k != "PYTHONDONTWRITEBYTECODE" and not k.startswith("MENTORCORE_")}
        environment["XDG_CACHE_HOME"] = cache
        rows = {
            FLOOR_ROW: ([sys.executable, "-c", FLOOR], environment),
            COLD_ROW: (validate, {**environment, "MENTORCORE_NO_CACHE": "1"}),
            FIRST_RUN_ROW: (validate, environment),
            WARM_ROW: (validate, environment),
        }
        times: dict[str, list[float]] = {name: [] for name in rows}
        for count in range(args.runs + 1):  # the first round warms up (bytecode, page cache,
            for name, (argv, env) in rows.items():  # the warm row's result cache): not timed
                if name == FIRST_RUN_ROW:  # nothing stored yet: a cache of its own, made untimed
                    env = {**env, "XDG_CACHE_HOME": tempfile.mkdtemp(dir=cache)}
                start = time.perf_counter()
                subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
                if count:
                    times[name].append(time.perf_counter() - start)
    medians = {name: statistics.median(found) for name, found in times.items()}
    floor = medians[FLOOR_ROW]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, "
          f"{platform.python_implementation()} {platform.python_version()}, {len(models)} models, "
          f"median of {args.runs} runs, {datetime.date.today()}, load {load:.2f}")
    for name, median in medians.items():
        print(f"{name:34} {median * 1000:7.1f} ms  {median / floor:5.2f}x")
    cold, first, warm = (medians[row] / floor for row in (COLD_ROW, FIRST_RUN_ROW, WARM_ROW))
    print(f"aim: validate <= {AIM:g}x the floor: cold {cold:.2f}x "
          f"({'reached' if cold <= AIM else 'not reached'}); first run {first:.2f}x "
          f"({'within' if first <= AIM else 'past'} it: the cold run, hashing and storing), "
          f"warm {warm:.2f}x ({'within' if warm <= AIM else 'past'} it; a repeated run only)")


if __name__ == "__main__":
    main()
