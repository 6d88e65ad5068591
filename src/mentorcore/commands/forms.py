"""``mentorcore forms``: the forms of a model, printable or as CSV templates."""

from __future__ import annotations

from pathlib import Path

import click

from mentorcore.cli.session import (
    current_session,
    force_option,
    guarded,
    lang_option,
    load_programme,
    out_option,
)
from mentorcore.commands.handbook import format_for, note_fallbacks, template_option, written
from mentorcore.hookspecs import hookimpl
from mentorcore.render.output import DOCUMENT_FORMATS


@click.command()
@click.argument("model")
@click.option("--form", "form_id", metavar="ID", help="Only the form with this id.")
@lang_option()
@click.option("--format", "fmt", type=click.Choice([*DOCUMENT_FORMATS, "csv"]), default=None,
              help="md, html, docx or pdf to print (or edit, docx); csv: a template whose "
                   "columns are the form's fields (one --form) [default: from the --out "
                   "suffix, else md].")
@template_option()
@out_option()
@force_option()
@guarded
def forms(model: str, form_id: str | None, lang: str | None, fmt: str | None,
          template: Path | None, out: Path | None, force: bool) -> None:
    """The forms of MODEL (an id or a file), ready to print, or one form as a CSV template for
    logging (a meeting checklist becomes a meeting log: one row per meeting).

    \b
    Examples:
      mentorcore forms auroras-individual --lang fi
      mentorcore forms auroras-individual --form first-meeting --format html --out liite1.html
      mentorcore forms auroras-individual --form meeting-checklist --out tapaamiset.csv
    """
    from mentorcore.outputs import write_output
    from mentorcore.render.forms import choose, render_forms

    language = current_session().document_language(lang)
    programme = load_programme(model)
    chosen = choose(programme, form_id, language, model)
    text = render_forms(programme, language, form_id,
                        format_for(fmt, out, (*DOCUMENT_FORMATS, "csv")), template=template)
    write_output(out, text, force=force, inputs=[model])
    note_fallbacks(chosen, language)
    written(out, language)


@hookimpl
def register_commands(cli: click.Group) -> None:
    cli.add_command(forms)
