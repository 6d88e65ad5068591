"""Writing output files safely: never over an input, never over anything but a regular file,
never over an existing file without ``--force`` (atomically: no check-then-rename race), nothing
left behind when the process dies, and readable by the owner only when the file holds personal
data.

How a file is written:

* an existing ``--out`` that is not a regular file (a directory, a device such as ``/dev/null``,
  a FIFO, a socket, a symbolic link to one) is refused, ``--force`` or not;
* an existing ``--out`` that is an input of the run — the model, each ``extends`` parent, a
  participant, units or log file, by any of its names (hard or symbolic links) — is refused,
  ``--force`` or not;
* the content goes to an unnamed file in the target's folder (Linux ``O_TMPFILE``): until it is
  complete and on disk it has no name, so a ``SIGKILL`` leaves nothing behind. It is then given
  its name with ``linkat``, which fails if the name exists — two runs without ``--force`` cannot
  both succeed. With ``--force`` it is linked under a hidden name and renamed over the target.
* where ``O_TMPFILE`` is missing (another system, a file system without it) a hidden temporary
  file is used instead, removed on any error and on ``SIGTERM``, ``SIGHUP`` and ``SIGINT``
  (one the process ignores — ``SIGHUP`` under ``nohup`` — stays ignored, and the file is
  written); without ``--force`` it is hard-linked to the target (fails if the name exists),
  not renamed.
* a full disk, a read-only folder or any other refusal of the system is a message and exit 2.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import signal
import stat
import sys
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import FrameType

from mentorcore import checks, reads
from mentorcore.diagnostics import MentorcoreError
from mentorcore.i18n import _


def _refuse(message: str, path: Path, hint: str | None = None) -> MentorcoreError:
    return MentorcoreError.single(checks.IO.id, message, file=str(path), exit_code=2, hint=hint)


def _system_error(error: OSError, path: Path) -> MentorcoreError:
    """A refusal of the operating system as a message (exit 2), never an internal error."""
    hints = {
        errno.ENOSPC: _("the disk is full: free some space or write elsewhere"),
        errno.EDQUOT: _("the disk quota is used up: free some space or write elsewhere"),
        errno.EROFS: _("the folder is on a read-only file system: choose another --out"),
        errno.EACCES: _("you may not write in this folder: choose another --out"),
        errno.EPERM: _("you may not write in this folder: choose another --out"),
    }
    reason = error.strerror or type(error).__name__
    return _refuse(_("cannot write: {reason}").format(reason=reason), path,
                   hints.get(error.errno or 0))


def write_output(path: str | Path | None, content: str | bytes, *, force: bool = False,
                 inputs: Iterable[str | Path] = (), personal: bool = False) -> None:
    """Write ``content`` to ``path`` (standard output when ``path`` is ``None`` or ``-``).

    Never over an input of the run (``inputs`` and every file :mod:`mentorcore.reads` noted)
    or over anything but a regular file; an existing file only with ``force``. ``personal``
    files get mode 0600, others 0666 less the umask.
    """
    if path is None or str(path) == "-":
        if isinstance(content, bytes):
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()
        else:
            from mentorcore.terminal import escape

            sys.stdout.write(escape(content))  # control characters shown, never obeyed
            sys.stdout.flush()
        return
    target = Path(path)
    folder = target.parent
    if not folder.is_dir():
        raise _refuse(_("directory {directory} does not exist").format(directory=folder),
                      target, _("create it first, or choose another --out"))
    try:
        existing: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        existing = None  # nothing there, or a dangling symbolic link (linkat then refuses it)
    except OSError as error:
        raise _system_error(error, target) from None
    if existing is not None:
        if stat.S_ISDIR(existing.st_mode):
            raise _refuse(_("is a directory"), target, _("choose a file name for --out"))
        if not stat.S_ISREG(existing.st_mode):
            raise _refuse(_("is not a regular file (a device, pipe or socket); mentorcore "
                            "replaces only regular files, even with --force"), target,
                          _("choose another --out"))
        if reads.is_input(existing) or _among(existing, inputs):
            raise _refuse(_("refusing to overwrite an input file"), target,
                          _("choose another --out"))
        if not force:
            raise _refuse(_("file exists"), target, _("add --force to replace it"))
    data = content.encode("utf-8") if isinstance(content, str) else content
    mode = 0o600 if personal else 0o666 & ~_umask()
    try:
        if hasattr(os, "O_TMPFILE") and _unnamed(data, target, mode, force):
            return
        _named(data, target, mode, force)
    except FileExistsError:
        raise _refuse(_("file exists"), target, _("add --force to replace it")) from None
    except OSError as error:
        raise _system_error(error, target) from None


def _among(status: os.stat_result, inputs: Iterable[str | Path]) -> bool:
    for source in inputs:
        try:
            other = os.stat(source)
        except (OSError, ValueError):
            continue
        if (other.st_dev, other.st_ino) == (status.st_dev, status.st_ino):
            return True
    return False


def _write_all(descriptor: int, data: bytes, mode: int) -> None:
    view = memoryview(data)
    while view:
        written = os.write(descriptor, view)
        view = view[written:]
    os.fchmod(descriptor, mode)
    os.fsync(descriptor)


def _hidden_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")


def _unnamed(data: bytes, target: Path, mode: int, force: bool) -> bool:
    """Write through an ``O_TMPFILE`` file; ``False`` when the file system cannot make one."""
    if not os.path.isdir("/proc/self/fd"):
        return False  # no /proc: linkat could not name the file
    try:
        descriptor = os.open(target.parent, os.O_TMPFILE | os.O_WRONLY, 0o600)
    except OSError as error:
        if error.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT):
            return False  # no O_TMPFILE here: the named fallback
        raise
    try:
        _write_all(descriptor, data, mode)
        if not force:
            return _give_name(descriptor, target)  # EEXIST if the name exists: atomic
        hidden = _hidden_name(target)
        if not _give_name(descriptor, hidden):
            return False
        try:
            os.replace(hidden, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(hidden)
            raise
        return True
    finally:
        os.close(descriptor)


_UNSUPPORTED = (errno.EXDEV, errno.ENOENT, errno.EPERM, errno.EOPNOTSUPP, errno.EINVAL,
                errno.ENOSYS)


def _give_name(descriptor: int, name: Path) -> bool:
    """Give the unnamed file of ``descriptor`` the name ``name`` with ``linkat`` — through
    ``/proc/self/fd`` or, where that is refused (some sandboxes), ``AT_EMPTY_PATH``;
    ``FileExistsError`` if ``name`` exists, ``False`` if the system allows neither."""
    try:
        os.link(f"/proc/self/fd/{descriptor}", name, follow_symlinks=True)
        return True
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno not in _UNSUPPORTED:
            raise
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    linkat = getattr(libc, "linkat", None)
    if linkat is None:
        return False
    at_fdcwd, at_empty_path = -100, 0x1000
    if linkat(descriptor, b"", at_fdcwd, os.fsencode(name), at_empty_path) == 0:
        return True
    number = ctypes.get_errno()
    if number in _UNSUPPORTED:
        return False
    raise OSError(number, os.strerror(number), str(name))


def _named(data: bytes, target: Path, mode: int, force: bool) -> None:
    """Write through a hidden temporary file, removed on failure and on termination signals."""
    hidden = _hidden_name(target)
    with _removed_on_signal(hidden):
        descriptor = os.open(hidden, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            try:
                _write_all(descriptor, data, mode)
            finally:
                os.close(descriptor)
            if force:
                os.replace(hidden, target)
            else:
                os.link(hidden, target)  # EEXIST if the name exists: atomic
                os.unlink(hidden)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(hidden)
            raise


class _Terminated(BaseException):
    """A termination signal arrived while a temporary file existed."""


@contextlib.contextmanager
def _removed_on_signal(hidden: Path) -> Iterator[None]:
    """While the block runs, SIGTERM, SIGHUP and SIGINT remove ``hidden`` before the process
    ends as the signal would have ended it. A signal the process ignores (SIGHUP under
    ``nohup``, SIGINT in a background job) stays ignored: the write goes on. Should the
    handler the process had let it go on after all, the write fails (``InterruptedError``)
    rather than return as if the file were written."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []

    def handler(number: int, _frame: FrameType | None) -> None:
        received.append(number)
        raise _Terminated

    numbers = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT")
               if hasattr(signal, name)]
    previous = {number: signal.signal(number, handler) for number in numbers
                if signal.getsignal(number) is not signal.SIG_IGN}
    try:
        yield
    except _Terminated:
        with contextlib.suppress(OSError):
            os.unlink(hidden)
    finally:
        for number, old in previous.items():
            signal.signal(number, old)
    if received:
        os.kill(os.getpid(), received[0])  # now with the old handler: end as asked
        raise InterruptedError(errno.EINTR, os.strerror(errno.EINTR), str(hidden))


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


__all__ = [
    "write_output",
]
