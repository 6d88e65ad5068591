"""``mentorcore schema``: the JSON Schema of the model format, for editors."""

from __future__ import annotations

from pathlib import Path

import click

from mentorcore.cli import guarded
from mentorcore.commands.handbook import FORCE, OUT, document_language, written
from mentorcore.hookspecs import hookimpl


@click.command()
@OUT
@FORCE
@guarded
def schema(out: Path | None, force: bool) -> None:
    """Print the JSON Schema (draft 2020-12) of model files, generated from the model classes.

    Editors with the YAML language server (VS Code's YAML extension, and others) then complete
    keys, show each key's documentation and mark mistakes as you type. Save the schema and put
    this line at the top of a model file:

    \b
      # yaml-language-server: $schema=mentorcore.schema.json

    A file with `extends:` is checked as an adaptation: only `id` is required. The schema checks
    the shape of a file; `mentorcore validate` checks the rest.

    \b
    Examples:
      mentorcore schema --out mentorcore.schema.json
      mentorcore schema | python -m json.tool
    """
    from mentorcore.outputs import write_output
    from mentorcore.schema import schema_text

    write_output(out, schema_text(), force=force)
    written(out, document_language(None))


@hookimpl
def register_commands(cli):  # type: ignore[no-untyped-def]
    cli.add_command(schema)
