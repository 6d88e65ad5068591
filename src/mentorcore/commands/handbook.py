"""``mentorcore handbook``: a guide for mentors and mentees, generated from the model."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from mentorcore.cli.help import HelpCommand
from mentorcore.cli.session import (
    current_session,
    date_option,
    force_option,
    guarded,
    lang_option,
    load_programme,
    out_option,
)
from mentorcore.hookspecs import hookimpl
from mentorcore.i18n import N_
from mentorcore.render.output import DOCUMENT_FORMATS

F = TypeVar("F", bound=Callable[..., Any])


def template_option() -> Callable[[F], F]:
    """``--template DIR``: an organisation's page template, stylesheet and logo."""
    return click.option(
        "--template", type=click.Path(file_okay=False, path_type=Path), default=None,
        metavar=N_("DIR"),
        help=N_("A directory with your own page.html, style.css and logo.png (.jpg, .svg) for "
                "html and pdf (see docs/handbook.md)."))


def format_for(fmt: str | None, out: Path | None, formats: tuple[str, ...]) -> str:
    """The output format: as given, else from the suffix of ``--out`` (``.html``), else md."""
    if fmt is not None:
        return fmt
    suffix = out.suffix.lower().lstrip(".") if out is not None else ""
    suffix = {"htm": "html", "markdown": "md"}.get(suffix, suffix)
    return suffix if suffix in formats else formats[0]


def note_fallbacks(value: object, language: str) -> None:
    """Tell (on standard error) how many model texts in ``value`` (a programme, or some of its
    items) lack the document's language."""
    from mentorcore.i18n import plural_translator
    from mentorcore.render.handbook import untranslated

    count = untranslated(value, language)
    if count:
        ngettext = plural_translator(language)
        click.echo(ngettext(
            "note: {count} text of the model has no version in {language}; it is shown in "
            "another language",
            "note: {count} texts of the model have no version in {language}; they are shown "
            "in another language", count).format(count=count, language=language), err=True)


def written(out: Path | None, language: str) -> None:
    """Tell (on standard error, in ``language``) which file was written, if one was."""
    if out is not None:
        from mentorcore.cli.session import announce_written
        from mentorcore.i18n import translator

        _ = translator(language)
        announce_written(out, _("wrote {path}").format(path=out))


@click.command(cls=HelpCommand, help=N_(
    "A handbook for the mentors and mentees of MODEL (an id or a file): the welcome letter,\n"
    "purpose and target group, the process in a nutshell, phases (with dates given --start),\n"
    "meetings, roles, rules, support, reporting, the model's own chapters, contacts, sources,\n"
    "and the forms as appendices.\n"
    "\n"
    "\b\n"
    "Examples:\n"
    "  mentorcore handbook auroras-individual --lang fi --for mentor\n"
    "  mentorcore handbook womento --lang sv --start 2026-09-01 --out opas.html\n"
    "  mentorcore --lang fi handbook our-model.yaml --format html --out handbook.html\n"
    "  mentorcore handbook womento --lang fi --format docx --out opas.docx\n"
    "  mentorcore handbook womento --template our-look/ --format pdf --out opas.pdf"))
@click.argument("model")
@lang_option()
@click.option("--format", "fmt", type=click.Choice(DOCUMENT_FORMATS), default=None,
              help=N_("md (Markdown), html (a self-contained page), docx (Word, to edit) or pdf "
                      "(A4; needs mentorcore[pdf]) [default: from the --out suffix, else md]."))
@template_option()
@click.option("--for", "reader", type=click.Choice(["mentor", "mentee", "staff"]), default=None,
              help=N_("Whom the guide is written to: its subtitle, and only the letters and "
                      "chapters the model writes to them [default: everyone]."))
@date_option("--start", help=N_("First day of the programme: the phases get dates."))
@click.option("--calendar", type=click.Choice(["finnish", "plain"]), default="finnish",
              show_default=True,
              help=N_("The calendar of the dates, as for simulate: finnish (the model's working "
                      "days, public holidays and breaks) or plain (every day)."))
@out_option()
@force_option()
@guarded
def handbook(model: str, lang: str | None, fmt: str | None, template: Path | None,
             reader: str | None, start: dt.date | None, calendar: str, out: Path | None,
             force: bool) -> None:
    from mentorcore.outputs import write_output
    from mentorcore.render.handbook import render_handbook

    language = current_session().document_language(lang)
    programme = load_programme(model)
    fmt = format_for(fmt, out, DOCUMENT_FORMATS)
    from mentorcore.plugins import plugin_sections

    sections = plugin_sections(current_session().registry, programme, language, "handbook")
    default_days = {b.kind: b.default_days for b in
                    current_session().registry.items("register_phase_behaviours")
                    if b.default_days} if start is not None else None
    text = render_handbook(programme, language, start, fmt, template=template, reader=reader,
                           sections=sections, calendar=calendar, default_days=default_days)
    write_output(out, text, force=force, inputs=[model])
    note_fallbacks(programme, language)
    written(out, language)


@hookimpl
def register_commands(cli: click.Group) -> None:
    cli.add_command(handbook)
