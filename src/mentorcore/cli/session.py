"""What the commands of ``mentorcore`` share: the public API for writing a command.

A command (built in or a plugin's, added through the ``register_commands`` hook) gets the run's
:class:`Session` from :func:`current_session` — the plugin set chosen with ``--plugins-dir`` and
``--disable-plugin``, the library of models it provides, the language of ``--lang``, ``--debug``
— loads models with :func:`load_model` or :func:`load_programme` (which honour those options),
is wrapped in :func:`guarded` so that problems print as messages and exit codes, and takes the
common options from the factories below, so that ``--out``, ``--force``, ``--lang`` and dates
mean the same in every command::

    import click

    from mentorcore import hookimpl
    from mentorcore.cli.session import guarded, load_programme, out_option


    @click.command()
    @click.argument("model")
    @out_option()
    @guarded
    def phases(model, out):
        \"\"\"Print the phases of MODEL, one a line.\"\"\"
        ...

Dates on the command line are ISO (``2027-01-11``) or Finnish (``11.1.2027``): see
:func:`parse_date`.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from mentorcore.diagnostics import MentorcoreError, Severity
from mentorcore.i18n import N_, _

if TYPE_CHECKING:
    from mentorcore.dates import parse_date
    from mentorcore.library import Library
    from mentorcore.loading import Loaded
    from mentorcore.model import Programme
    from mentorcore.plugins import PluginFailure, PluginManager, Registry

__all__ = [
    "DATE",
    "EXIT_INTERNAL",
    "EXIT_PROBLEMS",
    "EXIT_USAGE",
    "announce_outputs",
    "announce_written",
    "DateType",
    "Session",
    "current_session",
    "date_option",
    "force_option",
    "guarded",
    "lang_option",
    "load_model",
    "load_programme",
    "out_option",
    "parse_date",
    "report_error",
]

EXIT_PROBLEMS = 1
"""Exit status when the input has problems (a model with errors, a failing expectation)."""
EXIT_USAGE = 2
"""Exit status of a usage or I/O error (a missing file, an output that exists)."""
EXIT_INTERNAL = 3
"""Exit status of an internal error (a bug: please report it)."""

F = TypeVar("F", bound=Callable[..., Any])
_SESSION_KEY = "mentorcore.session"


class Session:
    """What the commands of one run share: the plugin set, the library, the language, ``--debug``.

    The plugin manager, the registry and the library are built on first use, once per run.
    """

    is_mentorcore_session = True
    """The mark by which :class:`mentorcore.library.Library` finds the run's registry."""

    def __init__(self, *, plugins_dir: str | Path | None = None, disabled: Iterable[str] = (),
                 language: str | None = None, debug: bool = False,
                 strict_plugins: bool | None = None) -> None:
        self.plugins_dir = plugins_dir
        """``--plugins-dir`` (``None``: ``MENTORCORE_PLUGINS_DIR``, if set)."""
        self.disabled: tuple[str, ...] = tuple(disabled)
        """The plugins ``--disable-plugin`` names."""
        self.language = language
        """``--lang`` as a language code, or ``None`` for the locale's."""
        self.debug = debug
        """``--debug``: tracebacks of internal errors and of failing plugins."""
        self.strict_plugins = strict_plugins
        """``--strict-plugins``: any plugin failure is an error (``None``:
        ``MENTORCORE_STRICT_PLUGINS``)."""
        self.extends_dirs: tuple[Path, ...] = ()
        """``--extends-dir``: folders ``extends:`` may name files in, besides the model's own."""

    @functools.cached_property
    def manager(self) -> PluginManager:
        """The plugin manager of the run (built-in plugins, entry points, ``--plugins-dir``)."""
        from mentorcore.plugins import build_plugin_manager

        return build_plugin_manager(self.plugins_dir, self.disabled, strict=self.strict_plugins,
                                    report=self.report_plugin_failure,
                                    warn=lambda diagnostic: click.echo(diagnostic.format(),
                                                                       err=True))

    def report_plugin_failure(self, failure: PluginFailure) -> None:
        """Print the one warning about a failed plugin on standard error (its traceback too
        with ``--debug``); an error under ``--strict-plugins``, which fails the run at its end
        (:meth:`strict_plugin_errors`)."""
        from mentorcore.plugins import strict_mode

        if self.debug and failure.error is not None:
            import traceback

            traceback.print_exception(failure.error, file=sys.stderr)
        severity = Severity.ERROR if strict_mode(self.strict_plugins) else Severity.WARNING
        click.echo(failure.diagnostic(severity).format(), err=True)

    def strict_plugin_errors(self) -> MentorcoreError | None:
        """Under ``--strict-plugins``, at the end of the command: one error listing every
        plugin that failed in the run (``None`` when none did, or the run is not strict)."""
        if "manager" not in vars(self) or not self.manager.strict:
            return None
        from mentorcore.plugins import strict_errors

        return strict_errors(self.registry)

    @functools.cached_property
    def registry(self) -> Registry:
        """Everything the plugins of the run provide."""
        from mentorcore.plugins import Registry

        return Registry(self.manager)

    @functools.cached_property
    def library(self) -> Library:
        """The models of the run: bundled and provided by its plugins."""
        from mentorcore.library import Library

        return Library(self.registry, extends_dirs=self.extends_dirs)

    def document_language(self, lang: str | None = None) -> str:
        """The language of a generated document: ``lang`` (a command's ``--lang``), else the
        global ``--lang``, else the locale's."""
        from mentorcore.languages import language

        return language(lang if lang is not None else self.language)

    def load(self, reference: str) -> Loaded:
        """The model ``reference`` (an id or a file), loaded with the plugins of the run;
        ``MentorcoreError`` with its problems when it has errors."""
        loaded = self.library.load(reference)
        if not loaded.ok:
            raise MentorcoreError(loaded.errors or loaded.diagnostics)
        return loaded


