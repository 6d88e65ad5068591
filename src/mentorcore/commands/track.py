"""``mentorcore track``: a running programme's meeting log held against its model."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

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
from mentorcore.i18n import N_, _

_FORMATS = ("table", "json", "xlsx", "html", "md")


@click.command(cls=HelpCommand, help=N_(
    "Hold MODEL's meeting LOG and UNITS against the model: each unit's meetings against the\n"
    "cadence and total for the time elapsed (on track, behind, ahead, ended early, completed),\n"
    "days since the last meeting against the model's rhythm, the next meeting agreed; the\n"
    "programme's events against the dated plan and what is due next.\n"
    "\n"
    "Exit status: 0 done, 1 bad input (nothing written), 2 usage. See docs/tracking.md.\n"
    "\n"
    "\b\n"
    "Examples:\n"
    "  mentorcore forms auroras-individual --log --out tapaamiset.csv\n"
    "  mentorcore track auroras-individual --units parit.csv --log tapaamiset.csv\n"
    "  mentorcore track matkalla-tyoelamaan --units pairs.csv --log log.xlsx --alerts\n"
    "  mentorcore track auroras-individual --units parit.csv --log tapaamiset.csv \\\n"
    "      --today 2027-03-01 --forecast --format json\n"
    "  mentorcore track auroras-individual --units parit.csv --log tapaamiset.csv \\\n"
    "      --reports --show-names --out loppuraportti.html"))
@click.argument("model")
@click.option("--units", "units", required=True, metavar=N_("FILE"),
              type=click.Path(dir_okay=False, path_type=Path),
              help=N_("The units file (CSV or YAML: unit, a column per role, optionally "
                      "group; or a role's name in any language of the model, Yksikkö/Enhet, "
                      "Ryhmä/Grupp), as simulate --participants reads it."))
@click.option("--log", "log", required=True, metavar=N_("FILE"),
              type=click.Path(dir_okay=False, path_type=Path),
              help=N_("The meeting log (CSV or XLSX; the blank one: mentorcore forms MODEL "
                      "--log)."))
@date_option("--today", help=N_("The day to hold the log against [default: today]."))
@date_option("--start", help=N_("The programme's first day [default: the day that puts the "
                                "log's first row on its planned day]."))
@click.option("--calendar", type=click.Choice(["finnish", "plain"]), default="finnish",
              show_default=True,
              help=N_("The calendar of the dated plan, as for simulate: finnish (the model's "
                      "working days, public holidays and breaks) or plain."))
@click.option("--alerts", is_flag=True, help=N_("Only the units that need contact, each with "
                                                 "the rule that fired."))
@click.option("--forecast", "with_forecast", is_flag=True,
              help=N_("Add the forecast: each unit's chance to reach the documented total, and "
                      "the programme's expected figures (5th–95th percentile)."))
@click.option("--reports", is_flag=True,
              help=N_("Write the model's reports, certificate lists and meeting forms from the log "
                      "(md, html or json) instead of the status."))
@click.option("--seed", type=click.IntRange(0, 2**63 - 1), default=0, show_default=True,
              help=N_("Seed of the forecast: the same seed gives the same forecast."))
@click.option("--format", "fmt", type=click.Choice(_FORMATS), default=None,
              help=N_("table, json, xlsx or html (the status); md, html or json (--reports) "
                      "[default: from the --out suffix, else table (md with --reports)]."))
@click.option("--show-names", is_flag=True,
              help=N_("Show the members' names beside the units' ids."))
@click.option("--sheet", default=None, metavar=N_("NAME"),
              help=N_("Worksheet of an XLSX log (default: the first)."))
@out_option(help=N_("Write to FILE (mode 0600) instead of standard output."))
@force_option()
@guarded
def track(model: str, units: Path, log: Path, today: dt.date | None, start: dt.date | None,
          calendar: str, alerts: bool, with_forecast: bool, reports: bool, seed: int,
          fmt: str | None, show_names: bool, sheet: str | None, out: Path | None,
          force: bool) -> None:
    from mentorcore.diagnostics import MentorcoreError
    from mentorcore.outputs import write_output
    from mentorcore.tracking.formats import render
    from mentorcore.tracking.reports import model_reports, render_reports
    from mentorcore.tracking.track import track as follow
    from mentorcore.words import Words

    session = current_session()
    language = session.document_language()  # --lang, else the locale
    loaded = load_model(model)
    programme = loaded.programme
    assert programme is not None  # loaded without errors
    allowed = ("md", "html", "json") if reports else ("table", "json", "xlsx", "html")
    if fmt is None:
        suffix = out.suffix.lstrip(".").lower() if out is not None else ""
        fmt = suffix if suffix in allowed else allowed[0]
    if fmt not in allowed:
        raise click.UsageError(_("--format {format} is not one of {formats}").format(
            format=fmt, formats=", ".join(allowed)))
    if fmt == "xlsx" and out is None and sys.stdout.isatty():
        raise click.UsageError(_("{format} is binary: give --out FILE (or redirect the "
                                 "output)").format(format=fmt))
    try:
        followed = follow(programme, units, log, registry=session.registry, today=today,
                          start=start, sheet=sheet, language=language, calendar=calendar,
                          forecast=with_forecast and not reports, seed=seed)
    except MentorcoreError as error:
        raise MentorcoreError(loaded.locate(error.diagnostics),
                              exit_code=error.exit_code) from None
    for warning in followed.log.warnings:
        click.echo(warning.format(), err=True)
    if reports:
        sections = model_reports(programme, followed.plan, followed.schedule, followed.log,
                                 followed.status, language, names=show_names)
        title = _("{programme}: reports from the log on {date}").format(
            programme=followed.status.title,
            date=Words(language).date(followed.status.today))
        content: str | bytes = render_reports(sections, fmt, title, language)
    else:
        content = render(followed.status, fmt, names=show_names, alerts=alerts)
    write_output(out, content, force=force, inputs=[units, log], personal=True)


@hookimpl
def register_commands(cli: click.Group) -> None:
    cli.add_command(track)
