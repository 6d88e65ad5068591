"""The ``mentorcore`` command line: a thin shell over the library functions."""

from __future__ import annotations

import functools
import json
import os
import sys
import traceback
from collections.abc import Callable
from typing import Any

import click

from mentorcore import __version__
from mentorcore.diagnostics import Diagnostic, MentorcoreError
from mentorcore.i18n import _

EXIT_PROBLEMS = 1
EXIT_USAGE = 2
MAX_SHOWN = 100
"""Most problems of one model printed as text (JSON output has them all)."""


def _plugin_manager(ctx: click.Context) -> Any:
    """The plugin manager of this run, built once from the group's options."""
    root = ctx.find_root()
    if "mentorcore.manager" not in root.meta:
        from mentorcore.plugins import build_plugin_manager

        root.meta["mentorcore.manager"] = build_plugin_manager(
            root.params.get("plugins_dir"), root.params.get("disabled") or ())
    return root.meta["mentorcore.manager"]


class Session:
    """What the commands of one run share: the plugin set, the library, the language."""

    def __init__(self, ctx: click.Context, debug: bool, language: str | None) -> None:
        self._ctx, self.debug, self.language = ctx, debug, language

    @functools.cached_property
    def registry(self) -> Any:
        from mentorcore.plugins import Registry

        return Registry(_plugin_manager(self._ctx))

    @functools.cached_property
    def library(self) -> Any:
        from mentorcore.library import Library

        return Library(self.registry)


class PluginGroup(click.Group):
    """A click group whose commands also come from the ``register_commands`` hook."""

    def _plugin_commands(self, ctx: click.Context) -> dict[str, click.Command]:
        root = ctx.find_root()
        if "mentorcore.commands" not in root.meta:
            from mentorcore.plugins import call_plugin

            try:
                manager = _plugin_manager(ctx)
                collector = click.Group()
                for impl in reversed(manager.hook.register_commands.get_hookimpls()):
                    call_plugin(manager.get_name(impl.plugin), "register_commands",
                                impl.function, cli=collector)
            except MentorcoreError as error:
                report_error(error)
                ctx.exit(error.exit_code)
            root.meta["mentorcore.commands"] = dict(collector.commands)
        return root.meta["mentorcore.commands"]

    def invoke(self, ctx: click.Context) -> Any:
        """Run with the messages of library code in the language of ``--lang`` or the locale
        (an unknown ``--lang`` is reported by the group's callback), then restore the language."""
        from mentorcore import i18n

        try:
            code = i18n.language(ctx.params.get("language"))
        except MentorcoreError:
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


def report_error(error: MentorcoreError) -> None:
    for diagnostic in error.diagnostics:
        click.echo(diagnostic.format(), err=True)


