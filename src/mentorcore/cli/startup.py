"""Answering ``mentorcore --version`` and ``mentorcore --help`` at the speed of a bare Python.

Importing click (~35 ms) and discovering the plugins (~55 ms for the entry points alone) would
make these two answers several times slower than starting Python, so :func:`answer_quickly`
gives them before either is imported: the version is a constant, and the help of the
``mentorcore`` group is served from a cache written the last time it was printed.

The cache entry is keyed on everything that can change the help: mentorcore's version, the
Python and its ``sys.path``, the arguments, the language (``LANGUAGE``, ``LC_ALL``,
``LC_MESSAGES``, ``LANG``), the terminal width (``COLUMNS`` or the terminal's), the plugins
directory (``--plugins-dir`` or ``MENTORCORE_PLUGINS_DIR``: its ``*.py`` files with their sizes
and modification times), the disabled plugins, and the installed distributions (the
``*.dist-info`` and ``*.egg-info`` names and modification times on ``sys.path``, where entry
points are declared). The entry also lists the source files of the modules that were loaded to
print the help (mentorcore's, the plugins', click's) with their sizes and modification times,
so an edited command — in an editable install — is noticed as well, and the compiled message
catalogs (the help is shown in the language of the run: one entry per language).

Entries live in ``$XDG_CACHE_HOME/mentorcore`` (default ``~/.cache/mentorcore``), written
atomically with mode 0600 in a directory only the user may write; an entry that is not the
user's is ignored, an unwritable cache is silently bypassed, and ``MENTORCORE_NO_CACHE=1`` turns
it off. This module imports nothing beyond ``os``, ``sys`` and ``zlib``.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

__all__ = ["CACHE_VARIABLE", "GlobalOptions", "HelpCache", "answer_quickly", "global_options",
           "record_help"]

CACHE_VARIABLE = "MENTORCORE_NO_CACHE"
"""Set (to anything but an empty string) to turn the help cache off."""

VALUE_OPTIONS = {"--plugins-dir": "plugins_dir", "--disable-plugin": "disabled",
                 "--lang": "language"}
FLAGS = {"--debug": None, "--version": "version", "-h": "help", "--help": "help"}
"""The options of the ``mentorcore`` group (``mentorcore.cli.group``), as its parser reads them."""

KEY_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "COLUMNS",
                 "MENTORCORE_PLUGINS_DIR", "MENTORCORE_DISABLE_PLUGINS")
MAGIC = "mentorcore help cache 1\n"
SEPARATOR = "\n\0\n"
MAX_ENTRIES = 64
MAX_BYTES = 1 << 20


class GlobalOptions:
    """The options given before the command (``mentorcore --lang fi --help``)."""

    __slots__ = ("action", "complete", "disabled", "language", "plugins_dir", "rest")

    def __init__(self) -> None:
        self.action: str | None = None
        """``version`` or ``help``: the first of the two given (click answers that one)."""
        self.plugins_dir: str | None = None
        self.disabled: tuple[str, ...] = ()
        self.language: str | None = None
        self.rest: tuple[str, ...] = ()
        """The command and its arguments."""
        self.complete = True
        """``False`` if an option the group does not have, or a missing value, stopped the scan."""


def global_options(args: Sequence[str], environ: Mapping[str, str]) -> GlobalOptions:
    """Read the group's options from ``args`` as click's parser would (a value option takes the
    next argument, whatever it is); ``--disable-plugin`` falls back on
    ``MENTORCORE_DISABLE_PLUGINS`` (names separated by spaces) like the option does."""
    found = GlobalOptions()
    disabled: list[str] = []
    index = 0
    while index < len(args):
        token = args[index]
        if token == "-" or not token.startswith("-"):
            found.rest = tuple(args[index:])
            break
        name, equals, value = token.partition("=")
        if name in VALUE_OPTIONS and name.startswith("--"):
            if not equals:
                if index + 1 >= len(args):
                    found.complete = False
                    break
                index += 1
                value = args[index]
            if name == "--plugins-dir":
                found.plugins_dir = value
            elif name == "--disable-plugin":
                disabled.append(value)
            else:
                found.language = value
        elif token in FLAGS:
            found.action = found.action or FLAGS[token]
        else:  # `--`, an unknown option, a flag given a value: click decides
            found.complete = False
            break
        index += 1
    found.disabled = tuple(disabled) if disabled else tuple(
        environ.get("MENTORCORE_DISABLE_PLUGINS", "").split())
    return found


def _version() -> str:
    from mentorcore.version import __version__

    return __version__


def _columns(environ: Mapping[str, str]) -> str:
    """The terminal width click formats the help for (``shutil.get_terminal_size``)."""
    try:
        columns = int(environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return str(columns or 80)


def _listing(directory: str, suffixes: tuple[str, ...]) -> list[str]:
    """``name mtime size`` of the entries of ``directory`` whose names end in ``suffixes``."""
    rows = []
    try:
        with os.scandir(directory) as entries:
            for entry in entries:
                if entry.name.endswith(suffixes):
                    stat = entry.stat()
                    rows.append(f"{entry.name} {stat.st_mtime_ns} {stat.st_size}")
    except OSError:
        return ["(unreadable)"]
    return sorted(rows)


def _cache_directory(environ: Mapping[str, str]) -> str:
    base = environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "mentorcore")


def _private(stat: os.stat_result) -> bool:
    """The user's own, and nobody else may write it (where files have owners)."""
    getuid = getattr(os, "getuid", None)
    return getuid is None or (stat.st_uid == getuid() and not stat.st_mode & 0o022)


