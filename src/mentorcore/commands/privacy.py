"""``mentorcore privacy``: the record of processing of a model's participant data."""

from __future__ import annotations

from pathlib import Path

import click

from mentorcore.cli import _load_or_fail, _session, guarded
from mentorcore.hookspecs import hookimpl


@click.command()
@click.argument("model")
@click.option("--format", "fmt", type=click.Choice(["text", "md", "json"]), default="text",
              show_default=True, help="Output format.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to FILE instead of standard output.")
@click.option("--force", is_flag=True, help="Replace --out if it exists.")
@guarded
def privacy(model: str, fmt: str, out: Path | None, force: bool) -> None:
    """Print MODEL's record of processing (GDPR Art. 30): controller, lawful basis, the
    participant fields with their purposes, special categories, retention and safeguards.

    \b
    Examples:
      mentorcore privacy oma-polku
      mentorcore privacy kielikaveri --format md --out rekisteriseloste.md
      mentorcore --lang fi privacy monika --format json
    """
    from mentorcore.matching.privacy import record_of_processing, render_json, render_text
    from mentorcore.outputs import write_output

    session = _session()
    programme = _load_or_fail(model).programme
    record = record_of_processing(programme, session.language)
    text = render_json(record) if fmt == "json" else render_text(record, markdown=fmt == "md")
    write_output(out, text, force=force, inputs=[session.library.path(model)])


@hookimpl
def register_commands(cli):  # type: ignore[no-untyped-def]
    cli.add_command(privacy)
