"""The hostile corpus (``tests/hostile/``): each case ends with its expected message and exit
code, no traceback, within 2 seconds and 200 MB of memory."""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
from ruamel.yaml import YAML

HOSTILE = Path(__file__).resolve().parent / "hostile"
CASES = YAML(typ="safe").load((HOSTILE / "cases.yaml").read_text(encoding="utf-8"))
MEMORY = 200 * 1024 * 1024
SECONDS = 2.0


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (int(SECONDS) + 1, int(SECONDS) + 1))


@pytest.mark.parametrize("case", CASES, ids=[c.get("file") or " ".join(c["args"]) for c in CASES])
def test_hostile_case(case):
    args = case.get("args") or ["validate", f"files/{case['file']}"]
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "mentorcore", *args], cwd=HOSTILE,
                            capture_output=True, text=True, timeout=30, preexec_fn=_limits)
    elapsed = time.monotonic() - started
    output = result.stdout + result.stderr
    assert elapsed < SECONDS, f"took {elapsed:.2f} s"
    assert result.returncode == case["exit"], output
    assert case["message"] in output, output
    if "rule" in case:
        assert f"[{case['rule']}]" in output
    assert "Traceback" not in output and "internal error" not in output
