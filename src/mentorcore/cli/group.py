"""The ``mentorcore`` click group: the global options, and every command from the
``register_commands`` hook (the built-in ones in :mod:`mentorcore.commands` like a plugin's)."""

from __future__ import annotations

import os
from typing import Any

import click

from mentorcore.cli import startup
from mentorcore.cli.session import Session, report_error
from mentorcore.diagnostics import MentorcoreError
from mentorcore.version import __version__

__all__ = ["PluginGroup", "cli"]

_ARGS_KEY = "mentorcore.args"
_COMMANDS_KEY = "mentorcore.commands"


class _Commands(click.Group):
    """Collects what the ``register_commands`` implementations add. pluggy calls the most
    recently registered plugin first; the first command of a name is kept, so a plugin
    registered later (an entry point, a file in ``--plugins-dir``) replaces a built-in one."""

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        name = name or cmd.name
        if name not in self.commands:
            super().add_command(cmd, name)


class PluginGroup(click.Group):
    """A click group whose commands come from the ``register_commands`` hook."""

    def session(self, ctx: click.Context) -> Session:
        """The session of the run: the group's options once parsed; while ``--help`` is
        answered (before the other options are processed), the plugin options as given."""
        root = ctx.find_root()
        if not isinstance(root.obj, Session):
            if "plugins_dir" in root.params:
                plugins_dir, disabled = root.params["plugins_dir"], root.params["disabled"]
            else:
                given = startup.global_options(root.meta.get(_ARGS_KEY, ()), os.environ)
                plugins_dir, disabled = given.plugins_dir, given.disabled
            root.obj = Session(plugins_dir=plugins_dir, disabled=disabled or ())
        return root.obj

    def _plugin_commands(self, ctx: click.Context) -> dict[str, click.Command]:
        root = ctx.find_root()
        if _COMMANDS_KEY not in root.meta:
            from mentorcore.plugins import call_hook

            collector = _Commands()
            try:
                call_hook(self.session(ctx).manager, "register_commands", cli=collector)
            except MentorcoreError as error:
                report_error(error)
                ctx.exit(error.exit_code)
            root.meta[_COMMANDS_KEY] = dict(collector.commands)
        commands: dict[str, click.Command] = root.meta[_COMMANDS_KEY]
        return commands

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta[_ARGS_KEY] = tuple(args)
        return super().parse_args(ctx, args)

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
            return super().invoke(ctx)
        finally:
            i18n.use(previous)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self._plugin_commands(ctx)))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        return super().get_command(ctx, name) or self._plugin_commands(ctx).get(name)

    def get_help(self, ctx: click.Context) -> str:
        text = super().get_help(ctx)
        startup.record_help(text)  # for the next `mentorcore --help`, when main() asked
        return text


@click.group(cls=PluginGroup, context_settings={"help_option_names": ["-h", "--help"],
                                                "max_content_width": 100})
@click.version_option(__version__, prog_name="mentorcore")
@click.option("--plugins-dir", type=click.Path(file_okay=False), envvar="MENTORCORE_PLUGINS_DIR",
              help="Load single-file plugins (*.py) from this directory "
                   "[env: MENTORCORE_PLUGINS_DIR].")
@click.option("--disable-plugin", "disabled", multiple=True, metavar="NAME",
              envvar="MENTORCORE_DISABLE_PLUGINS",
              help="Do not load the plugin NAME (repeatable) [env: MENTORCORE_DISABLE_PLUGINS, "
                   "names separated by spaces].")
@click.option("--lang", "language", default=None, metavar="CODE",
              help="Language of messages, documents and model texts: fi, sv or en "
                   "[default: from the locale (LANG…), else en].")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@click.pass_context
def cli(ctx: click.Context, plugins_dir: str | None, disabled: tuple[str, ...],
        language: str | None, debug: bool) -> None:
    """Executable models of mentoring programmes: validate, show, match, simulate, render.

    \b
    Examples:
      mentorcore list
      mentorcore show auroras-vaasa
      mentorcore validate my-adaptation.yaml
    """
    if language is not None:
        from mentorcore.languages import check_language

        try:
            language = check_language(language)
        except MentorcoreError as error:
            report_error(error)
            ctx.exit(error.exit_code)
    assert isinstance(ctx.command, PluginGroup)
    session = ctx.command.session(ctx)
    session.language, session.debug = language, debug
