"""``mentorcore list``, ``mentorcore show`` and ``mentorcore validate``: the available models,
one of them resolved, and the problems of model files."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from mentorcore.cli.help import HelpCommand
from mentorcore.cli.session import EXIT_PROBLEMS, current_session, guarded, load_model
from mentorcore.diagnostics import MentorcoreError
from mentorcore.hookspecs import hookimpl
from mentorcore.i18n import N_, _

if TYPE_CHECKING:
    from mentorcore.diagnostics import Diagnostic

MAX_SHOWN = 100
"""Most problems of one model printed as text (JSON output has them all)."""

FORMAT_TEXT_JSON = click.Choice(["text", "json"])


@click.command(name="list", cls=HelpCommand, help=N_(
    "List every available model: id, name, organisation and summary.\n"
    "\n"
    "\b\n"
    "Examples:\n"
    "  mentorcore list\n"
    "  mentorcore list --format json"))
@click.option("--format", "fmt", type=FORMAT_TEXT_JSON, default="text", show_default=True,
              help=N_("Output format."))
@guarded
def list_models(fmt: str) -> None:
    session = current_session()
    library = session.library
    rows: list[dict[str, Any]] = []
    language = session.document_language()  # --lang, else the locale (the model's texts too)
    for model_id in library.ids():
        loaded = library.load(model_id)
        programme = loaded.programme
        if programme is None:
            rows.append({"id": model_id, "name": None, "organisation": None, "summary": None,
                         "extends": None, "valid": False})
            continue
        rows.append({
            "id": programme.id,
            "name": programme.name.get(language),
            "organisation": programme.organisation.get(language),
            "summary": programme.summary.get(language) if programme.summary else None,
            "extends": programme.extends,
            "valid": loaded.ok,
        })
    if fmt == "json":
        import json

        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    width = max((len(r["id"]) for r in rows), default=2)
    for row in rows:
        name = row["name"] or _("(invalid model: run mentorcore validate)")
        organisation = f" — {row['organisation']}" if row["organisation"] else ""
        click.echo(f"{row['id']:<{width}}  {name}{organisation}")
        if row["summary"]:
            click.echo(f"{'':<{width}}  {row['summary']}")


@click.command(cls=HelpCommand, help=N_(
    "Print MODEL (an id or a file) fully resolved: `extends` applied, defaults left out.\n"
    "\n"
    "\b\n"
    "Examples:\n"
    "  mentorcore show womento\n"
    "  mentorcore show auroras-vaasa --format json\n"
    "  mentorcore show ./our-model.yaml --origin"))
@click.argument("model")
@click.option("--format", "fmt", type=click.Choice(["yaml", "json"]), default="yaml",
              show_default=True, help=N_("Output format."))
@click.option("--origin", is_flag=True,
              help=N_("Mark each value with the file and line it comes from (in JSON: an "
                      "`origins` map from each value's path to FILE:LINE)."))
@guarded
def show(model: str, fmt: str, origin: bool) -> None:
    from mentorcore.serialise import programme_data, to_json, to_yaml

    loaded = load_model(model)
    assert loaded.programme is not None  # a loaded model without errors has its programme
    data = programme_data(loaded.programme)
    parent = data.pop("extends", None)  # already applied: the output stands on its own
    if origin:
        from mentorcore.origins import origins_json, origins_yaml

        if fmt == "json":
            click.echo(to_json({"model": data, "origins": origins_json(data, loaded)}), nl=False)
        else:
            click.echo(origins_yaml(data, loaded), nl=False)
        return
    if fmt == "json":
        click.echo(to_json(data), nl=False)
        return
    if parent:
        click.echo("# " + _("{model}: extends {parent}, resolved by mentorcore show").format(
            model=data["id"], parent=parent))
    click.echo(to_yaml(data), nl=False)


@click.command(cls=HelpCommand, help=N_(
    "Check model files or bundled models; report every problem as FILE:LINE:COL.\n"
    "\n"
    "Exit status: 0 no problems, 1 problems found, 2 usage or I/O error.\n"
    "\n"
    "\b\n"
    "Examples:\n"
    "  mentorcore validate womento auroras-vaasa\n"
    "  mentorcore validate --strict our-model.yaml\n"
    "  mentorcore validate --format json our-model.yaml"))
@click.argument("models", nargs=-1, required=True, metavar=N_("PATH|MODEL..."))
@click.option("--strict", is_flag=True, help=N_("Treat warnings as errors."))
@click.option("--format", "fmt", type=FORMAT_TEXT_JSON, default="text", show_default=True,
              help=N_("Output format."))
@guarded
def validate(models: tuple[str, ...], strict: bool, fmt: str) -> None:
    from mentorcore.i18n import plural_translator, translator
    from mentorcore.loading import strict as escalate

    session = current_session()
    _ = translator(session.document_language())
    ngettext = plural_translator(session.document_language())
    library = session.library
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
        import json

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
    """``2 models checked: 1 with errors; 3 errors, 0 warnings`` (each count its own plural:
    ``1 malli tarkistettu, 1 virheellinen``)."""
    from mentorcore.i18n import translator

    errors = sum(d.is_error for _, _, diags in results for d in diags)
    warnings = sum(not d.is_error for _, _, diags in results for d in diags)
    failed = sum(not ok for _, ok, _ in results)
    gettext = translator(current_session().document_language())
    return gettext("{checked}: {failed}; {errors}, {warnings}").format(
        checked=ngettext("{count} model checked", "{count} models checked",
                         len(results)).format(count=len(results)),
        failed=ngettext("{count} with errors", "{count} with errors", failed).format(
            count=failed),
        errors=ngettext("{count} error", "{count} errors", errors).format(count=errors),
        warnings=ngettext("{count} warning", "{count} warnings", warnings).format(
            count=warnings))


@hookimpl
def register_commands(cli: click.Group) -> None:
    cli.add_command(list_models)
    cli.add_command(show)
    cli.add_command(validate)
