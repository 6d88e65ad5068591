"""Output files: atomic, never over an input, never over a file without --force, private when
they hold personal data."""

from __future__ import annotations

import os
import stat

import pytest

from mentorcore.diagnostics import MentorcoreError
from mentorcore.outputs import write_output


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


def test_a_failure_while_writing_leaves_nothing_behind(tmp_path, monkeypatch):
    target = tmp_path / "out.txt"
    target.write_text("old")

    def broken(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        write_output(target, "new", force=True)
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["out.txt"]
