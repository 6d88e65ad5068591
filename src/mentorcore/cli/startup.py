"""Answering ``mentorcore --version``, ``mentorcore --help`` and a repeated ``mentorcore
validate`` at the speed of a bare Python.

Importing click (~35 ms), mentorcore and the plugins (~100 ms with the plugin manager) would
make these answers several times slower than starting Python, so :func:`answer_quickly` gives
the first two before any of it is imported: the version is a constant (in the language of the
run, :func:`version_text`: one compiled catalog read with the standard library's ``gettext``),
and the help of the ``mentorcore`` group is served from a cache written the last time it was
printed.

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
it off.

:func:`replay_result` does the same for ``mentorcore validate`` (:data:`RESULT_COMMANDS`): the
whole output of a run — its standard output and standard error, chunk by chunk in the order
they were written, and its exit status — is replayed when nothing that can change it changed.
A :class:`ResultCache` entry is keyed on mentorcore's version, the Python and ``sys.path``, the
arguments, the working directory, the whole environment (so the language, ``COLUMNS``, the
plugins directory, the disabled plugins and anything else a plugin might read), today's date,
the terminal (the width, and whether standard input, output and error are terminals) and the
installed distributions and plugins directory as the help cache lists them; it is replayed
only while the source files of the modules that run loaded (and mentorcore's catalogs and data
files) keep their sizes and modification times, every model file the run read
(:func:`mentorcore.reads.paths`: the models and their ``extends`` parents) keeps its content
(a SHA-256 hash, not a time), the folder of each of those files has no entry added or removed,
and each argument still is, or still is not, an existing file (a model id would otherwise be
shadowed by a new file of that name). A run is stored only when it ends with status 0 or 1
(problems found): never one that read standard input (``-``), failed internally, had a plugin
fail, found an ``extends`` parent missing, wrote escape sequences or wrote past click's text
streams, nor one with a global option this module does not read (``--extends-dir``,
``--strict-plugins``, ``--csv-dialect``: those runs are simply not cached). What a plugin's
check reads beyond the model (another file, the network) is not seen: such a plugin's users
set ``MENTORCORE_NO_CACHE=1``.

This module imports nothing beyond ``os``, ``sys``, ``time``, ``zlib``, :mod:`mentorcore.i18n`
(itself light; ``gettext`` for a language other than English) and (for ``validate``)
``hashlib``.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence
    from typing import TextIO

__all__ = ["CACHE_VARIABLE", "RESULT_COMMANDS", "STRICT_VARIABLE", "GlobalOptions", "HelpCache",
           "ResultCache", "answer_quickly", "global_options", "record_help", "replay_result",
           "version_text"]

CACHE_VARIABLE = "MENTORCORE_NO_CACHE"
"""Set (to anything but an empty string) to turn the help and result caches off."""
STRICT_VARIABLE = "MENTORCORE_STRICT_PLUGINS"
"""``mentorcore.plugins.STRICT_VARIABLE`` (not imported: the quick answers import no plugin
code): under it, ``mentorcore --help`` is never answered from the cache."""
RESULT_COMMANDS = frozenset({"validate"})
"""The commands whose whole result :func:`replay_result` may replay."""

VALUE_OPTIONS = {"--plugins-dir": "plugins_dir", "--disable-plugin": "disabled",
                 "--lang": "language"}
FLAGS = {"--debug": None, "--version": "version", "-h": "help", "--help": "help"}
"""The options of the ``mentorcore`` group (``mentorcore.cli.group``), as its parser reads them."""

KEY_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "COLUMNS",
                 "MENTORCORE_PLUGINS_DIR", "MENTORCORE_DISABLE_PLUGINS")
MAGIC = "mentorcore help cache 1\n"
SEPARATOR = "\n\0\n"
RESULT_MAGIC = "mentorcore result cache 1\n"
MAX_ENTRIES = 64
MAX_BYTES = 1 << 20
MAX_RESULT_BYTES = 4 << 20


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


VERSION_MESSAGE = "%(prog)s, version %(version)s"
"""click's message id of ``--version`` (in :mod:`mentorcore.cli.click_messages`)."""


