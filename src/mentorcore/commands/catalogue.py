"""``mentorcore catalogue`` and ``mentorcore diff``: working with the catalogue of models and
adaptations of them (``mentorcore new`` is in :mod:`mentorcore.commands.new`)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from mentorcore.cli.session import (
    current_session,
    force_option,
    guarded,
    load_programme,
    out_option,
)
from mentorcore.hookspecs import hookimpl


@click.command()
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md",
              show_default=True, help="Output format.")
@out_option()
@force_option()
@guarded
def catalogue(fmt: str, out: Path | None, force: bool) -> None:
    """A directory of every available programme: name, organisation, target group, duration,
    meetings, language and region — as a regional web page would publish it.

    \b
    Examples:
      mentorcore catalogue
      mentorcore --lang fi catalogue --out ohjelmat.md
      mentorcore catalogue --format json
    """
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


@click.command()
@click.argument("base")
@click.argument("other")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@guarded
def diff(base: str, other: str, fmt: str) -> None:
    """What OTHER changes compared with BASE, path by path with old → new values.

    Both may be model ids or files. Exit status 0 whether or not they differ.

    \b
    Examples:
      mentorcore diff womento auroras-vaasa
      mentorcore diff womento our-adaptation.yaml --format json
    """
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
        click.echo(f"no differences between {base} and {other}")


@hookimpl
def register_commands(cli: click.Group) -> None:
    cli.add_command(catalogue)
    cli.add_command(diff)
