"""``mentorcore match``: form pairs and groups from a participant list."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from mentorcore.cli.help import HelpCommand
from mentorcore.cli.session import (
    current_session,
    force_option,
    guarded,
    load_model,
    out_option,
)
from mentorcore.diagnostics import MentorcoreError
from mentorcore.hookspecs import hookimpl
from mentorcore.i18n import N_, _, pgettext
from mentorcore.matching.solvers import SOLVERS

PROGRESS_FROM = 2_000
"""Show a progress bar (on a terminal) from this many participants on."""


@click.command(name="match", cls=HelpCommand, help=N_(
    "Form MODEL's pairs and groups from the PARTICIPANTS list (CSV, XLSX or YAML).\n"
    "\n"
    "The list has a column id, a column role and the fields the model declares; other columns\n"
    "are dropped with a warning. Every pair is explained by the rules it meets and its score;\n"
    "everyone unmatched by why. Exit status: 0 done, 1 bad input (nothing written), 2 usage.\n"
    "\n"
    "\b\n"
    "Examples:\n"
    "  mentorcore match auroras-individual people.csv\n"
    "  mentorcore match kielikaveri buddies.xlsx --format json --out pairs.json\n"
    "  mentorcore match monika people.csv --solver stable --seed 7 --format csv --out pairs.csv"))
@click.argument("model")
@click.argument("participants", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--solver", type=click.Choice(list(SOLVERS)), default=None,
              help=N_("optimal: maximum total score; stable: mentee-proposing deferred "
                      "acceptance; reciprocal: language buddies. Default: the model's."))
@click.option("--seed", type=int, default=0, show_default=True,
              help=N_("Seed for shuffling and tie-breaking; the same seed gives the same result."))
@click.option("--format", "fmt", default="table", show_default=True, metavar=N_("FORMAT"),
              help=N_("Output: table, json, csv or md, or a format a plugin provides."))
@out_option(help=N_("Write to FILE (mode 0600) instead of standard output."))
@force_option()
@click.option("--show-names", is_flag=True,
              help=N_("Show the identifying fields (names, contacts) beside the ids."))
@click.option("--sheet", default=None, metavar=N_("NAME"),
              help=N_("Worksheet of an XLSX file (default: the first)."))
@guarded
def match_command(model: str, participants: Path, solver: str | None, seed: int, fmt: str,
                  out: Path | None, force: bool, show_names: bool, sheet: str | None) -> None:
    from mentorcore.matching.engine import match
    from mentorcore.matching.formats import identities
    from mentorcore.matching.schema import load_participants
    from mentorcore.outputs import write_output
    session = current_session()
    renderer = session.registry.renderer("matching", fmt)
    loaded = load_model(model)
    model_path = session.library.path(model)
    programme = loaded.programme
    assert programme is not None  # loaded without errors
    people = load_participants(participants, programme, sheet=sheet)
    progress, bar = _progress(len(people))
    try:
        result = match(programme, people, solver=solver, seed=seed, registry=session.registry,
                       progress=progress)
    except MentorcoreError as error:
        raise MentorcoreError(loaded.locate(error.diagnostics),
                              exit_code=error.exit_code) from None
    finally:
        if bar is not None:
            bar.render_finish()
    for warning in loaded.locate(result.warnings):
        click.echo(warning.format(), err=True)
    names = identities(people) if show_names else None
    from mentorcore.formats import RenderOptions

    text = session.registry.render("matching", renderer.name, result, RenderOptions(
        language=session.document_language(), seed=seed, names=names, model=programme.id))
    write_output(out, text, force=force, inputs=[participants, model_path], personal=True)
    if out is not None:
        click.echo(_("wrote {path}: {pairs} pairs, {groups} groups, {unmatched} unmatched, "
                     "{not_eligible} not eligible, {not_matched} not matched by this "
                     "model").format(path=out, pairs=result.summary.pairs,
                                     groups=len(result.groups), unmatched=len(result.unmatched),
                                     not_eligible=len(result.not_eligible),
                                     not_matched=len(result.not_matched)), err=True)


def _progress(people: int) -> tuple[Any, Any]:
    """A progress callback drawing a bar on standard error, when that is a terminal."""
    if people < PROGRESS_FROM or not sys.stderr.isatty():
        return None, None
    bar = click.progressbar(length=1, label=pgettext("progress bar", "matching"),
                            file=sys.stderr, show_eta=False)
    state = {"done": 0}
    stages = {"grouping": pgettext("progress bar", "grouping"),  # the engine's stages
              "solving": pgettext("progress bar", "solving"),
              "explaining": pgettext("progress bar", "explaining")}

    def progress(stage: str, done: int, total: int) -> None:
        bar.length = total
        bar.label = stages.get(stage, stage)
        bar.update(done - state["done"])
        state["done"] = done

    return progress, bar


@hookimpl
def register_commands(cli: click.Group) -> None:
    cli.add_command(match_command)
