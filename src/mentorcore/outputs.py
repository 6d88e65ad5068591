"""Writing output files safely: atomically, never over an input, never over an existing file
without ``--force``, and readable by the owner only when the file holds personal data."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from mentorcore import checks
from mentorcore.diagnostics import MentorcoreError
from mentorcore.i18n import _


def _refuse(message: str, path: Path, hint: str | None = None) -> MentorcoreError:
    return MentorcoreError.single(checks.IO.id, message, file=str(path), exit_code=2, hint=hint)


def write_output(path: str | Path | None, content: str | bytes, *, force: bool = False,
                 inputs: Iterable[str | Path] = (), personal: bool = False) -> None:
    """Write ``content`` to ``path`` (standard output when ``path`` is ``None`` or ``-``).

    The file is written to a temporary file in the same directory and renamed into place, so a
    reader never sees half a file and a failure leaves nothing behind. An input file is never
    overwritten; an existing file only with ``force``. ``personal`` files get mode 0600.
    """
    if path is None or str(path) == "-":
        if isinstance(content, bytes):
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(content)
            sys.stdout.flush()
        return
    target = Path(path)
    if not target.parent.exists():
        raise _refuse(_("directory {directory} does not exist").format(directory=target.parent),
                      target, _("create it first, or choose another --out"))
    if target.is_dir():
        raise _refuse(_("is a directory"), target)
    resolved = target.resolve()
    for source in inputs:
        if Path(source).exists() and Path(source).resolve() == resolved:
            raise _refuse(_("refusing to overwrite an input file"), target,
                          _("choose another --out"))
    if target.exists() and not force:
        raise _refuse(_("file exists"), target, _("add --force to replace it"))
    import tempfile

    data = content.encode("utf-8") if isinstance(content, str) else content
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                             dir=target.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o600 if personal else 0o644 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


__all__ = [
    "write_output",
]
