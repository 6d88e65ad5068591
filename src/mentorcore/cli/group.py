"""The ``mentorcore`` click group: the global options, and every command from the
``register_commands`` hook (the built-in ones in :mod:`mentorcore.commands` like a plugin's)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from mentorcore.cli import startup
from mentorcore.cli.completion import add_completion, complete_languages
from mentorcore.cli.help import HelpMixin, name_metavars
from mentorcore.cli.session import Session, announce_outputs, guarded, report_error
from mentorcore.diagnostics import MentorcoreError
from mentorcore.dialects import CLI_DIALECT, DIALECT_NAMES, use_dialect
from mentorcore.i18n import N_

if TYPE_CHECKING:
    from mentorcore.plugins import PluginManager

__all__ = ["PluginGroup", "cli"]

_ARGS_KEY = "mentorcore.args"
_COMMANDS_KEY = "mentorcore.commands"
_REPLACED_KEY = "mentorcore.commands.replaced"


class _Commands(click.Group):
    """Collects what the ``register_commands`` implementations add, each with the plugin that
    added it. Command names are owned: a name two plugins add is an error naming both (the
    later plugin is disabled), unless the later one says ``cli.add_command(command,
    replace=True)``; a plugin's command is attributed to it when it fails."""

    def __init__(self) -> None:
        super().__init__()
        self.added: list[tuple[str, str, click.Command, bool]] = []

    def add_command(self, cmd: click.Command, name: str | None = None, *,
                    replace: bool = False) -> None:
        from mentorcore.plugins import current_plugin

        if not isinstance(cmd, click.Command):
            from mentorcore.i18n import _
            from mentorcore.plugins import PluginError, PluginFailure

            plugin = current_plugin() or "?"
            raise PluginError(PluginFailure(
                plugin=plugin, where="register_commands",
                reason=_("plugin '{plugin}' added {kind} {value}, not a click command").format(
                    plugin=plugin, kind=type(cmd).__name__, value=f"{cmd!r:.40}")))
        self.added.append((current_plugin() or "?", name or cmd.name or "", cmd, replace))

    def resolve(self, manager: PluginManager) -> dict[str, click.Command]:
        """The commands by name, in the order the plugins were registered."""
        from mentorcore import checks
        from mentorcore.i18n import _
        from mentorcore.plugins import PluginFailure, own

        order = {impl.plugin_name: index for index, impl in enumerate(
            manager.hook.register_commands.get_hookimpls())}
        kept: dict[str, tuple[str, click.Command]] = {}
        self.replaced: dict[str, str] = {}
        for plugin, name, cmd, replace in sorted(self.added, key=lambda a: order.get(a[0], 0)):
            if manager.failed(plugin):
                continue
            earlier = kept.get(name)
            if earlier is not None and not (replace and earlier[0] != plugin):
                manager.fail(PluginFailure(
                    plugin=plugin, where="register_commands", rule=checks.NAME_COLLISION.id,
                    reason=_("plugin {plugin} registers the command '{name}', which plugin "
                             "{other} already provides").format(
                        plugin=manager.describe(plugin), name=name,
                        other=manager.describe(earlier[0])),
                    hint=_("choose another name, or cli.add_command(command, replace=True) to "
                           "replace it deliberately")))
                continue
            if earlier is not None:
                self.replaced[name] = earlier[0]
            kept[name] = (plugin, cmd)
            own(manager, plugin, cmd)
            if not manager.is_builtin(plugin) and cmd.callback is not None \
                    and not getattr(cmd.callback, "_mentorcore_guarded", False):
                cmd.callback = guarded(cmd.callback)  # its failures named as the plugin's
                cmd.callback._mentorcore_guarded = True  # type: ignore[attr-defined]
        return {name: cmd for name, (plugin, cmd) in kept.items()
                if not manager.failed(plugin)}


def collect_commands(manager: PluginManager) -> dict[str, click.Command]:
    """The commands the plugins of ``manager`` add, by name (``register_commands`` called
    through pluggy's hook caller; names owned as :class:`_Commands` says)."""
    from mentorcore.plugins import call_hook

    collector = _Commands()
    call_hook(manager, "register_commands", cli=collector)
    return {name: _loaded(manager, command)
            for name, command in collector.resolve(manager).items()}


