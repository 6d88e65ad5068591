"""Help texts in the language of the run: the one place where ``--help`` is translated.

The built-in commands are :class:`HelpCommand` (``@click.command(cls=HelpCommand)``) and the
``mentorcore`` group a :class:`HelpMixin` too. Their help texts — the command's ``help``, each
option's and argument's ``help`` — are English in the code, marked for extraction with
:func:`mentorcore.i18n.N_`, and looked up in the catalog when the help is shown, never at import
time; click's own words ("Usage:", "Options", "Show this message and exit.", "[default: …]")
are in the catalog too (:data:`CLICK_WORDS`). A text the catalog lacks — a plugin's command's —
is shown as it is given.

The language is :func:`help_language`'s: ``--lang`` after the command name (``mentorcore
simulate --help --lang sv``: read before click answers ``--help``), else the global ``--lang``
(``mentorcore --lang fi simulate --help``), else the locale (``LANGUAGE``, ``LC_ALL``,
``LC_MESSAGES``, ``LANG``). Every :class:`HelpCommand` without a ``--lang`` of its own takes
the global one after its name as well (:func:`run_language_option`).

The metavars — ``MODEL``, ``FILE``, ``YYYY-MM-DD``, ``ID=VALUE`` in ``--help`` and in click's
messages ("Missing argument 'MODEL'") — are English ids too, translated in the same language
when click writes them (:func:`name_metavars`, for every command of the group): an option's own
``metavar=N_("FILE")``, an argument's name (:data:`ARGUMENT_METAVARS`) and click's type names
(:data:`mentorcore.cli.click_messages.CLICK_METAVARS`). A choice's values (``[table|json]``)
are what the user types and stay as they are.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from typing import Any

import click

from mentorcore.i18n import N_

__all__ = ["ARGUMENT_METAVARS", "CLICK_WORDS", "HelpCommand", "HelpMixin", "help_language",
           "metavar_text", "name_metavars", "run_language", "run_language_option", "translate"]

CLICK_WORDS = (
    N_("Usage:"), N_("Options"), N_("Commands"), N_("Positional arguments"),
    N_("Show this message and exit."), N_("Show the version and exit."),
    N_("env var: {var}"), N_("default: {default}"), N_("required"), N_("(dynamic)"),
)
"""The words of click's help that mentorcore's catalog translates."""

ARGUMENT_METAVARS = (
    N_("MODEL"), N_("MODELS"), N_("BASE"), N_("OTHER"), N_("PARTICIPANTS"), N_("FILES"),
)
"""The metavars click makes of the built-in commands' arguments, from their names (``model`` →
``MODEL``; an option's metavar is marked where it is given: ``metavar=N_("FILE")``)."""

_LANGUAGE_KEY = "mentorcore.help.language"
_ARGS_KEY = "mentorcore.args"  # the group's arguments (mentorcore.cli.group)


HELP_TEXT = N_("Show this message and exit.")
"""The text of click's ``--help``."""


def _name_paths(command: click.Command) -> None:
    """Name what each ``click.Path`` parameter of ``command`` expects — "file", "directory",
    "path", in its messages ("Directory '…' does not exist.") and its metavar — in the language
    of this run: click names it once, when the parameter is made, in the language of that
    moment (English for the group's options, made at import; the first run's for a command)."""
    import gettext

    for param in command.params:
        if isinstance(param.type, click.Path):  # click's message ids, in our catalogs
            param.type.name = gettext.gettext(_path_word(param.type))


def _path_word(kind: click.Path) -> str:
    return ("file" if kind.file_okay and not kind.dir_okay else
            "directory" if kind.dir_okay and not kind.file_okay else "path")


def metavar_text(metavar: str, ctx: click.Context | None = None) -> str:
    """A metavar as click made it (``MODEL``, ``[FILES]...``, ``ID=VALUE``) in the language of
    the help; the brackets of an optional argument and the ``...`` of a repeated one stay."""
    if not metavar or help_language(ctx) == "en":
        return metavar
    whole = translate(metavar, ctx)
    if whole != metavar:
        return whole
    core, repeated = (metavar[:-3], "...") if metavar.endswith("...") else (metavar, "")
    optional = core.startswith("[") and core.endswith("]")
    core = core[1:-1] if optional else core
    word = translate(core, ctx)
    return f"[{word}]{repeated}" if optional else f"{word}{repeated}"


