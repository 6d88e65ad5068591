"""The hostile corpus (``tests/hostile/``): each case ends with its expected message and exit
code, no traceback, nothing written, within 2 seconds and 200 MB of memory (resident)."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from ruamel.yaml import YAML

HOSTILE = Path(__file__).resolve().parent / "hostile"
CASES = YAML(typ="safe").load((HOSTILE / "cases.yaml").read_text(encoding="utf-8"))
MEMORY = 200 * 1024 * 1024
SECONDS = 2.0
GUARD = 2 * 1024 * 1024 * 1024
"""``match`` loads NumPy and SciPy, whose thread pools reserve far more address space than they
use: its cases run under this cap and the 200 MB bound is checked on resident memory. The model
commands run under a 200 MB address-space limit itself."""


def _limits(address_space: int) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
        resource.setrlimit(resource.RLIMIT_CPU, (10, 10))

    return apply


def _name(case: dict) -> str:
    return case.get("file") or " ".join(a for a in case["args"] if a not in ("--out", "{out}"))


def run_limited(args: list[str], directory: Path) -> tuple[int, str, float, int]:
    """Run ``mentorcore ARGS``; its exit code, output, wall time and peak resident bytes (from
    the kernel's accounting of this one child)."""
    with open(directory / "stdout", "w+") as stdout, open(directory / "stderr", "w+") as stderr:
        started = time.monotonic()
        process = subprocess.Popen([sys.executable, "-m", "mentorcore", *args], cwd=HOSTILE,
                                   stdout=stdout, stderr=stderr,
                                   preexec_fn=_limits(MEMORY if args[0] in ("validate", "show")
                                                      else GUARD),
                                   env={**os.environ, "OPENBLAS_NUM_THREADS": "1"})
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.monotonic() - started
        stdout.seek(0), stderr.seek(0)
        output = stdout.read() + stderr.read()
    return os.waitstatus_to_exitcode(status), output, elapsed, usage.ru_maxrss * 1024


@pytest.mark.parametrize("case", CASES, ids=[_name(c) for c in CASES])
def test_hostile_case(case, tmp_path):
    out = tmp_path / "out.json"
    args = [a.replace("{out}", str(out)) for a in case.get("args") or
            ["validate", f"files/{case['file']}"]]
    code, output, elapsed, resident = run_limited(args, tmp_path)
    assert elapsed < SECONDS, f"took {elapsed:.2f} s"
    assert resident < MEMORY, f"used {resident / 2**20:.0f} MiB"
    assert code == case["exit"], output
    assert case["message"] in output, output
    if "rule" in case:
        assert f"[{case['rule']}]" in output
    assert "Traceback" not in output and "internal error" not in output
    assert not out.exists(), "a failed run wrote its output"