class HelpCache:
    """The cache entry of one ``mentorcore --help`` invocation (see the module's docstring)."""

    def __init__(self, args: Sequence[str], given: GlobalOptions,
                 environ: Mapping[str, str]) -> None:
        plugins_dir = given.plugins_dir or environ.get("MENTORCORE_PLUGINS_DIR") or ""
        parts = [MAGIC, _version(), sys.version, sys.executable, "\0".join(sys.path),
                 "\0".join(args), _columns(environ), "\0".join(given.disabled)]
        parts += [f"{name}={environ.get(name, '')}" for name in KEY_VARIABLES]
        if plugins_dir:
            parts += [f"plugins dir {os.path.abspath(plugins_dir)}",
                      *_listing(plugins_dir, (".py",))]
        for entry in dict.fromkeys(sys.path):
            if entry and os.path.isdir(entry):
                parts += [f"path {entry}", *_listing(entry, (".dist-info", ".egg-info"))]
        self.key = "\n".join(parts)
        import zlib

        digest = zlib.crc32(self.key.encode("utf-8", "surrogateescape"))
        self.directory = _cache_directory(environ)
        self.path = os.path.join(self.directory, f"help-{digest:08x}.txt")

    def read(self) -> str | None:
        """The cached help, or ``None`` (no entry, another key, a changed source file, not the
        user's, unreadable)."""
        try:
            if not _private(os.stat(self.directory)):
                return None
            descriptor = os.open(self.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            try:
                if not _private(os.fstat(descriptor)):
                    return None
                data = os.read(descriptor, MAX_BYTES)
            finally:
                os.close(descriptor)
            key, sources, text = data.decode("utf-8", "surrogateescape").split(SEPARATOR, 2)
            if key != self.key:
                return None
            for line in sources.splitlines():
                mtime, size, path = line.split(" ", 2)
                stat = os.stat(path)
                if stat.st_mtime_ns != int(mtime) or stat.st_size != int(size):
                    return None
        except (OSError, ValueError):
            return None
        return text

    def write(self, text: str) -> None:
        """Store ``text`` with the source files loaded so far; any failure is ignored."""
        if "\x1b" in text:  # click strips colours when not on a terminal: keep it exact
            return
        stdlib = os.path.dirname(os.__file__)
        sources = []
        for module in list(sys.modules.values()):
            path = getattr(module, "__file__", None)
            if not isinstance(path, str) or path.startswith(stdlib) or "\n" in path:
                continue
            try:
                stat = os.stat(path)
            except OSError:
                continue
            sources.append(f"{stat.st_mtime_ns} {stat.st_size} {path}")
        sources += _catalogs()  # the help is translated: a recompiled catalog renews it
        data = SEPARATOR.join([self.key, "\n".join(sorted(set(sources))), text])
        temporary = f"{self.path}.{os.getpid()}.tmp"
        try:
            os.makedirs(self.directory, mode=0o700, exist_ok=True)
            if not _private(os.stat(self.directory)):
                return
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                with os.fdopen(descriptor, "wb") as handle:
                    handle.write(data.encode("utf-8", "surrogateescape"))
                os.replace(temporary, self.path)
            except BaseException:
                os.unlink(temporary)
                raise
            self._prune()
        except OSError:
            pass

    def _prune(self) -> None:
        """Keep the newest :data:`MAX_ENTRIES` entries (each terminal width, language and
        plugin set is one)."""
        with os.scandir(self.directory) as entries:
            found = [(entry.stat().st_mtime_ns, entry.path) for entry in entries
                     if entry.name.startswith("help-") and entry.name.endswith(".txt")]
        for _mtime, path in sorted(found)[:-MAX_ENTRIES]:
            os.unlink(path)


def _catalogs() -> list[str]:
    """``mtime size path`` of the compiled message catalogs (``mentorcore/locale``)."""
    locale = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "locale")
    rows = []
    try:
        with os.scandir(locale) as languages:
            for language in languages:
                path = os.path.join(language.path, "LC_MESSAGES", "mentorcore.mo")
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                rows.append(f"{stat.st_mtime_ns} {stat.st_size} {path}")
    except OSError:
        pass
    return rows


_recording: HelpCache | None = None


def answer_quickly(args: Sequence[str], environ: Mapping[str, str] | None = None) -> None:
    """Print the version for ``mentorcore --version``, or the cached help for ``mentorcore
    --help``, and exit; otherwise return (and for ``--help``, have :func:`record_help` store the
    help click prints). Only arguments that are all options of the group are answered."""
    global _recording
    _recording = None
    environ = os.environ if environ is None else environ
    given = global_options(args, environ)
    if not given.complete or given.rest or given.action is None:
        return
    if given.action == "version":
        _print(f"mentorcore, version {_version()}\n")
    if environ.get(CACHE_VARIABLE):
        return
    cache = HelpCache(args, given, environ)
    text = cache.read()
    if text is not None:
        _print(text + "\n")
    _recording = cache


def record_help(text: str) -> None:
    """Store the help of the ``mentorcore`` group in the cache, if :func:`answer_quickly`
    asked for it in this run."""
    global _recording
    cache, _recording = _recording, None
    if cache is not None:
        cache.write(text)


def _print(text: str) -> None:
    """Write ``text`` as click would, and exit 0 (1 quietly when the reader went away)."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(1) from None
    raise SystemExit(0)