def name_metavars(command: click.Command) -> click.Command:
    """Have each parameter of ``command`` (and of its subcommands) write its metavar in the
    language of the help it is shown in (:func:`metavar_text`): in ``--help``, in the usage
    line and in click's messages that name an argument."""
    for param in command.params:
        if getattr(param, "mentorcore_metavar", False):
            continue
        made = param.make_metavar

        def make_metavar(ctx: click.Context | None = None, made: Any = made,
                         kind: Any = param.type) -> str:
            if isinstance(kind, click.Path):  # named in the help's language, whatever ran last
                kind.name = translate(_path_word(kind), ctx)
            return metavar_text(made(ctx), ctx)

        param.make_metavar = make_metavar  # type: ignore[method-assign]
        param.mentorcore_metavar = True  # type: ignore[attr-defined]
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            name_metavars(sub)
    return command


def _lang_after(args: Sequence[str]) -> str | None:
    """The value of the last ``--lang`` in ``args`` (before a ``--``), as click will read it."""
    found = None
    for index, token in enumerate(args):
        if token == "--":
            break
        if token == "--lang" and index + 1 < len(args):
            found = args[index + 1]
        elif token.startswith("--lang="):
            found = token.partition("=")[2]
    return found


def help_language(ctx: click.Context | None) -> str:
    """The language of the help shown in ``ctx``: the command's ``--lang``, the global
    ``--lang``, the locale; English outside a run of the command line (the Python API, e.g.
    :mod:`mentorcore.clidoc`), unless :func:`mentorcore.i18n.use` said otherwise."""
    from mentorcore import i18n

    if ctx is None:
        return i18n.current()
    meta = ctx.meta
    candidates = [meta.get(_LANGUAGE_KEY)]
    if _ARGS_KEY in meta:
        from mentorcore.cli.startup import global_options

        candidates.append(global_options(meta[_ARGS_KEY], {}).language)
    for code in candidates:
        if code:
            try:
                return i18n.supported(code)
            except i18n.UnknownLanguage:
                pass  # reported when the option is processed
    return i18n.locale_language() if _ARGS_KEY in meta else i18n.current()


def translate(text: str, ctx: click.Context | None = None) -> str:
    """``text`` (a help text or one of click's words) in the language of the help; a text the
    catalog lacks stays as it is. A docstring is looked up as written and as cleaned."""
    if not text:
        return text
    code = help_language(ctx if ctx is not None else click.get_current_context(silent=True))
    if code == "en":
        return text
    from mentorcore.i18n import translator

    gettext = translator(code)
    translated = gettext(text)
    if translated == text:
        translated = gettext(inspect.cleandoc(text))
    return translated


def _option_record(param: click.Option, ctx: click.Context) -> tuple[str, str] | None:
    """:meth:`click.Option.get_help_record`, translated."""
    if param.hidden:
        return None
    text = translate(param.help or "", ctx)
    extra = param.get_help_extra(ctx)
    items = []
    if "envvars" in extra:
        items.append(translate("env var: {var}", ctx).format(var=", ".join(extra["envvars"])))
    if "default" in extra:
        default = extra["default"]
        default = translate("(dynamic)", ctx) if default == "(dynamic)" else default
        items.append(translate("default: {default}", ctx).format(default=default))
    if "range" in extra:
        items.append(extra["range"])
    if "required" in extra:
        items.append(translate("required", ctx))
    if items:
        joined = "; ".join(items)
        text = f"{text}  [{joined}]" if text else f"[{joined}]"
    return param.get_help_spec(ctx), text


def run_language(args: Sequence[str]) -> str:
    """The language of a run of the command line with ``args``, read before click parses them:
    the last ``--lang`` (before the command name or after it; the later one wins, as the
    options do), else the locale; an unknown code counts as none (it is reported as E104)."""
    from mentorcore import i18n

    code = _lang_after(args)
    if code is not None:
        try:
            return i18n.supported(code)
        except i18n.UnknownLanguage:
            pass
    return i18n.locale_language()


