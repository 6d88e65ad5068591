"""Output files: atomic, never over an input, never over a file without --force, private when
they hold personal data."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import time

import pytest

from mentorcore import reads
from mentorcore.diagnostics import MentorcoreError
from mentorcore.outputs import write_output
from tests.conftest import MINIMAL, default_library


def test_writes_atomically_leaving_no_temporary_files(tmp_path):
    target = tmp_path / "out.txt"
    write_output(target, "hello\n")
    assert target.read_text() == "hello\n"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_refuses_existing_file_without_force(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("precious")
    with pytest.raises(MentorcoreError, match="file exists") as error:
        write_output(target, "new")
    assert error.value.exit_code == 2 and target.read_text() == "precious"
    write_output(target, "new", force=True)
    assert target.read_text() == "new"


def test_never_overwrites_an_input_even_with_force(tmp_path):
    source = tmp_path / "participants.csv"
    source.write_text("id;role\n")
    with pytest.raises(MentorcoreError, match="refusing to overwrite an input file"):
        write_output(tmp_path / "." / "participants.csv", "x", force=True, inputs=[source])
    assert source.read_text() == "id;role\n"


def test_personal_data_is_readable_by_the_owner_only(tmp_path):
    target = tmp_path / "pairs.csv"
    write_output(target, "a,b\n", personal=True)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_missing_directory_is_a_clear_error(tmp_path):
    with pytest.raises(MentorcoreError, match="does not exist"):
        write_output(tmp_path / "no" / "out.txt", "x")


@pytest.mark.parametrize("unnamed", [True, False], ids=["O_TMPFILE", "named temporary"])
@pytest.mark.parametrize("number, hint", [
    (errno.ENOSPC, "the disk is full"),
    (errno.EROFS, "read-only file system"),
    (errno.EACCES, "you may not write in this folder"),
])
def test_a_refusal_of_the_system_is_a_message_and_leaves_nothing_behind(
        tmp_path, monkeypatch, unnamed, number, hint):
    if not unnamed:
        monkeypatch.delattr(os, "O_TMPFILE", raising=False)
    target = tmp_path / "out.txt"
    target.write_text("old")
    real_write = os.write

    def refused(descriptor, data):
        real_write(descriptor, bytes(data[:3]))  # part of it written, then the disk is full
        raise OSError(number, os.strerror(number))

    monkeypatch.setattr(os, "write", refused)
    with pytest.raises(MentorcoreError) as error:
        write_output(target, "new" * 1000, force=True)
    (diagnostic,) = error.value.diagnostics
    assert error.value.exit_code == 2 and hint in diagnostic.format()
    assert f"cannot write: {os.strerror(number)}" in diagnostic.format()
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["out.txt"]


# -- never destroy (issue 14, point 4) ---------------------------------------------------------

@pytest.mark.parametrize("force", [False, True])
def test_a_file_that_is_not_regular_is_never_replaced(tmp_path, force):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    (tmp_path / "to-null").symlink_to(os.devnull)
    (tmp_path / "to-fifo").symlink_to(fifo)
    (tmp_path / "folder").mkdir()
    for name in (os.devnull, fifo, tmp_path / "to-null", tmp_path / "to-fifo"):
        with pytest.raises(MentorcoreError, match="is not a regular file") as error:
            write_output(name, "x", force=force)
        assert error.value.exit_code == 2
    with pytest.raises(MentorcoreError, match="is a directory"):
        write_output(tmp_path / "folder", "x", force=force)
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode) and stat.S_ISFIFO(fifo.stat().st_mode)
    assert (tmp_path / "to-null").is_symlink() and sorted(os.listdir(tmp_path)) == [
        "fifo", "folder", "to-fifo", "to-null"]


def test_a_file_read_by_the_run_is_an_input_by_any_of_its_names(tmp_path):
    model = tmp_path / "model.yaml"
    model.write_text(MINIMAL, encoding="utf-8")
    os.link(model, tmp_path / "hard.yaml")
    (tmp_path / "soft.yaml").symlink_to(model)
    reads.forget()
    default_library().load(str(model))
    for name in ("model.yaml", "hard.yaml", "soft.yaml"):
        with pytest.raises(MentorcoreError, match="refusing to overwrite an input file"):
            write_output(tmp_path / name, "x", force=True)
    assert model.read_text(encoding="utf-8") == MINIMAL


def test_no_overwrite_is_atomic_when_another_writer_gets_there_first(tmp_path, monkeypatch):
    """The name is taken between the check and the write: the other writer's file stays."""
    target = tmp_path / "out.txt"
    real_fsync = os.fsync

    def meanwhile(descriptor):
        real_fsync(descriptor)
        if not target.exists():
            target.write_text("the other writer's")

    monkeypatch.setattr(os, "fsync", meanwhile)
    with pytest.raises(MentorcoreError, match="file exists"):
        write_output(target, "mine")
    assert target.read_text() == "the other writer's"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_two_writers_without_force_one_wins(tmp_path):
    target = tmp_path / "out.txt"
    script = (f"import sys, time\nfrom mentorcore.outputs import write_output\n"
              f"time.sleep(max(0, {time.time() + 3.0!r} - time.time()))\n"
              f"write_output({str(target)!r}, 'x' * 5_000_000 + sys.argv[1])\n")
    writers = [subprocess.Popen([sys.executable, "-c", script, str(i)], stderr=subprocess.PIPE)
               for i in range(4)]
    codes = [w.wait() for w in writers]
    errors = [w.stderr.read().decode() for w in writers]
    assert sorted(codes) == [0, 1, 1, 1], errors
    assert sum("file exists" in e for e in errors) == 3, errors
    assert os.listdir(tmp_path) == ["out.txt"]