def _loaded(manager: PluginManager, command: click.Command) -> click.Command:
    """``command`` itself, or the real command of a built-in module's placeholder (the module
    imported now: :mod:`mentorcore.builtins.commands`), owned by that module's plugin."""
    from mentorcore.builtins.commands import LazyCommand
    from mentorcore.plugins import own

    if not isinstance(command, LazyCommand):
        return command
    real = command.load()
    own(manager, command.module_name, real)
    return real


class PluginGroup(HelpMixin, click.Group):
    """A click group whose commands come from the ``register_commands`` hook; its help in the
    language of the run (:mod:`mentorcore.cli.help`)."""

    def session(self, ctx: click.Context) -> Session:
        """The session of the run: the group's options once parsed; while ``--help`` is
        answered (before the other options are processed), the plugin options as given."""
        root = ctx.find_root()
        if not isinstance(root.obj, Session):
            if "plugins_dir" in root.params:
                plugins_dir, disabled = root.params["plugins_dir"], root.params["disabled"]
                debug = bool(root.params.get("debug"))
                strict = root.params.get("strict_plugins") or None
            else:
                args = root.meta.get(_ARGS_KEY, ())
                given = startup.global_options(args, os.environ)
                plugins_dir, disabled = given.plugins_dir, given.disabled
                debug, strict = "--debug" in args, ("--strict-plugins" in args) or None
            root.obj = Session(plugins_dir=plugins_dir, disabled=disabled or (), debug=debug,
                               strict_plugins=strict)
        return root.obj

    def _plugin_commands(self, ctx: click.Context) -> dict[str, click.Command]:
        root = ctx.find_root()
        if _COMMANDS_KEY not in root.meta:
            from mentorcore.plugins import call_hook

            collector = _Commands()
            try:
                manager = self.session(ctx).manager
                call_hook(manager, "register_commands", cli=collector)
                resolved = collector.resolve(manager)
            except MentorcoreError as error:
                report_error(error)
                ctx.exit(error.exit_code)
            root.meta[_COMMANDS_KEY] = resolved
            root.meta[_REPLACED_KEY] = collector.replaced
        commands: dict[str, click.Command] = root.meta[_COMMANDS_KEY]
        return commands

    def _command(self, ctx: click.Context, name: str) -> click.Command | None:
        """The command ``name`` of the plugins, ready to run: a built-in module's placeholder
        replaced by the real command (its module imported only now), with completion and
        metavars in the run's language."""
        commands = self._plugin_commands(ctx)
        command = commands.get(name)
        if command is not None and not getattr(command, "_mentorcore_ready", False):
            command = commands[name] = _loaded(self.session(ctx).manager, command)
            add_completion(command)  # model ids and --lang codes (cli/completion.py)
            name_metavars(command)  # FILE, MODEL in the run's language (cli/help.py)
            command._mentorcore_ready = True  # type: ignore[attr-defined]
        return command

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta[_ARGS_KEY] = tuple(args)
        try:
            return super().parse_args(ctx, args)
        except click.exceptions.Exit as done:  # `mentorcore --help`, answered while parsing
            if done.exit_code == 0:
                self._strict_end(ctx, 0)  # a plugin that failed listing the commands fails it
            raise

    def invoke(self, ctx: click.Context) -> Any:
        """Run with the messages of library code in the language of ``--lang`` or the locale
        (an unknown ``--lang`` is reported by the group's callback), then restore the language."""
        from mentorcore import i18n

        try:
            code = i18n.language(ctx.params.get("language"))
        except i18n.UnknownLanguage:
            code = i18n.locale_language()
        previous = i18n.use(code)
        try:
            result = super().invoke(ctx)
        except SystemExit as done:
            if done.code in (0, None):
                announce_outputs(ctx)  # every --out written says so on stderr
            self._strict_end(ctx, done.code)
            raise
        except click.exceptions.Exit as done:
            if done.exit_code == 0:
                announce_outputs(ctx)
            self._strict_end(ctx, done.exit_code)
            raise
        else:
            announce_outputs(ctx)
            self._strict_end(ctx, 0)
            return result
        finally:
            i18n.use(previous)

    def _strict_end(self, ctx: click.Context, code: object) -> None:
        """Under ``--strict-plugins``: every plugin failure of the run was reported as an error
        when it happened; now one more line counts them and the run exits 1 (or the command's
        own non-zero status)."""
        session = ctx.find_root().obj
        if not isinstance(session, Session) or code == 130:  # interrupted: stop at once
            return
        error = session.strict_plugin_errors()
        if error is not None:
            report_error(error)
            sys.exit(code if isinstance(code, int) and code != 0 else error.exit_code)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self._plugin_commands(ctx)))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        return super().get_command(ctx, name) or self._command(ctx, name)

    def get_help(self, ctx: click.Context) -> str:
        text = super().get_help(ctx)
        startup.record_help(text)  # for the next `mentorcore --help`, when main() asked
        return text


