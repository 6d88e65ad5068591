"""``mentorcore handbook``: a guide for mentors and mentees, generated from the model."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from mentorcore.cli import _load_or_fail, _session, guarded
from mentorcore.hookspecs import hookimpl


def parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date; write YYYY-MM-DD, "
                                 "e.g. 2026-09-01") from None


LANG = click.option("--lang", "lang", metavar="CODE",
                    help="Language of the document: fi, sv or en [default: the global --lang, "
                         "else the locale, else en].")
OUT = click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
                   metavar="FILE", help="Write to FILE instead of standard output.")
FORCE = click.option("--force", is_flag=True, help="Replace --out if it exists.")


def document_language(lang: str | None) -> str:
    """The language of a generated document: ``--lang`` of the command, the global one, or the
    locale's."""
    from mentorcore.i18n import language

    return language(lang if lang is not None else _session().language)


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
    if out is not None:
        from mentorcore.i18n import translator

        _ = translator(language)
        click.echo(_("wrote {path}").format(path=out), err=True)


@click.command()
@click.argument("model")
@LANG
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default=None,
              help="md (Markdown) or html (a self-contained page) [default: from the --out "
                   "suffix, else md].")
@click.option("--start", callback=parse_date, metavar="YYYY-MM-DD",
              help="First day of the programme: the phases get dates.")
@OUT
@FORCE
@guarded
def handbook(model: str, lang: str | None, fmt: str | None, start: dt.date | None,
             out: Path | None, force: bool) -> None:
    """A handbook for the mentors and mentees of MODEL (an id or a file): purpose and target
    group, the process in a nutshell, phases (with dates given --start), meetings, roles,
    rules, support, reporting, sources, and the forms as appendices.

    \b
    Examples:
      mentorcore handbook auroras-individual --lang fi
      mentorcore handbook womento --lang sv --start 2026-09-01 --out opas.html
      mentorcore --lang fi handbook our-model.yaml --format html --out handbook.html
    """
    from mentorcore.outputs import write_output
    from mentorcore.render.handbook import render_handbook

    language = document_language(lang)
    loaded = _load_or_fail(model)
    text = render_handbook(loaded.programme, language, start,
                           format_for(fmt, out, ("md", "html")))
    write_output(out, text, force=force, inputs=[model])
    note_fallbacks(loaded.programme, language)
    written(out, language)


@hookimpl
def register_commands(cli):  # type: ignore[no-untyped-def]
    cli.add_command(handbook)