KILLED = """\
import os, signal, sys
from mentorcore.outputs import write_output
if sys.argv[2] == "named":
    del os.O_TMPFILE
# as a process started from a terminal has them, however the test run was started (nohup…)
signal.signal(signal.SIGHUP, signal.SIG_DFL)
signal.signal(signal.SIGINT, signal.default_int_handler)
if len(sys.argv) > 3 and sys.argv[3] == "nohup":  # started as under nohup: SIGHUP ignored
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
if len(sys.argv) > 3 and sys.argv[3] == "handled":  # a program whose handler lets it go on
    signal.signal(signal.SIGTERM, lambda number, frame: None)
def stop(descriptor):
    print("writing", flush=True)
    import time
    time.sleep(60 if len(sys.argv) <= 3 else 1)
os.fsync = stop
write_output(sys.argv[1], "Aino Virtanen\\n" * 1000, force=True, personal=True)
"""


@pytest.mark.parametrize("how, signal_number", [
    ("unnamed", signal.SIGKILL), ("named", signal.SIGTERM), ("named", signal.SIGHUP),
    ("named", signal.SIGINT), ("unnamed", signal.SIGTERM)])
def test_nothing_is_left_behind_when_the_writer_is_killed(tmp_path, how, signal_number):
    target = tmp_path / "pairs.csv"
    writer = subprocess.Popen([sys.executable, "-c", KILLED, str(target), how],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert writer.stdout.readline() == "writing\n"
    if how == "named":
        assert len(os.listdir(tmp_path)) == 1  # the hidden temporary file exists now
    writer.send_signal(signal_number)
    writer.wait(10)
    assert writer.returncode != 0
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("how", ["named", "unnamed"])
def test_a_signal_the_writer_ignores_leaves_the_file_written(tmp_path, how):
    """Under nohup SIGHUP is ignored: one that arrives while the file is written neither ends
    the run nor loses the file (it used to remove the temporary file and return as if the
    file were written)."""
    target = tmp_path / "pairs.csv"
    writer = subprocess.Popen([sys.executable, "-c", KILLED, str(target), how, "nohup"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert writer.stdout.readline() == "writing\n"
    writer.send_signal(signal.SIGHUP)
    _out, errors = writer.communicate(timeout=20)
    assert writer.returncode == 0, errors
    assert os.listdir(tmp_path) == ["pairs.csv"]
    assert target.read_text() == "Aino Virtanen\n" * 1000


def test_a_write_a_signal_stopped_fails_when_the_programs_handler_lets_it_go_on(tmp_path):
    """A program using the library may handle SIGTERM and go on: the write it stopped fails
    (a MentorcoreError naming the file), it does not return as if the file were written."""
    target = tmp_path / "pairs.csv"
    writer = subprocess.Popen([sys.executable, "-c", KILLED, str(target), "named", "handled"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert writer.stdout.readline() == "writing\n"
    writer.send_signal(signal.SIGTERM)
    _out, errors = writer.communicate(timeout=20)
    assert writer.returncode != 0
    assert "MentorcoreError" in errors and "pairs.csv" in errors
    assert os.listdir(tmp_path) == []


def test_simulate_with_a_units_file_writes_a_private_file(run, tmp_path):
    units = tmp_path / "pairs.csv"
    units.write_text("unit,mentor,mentee,group\np-a,M1,A1,g1\np-b,M2,A2,g1\n")
    out = tmp_path / "run.json"
    result = run("simulate", "womento", "--participants", str(units), "--start", "2027-01-11",
                 "--format", "json", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    result = run("simulate", "womento", "--start", "2027-01-11", "--format", "json",
                 "--out", str(tmp_path / "synthetic.json"))
    assert stat.S_IMODE((tmp_path / "synthetic.json").stat().st_mode) == 0o644 & ~_umask()


def _umask():
    current = os.umask(0)
    os.umask(current)
    return current


@pytest.mark.parametrize("command", [
    ["simulate", "{child}", "--out", "{child}", "--force"],
    ["simulate", "{child}", "--out", "{parent}", "--force"],
    ["handbook", "{child}", "--out", "{parent}", "--force"],
    ["handbook", "{child}", "--out", "{child}"],
    ["privacy", "{child}", "--out", "{parent}", "--force"],
    ["simulate", "{child}", "--participants", "{units}", "--out", "{units}", "--force"],
])
def test_no_command_overwrites_an_input_of_its_run(run, tmp_path, command):
    parent = tmp_path / "parent.yaml"
    parent.write_text(MINIMAL, encoding="utf-8")
    child = tmp_path / "child.yaml"
    child.write_text("id: child\nextends: parent.yaml\nname: Child\n", encoding="utf-8")
    units = tmp_path / "units.csv"
    units.write_text("unit,mentor,mentee\np-a,M1,A1\n")
    before = {p: p.read_bytes() for p in (parent, child, units)}
    args = [a.format(child=child, parent=parent, units=units) for a in command]
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "refusing to overwrite an input file" in result.output
    assert {p: p.read_bytes() for p in before} == before
    assert sorted(os.listdir(tmp_path)) == ["child.yaml", "parent.yaml", "units.csv"]


def test_an_unencodable_terminal_is_a_message_and_exit_2(tmp_path):
    result = subprocess.run(["mentorcore", "--lang", "fi", "handbook", "womento"],
                            capture_output=True, text=True, cwd=tmp_path,
                            env={**os.environ, "PYTHONIOENCODING": "ascii"})
    assert result.returncode == 2, result.stderr
    assert "[E001]" in result.stderr and "PYTHONIOENCODING=utf-8" in result.stderr
    assert "internal error" not in result.stderr and "sisäinen virhe" not in result.stderr


def test_an_unwritable_output_is_a_message_and_exit_2(run, tmp_path, monkeypatch):
    real_open = os.open

    def read_only(path, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
    result = run("handbook", "womento", "--out", str(tmp_path / "h.md"))
    assert result.exit_code == 2, result.output
    assert "cannot write: Read-only file system" in result.output
    assert "internal error" not in result.output and os.listdir(tmp_path) == []
