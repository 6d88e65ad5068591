"""``mentorcore catalogue``, ``mentorcore diff`` and ``mentorcore new``: working with the
catalogue of models and adaptations of them."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from mentorcore import checks
from mentorcore.cli.session import (
    EXIT_USAGE,
    current_session,
    force_option,
    guarded,
    load_programme,
    out_option,
)
from mentorcore.diagnostics import MentorcoreError
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


@click.command()
@click.argument("new_id", metavar="ID")
@click.option("--from", "parent", required=True, metavar="MODEL",
              help="The model to adapt (an id or a file).")
@out_option(help="File to write [default: ID.yaml].")
@guarded
def new(new_id: str, parent: str, out: Path | None) -> None:
    """Start an adaptation: write ID.yaml, which extends MODEL and validates as it is, with
    commented pointers to the keys organisations change most. Never overwrites a file.

    \b
    Examples:
      mentorcore new womento-jyvaskyla --from womento
      mentorcore new our-kielikaveri --from kielikaveri --out models/our-kielikaveri.yaml
    """
    import re

    from mentorcore.adaptation import adaptation_text, extends_reference
    from mentorcore.outputs import write_output

    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", new_id):
        raise MentorcoreError.single(checks.INVALID_VALUE, f"'{new_id}' is not a usable id",
                                     exit_code=EXIT_USAGE,
                                     hint="short lowercase ASCII: letters, digits, - and _")
    out = out or Path(f"{new_id}.yaml")
    if out.exists():
        raise MentorcoreError.single(checks.IO, "file exists; `new` never overwrites a file",
                                     file=str(out), exit_code=EXIT_USAGE,
                                     hint="choose another --out, or edit the existing file")
    library = current_session().library
    programme = load_programme(parent)
    parent_is_file = library.path(parent).resolve() != library.registry.model_paths().get(
        parent, Path("/nonexistent")).resolve()
    text = adaptation_text(new_id, programme, extends_reference(parent, parent_is_file, out))
    write_output(out, text, force=False)
    click.echo(f"wrote {out}; check it with: mentorcore validate {out}", err=True)
    sys.exit(0)


@hookimpl
def register_commands(cli: click.Group) -> None:
    cli.add_command(catalogue)
    cli.add_command(diff)
    cli.add_command(new)
