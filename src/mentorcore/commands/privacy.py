"""``mentorcore privacy``: the record of processing of a model's participant data."""

from __future__ import annotations

from pathlib import Path

import click

from mentorcore.cli.help import HelpCommand
from mentorcore.cli.session import (
    current_session,
    force_option,
    guarded,
    load_programme,
    out_option,
)
from mentorcore.hookspecs import hookimpl
from mentorcore.i18n import N_


@click.command(cls=HelpCommand, help=N_(
    "Print MODEL's record of processing (GDPR Art. 30): controller, lawful basis, the\n"
    "participant fields with their purposes, special categories, retention and safeguards.\n"
    "\n"
    "\b\n"
    "Examples:\n"
    "  mentorcore privacy oma-polku\n"
    "  mentorcore privacy kielikaveri --format md --out rekisteriseloste.md\n"
    "  mentorcore --lang fi privacy monika --format json"))
@click.argument("model")
@click.option("--format", "fmt", type=click.Choice(["text", "md", "json"]), default="text",
              show_default=True, help=N_("Output format."))
@out_option()
@force_option()
@guarded
def privacy(model: str, fmt: str, out: Path | None, force: bool) -> None:
    from mentorcore.matching.privacy import record_of_processing, render_json, render_text
    from mentorcore.outputs import write_output

    session = current_session()
    programme = load_programme(model)
    record = record_of_processing(programme, session.document_language())
    text = render_json(record) if fmt == "json" else render_text(record, markdown=fmt == "md")
    write_output(out, text, force=force, inputs=[session.library.path(model)])


@hookimpl
def register_commands(cli: click.Group) -> None:
    cli.add_command(privacy)