def version_text(language: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """``mentorcore, version 0.1.0`` in the language of the run: ``language`` (the global
    ``--lang``) when it is a supported one, else the locale's (:mod:`mentorcore.i18n`), as
    :func:`mentorcore.cli.help.run_language` decides it."""
    from mentorcore import i18n

    try:
        code = i18n.language(language, environ)
    except i18n.UnknownLanguage:  # --version answers before --lang is checked, as in click
        code = i18n.locale_language(environ)
    message = VERSION_MESSAGE if code == i18n.DEFAULT else i18n.translator(code)(VERSION_MESSAGE)
    return message % {"prog": "mentorcore", "version": _version()}


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
        parts = [MAGIC, _version(), sys.version, sys.executable, "\0".join(sys.path),
                 "\0".join(args), _columns(environ), "\0".join(given.disabled)]
        parts += [f"{name}={environ.get(name, '')}" for name in KEY_VARIABLES]
        parts += _installed(given, environ)
        self.key = "\n".join(parts)
        import zlib

        digest = zlib.crc32(self.key.encode("utf-8", "surrogateescape"))
        self.directory = _cache_directory(environ)
        self.path = os.path.join(self.directory, f"help-{digest:08x}.txt")

    def read(self) -> str | None:
        """The cached help, or ``None`` (no entry, another key, a changed source file, not the
        user's, unreadable)."""
        data = _load(self.directory, self.path, MAX_BYTES)
        try:
            if data is None:
                return None
            key, sources, text = data.split(SEPARATOR, 2)
            if key != self.key or not _fresh(sources):
                return None
        except (OSError, ValueError):
            return None
        return text

    def write(self, text: str) -> None:
        """Store ``text`` with the source files loaded so far; any failure is ignored."""
        if "\x1b" in text:  # click strips colours when not on a terminal: keep it exact
            return
        data = SEPARATOR.join([self.key, "\n".join(_sources()), text])
        _store(self.directory, self.path, data, "help-")


def _installed(given: GlobalOptions, environ: Mapping[str, str]) -> list[str]:
    """What decides the plugins of a run: the plugins directory (its ``*.py`` files with their
    times and sizes) and the ``*.dist-info``/``*.egg-info`` entries on ``sys.path`` (where entry
    points are declared), with their times."""
    parts = []
    plugins_dir = given.plugins_dir or environ.get("MENTORCORE_PLUGINS_DIR") or ""
    if plugins_dir:
        parts += [f"plugins dir {os.path.abspath(plugins_dir)}",
                  *_listing(plugins_dir, (".py",))]
    for entry in dict.fromkeys(sys.path):
        if entry and os.path.isdir(entry):
            parts += [f"path {entry}", *_listing(entry, (".dist-info", ".egg-info"))]
    return parts


def _sources() -> list[str]:
    """``mtime size path`` of the source files of the modules loaded so far (the standard
    library's aside), of the compiled message catalogs and of mentorcore's data files."""
    stdlib = os.path.dirname(os.__file__)
    sources = []
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or "\n" in path or (
                path.startswith(stdlib) and "-packages" not in path):
            continue
        try:
            stat = os.stat(path)
        except OSError:
            continue
        sources.append(f"{stat.st_mtime_ns} {stat.st_size} {path}")
    sources += _catalogs()  # the output is translated: a recompiled catalog renews it
    sources += _package_data()
    return sorted(set(sources))


def _fresh(sources: str) -> bool:
    """Every ``mtime size path`` line still holds."""
    for line in sources.splitlines():
        mtime, size, path = line.split(" ", 2)
        stat = os.stat(path)
        if stat.st_mtime_ns != int(mtime) or stat.st_size != int(size):
            return False
    return True


def _load(directory: str, path: str, limit: int) -> str | None:
    """The text of the cache entry ``path``, if it and its directory are the user's own."""
    try:
        if not _private(os.stat(directory)):
            return None
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        try:
            if not _private(os.fstat(descriptor)):
                return None
            data = os.read(descriptor, limit + 1)
        finally:
            os.close(descriptor)
    except OSError:
        return None
    if len(data) > limit:
        return None
    return data.decode("utf-8", "surrogateescape")


def _store(directory: str, path: str, data: str, prefix: str) -> None:
    """Write the entry atomically, mode 0600, in a directory only the user may write, and keep
    the newest :data:`MAX_ENTRIES` entries named ``prefix…``; any failure is ignored."""
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(directory, mode=0o700, exist_ok=True)
        if not _private(os.stat(directory)):
            return
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data.encode("utf-8", "surrogateescape"))
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
        with os.scandir(directory) as entries:  # each width, language, plugin set is one
            found = [(entry.stat().st_mtime_ns, entry.path) for entry in entries
                     if entry.name.startswith(prefix) and entry.name.endswith(".txt")]
        for _mtime, old in sorted(found)[:-MAX_ENTRIES]:
            os.unlink(old)
    except OSError:
        pass


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


