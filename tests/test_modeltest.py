"""``mentorcore test``: expectations about a model, as data."""

from __future__ import annotations

import json

import pytest

from mentorcore.modeltest import _MISSING, bundled_tests, resolve_path
from tests.conftest import MINIMAL

DATA = {"phases": [{"id": "a", "kind": "training"}, {"id": "b", "kind": "mentoring",
                                                     "duration": {"min": 3}}],
        "name": {"fi": "Nimi"}}


@pytest.mark.parametrize("path, expected", [
    ("phases[b].duration.min", 3),
    ("phases[1].kind", "mentoring"),
    ("phases[*].kind", ["training", "mentoring"]),
    ("name.fi", "Nimi"),
    ("phases[c]", _MISSING),
    ("phases[a].duration", _MISSING),
    ("phases[*].duration.min", [3]),
])
def test_paths(path, expected):
    assert resolve_path(DATA, path) == expected


def test_bundled_models_pass_their_tests(run):
    result = run("test")
    assert result.exit_code == 0, result.output
    assert len(bundled_tests()) >= 2
    assert " 0 failed" in result.output


def test_failures_are_positioned(run, write):
    write("tiny.yaml", MINIMAL)
    test = write("tiny.test.yaml", """\
        model: tiny.yaml
        expect:
          - that: meets twice a month
            path: phases[mentoring].cadence.per_month
            equals: {min: 2, max: 2, unit: meeting/month}
          - that: lasts a year
            path: phases[mentoring].duration.max
            equals: 12
          - that: has a camp
            path: phases[camp]
            exists: true
          - path: roles[*].kind
            contains: staff
        """)
    result = run("test", str(test))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].endswith("(tiny.yaml): 1/4 pass")
    assert (f"  FAIL {test}:6:5: lasts a year: phases[mentoring].duration.max: expected 12, "
            "found 4") in lines
    assert any(":9:5: has a camp" in line and "expected it to exist" in line for line in lines)
    assert any(":12:5: roles[*].kind" in line and 'contain "staff"' in line for line in lines)
    assert lines[-1] == "1 passed, 3 failed"


def test_json_output(run, write):
    write("tiny.yaml", MINIMAL)
    test = write("t.yaml", "model: tiny.yaml\nexpect:\n  - {path: id, equals: tiny}\n")
    report = json.loads(run("test", "--format", "json", str(test)).output)
    assert report["passed"] == 1 and report["failed"] == 0
    assert report["files"][0]["expectations"][0]["passed"] is True


def test_bad_test_file(run, write):
    test = write("t.yaml", "model: womento\nexpect:\n  - {path: id, equal: womento}\n")
    result = run("test", str(test))
    assert result.exit_code == 1
    assert (":3:16: expect[0].equal: unknown key 'equal' (did you mean `equals`?) [E101]"
            in result.output)
    test = write("t2.yaml", "model: womento\nexpect:\n  - {path: id}\n")
    result = run("test", str(test))
    assert "needs exactly one of equals, contains, exists" in result.output
