"""``mentorcore catalogue`` and ``mentorcore diff``: working with the catalogue of models and
adaptations of them (``mentorcore new`` is in :mod:`mentorcore.commands.new`)."""

from __future__ import annotations

import json
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
from mentorcore.i18n import N_, _


@click.command(cls=HelpCommand, help=N_(
    "A directory of every available programme: name, organisation, target group, duration,\n"
    "meetings, language and region — as a regional web page would publish it.\n"
    "\n"
    "\b\n"
    "Examples:\n"
    "  mentorcore catalogue\n"
    "  mentorcore --lang fi catalogue --out ohjelmat.md\n"
    "  mentorcore catalogue --format json"))
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md",
              show_default=True, help=N_("Output format."))
@out_option()
@force_option()
@guarded
def catalogue(fmt: str, out: Path | None, force: bool) -> None:
    from mentorcore.catalogue import catalogue_entries, to_markdown
    from mentorcore.outputs import write_output

    session = current_session()
    chosen = session.document_language()  # --lang, else the locale
    entries = catalogue_entries(session.library, chosen)
    if fmt == "json":
        text = json.dumps(entries, ensure_ascii=False, indent=2) + "\n"
    else:
        text = to_markdown(entries, chosen)
    write_output(out, text, force=force)


@click.command(cls=HelpCommand, help=N_(
    "What OTHER changes compared with BASE, path by path with old → new values.\n"
    "\n"
    "Both may be model ids or files. Exit status 0 whether or not they differ.\n"
    "\n"
    "\b\n"
    "Examples:\n"
    "  mentorcore diff womento auroras-vaasa\n"
    "  mentorcore diff womento our-adaptation.yaml --format json"))
@click.argument("base")
@click.argument("other")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help=N_("Output format."))
@guarded
def diff(base: str, other: str, fmt: str) -> None:
    from mentorcore.diff import compare, to_text
    from mentorcore.serialise import programme_data

    data = []
    for reference in (base, other):
        resolved = programme_data(load_programme(reference))
        resolved.pop("extends", None)
        data.append(resolved)
    changes = compare(data[0], data[1])
    if fmt == "json":
        click.echo(json.dumps({"base": base, "other": other,
                               "changes": [c.to_json() for c in changes]},
                              ensure_ascii=False, indent=2))
    elif changes:
        click.echo(to_text(changes))
    else:
        click.echo(_("no differences between {base} and {other}").format(base=base, other=other))


@hookimpl
def register_commands(cli: click.Group) -> None:
    cli.add_command(catalogue)
    cli.add_command(diff)