def _show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """``--version``: click's message, in the language of the run (as the quick answer of
    :func:`mentorcore.cli.startup.answer_quickly` gives it)."""
    if not value or ctx.resilient_parsing:
        return
    from mentorcore.cli.help import run_language

    click.echo(startup.version_text(run_language(ctx.meta.get(_ARGS_KEY, ())), os.environ))
    ctx.exit()


@click.group(cls=PluginGroup, context_settings={"help_option_names": ["-h", "--help"],
                                                "max_content_width": 100}, help=N_(
    "Executable models of mentoring programmes: validate, show, match, simulate, render.\n"
    "\n"
    "\b\n"
    "Examples:\n"
    "  mentorcore list\n"
    "  mentorcore show auroras-vaasa\n"
    "  mentorcore validate my-adaptation.yaml"))
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=_show_version, help=N_("Show the version and exit."))
@click.option("--plugins-dir", type=click.Path(file_okay=False), envvar="MENTORCORE_PLUGINS_DIR",
              help=N_("Load single-file plugins (*.py) from this directory "
                      "[env: MENTORCORE_PLUGINS_DIR]."))
@click.option("--disable-plugin", "disabled", multiple=True, metavar=N_("NAME"),
              envvar="MENTORCORE_DISABLE_PLUGINS",
              help=N_("Do not load the plugin NAME (repeatable) [env: MENTORCORE_DISABLE_PLUGINS, "
                      "names separated by spaces]."))
@click.option("--lang", "language", default=None, metavar=N_("CODE"),
              shell_complete=complete_languages,
              help=N_("Language of messages, documents and model texts: fi, sv or en "
                      "[default: from the locale (LANG…), else en]."))
@click.option("--strict-plugins", is_flag=True, envvar="MENTORCORE_STRICT_PLUGINS",
              help=N_("Make any plugin failure an error instead of a warning that disables the "
                      "plugin (for plugin authors' CI) [env: MENTORCORE_STRICT_PLUGINS=1]."))
@click.option("--extends-dir", "extends_dirs", multiple=True, metavar=N_("DIR"),
              type=click.Path(file_okay=False, exists=True, path_type=Path),
              help=N_("Let `extends:` name model files under DIR too (repeatable) [default: only "
                      "the folder of the model that extends, and below it]."))
@click.option("--csv-dialect", type=click.Choice(list(DIALECT_NAMES)), default=CLI_DIALECT,
              envvar="MENTORCORE_CSV_DIALECT", show_default=True,
              help=N_("CSV files as Excel with Finnish or Swedish settings opens them (UTF-8 mark, "
                      "';', decimal comma), or plain RFC 4180 CSV for programs (',', decimal "
                      "point) [env: MENTORCORE_CSV_DIALECT]."))
@click.option("--debug", is_flag=True,
              help=N_("Show tracebacks of internal errors and of failing plugins."))
@click.pass_context
def cli(ctx: click.Context, plugins_dir: str | None, disabled: tuple[str, ...],
        language: str | None, strict_plugins: bool, extends_dirs: tuple[Path, ...],
        csv_dialect: str, debug: bool) -> None:
    if language is not None:
        from mentorcore.languages import check_language

        try:
            language = check_language(language)
        except MentorcoreError as error:
            report_error(error)
            ctx.exit(error.exit_code)
    use_dialect(csv_dialect)
    assert isinstance(ctx.command, PluginGroup)
    session = ctx.command.session(ctx)
    session.language, session.debug = language, debug
    session.extends_dirs = extends_dirs
