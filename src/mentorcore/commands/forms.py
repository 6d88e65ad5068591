"""``mentorcore forms``: the forms of a model, printable or as CSV templates."""

from __future__ import annotations

from pathlib import Path

import click

from mentorcore.cli.help import HelpCommand
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
from mentorcore.i18n import N_, _
from mentorcore.render.output import DOCUMENT_FORMATS


@click.command(cls=HelpCommand, help=N_(
    "The forms of MODEL (an id or a file), ready to print, or one form as a CSV template for\n"
    "logging (a meeting checklist becomes a meeting log: one row per meeting).\n"
    "\n"
    "\b\n"
    "Examples:\n"
    "  mentorcore forms auroras-individual --lang fi\n"
    "  mentorcore forms auroras-individual --form first-meeting --format html --out liite1.html\n"
    "  mentorcore forms auroras-individual --form meeting-checklist --out tapaamiset.csv\n"
    "  mentorcore forms auroras-individual --log --lang fi --out tapaamiset.xlsx"))
@click.argument("model")
@click.option("--form", "form_id", metavar=N_("ID"), help=N_("Only the form with this id."))
@lang_option()
@click.option("--log", "blank_log", is_flag=True,
              help=N_("The blank meeting log instead (csv: Finnish Excel, ';' and a BOM; or "
                      "xlsx): the columns `mentorcore track` reads, with the meeting forms' "
                      "fields."))
@click.option("--format", "fmt", type=click.Choice([*DOCUMENT_FORMATS, "csv", "xlsx"]),
              default=None,
              help=N_("md, html, docx or pdf to print (or edit, docx); csv: a template whose "
                      "columns are the form's fields (one --form); xlsx: a workbook with a sheet "
                      "per form, dates and numbers validated [default: from the --out suffix, "
                      "else md]."))
@template_option()
@out_option()
@force_option()
@guarded
def forms(model: str, form_id: str | None, blank_log: bool, lang: str | None, fmt: str | None,
          template: Path | None, out: Path | None, force: bool) -> None:
    from mentorcore.outputs import write_output
    from mentorcore.render.forms import choose, render_forms

    language = current_session().document_language(lang)
    programme = load_programme(model)
    if blank_log:
        from mentorcore.tracking.blank import LOG_FORMATS
        from mentorcore.tracking.blank import blank_log as make_log

        if fmt is not None and fmt not in LOG_FORMATS:
            raise click.UsageError(_("the blank log is csv or xlsx, not {format}").format(
                format=fmt))
        write_output(out, make_log(programme, language, format_for(fmt, out, LOG_FORMATS)),
                     force=force, inputs=[model])
        written(out, language)
        return
    chosen = choose(programme, form_id, language, model)
    from mentorcore.plugins import plugin_sections

    sections = () if form_id else tuple(plugin_sections(current_session().registry, programme,
                                                        language, "forms"))
    text = render_forms(programme, language, form_id,
                        format_for(fmt, out, (*DOCUMENT_FORMATS, "csv", "xlsx")),
                        template=template,
                        sections=sections)
    write_output(out, text, force=force, inputs=[model])
    note_fallbacks(chosen, language)
    written(out, language)


@hookimpl
def register_commands(cli: click.Group) -> None:
    cli.add_command(forms)