def current_session() -> Session:
    """The session of the running command. A command invoked outside the ``mentorcore`` group
    (e.g. a plugin's command in its own test) gets a session with the default options."""
    ctx = click.get_current_context()
    session = ctx.find_object(Session)
    if session is None:
        meta = ctx.find_root().meta
        session = meta.get(_SESSION_KEY)
        if session is None:
            session = meta[_SESSION_KEY] = Session()
    return session


def load_model(reference: str) -> Loaded:
    """The model ``reference`` (an id or a file) loaded with the run's plugins — honouring
    ``--plugins-dir`` and ``--disable-plugin`` — as a ``Loaded`` (``.programme``,
    ``.locate(diagnostics)``); ``MentorcoreError`` when it has errors."""
    return current_session().load(reference)


def load_programme(reference: str) -> Programme:
    """The programme of the model ``reference``, like :func:`load_model`."""
    programme = load_model(reference).programme
    assert programme is not None  # a loaded model without errors has its programme
    return programme


MAX_REPORTED = 100
"""Most problems :func:`report_error` prints; a count says how many more there are."""


def report_error(error: MentorcoreError) -> None:
    """Print the problems of ``error`` on standard error, one a line — at most
    :data:`MAX_REPORTED` of them, then how many more (``validate --format json`` lists all)."""
    for diagnostic in error.diagnostics[:MAX_REPORTED]:
        click.echo(diagnostic.format(), err=True)
    more = len(error.diagnostics) - MAX_REPORTED
    if more > 0:
        from mentorcore.i18n import ngettext

        click.echo(ngettext("... and {count} more problem (`mentorcore validate --format json` "
                            "lists every one)",
                            "... and {count} more problems (`mentorcore validate --format json` "
                            "lists every one)", more).format(count=more), err=True)


