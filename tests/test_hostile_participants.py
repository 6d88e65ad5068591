"""Hostile participant, units and log files through every command that reads them (issue 14,
points 2, 6 and 10): each ends with its exit code and rule, within 2 s of CPU time and 200 MB
resident memory, writes nothing, and no output — stdout or stderr, of any command — holds a
name, an e-mail address or a phone number of the file.

The files are made by the test (a FIFO, a link to /dev/zero, a sparse 40 MB file, 40,000 and
50,001 rows cannot be committed). Every command runs as a real subprocess of ``mentorcore``:
``match`` (to a file, as JSON, as CSV with ``--show-names``), ``simulate --participants``,
``track --units`` and ``--log``, and the model commands ``validate``, ``show``, ``handbook``,
``privacy`` and ``simulate`` given the file as a model (refused by its kind).

CPU time rather than wall time is bounded: the machines the tests run on are shared, and a
command that loops or reads without end shows in CPU time as surely as in wall time; a wall
clock of 20 s still stops a command that hangs (a FIFO read without a writer).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests import measure

MODEL = "auroras-individual"
HEADER = "id;role;name;field;wished_field;auroras_group_participant;wants_individual_mentoring"
PEOPLE = [
    "m1;mentor;Aino Virtanen;it;;;", "a1;mentee;Bertta Björklund;;it;yes;yes",
]
PERSONAL = ["Aino", "Virtanen", "Bertta", "Björklund", "Bjorklund", "aino.virtanen",
            "bertta.bjorklund", "@example.fi", "401234567", "7654321", "masennus"]
"""What of the files below is personal data: no output may hold any of it."""
READER_RULES = frozenset({"E401", "E402", "E412", "E415", "E416", "E004", "E005"})
"""Rules of reading a file as a sheet: whichever command reads it, the same."""
CPU_SECONDS = 2.0
MEMORY = 200 * 1024 * 1024
WALL_SECONDS = 20.0
GUARD = 2 * 1024 * 1024 * 1024


def _csv(*rows: str, header: str = HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


def _write(text: str | bytes) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return make


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _sparse(path: Path) -> None:
    with path.open("wb") as handle:
        handle.write(_csv(*PEOPLE).encode())
        handle.truncate(40 * 1024 * 1024)


def _rows(count: int, last: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        lines = [f"p{k};{'mentor' if k % 2 else 'mentee'};Aino Virtanen {k};it;it;yes;yes"
                 for k in range(count)]
        path.write_text(_csv(*lines, last), encoding="utf-8")
    return make


CONTACT = "aino.virtanen@example.fi;+358401234567"
CASES: dict[str, tuple[str, Callable[[Path], None], int, str, str]] = {
    # name: (file name, how it is made, exit of match, rule, part of match's message)
    "headerless": ("people.csv", _write("\n".join(
        [f"{p};{CONTACT}" for p in PEOPLE]) + "\n"), 1, "E403",
        ":1: the first row is not a header"),
    "unterminated-quote": ("people.csv", _write(_csv(
        PEOPLE[0], 'a1;mentee;"Bertta Björklund;;it;yes;yes', "a2;mentee;Aino;;it;yes;yes")),
        1, "E412", "people.csv:3:3: a double quote opened in this row is never closed"),
    "quote-swallowing-rows": ("people.csv", _write(_csv(
        'm1;mentor;"Aino Virtanen;it;;;', "a1;mentee;Bertta Björklund;;it;yes;yes\";;;")),
        1, "E412", "people.csv:2:3: a double quote opened in this cell closes only rows later"),
    "id-of-100001-characters": ("people.csv", _write(_csv(
        "x" * 100_001 + ";mentor;Aino Virtanen;it;;;", PEOPLE[1])), 1, "E415",
        "people.csv:2:1: the cell has more than 10000 characters"),
    "cell-of-200000-characters": ("people.csv", _write(_csv(
        "m1;mentor;Aino Virtanen;" + "it" * 100_000 + ";;;", PEOPLE[1])), 1, "E415",
        "people.csv:2:4: the cell has more than 10000 characters"),
    "escape-sequence": ("people.csv", _write(_csv(
        "m1;mentor;Aino \x1b[2J\x1b]0;Virtanen\x07;it;;;", PEOPLE[1])), 1, "E416",
        "people.csv:2:3: the cell holds a control character (U+001B)"),
    "nul-byte": ("people.csv", _write(_csv("m1;mentor;Aino\0Virtanen;it;;;", PEOPLE[1])),
                 1, "E402", "people.csv:2:3: the file contains a NUL byte"),
    "fifo": ("people.csv", _fifo, 2, "E401", "people.csv: is not a regular file"),
    "link-to-dev-zero": ("people.csv", _dev_zero, 2, "E401",
                         "people.csv: is not a regular file"),
    "40-MB": ("people.csv", _sparse, 1, "E415", "the file has more than 33.6 MB"),
    "50001-rows": ("people.csv", _rows(50_000, PEOPLE[1]), 1, "E415",
                   "more than 50000 rows"),
    "40000-rows-last-bad": ("people.csv", _rows(40_000, "z;nobody;Aino Virtanen;;;;"), 1,
                            "E404", "people.csv:40002:2: column 'role': unknown role"),
    "formula": ("people.csv", _write(_csv(
        'm1;mentor;"=HYPERLINK(""http://x"",""Aino Virtanen"")";it;;;', PEOPLE[1])), 1,
        "E408", "people.csv:2:3: column 'name': the cell holds a formula"),
    "special-category-column": ("people.csv", _write(_csv(
        "m1;mentor;Aino Virtanen;it;;;;masennus", header=HEADER + ";terveydentila")), 1,
        "E409", "column 'terveydentila' looks like special-category data (health)"),
    "special-category-hidden": ("people.csv", _write(_csv(
        "m1;mentor;Aino Virtanen;it;;;;masennus", header=HEADER + ";t\u0435rvey\u00addentila")),
        1, "E409", "looks like special-category data (health)"),
    "yaml-tag": ("people.yaml", _write(
        '- {id: m1, role: mentor, name: Aino Virtanen, field: !!int "+358 40 123 4567"}\n'),
        1, "E005", "people.yaml:1:54: a YAML tag (!…) is not allowed in this file"),
    "yaml-names-as-duplicate-keys": ("people.yaml", _write(
        "- id: m1\n  role: mentor\n  Aino Virtanen: aino.virtanen@example.fi\n"
        "  Aino Virtanen: +358401234567\n"), 1, "E004",
        "people.yaml:4:3: a key appears twice in one map"),
    "yaml-escape-in-value": ("people.yaml", _write(
        '- {id: m1, role: mentor, name: "Aino\\e[31mVirtanen"}\n'), 1, "E416",
        "people.yaml:1:26: the cell holds a control character (U+001B)"),
    "units-file-given-as-participants": ("people.csv", _write(
        "unit,mentor,mentee\npair-a,Aino Virtanen,Bertta Björklund\n"), 1, "E403",
        "the first row is not a header"),
}


def _commands(path: Path, out: Path) -> dict[str, list[str]]:
    file = str(path)
    return {
        "match": ["match", MODEL, file, "--out", str(out)],
        "match-json": ["match", MODEL, file, "--format", "json"],
        "match-csv-names": ["match", MODEL, file, "--format", "csv", "--show-names"],
        "simulate-participants": ["simulate", MODEL, "--participants", file, "--out",
                                  str(out)],
        "track-units": ["track", MODEL, "--units", file, "--log", file, "--out", str(out)],
        "validate": ["validate", file],
        "show": ["show", file],
        "handbook": ["handbook", file, "--out", str(out)],
        "privacy": ["privacy", file],
        "simulate-as-model": ["simulate", file, "--out", str(out)],
    }


def run_measured(args: list[str], directory: Path) -> tuple[int, str, float, float, int]:
    """``mentorcore ARGS`` as a subprocess: exit code, stdout + stderr, wall and CPU seconds,
    peak resident bytes (the kernel's accounting of this one command: tests.measure)."""
    with open(directory.parent / "stdout", "w+") as stdout, \
            open(directory.parent / "stderr", "w+") as stderr:
        used = measure.run_measured([sys.executable, "-m", "mentorcore", *args], cwd=directory,
                                    address_space=GUARD, wall_seconds=WALL_SECONDS,
                                    stdout=stdout, stderr=stderr,
                                    env={**os.environ, "OPENBLAS_NUM_THREADS": "1"})
        stdout.seek(0), stderr.seek(0)
        output = stdout.read() + stderr.read()
    return used["code"], output, used["elapsed"], used["cpu"], used["resident"]


def _assert_no_personal_data(output: str) -> None:
    folded = output.casefold()
    for word in PERSONAL:
        assert word.casefold() not in folded, f"{word!r} leaked: {output[:2000]}"


@pytest.mark.parametrize("command", list(_commands(Path("x"), Path("y"))))
@pytest.mark.parametrize("case", list(CASES))
def test_hostile_file_through_every_command(case, command, tmp_path):
    name, make, exit_code, rule, message = CASES[case]
    work = tmp_path / "work"
    work.mkdir()
    path = work / name
    make(path)
    out = work / "out.txt"
    before = sorted([p.name for p in work.iterdir()] + (
        ["out.txt"] if case == "units-file-given-as-participants"
        and command == "simulate-participants" else []))
    args = _commands(path, out)[command]
    code, output, elapsed, cpu, resident = run_measured(args, work)
    assert elapsed < WALL_SECONDS, f"hung: {elapsed:.1f} s"
    assert cpu < CPU_SECONDS, f"took {cpu:.2f} s of CPU"
    assert resident < MEMORY, f"used {resident / 2**20:.0f} MiB"
    assert "Traceback" not in output and "internal error" not in output, output
    _assert_no_personal_data(output)
    assert sorted(p.name for p in work.iterdir()) == before, "a failed run wrote a file"
    if command.startswith("match"):
        assert code == exit_code, output
        assert message in output and f"[{rule}]" in output, output
    elif case == "units-file-given-as-participants" and command == "simulate-participants":
        assert code == 0, output  # a good units file: simulated, its output in the file only
    elif command in ("simulate-participants", "track-units"):
        assert code in (1, 2), output
        assert "[E" in output, output
        if rule in READER_RULES:  # the same reader, the same rule; the schemas differ
            assert f"[{rule}]" in output or (
                "[E001]" in output and "not a regular file" in output), output
    else:  # the file given as a model: refused by its kind, never echoed
        assert code in (1, 2), output
        assert "[E0" in output, output


def test_a_good_list_passes_the_same_checks(tmp_path):
    """The control case: the same people in a list that is fine are matched (the checks above
    fail for the file, not for the command)."""
    work = tmp_path / "work"
    work.mkdir()
    path = work / "people.csv"
    path.write_text(_csv(*PEOPLE), encoding="utf-8")
    code, output, _elapsed, cpu, resident = run_measured(
        ["match", MODEL, str(path), "--format", "json"], work)
    assert code == 0, output
    assert '"m1"' in output and "Aino" not in output  # ids only, no names
    assert cpu < CPU_SECONDS and resident < MEMORY


def test_40000_rows_are_read_fast_and_small(tmp_path):
    """A 40,000-row list that is fine is read and checked (``load_participants``) within 2 s of
    CPU and 200 MB in a process of its own."""
    path = tmp_path / "work" / "people.csv"
    path.parent.mkdir()
    _rows(40_000, PEOPLE[1])(path)
    script = ("import sys; from mentorcore import Library; "
              "from mentorcore.matching import load_participants; "
              "p = load_participants(sys.argv[1], Library().programme('auroras-individual')); "
              "print(len(p))")
    started = time.monotonic()
    with open(tmp_path / "out", "w+") as out:
        used = measure.run_measured([sys.executable, "-c", script, str(path)], cwd=tmp_path,
                                    address_space=GUARD, wall_seconds=WALL_SECONDS,
                                    stdout=out, stderr=subprocess.STDOUT)
        out.seek(0)
        output = out.read()
    assert used["code"] == 0, output
    assert output.strip() == "40001"
    assert used["cpu"] < CPU_SECONDS
    assert used["resident"] < MEMORY
    assert time.monotonic() - started < WALL_SECONDS
