"""``mentorcore new``: start a model file — an adaptation of another model, or a new programme
from a minimal skeleton — that passes ``validate --strict`` as written."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from mentorcore import checks
from mentorcore.cli.help import HelpCommand
from mentorcore.cli.session import (
    EXIT_USAGE,
    announce_written,
    current_session,
    guarded,
    load_programme,
    out_option,
)
from mentorcore.diagnostics import MentorcoreError
from mentorcore.hookspecs import hookimpl
from mentorcore.i18n import N_, _


@click.command(cls=HelpCommand, help=N_(
    "Start a model file: ID.yaml, commented, which passes `validate --strict` as it is.\n"
    "Never overwrites a file.\n"
    "\n"
    "With --from, an adaptation that extends MODEL, with a source for your organisation's own\n"
    "decisions (who decided, when) and pointers to the keys organisations change most. Without\n"
    "it, a minimal programme to edit: one pair of a volunteer mentor and a mentee (see \"Design\n"
    "your own programme\" in docs/authoring.md). Every file starts with the schema line for\n"
    "editors; mentorcore.schema.json is written beside it when it is not there.\n"
    "\n"
    "\b\n"
    "Examples:\n"
    "  mentorcore new womento-kuopio --from womento\n"
    "  mentorcore new our-kielikaveri --from kielikaveri --out models/our-kielikaveri.yaml\n"
    "  mentorcore new digikaveri"))
@click.argument("new_id", metavar=N_("ID"))
@click.option("--from", "parent", default=None, metavar=N_("MODEL"),
              help=N_("The model to adapt (an id or a file); without it, a new programme."))
@out_option(help=N_("File to write [default: ID.yaml]."))
@guarded
def new(new_id: str, parent: str | None, out: Path | None) -> None:
    import re

    from mentorcore.adaptation import (
        SCHEMA_FILE,
        adaptation_text,
        extends_reference,
        skeleton_text,
    )
    from mentorcore.outputs import write_output
    from mentorcore.schema import schema_text

    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", new_id):
        raise MentorcoreError.single(checks.INVALID_VALUE,
                                     _("'{id}' is not a usable id").format(id=new_id),
                                     exit_code=EXIT_USAGE,
                                     hint=_("short lowercase ASCII: letters, digits, - and _"))
    out = out or Path(f"{new_id}.yaml")
    if out.exists():
        raise MentorcoreError.single(checks.IO, _("file exists; `new` never overwrites a file"),
                                     file=str(out), exit_code=EXIT_USAGE,
                                     hint=_("choose another --out, or edit the existing file"))
    if parent is None:
        text = skeleton_text(new_id)
    else:
        library = current_session().library
        programme = load_programme(parent)
        parent_is_file = library.path(parent).resolve() != library.registry.model_paths().get(
            parent, Path("/nonexistent")).resolve()
        reference = extends_reference(parent, parent_is_file, out)
        text = adaptation_text(new_id, programme, reference)
        if parent_is_file and reference.startswith("../"):
            folder = Path(parent).resolve().parent
            click.echo(_("note: the parent is outside the folder of {file}; check it with "
                         "`mentorcore --extends-dir {folder} validate {file}`").format(
                             file=out, folder=folder), err=True)
    write_output(out, text, force=False)
    announce_written(out, _("wrote {file}; check it with: mentorcore validate --strict {file}")
                     .format(file=out))
    schema = out.parent / SCHEMA_FILE
    if not schema.exists():
        language = current_session().document_language()  # the run's: its descriptions
        write_output(schema, schema_text(current_session().registry,
                                         None if language == "en" else language), force=False)
        announce_written(schema, _("wrote {file} (the schema the first line of {model} names, "
                                   "for editors)").format(file=schema, model=out.name))
    sys.exit(0)


@hookimpl
def register_commands(cli: click.Group) -> None:
    cli.add_command(new)
