"""``mentorcore simulate``: run a programme before launching it."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import click

from mentorcore.cli.help import HelpCommand
from mentorcore.cli.session import (
    current_session,
    date_option,
    force_option,
    guarded,
    load_model,
    out_option,
)
from mentorcore.hookspecs import hookimpl
from mentorcore.i18n import N_, _, pgettext


def _at_least_one(ctx: click.Context, param: click.Parameter, value: int | None) -> int | None:
    if value is not None and value < 1:
        raise click.BadParameter(_("must be at least 1, found {value}").format(value=value))
    return value


def _jobs(ctx: click.Context, param: click.Parameter, value: str) -> int | None:
    from mentorcore.commands.capacity import jobs_option_value

    return jobs_option_value(value)


class _Progress:
    """A progress bar on standard error, only when it is a terminal."""

    def __init__(self) -> None:
        self.bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=pgettext("progress bar", "simulating"),
                                         file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@click.command(cls=HelpCommand, help=N_(
    "Simulate MODEL (an id or a file): its calendar, meetings, outcomes and staff workload.\n"
    "\n"
    "Meetings follow the model's cadence with jitter, cancellations and rescheduling; units may\n"
    "end early or drop out (the model's assumptions give the rates). With --replications the\n"
    "figures are reported as median and 5th–95th percentiles. Every output lists the\n"
    "assumptions used, with value and origin (from the model, engine default, set for this\n"
    "run); --set ID=VALUE changes one for this run.\n"
    "\n"
    "\b\n"
    "Examples:\n"
    "  mentorcore simulate womento\n"
    "  mentorcore simulate womento --pairs 30 --start 2026-01-05 --seed 7 --format json\n"
    "  mentorcore simulate auroras-vaasa --replications 1000 --jobs 2\n"
    "  mentorcore simulate womento --format ics --out womento.ics\n"
    "  mentorcore simulate womento --format svg --out womento.svg\n"
    "  mentorcore simulate womento --participants our-pairs.csv\n"
    "  mentorcore simulate kielikaveri --set continue_rate=0.5 --set cancellation_rate=0.2\n"
    "  mentorcore simulate womento --sweep dropout_rate=0..0.4:0.1\n"
    "  mentorcore simulate womento --precision 2 meetings_held"))
@click.argument("model")
@click.option("--pairs", type=int, callback=_at_least_one, metavar=N_("N"),
              help=N_("Units in a synthetic cohort (pairs; groups in a model of groups) "
                      "[default: the model's cohort_size assumption]."))
@click.option("--participants", type=click.Path(dir_okay=False), metavar=N_("FILE"),
              help=N_("A units file (CSV or YAML) of already-formed units, instead of a "
                      "synthetic cohort: a column unit, a column per role and optionally "
                      "group; a header may also be a role's name in any language of the model, "
                      "or Yksikkö/Enhet, Ryhmä/Grupp."))
@date_option("--start", help=N_("First day of the programme [default: next Monday]."))
@click.option("--seed", type=click.IntRange(0, 2**63 - 1), default=0, show_default=True,
              help=N_("Random seed: the same seed gives the same output, byte for byte."))
@click.option("--replications", type=int, callback=_at_least_one, metavar=N_("R"),
              help=N_("Run R replications and report percentiles of every figure."))
@click.option("--jobs", default="auto", show_default=True, callback=_jobs, metavar=N_("J|auto"),
              help=N_("At most J processes for the replications; auto picks the faster (worker "
                      "processes only when the work pays for them)."))
@click.option("--precision", nargs=2, type=(float, str), metavar=N_("X FIGURE"),
              help=N_("Run replications until the interval (95 %) of FIGURE's mean is within "
                      "±X (e.g. --precision 2 meetings_held); says how many it took."))
@click.option("--max-replications", type=int, default=100_000, show_default=True,
              callback=_at_least_one, metavar=N_("R"), help=N_("The cap of --precision."))
@click.option("--sweep", "sweep_text", metavar=N_("ID=FROM..TO:STEP"),
              help=N_("One row per value of an assumption or of pairs (e.g. --sweep "
                      "dropout_rate=0..0.4:0.1); table, json or csv."))
@click.option("--calendar", type=click.Choice(["finnish", "plain"]), default="finnish",
              show_default=True,
              help=N_("finnish: the model's calendar (events on working days, meetings on its "
                      "meeting days, no public holidays, Christmas break or summer pause); plain: "
                      "every day."))
@click.option("--set", "settings", multiple=True, metavar=N_("ID=VALUE"),
              help=N_("Set an assumption for this run (repeatable), e.g. --set continue_rate=0.5; "
                      "every output lists it with origin override."))
@click.option("--format", "fmt", default="table", show_default=True, metavar=N_("FORMAT"),
              help=N_("Output: table, json, csv (timeline), ics (calendar), svg, png or pdf "
                      "(chart), or a format a plugin provides (see `mentorcore plugins`)."))
@click.option("--calendar-of", "calendar_of", metavar=N_("UNIT"), default=None,
              help=N_("With --format ics: the calendar of one unit (e.g. pair-3) — the "
                      "programme's events and the unit's and its group's own — to give to its "
                      "members."))
@out_option(allow_dash=True)
@force_option()
@guarded
def simulate(model: str, pairs: int | None, participants: str | None, start: dt.date | None,
             seed: int, replications: int | None, jobs: int | None,
             precision: tuple[float, str] | None, max_replications: int,
             sweep_text: str | None, calendar: str, settings: tuple[str, ...], fmt: str,
             calendar_of: str | None, out: Path | None, force: bool) -> None:
    from mentorcore.diagnostics import MentorcoreError
    from mentorcore.outputs import write_output
    if pairs is not None and participants is not None:
        raise click.UsageError(_("give either --pairs or --participants, not both"))
    session = current_session()
    if sweep_text is not None:
        _sweep(model, sweep_text, pairs=pairs, participants=participants, start=start,
               seed=seed, replications=replications or 300, jobs=jobs, calendar=calendar,
               settings=settings, fmt=fmt, out=out, force=force)
        return
    renderer = session.registry.renderer("simulation", fmt)
    if renderer.binary and (out is None or str(out) == "-") and sys.stdout.isatty():
        raise click.UsageError(_("{format} is binary: give --out FILE (or redirect the "
                                 "output)").format(format=fmt))
    loaded = load_model(model)
    programme = loaded.programme
    assert programme is not None  # loaded without errors
    options: dict[str, Any] = {
        "pairs": pairs, "participants": participants, "start": start, "seed": seed,
        "calendar": calendar, "registry": session.registry, "language": session.document_language()}
    if settings:
        from mentorcore.simulation.overrides import parse_settings

        options["assumptions"] = parse_settings(settings)
    try:
        if precision is not None:
            result: Any = _precise(programme, precision, max_replications, jobs, options)
        elif replications is None:
            from mentorcore.simulation.replication import simulate as run_once

            result = run_once(programme, **options)
        else:
            from mentorcore.simulation.montecarlo import simulate_many

            progress = _Progress() if sys.stderr.isatty() else None
            try:
                result = simulate_many(programme, replications, jobs=jobs,
                                       progress=progress, **options)
            finally:
                if progress is not None:
                    progress.close()
    except MentorcoreError as error:
        raise MentorcoreError(loaded.locate(error.diagnostics),
                              exit_code=error.exit_code) from None
    from mentorcore.formats import RenderOptions

    if calendar_of is not None:
        content: str | bytes = _unit_calendar(result, calendar_of, fmt)
    else:
        content = session.registry.render("simulation", fmt, result, RenderOptions(
            language=session.document_language(), start=start, seed=seed, model=programme.id))
    write_output(out, content, force=force,  # built from a units file: names, so 0600
                 inputs=[p for p in (participants,) if p], personal=participants is not None)


def _unit_calendar(result: Any, unit: str, fmt: str) -> bytes:
    """``--calendar-of UNIT``: the ICS of one unit of the run (E620 for another format or an
    unknown unit, with the closest id)."""
    from mentorcore.diagnostics import MentorcoreError
    from mentorcore.simulation.formats import calendar_ics
    from mentorcore.simulation.problems import BAD_OPTION
    from mentorcore.spelling import did_you_mean

    if fmt != "ics":
        raise MentorcoreError.single(BAD_OPTION, _("--calendar-of needs --format ics"),
                                     file="--calendar-of", exit_code=2)
    run = getattr(result, "run", result)
    ids = [row.id for row in run.units.rows()]
    if unit not in ids:
        hint = did_you_mean(unit, ids)
        raise MentorcoreError.single(
            BAD_OPTION, _("the run has no unit '{unit}'").format(unit=unit),
            file="--calendar-of", exit_code=2,
            hint=hint or _("the units are {first} … {last}").format(first=ids[0], last=ids[-1]))
    return calendar_ics(result, unit)


def _precise(programme: Any, precision: tuple[float, str], cap: int, jobs: int | None,
             options: dict[str, Any]) -> Any:
    """The ensemble of as many replications as ``--precision X FIGURE`` takes; says on
    standard error how many and how precise."""
    from mentorcore.planning.precision import until_precise
    from mentorcore.simulation.montecarlo import ensemble
    from mentorcore.simulation.replication import prepare

    wanted, figure = precision
    setup = prepare(programme, **options)
    found = until_precise(setup, figure, wanted, cap=cap, jobs=jobs)
    message = (_("{figure}: mean {mean} ± {width} (95 % CI) after {count} replications")
               if found.reached else
               _("{figure}: mean {mean} ± {width} (95 % CI) after {count} replications, the "
                 "cap (--max-replications): ±{wanted} not reached"))
    click.echo(message.format(figure=figure, mean=f"{found.mean:.1f}",
                              width=f"{found.half_width:.2f}", count=found.replications,
                              wanted=f"{wanted:g}"), err=True)
    return ensemble(found.samples)


def _sweep(model: str, sweep_text: str, *, pairs: int | None, participants: str | None,
           start: dt.date | None, seed: int, replications: int, jobs: int | None,
           calendar: str, settings: tuple[str, ...], fmt: str, out: Path | None,
           force: bool) -> None:
    from mentorcore.diagnostics import MentorcoreError
    from mentorcore.outputs import write_output
    from mentorcore.planning.report import render
    from mentorcore.planning.scenarios import parse_sweep, sweep

    if participants is not None:
        raise click.UsageError(_("--sweep runs a synthetic cohort: leave out --participants"))
    if fmt not in ("table", "json", "csv"):
        raise click.UsageError(_("--sweep writes table, json or csv"))
    session = current_session()
    loaded = load_model(model)
    assert loaded.programme is not None  # loaded without errors
    given: dict[str, str] = {}
    if settings:
        from mentorcore.simulation.overrides import parse_settings

        given = parse_settings(settings)
    try:
        assumption_id, values = parse_sweep(sweep_text)
        result = sweep(loaded.programme, assumption_id, values, registry=session.registry,
                       replications=replications, pairs=pairs, seed=seed, start=start,
                       calendar=calendar, language=session.document_language(),
                       assumptions=given or None, jobs=jobs)
    except MentorcoreError as error:
        raise MentorcoreError(loaded.locate(error.diagnostics),
                              exit_code=error.exit_code) from None
    if fmt == "csv":
        from mentorcore.planning.report import sweep_csv

        content: str | bytes = sweep_csv(result)
    else:
        content = render(result, fmt)
    write_output(out, content, force=force)


@hookimpl
def register_commands(cli: click.Group) -> None:
    cli.add_command(simulate)