def guarded(command: F) -> F:
    """Decorate a command's function (below the click decorators) so that a
    :class:`~mentorcore.MentorcoreError` prints as messages (``FILE:LINE:COL: PATH: message
    [RULE]``) and exits with its code (1 problems, 2 usage or I/O); ``Ctrl-C`` exits 130, a
    closed pipe quietly; any other exception is one line and exit 3 (a traceback with
    ``--debug``)."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        session = click.get_current_context().find_object(Session)
        debug = bool(session and session.debug)
        from mentorcore import reads

        reads.forget()  # a new run: its inputs are the files this command reads
        try:
            return command(*args, **kwargs)
        except MentorcoreError as error:
            if debug:
                _debug_traceback(error)
            report_error(error)
            sys.exit(error.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except BrokenPipeError:  # the reader went away (e.g. `| head`): stop quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo(_("interrupted"), err=True)
            sys.exit(130)
        except UnicodeEncodeError as error:  # e.g. PYTHONIOENCODING=ascii
            if debug:
                import traceback

                traceback.print_exc()
            from mentorcore import checks

            report_error(MentorcoreError.single(
                checks.IO, _("the output cannot be shown in the terminal's character set "
                          "({encoding})").format(encoding=error.encoding), exit_code=EXIT_USAGE,
                hint=_("use a UTF-8 locale or PYTHONIOENCODING=utf-8, or write to a file with "
                       "--out")))
            sys.exit(EXIT_USAGE)
        except OSError as error:  # the system refused: a full disk, a read-only folder
            if debug:
                import traceback

                traceback.print_exc()
            from mentorcore import checks

            reason = error.strerror or str(error)
            report_error(MentorcoreError.single(
                checks.IO, _("cannot read or write: {reason}").format(reason=reason),
                file=error.filename if isinstance(error.filename, str) else None,
                exit_code=EXIT_USAGE))
            sys.exit(EXIT_USAGE)
        except Exception as error:  # noqa: BLE001 - the last line of defence
            if debug:
                import traceback

                traceback.print_exc()
            plugin = _command_plugin()
            if plugin is not None:  # a plugin's command: the plugin's bug, named
                from mentorcore.plugins import PluginFailure, callable_name

                command_name = click.get_current_context().command.name
                failure = PluginFailure(
                    plugin=plugin, where=_("command {name}").format(name=command_name),
                    reason=_("plugin {plugin} failed in command {name} ({function}): "
                             "{error}").format(
                        plugin=_describe(plugin), name=command_name,
                        function=callable_name(command),
                        error=f"{type(error).__name__}: {error}"),
                    hint=_("report it to the plugin's authors; run with --debug for the "
                           "traceback"))
                click.echo(failure.diagnostic(Severity.ERROR).format(), err=True)
                sys.exit(EXIT_PROBLEMS)
            click.echo(_("internal error: {error} (run with --debug for the traceback, and "
                         "please report it)").format(error=f"{type(error).__name__}: {error}"),
                       err=True)
            sys.exit(EXIT_INTERNAL)

    return run  # type: ignore[return-value]


def _debug_traceback(error: BaseException) -> None:
    """``--debug``: the traceback of ``error`` and, when it comes from a failure of plugin
    code (however the engine re-raised it), the plugin's own traceback — its frames."""
    import traceback

    traceback.print_exception(error, file=sys.stderr)
    shown: set[int] = set()  # what print_exception showed: the chain up to a `from None`
    current: BaseException | None = error
    while current is not None and id(current) not in shown:
        shown.add(id(current))
        current = current.__cause__ or (None if current.__suppress_context__
                                        else current.__context__)
    seen: set[int] = set()
    current = error
    last: BaseException | None = None
    plugin = False
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        failure = getattr(current, "failure", None)
        original = getattr(failure, "error", None)
        if isinstance(original, BaseException):
            last, plugin = original, True
            break
        last = current
        current = current.__cause__ or current.__context__
    if last is not None and id(last) not in shown:
        click.echo(_("The plugin's traceback:") if plugin else
                   _("The traceback of the error behind it:"), err=True)
        import traceback

        traceback.print_exception(last, file=sys.stderr)