class HelpMixin:
    """Formats a click command's help in the language of the run (see the module), and makes
    click's own messages ("Usage:", "Error: No such option …", "Missing argument …") speak it
    (:meth:`main`)."""

    help: str | None
    short_help: str | None
    epilog: str | None

    def main(self, args: Sequence[str] | None = None, *rest: Any, **kwargs: Any) -> Any:
        """:meth:`click.Command.main` with click's own messages in the language of the run
        (:func:`run_language`, :func:`mentorcore.i18n.libraries_speak`): the usage errors
        click finds while parsing, before any option is processed, included."""
        import sys

        from mentorcore.i18n import libraries_speak

        restore = libraries_speak(run_language(sys.argv[1:] if args is None else args))
        try:
            return super().main(args, *rest, **kwargs)  # type: ignore[misc]
        finally:
            restore()

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        code = _lang_after(args)
        if code is not None:  # before click answers --help, which may come first
            ctx.meta[_LANGUAGE_KEY] = code
        _name_paths(self)  # type: ignore[arg-type]
        name_metavars(self)  # type: ignore[arg-type]
        return super().parse_args(ctx, args)  # type: ignore[misc]

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        """click's ``--help``, its text the English id whatever language made it: click makes
        the option once, with its text translated then, and keeps it; :func:`translate` gives
        the text in the language of each help shown. Made again when this context names it
        otherwise than the one it was made for (``-h, --help`` under the group; ``--help`` for
        the command run alone, e.g. ``command.main()`` in the same process)."""
        option: click.Option | None = super().get_help_option(ctx)  # type: ignore[misc]
        names = self.get_help_option_names(ctx)  # type: ignore[attr-defined]
        if option is not None and set(option.opts) != set(names) \
                and getattr(self, "_help_option", None) is option:
            vars(self)["_help_option"] = None  # click's cache of the one it made
            option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_TEXT
        return option

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = [translate(piece, ctx)  # [OPTIONS], COMMAND [ARGS]... (CLICK_METAVARS)
                  for piece in self.collect_usage_pieces(ctx)]  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces),
                              prefix=translate("Usage:", ctx) + " ")

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        original = self.help
        self.help = translate(original, ctx) if original else original
        try:
            super().format_help_text(ctx, formatter)  # type: ignore[misc]
        finally:
            self.help = original

    def get_short_help_str(self, limit: int = 45) -> str:
        original = self.help, self.short_help
        self.help = translate(self.help) if self.help else self.help
        self.short_help = translate(self.short_help) if self.short_help else self.short_help
        try:
            return super().get_short_help_str(limit)  # type: ignore[misc]
        finally:
            self.help, self.short_help = original

    def format_arguments(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        arguments = [param for param in self.get_params(ctx)  # type: ignore[attr-defined]
                     if isinstance(param, click.Argument)]
        if any(argument.help is not None for argument in arguments):
            with formatter.section(translate("Positional arguments", ctx)):
                formatter.write_dl([(argument.make_metavar(ctx),
                                     translate(argument.help or "", ctx))
                                    for argument in arguments])

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for param in self.get_params(ctx):  # type: ignore[attr-defined]
            if isinstance(param, click.Option):
                record = _option_record(param, ctx)
            elif isinstance(param, click.Argument):
                record = None
            else:
                record = param.get_help_record(ctx)
            if record is not None:
                rows.append(record)
        if rows:
            with formatter.section(translate("Options", ctx)):
                formatter.write_dl(rows)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        assert isinstance(self, click.Group)
        commands = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                commands.append((name, command))
        if commands:
            limit = formatter.width - 6 - max(len(name) for name, _ in commands)
            with formatter.section(translate("Commands", ctx)):
                formatter.write_dl([(name, command.get_short_help_str(limit))
                                    for name, command in commands])

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        original = self.epilog
        if original:
            self.epilog = translate(original, ctx)
        try:
            super().format_epilog(ctx, formatter)  # type: ignore[misc]
        finally:
            if original:
                self.epilog = original


def _use_run_language(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """``--lang`` after the command name: the run's language, as the global ``--lang``."""
    if value is None or ctx.resilient_parsing:
        return
    from mentorcore import i18n
    from mentorcore.cli.session import current_session, report_error
    from mentorcore.diagnostics import MentorcoreError
    from mentorcore.languages import check_language

    try:
        code = check_language(value)
    except MentorcoreError as error:
        report_error(error)
        ctx.exit(error.exit_code)
    current_session().language = code
    i18n.use(code)  # the group restores the language when the run ends


def run_language_option() -> click.Option:
    """The ``--lang CODE`` of a command that has none of its own."""
    from mentorcore.cli.completion import complete_languages

    return click.Option(["--lang", "run_language"], metavar=N_("CODE"), expose_value=False,
                        is_eager=True, callback=_use_run_language,
                        shell_complete=complete_languages,
                        help=N_("Language of messages and of this help: fi, sv or en, as the "
                                "global --lang [default: the global --lang, else the locale, "
                                "else en]."))


class HelpCommand(HelpMixin, click.Command):
    """A built-in command: help in the language of the run, and ``--lang`` after its name."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not any("--lang" in getattr(param, "opts", ()) for param in self.params):
            self.params.append(run_language_option())