def guarded(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a :class:`MentorcoreError` into messages and an exit code; never a traceback unless
    ``--debug``."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        session: Session | None = click.get_current_context().find_object(Session)
        debug = bool(session and session.debug)
        try:
            return command(*args, **kwargs)
        except MentorcoreError as error:
            if debug:
                traceback.print_exc()
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
        except Exception as error:  # noqa: BLE001 - the last line of defence
            if debug:
                traceback.print_exc()
            click.echo(_("internal error: {error} (run with --debug for the traceback, and "
                         "please report it)").format(error=f"{type(error).__name__}: {error}"),
                       err=True)
            sys.exit(3)

    return run


@click.group(cls=PluginGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
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
        from mentorcore.i18n import check_language

        try:
            language = check_language(language)
        except MentorcoreError as error:
            report_error(error)
            ctx.exit(error.exit_code)
    ctx.obj = Session(ctx, debug, language)


def _session() -> Session:
    return click.get_current_context().find_object(Session)  # type: ignore[return-value]


FORMAT_TEXT_JSON = click.Choice(["text", "json"])


@cli.command(name="list")
@click.option("--format", "fmt", type=FORMAT_TEXT_JSON, default="text", show_default=True,
              help="Output format.")
@guarded
def list_models(fmt: str) -> None:
    """List every available model: id, name, organisation and summary.

    \b
    Examples:
      mentorcore list
      mentorcore list --format json
    """
    session = _session()
    library = session.library
    rows = []
    for model_id in library.ids():
        loaded = library.load(model_id)
        programme = loaded.programme
        if programme is None:
            rows.append({"id": model_id, "name": None, "organisation": None, "summary": None,
                         "extends": None, "valid": False})
            continue
        rows.append({
            "id": programme.id,
            "name": programme.name.get(session.language),
            "organisation": programme.organisation.get(session.language),
            "summary": programme.summary.get(session.language) if programme.summary else None,
            "extends": programme.extends,
            "valid": loaded.ok,
        })
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    width = max((len(r["id"]) for r in rows), default=2)
    for row in rows:
        name = row["name"] or _("(invalid model: run mentorcore validate)")
        organisation = f" — {row['organisation']}" if row["organisation"] else ""
        click.echo(f"{row['id']:<{width}}  {name}{organisation}")
        if row["summary"]:
            click.echo(f"{'':<{width}}  {row['summary']}")


def _load_or_fail(reference: str) -> Any:
    loaded = _session().library.load(reference)
    if not loaded.ok:
        raise MentorcoreError(loaded.errors or loaded.diagnostics)
    return loaded


@cli.command()
@click.argument("model")
@click.option("--format", "fmt", type=click.Choice(["yaml", "json"]), default="yaml",
              show_default=True, help="Output format.")
@guarded
def show(model: str, fmt: str) -> None:
    """Print MODEL (an id or a file) fully resolved: `extends` applied, defaults left out.

    \b
    Examples:
      mentorcore show womento
      mentorcore show auroras-vaasa --format json
      mentorcore show ./our-model.yaml
    """
    from mentorcore.serialise import programme_data, to_json, to_yaml

    loaded = _load_or_fail(model)
    data = programme_data(loaded.programme)
    parent = data.pop("extends", None)  # already applied: the output stands on its own
    if fmt == "json":
        click.echo(to_json(data), nl=False)
        return
    if parent:
        click.echo(f"# {data['id']}: extends {parent}, resolved by mentorcore show")
    click.echo(to_yaml(data), nl=False)


@cli.command()
@click.argument("models", nargs=-1, required=True, metavar="PATH|MODEL...")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--format", "fmt", type=FORMAT_TEXT_JSON, default="text", show_default=True,
              help="Output format.")
@guarded
def validate(models: tuple[str, ...], strict: bool, fmt: str) -> None:
    """Check model files or bundled models; report every problem as FILE:LINE:COL.

    Exit status: 0 no problems, 1 problems found, 2 usage or I/O error.

    \b
    Examples:
      mentorcore validate womento auroras-vaasa
      mentorcore validate --strict our-model.yaml
      mentorcore validate --format json our-model.yaml
    """
    from mentorcore.i18n import language, plural_translator, translator
    from mentorcore.loading import strict as escalate

    _ = translator(language(_session().language))
    ngettext = plural_translator(language(_session().language))
    library = _session().library
    results = []
    exit_code = 0
    for reference in models:
        try:
            loaded = library.load(reference)
            diagnostics = escalate(loaded.diagnostics) if strict else loaded.diagnostics
            ok = loaded.programme is not None and not any(d.is_error for d in diagnostics)
        except MentorcoreError as error:
            diagnostics, ok = error.diagnostics, False
            exit_code = max(exit_code, error.exit_code)
        if not ok:
            exit_code = max(exit_code, EXIT_PROBLEMS)
        results.append((reference, ok, diagnostics))
    if fmt == "json":
        click.echo(json.dumps(_validation_json(results), ensure_ascii=False, indent=2))
    else:
        for reference, ok, diagnostics in results:
            for diagnostic in diagnostics[:MAX_SHOWN]:
                click.echo(diagnostic.format())
            if len(diagnostics) > MAX_SHOWN:
                click.echo(f"{reference}: " + _("... and {count} more problems (--format json "
                                                "lists them all)").format(
                                                    count=len(diagnostics) - MAX_SHOWN))
            if ok:
                warnings = len(diagnostics)
                line = ngettext("ok: {model} ({count} warning)", "ok: {model} ({count} warnings)",
                                warnings) if warnings else _("ok: {model}")
                click.echo(line.format(model=reference, count=warnings))
        click.echo(_summary(results, ngettext), err=True)
    sys.exit(exit_code)


def _validation_json(results: list[tuple[str, bool, tuple[Diagnostic, ...]]]) -> dict[str, Any]:
    return {
        "models": [{"reference": ref, "ok": ok, "diagnostics": [d.to_json() for d in diags]}
                   for ref, ok, diags in results],
        "errors": sum(d.is_error for _, _, diags in results for d in diags),
        "warnings": sum(not d.is_error for _, _, diags in results for d in diags),
    }


def _summary(results: list[tuple[str, bool, tuple[Diagnostic, ...]]],
             ngettext: Callable[[str, str, int], str]) -> str:
    errors = sum(d.is_error for _, _, diags in results for d in diags)
    warnings = sum(not d.is_error for _, _, diags in results for d in diags)
    failed = sum(not ok for _, ok, _ in results)
    return ", ".join([
        ngettext("{count} model checked: {failed} with errors;",
                 "{count} models checked: {failed} with errors;", len(results)).format(
                     count=len(results), failed=failed)
        + " " + ngettext("{count} error", "{count} errors", errors).format(count=errors),
        ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings)])


def main() -> None:
    """Entry point of the ``mentorcore`` console script."""
    cli(prog_name="mentorcore")
