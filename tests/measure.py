"""Running a command with limits and measuring what it alone used.

On Linux a child's peak resident size counts the memory of the process it was forked from (the
kernel keeps the larger of the two across ``exec``), so a command forked straight from a test
run that has grown to hundreds of MB would seem to use them. The command is started instead by a
small launcher process, which applies the limits, starts it, reaps it with ``os.wait4`` and
reports its exit status, CPU seconds and peak resident bytes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any

LAUNCHER = r"""
import json, os, resource, subprocess, sys, time
address_space, cpu = int(sys.argv[1]), int(sys.argv[2])
wall, report = float(sys.argv[3]), sys.argv[4]
def limits():
    resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
started = time.monotonic()
child = subprocess.Popen(sys.argv[5:], preexec_fn=limits)
while True:
    pid, status, usage = os.wait4(child.pid, os.WNOHANG)
    if pid:
        break
    if time.monotonic() - started > wall:
        child.kill()
    time.sleep(0.01)
with open(report, "w") as handle:
    json.dump({"code": os.waitstatus_to_exitcode(status), "elapsed": time.monotonic() - started,
               "cpu": usage.ru_utime + usage.ru_stime, "resident": usage.ru_maxrss * 1024}, handle)
"""


def run_measured(argv: Sequence[str], *, cwd: Path, address_space: int, cpu_seconds: int = 10,
                 wall_seconds: float = 60.0, env: Mapping[str, str] | None = None,
                 stdout: IO[Any] | int | None = None, stderr: IO[Any] | int | None = None,
                 stdin: IO[Any] | int | None = subprocess.DEVNULL) -> dict[str, Any]:
    """Run ``argv`` under the limits (address space in bytes, CPU seconds; killed after
    ``wall_seconds``): ``code``, ``elapsed`` and ``cpu`` seconds, ``resident`` peak bytes."""
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "usage.json"
        subprocess.run([sys.executable, "-S", "-c", LAUNCHER, str(address_space),
                        str(cpu_seconds), str(wall_seconds), str(report), *argv], cwd=cwd,
                       env=dict(env) if env is not None else dict(os.environ), stdout=stdout,
                       stderr=stderr, stdin=stdin, check=False)
        started = time.monotonic()
        while not report.exists() and time.monotonic() - started < 5:
            time.sleep(0.01)
        return json.loads(report.read_text())
