"""``mentorcore schema``: the JSON Schema of the model format, for editors."""

from __future__ import annotations

from pathlib import Path

import click

from mentorcore.cli.session import current_session, force_option, guarded, out_option
from mentorcore.commands.handbook import written
from mentorcore.hookspecs import hookimpl


@click.command()
@out_option()
@force_option()
@guarded
def schema(out: Path | None, force: bool) -> None:
    """Print the JSON Schema (draft 2020-12) of model files, generated from the model classes.

    Editors with the YAML language server (VS Code's YAML extension, and others) then complete
    keys, show each key's documentation and mark mistakes as you type. Save the schema and put
    this line at the top of a model file:

    \b
      # yaml-language-server: $schema=mentorcore.schema.json

    A file with `extends:` is checked as an adaptation: only `id` is required. Phase kinds, unit
    kinds and criteria are those of the installed plugins; descriptions are in the language of
    --lang. The schema checks the shape of a file; `mentorcore validate` checks the rest.

    \b
    Examples:
      mentorcore schema --out mentorcore.schema.json
      mentorcore schema | python -m json.tool
      mentorcore --lang fi schema --out mentorcore.schema.json
    """
    from mentorcore.outputs import write_output
    from mentorcore.schema import schema_text

    session = current_session()
    language = session.document_language()
    write_output(out, schema_text(session.registry, None if language == "en" else language),
                 force=force)
    written(out, language)


@hookimpl
def register_commands(cli: click.Group) -> None:
    cli.add_command(schema)