def _package_data() -> list[str]:
    """``mtime size path`` of mentorcore's own data files (``synonyms.toml`` …: read by the
    suggestions of a message)."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    rows = []
    try:
        with os.scandir(package) as entries:
            for entry in entries:
                if entry.is_file() and not entry.name.endswith((".py", ".pyc")):
                    stat = entry.stat()
                    rows.append(f"{stat.st_mtime_ns} {stat.st_size} {entry.path}")
    except OSError:
        pass
    return rows


def _terminal() -> str:
    """Whether standard input, output and error are terminals (``101``…)."""
    flags = ""
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        try:
            flags += "1" if stream is not None and stream.isatty() else "0"
        except (AttributeError, ValueError, OSError):
            flags += "-"
    return flags


def _hash(path: str) -> str:
    import hashlib

    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


class _Recorder:
    """Stands for ``sys.stdout`` or ``sys.stderr`` while a run is recorded: writes go through to
    the stream and are kept, in order, as ``(name, text)`` chunks."""

    def __init__(self, stream: TextIO, name: str, cache: ResultCache) -> None:
        self._stream, self._name, self._cache = stream, name, cache

    def write(self, text: str) -> int:
        written = self._stream.write(text)  # bytes raise here, as on the stream itself
        if text:
            self._cache.chunks.append((self._name, text))
        return written

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    @property
    def buffer(self) -> object:
        self._cache.bypassed = True  # bytes written past the text stream are not recorded
        return self._stream.buffer

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


class ResultCache:
    """The cache entry of one ``mentorcore validate …`` invocation: the key, the files the run
    depended on, and its output and exit status (see the module's docstring)."""

    def __init__(self, args: Sequence[str], given: GlobalOptions,
                 environ: Mapping[str, str]) -> None:
        import time

        parts = [RESULT_MAGIC, _version(), sys.version, sys.executable, "\0".join(sys.path),
                 "\0".join(args), f"cwd {os.getcwd()}", f"date {time.strftime('%Y-%m-%d')}",
                 f"columns {_columns(environ)}", f"terminal {_terminal()}"]
        for stream in (sys.stdout, sys.stderr):
            parts.append(f"stream {getattr(stream, 'encoding', None)} "
                         f"{getattr(stream, 'errors', None)}")
        parts += [f"env {name}={value}" for name, value in sorted(environ.items())]
        parts += _installed(given, environ)
        self.key = "\n".join(parts)
        import hashlib

        digest = hashlib.sha256(self.key.encode("utf-8", "surrogateescape")).hexdigest()
        self.directory = _cache_directory(environ)
        self.path = os.path.join(self.directory, f"result-{digest[:32]}.txt")
        self.probes = tuple(dict.fromkeys(given.rest[1:]))
        """The arguments of the command: each one's being a file or not is part of the result."""
        self.chunks: list[tuple[str, str]] = []
        """What the run wrote: ``("out" | "err", text)`` in order."""
        self.bypassed = False
        """Something was written to a stream's binary buffer (not recorded): not stored."""
        self._streams: tuple[TextIO, TextIO] | None = None

    def read(self) -> tuple[int, list[tuple[str, str]]] | None:
        """The exit status and output chunks of the stored run, or ``None`` (no entry, another
        key, a changed source, model file, folder or argument, not the user's, unreadable)."""
        data = _load(self.directory, self.path, MAX_RESULT_BYTES)
        try:
            if data is None:
                return None
            key, sources, inputs, status, output = data.split(SEPARATOR, 4)
            if key != self.key or not _fresh(sources) or not self._same_inputs(inputs):
                return None
            return int(status), _chunks(output)
        except (OSError, ValueError):
            return None

    def _same_inputs(self, inputs: str) -> bool:
        for line in inputs.splitlines():
            kind, value, path = line.split(" ", 2)
            if kind == "file":
                if _hash(path) != value:
                    return False
            elif kind == "folder":
                if str(os.stat(path).st_mtime_ns) != value:
                    return False
            elif kind == "argument":
                if str(int(os.path.exists(path))) != value:
                    return False
            else:
                return False
        return True

    def start(self) -> None:
        """Record what the run writes to ``sys.stdout`` and ``sys.stderr`` from now on."""
        self._streams = (sys.stdout, sys.stderr)
        sys.stdout = _Recorder(sys.stdout, "out", self)
        sys.stderr = _Recorder(sys.stderr, "err", self)

    def finish(self, code: object, completed: bool = True) -> None:
        """Stop recording (the streams as they were) and store the run if it may be replayed:
        it ``completed`` with status 0 or 1, and wrote nothing :class:`ResultCache` refuses."""
        if self._streams is not None:
            sys.stdout, sys.stderr = self._streams
            self._streams = None
        code = 0 if code is None else code
        if not completed or code not in (0, 1) or self.bypassed:
            return
        text = "".join(chunk for _name, chunk in self.chunks)
        if "\x1b" in text or _unsettled(text):
            return
        try:
            inputs = self._inputs()
        except OSError:
            return
        output = "".join(f"{name} {len(chunk)}\n{chunk}" for name, chunk in self.chunks)
        data = SEPARATOR.join([self.key, "\n".join(_sources()), "\n".join(inputs), str(code),
                               output])
        if len(data) <= MAX_RESULT_BYTES // 4:  # in characters; the limit is in bytes
            _store(self.directory, self.path, data, "result-")

    def _inputs(self) -> list[str]:
        reads = sys.modules.get("mentorcore.reads")
        paths = reads.paths() if reads is not None else []
        rows = [f"file {_hash(path)} {path}" for path in paths]
        for folder in dict.fromkeys(os.path.dirname(path) for path in paths):
            rows.append(f"folder {os.stat(folder).st_mtime_ns} {folder}")
        rows += [f"argument {int(os.path.exists(probe))} {probe}" for probe in self.probes]
        if any("\n" in row for row in rows):
            raise OSError("a name holds a line break")
        return rows


def _chunks(output: str) -> list[tuple[str, str]]:
    """The ``(name, text)`` chunks of a stored output (``name length\\ntext`` after another)."""
    chunks = []
    index = 0
    while index < len(output):
        header, _newline, _rest = output[index:index + 32].partition("\n")
        name, length = header.split(" ")
        if name not in ("out", "err") or not _newline:
            raise ValueError(header)
        start = index + len(header) + 1
        chunks.append((name, output[start:start + int(length)]))
        index = start + int(length)
    return chunks


def _unsettled(text: str) -> bool:
    """The output reports what the files the run read cannot vouch for, so the run is not
    stored: a plugin that failed (a time limit or another passing condition may be why) or an
    ``extends`` parent that is missing (the file may appear in a folder the run never read)."""
    checks = sys.modules.get("mentorcore.checks")
    if checks is None:
        return False
    rules = (checks.PLUGIN_DISABLED, checks.PLUGIN_FAILED, checks.PLUGIN_LOAD_FAILED,
             checks.PARENT_MISSING)
    return any(f"[{rule.id}]" in text or f'"{rule.id}"' in text for rule in rules)


def replay_result(args: Sequence[str],
                  environ: Mapping[str, str] | None = None) -> ResultCache | None:
    """For ``mentorcore validate …``: print the stored output of the same run and exit with its
    status when nothing it depends on changed; otherwise start recording the run and return
    its :class:`ResultCache` (``main`` calls :meth:`ResultCache.finish`). ``None`` when the
    run is never cached (another command, standard input, ``MENTORCORE_NO_CACHE``)."""
    environ = os.environ if environ is None else environ
    if environ.get(CACHE_VARIABLE) or sys.stdout is None or sys.stderr is None:
        return None
    given = global_options(args, environ)
    if not given.complete or given.action is not None or not given.rest \
            or given.rest[0] not in RESULT_COMMANDS or "-" in given.rest:
        return None
    try:
        cache = ResultCache(args, given, environ)
    except OSError:  # e.g. the working directory was removed: run as without a cache
        return None
    found = cache.read()
    if found is not None:
        status, chunks = found
        try:  # click flushes after every message: so does the replay, when the stream changes
            previous = None
            for name, text in chunks:
                stream = sys.stdout if name == "out" else sys.stderr
                if previous is not None and stream is not previous:
                    previous.flush()
                stream.write(text)
                previous = stream
            sys.stdout.flush()
            sys.stderr.flush()
        except BrokenPipeError:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise SystemExit(1) from None
        raise SystemExit(status)
    cache.start()
    return cache


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
        _print(version_text(given.language, environ) + "\n")
    if environ.get(CACHE_VARIABLE) or environ.get(STRICT_VARIABLE, "").strip() not in ("", "0"):
        return  # under MENTORCORE_STRICT_PLUGINS the plugins are loaded, and their failures fail
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