def _command_plugin() -> str | None:
    """The plugin (not a built-in one) that added the running command, if any."""
    from mentorcore.plugins import owner_of

    ctx = click.get_current_context(silent=True)
    if ctx is None:
        return None
    plugin = owner_of(ctx.command)
    session = ctx.find_object(Session)
    if plugin is None or (session is not None and "manager" in vars(session)
                          and session.manager.is_builtin(plugin)):
        return None
    return plugin if not plugin.startswith("mentorcore.") else None


def _describe(plugin: str) -> str:
    ctx = click.get_current_context(silent=True)
    session = ctx.find_object(Session) if ctx is not None else None
    if session is not None and "manager" in vars(session):
        return session.manager.describe(plugin)
    return f"'{plugin}'"


# -- dates -------------------------------------------------------------------------------------

class DateType(click.ParamType):
    """The click type of a date option: :func:`parse_date`."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        from mentorcore.dates import parse_date  # when a date is given, not at every start

        try:
            return parse_date(str(value))
        except ValueError as error:
            self.fail(str(error), param, ctx)


DATE = DateType()


# -- the common options ------------------------------------------------------------------------

_OUTS_KEY = "mentorcore.outs"
_ANNOUNCED_KEY = "mentorcore.announced"


def _record_out(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    if value is not None and str(value) != "-":
        ctx.find_root().meta.setdefault(_OUTS_KEY, []).append(Path(value))
    return value


def out_option(help: str = N_("Write to FILE instead of standard output."), *,
               allow_dash: bool = False) -> Callable[[F], F]:
    """``--out FILE`` (a ``Path``, or ``None`` for standard output; ``allow_dash``: ``-`` too).
    When the command succeeds, ``wrote FILE`` is said on standard error (see
    :func:`announce_written`)."""
    return click.option("--out", type=click.Path(dir_okay=False, allow_dash=allow_dash,
                                                 path_type=Path),
                        default=None, metavar=N_("FILE"), help=help, callback=_record_out)


def announce_written(path: str | Path, message: str | None = None) -> None:
    """Say on standard error that ``path`` was written — ``message`` or ``wrote FILE`` — once
    per file and run: a command that says so itself is not repeated by the ``--out`` of
    :func:`out_option`, which the group says for every command that succeeded."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        announced = ctx.find_root().meta.setdefault(_ANNOUNCED_KEY, set())
        key = os.path.abspath(path)
        if key in announced:
            return
        announced.add(key)
    click.echo(message if message is not None else _("wrote {path}").format(path=path),
               err=True)


def announce_outputs(ctx: click.Context) -> None:
    """``wrote FILE`` for each ``--out`` of the run that exists (called when a command
    succeeded)."""
    for path in ctx.find_root().meta.get(_OUTS_KEY, []):
        if path.exists():
            announce_written(path)


def force_option() -> Callable[[F], F]:
    """``--force``: replace ``--out`` if it exists."""
    return click.option("--force", is_flag=True, help=N_("Replace --out if it exists."))


def lang_option() -> Callable[[F], F]:
    """``--lang CODE`` of a command that writes a document (``lang``; ``None``: the global
    ``--lang``); :meth:`Session.document_language` gives the language to use."""
    return click.option("--lang", "lang", metavar=N_("CODE"),
                        help=N_("Language of the document: fi, sv or en [default: the global "
                                "--lang, else the locale, else en]."))


def date_option(*param_decls: str, help: str) -> Callable[[F], F]:
    """A date option (``--start``): a ``datetime.date`` or ``None``, parsed by
    :func:`parse_date`."""
    return click.option(*param_decls, type=DATE, default=None, metavar=N_("YYYY-MM-DD"), help=help)


def __getattr__(name: str) -> object:
    if name == "parse_date":  # the one date parser, imported when first asked for
        from mentorcore.dates import parse_date

        return parse_date
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
