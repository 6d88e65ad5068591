"""``mentorcore schema``: the JSON Schema of the model format, for editors."""

from __future__ import annotations

from pathlib import Path

import click

from mentorcore.cli.help import HelpCommand
from mentorcore.cli.session import current_session, force_option, guarded, out_option
from mentorcore.commands.handbook import written
from mentorcore.hookspecs import hookimpl
from mentorcore.i18n import N_


@click.command(cls=HelpCommand, help=N_(
    "Print the JSON Schema (draft 2020-12) of model files, generated from the model classes.\n"
    "\n"
    "Editors with the YAML language server (VS Code's YAML extension, and others) then complete\n"
    "keys, show each key's documentation and mark mistakes as you type. Save the schema and put\n"
    "this line at the top of a model file:\n"
    "\n"
    "\b\n"
    "  # yaml-language-server: $schema=mentorcore.schema.json\n"
    "\n"
    "A file with `extends:` is checked as an adaptation: only `id` is required. Phase kinds, unit\n"
    "kinds and criteria are those of the installed plugins; descriptions are in the language of\n"
    "--lang. The schema checks the shape of a file; `mentorcore validate` checks the rest.\n"
    "\n"
    "\b\n"
    "Examples:\n"
    "  mentorcore schema --out mentorcore.schema.json\n"
    "  mentorcore schema | python -m json.tool\n"
    "  mentorcore --lang fi schema --out mentorcore.schema.json"))
@out_option()
@force_option()
@guarded
def schema(out: Path | None, force: bool) -> None:
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
