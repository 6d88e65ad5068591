"""The files this process has read — so that no output of the run ever replaces one of them.

Every reader of a model file (and of its ``extends`` parents) notes the file here; the output
helpers (:mod:`mentorcore.outputs`) refuse to write over any noted file. Files are known by
device and inode, so a second name (a hard or symbolic link) of an input is the same input.
:func:`paths` gives the files by name, in the order they were first read (the result cache of
``mentorcore validate``, :mod:`mentorcore.cli.startup`, checks their content before it replays
a run).

>>> import tempfile, os
>>> with tempfile.NamedTemporaryFile() as handle:
...     note(handle.name)
...     is_input(os.stat(handle.name))
True
"""

from __future__ import annotations

import os
from pathlib import Path

_READ: set[tuple[int, int]] = set()
_PATHS: dict[str, None] = {}


def note(path: str | Path) -> None:
    """Remember ``path`` (symbolic links followed) as an input of the run."""
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return
    _READ.add((status.st_dev, status.st_ino))
    _PATHS.setdefault(os.path.abspath(path))


def paths() -> list[str]:
    """The absolute names of the files read so far (as given, links not followed), in the
    order they were first read."""
    return list(_PATHS)


def is_input(status: os.stat_result) -> bool:
    """Whether the file of ``status`` has been read by this process."""
    return (status.st_dev, status.st_ino) in _READ


def forget() -> None:
    """Start a new run: no file read yet (each command of the CLI starts so)."""
    _READ.clear()
    _PATHS.clear()


__all__ = ["forget", "is_input", "note", "paths"]
