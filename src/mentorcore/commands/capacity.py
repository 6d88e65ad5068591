"""``mentorcore capacity``: how many units a staff budget carries.

The options every planning command shares (``--set``, ``--sweep``, ``--replications``,
``--jobs``, ``--dask``, ``--format``…) are made here by :func:`planning_options` and used by
``compare`` too.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

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

if TYPE_CHECKING:  # for an annotation only (~5 ms of every start-up otherwise)
    import concurrent.futures

F = TypeVar("F", bound=Callable[..., Any])

__all__ = ["capacity", "executor_for", "jobs_option_value", "planning_options", "settings_of",
           "write_report"]


def _jobs(ctx: click.Context, param: click.Parameter, value: str) -> int | None:
    return jobs_option_value(value)


def jobs_option_value(value: str) -> int | None:
    """``--jobs``: a number of processes, or ``auto`` (``None``)."""
    if value == "auto":
        return None
    try:
        jobs = int(value)
    except ValueError:
        raise click.BadParameter(_("a number of processes or auto, found {value}").format(
            value=value)) from None
    if jobs < 1:
        raise click.BadParameter(_("must be at least 1, found {value}").format(value=jobs))
    return jobs


def planning_options(replications: int = 300) -> Callable[[F], F]:
    """The options of the planning commands, in one place."""
    def decorate(command: F) -> F:
        for option in reversed([
            date_option("--start", help=N_("First day of the programme [default: next Monday].")),
            click.option("--seed", type=click.IntRange(0, 2**63 - 1), default=0,
                         show_default=True, help=N_("Random seed: the same seed gives the same "
                            "output, byte for byte.")),
            click.option("--replications", type=click.IntRange(1, 10_000_000),
                         default=replications, show_default=True, metavar=N_("R"),
                         help=N_("Replications of each run (every size tried, every model).")),
            click.option("--calendar", type=click.Choice(["finnish", "plain"]),
                         default="finnish", show_default=True,
                         help=N_("finnish: the model's calendar (working days, no public "
                                 "holidays, breaks or summer pause); plain: every day.")),
            click.option("--set", "settings", multiple=True, metavar=N_("ID=VALUE"),
                         help=N_("Set an assumption for this run (repeatable), e.g. --set "
                                 "dropout_rate=0.3.")),
            click.option("--sweep", "sweep_text", metavar=N_("ID=FROM..TO:STEP"),
                         help=N_("One row per value of an assumption or of pairs, e.g. --sweep "
                                 "dropout_rate=0..0.4:0.1.")),
            click.option("--jobs", default="auto", show_default=True, metavar=N_("J|auto"),
                         callback=_jobs, help=N_("At most J processes; auto picks the faster "
                            "(worker processes only when the work pays for them).")),
            click.option("--dask", "dask", metavar=N_("ADDRESS"),
                         help=N_("Run the replications on a Dask cluster (its scheduler's "
                                 "address, or 'local' for one on this machine); needs the "
                                 "dask extra: pip install 'mentorcore[dask]'.")),
            click.option("--format", "fmt", type=click.Choice(["table", "json", "xlsx",
                                                                "html"]),
                         default="table", show_default=True,
                         help=N_("table, json, xlsx (a workbook) or html (a page with charts).")),
            out_option(allow_dash=True),
            force_option(),
        ]):
            command = option(command)
        return command
    return decorate


@contextlib.contextmanager
def executor_for(address: str | None) -> Iterator[concurrent.futures.Executor | None]:
    """The executor of a Dask cluster at ``address`` (``local``: a cluster on this machine),
    or ``None``."""
    if address is None:
        yield None
        return
    try:
        import distributed
    except ImportError:
        raise click.UsageError(_("--dask needs the distributed package: pip install "
                                 "'mentorcore[dask]'")) from None
    with contextlib.ExitStack() as stack:
        if address == "local":
            cluster = stack.enter_context(distributed.LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None))
            client = stack.enter_context(distributed.Client(cluster))
        else:
            client = stack.enter_context(distributed.Client(address))
        yield client.get_executor()


def write_report(result: Any, fmt: str, out: Path | None, force: bool) -> None:
    from mentorcore.outputs import write_output
    from mentorcore.planning.report import BINARY, render

    if fmt in BINARY and (out is None or str(out) == "-") and sys.stdout.isatty():
        raise click.UsageError(_("{format} is binary: give --out FILE (or redirect the "
                                 "output)").format(format=fmt))
    write_output(out, render(result, fmt), force=force)


def settings_of(settings: tuple[str, ...]) -> dict[str, str] | None:
    if not settings:
        return None
    from mentorcore.simulation.overrides import parse_settings

    return parse_settings(settings)


@click.command(cls=HelpCommand, help=N_(
    "How many units (pairs, groups) of MODEL the staff's hours carry: the largest cohort\n"
    "whose peak month of staff hours stays within --staff-hours in --quantile of runs, with the\n"
    "month that binds and the margin; the staff hours broken down by task.\n"
    "\n"
    "Every cohort size is simulated with the same random numbers (common random numbers), so\n"
    "the answer grows with the budget and the same seed gives the same answer\n"
    "(docs/planning.md). --sweep gives one answer per value of an assumption.\n"
    "\n"
    "\b\n"
    "Examples:\n"
    "  mentorcore capacity womento --staff-hours 40/month\n"
    "  mentorcore capacity womento --staff-hours 40 --quantile 0.9 --mentor-hours 4/month\n"
    "  mentorcore capacity womento --staff-hours 40 --set dropout_rate=0.3\n"
    "  mentorcore capacity womento --staff-hours 40 --sweep dropout_rate=0..0.4:0.1\n"
    "  mentorcore capacity womento --staff-hours 40 --format html --out capacity.html"))
@click.argument("model")
@click.option("--staff-hours", required=True, metavar=N_("H/month"),
              help=N_("The staff's hours a month, all staff together (e.g. 40/month for two "
                      "at 20)."))
@click.option("--quantile", type=float, default=0.95, show_default=True, metavar=N_("Q"),
              help=N_("The share of runs whose peak month must stay within the budget."))
@click.option("--mentor-hours", metavar=N_("H/month"),
              help=N_("Hours a month one mentor gives: no cohort fits a cadence that asks more."))
@click.option("--max", "limit", type=click.IntRange(1, 10_000_000), default=1000,
              show_default=True, metavar=N_("N"),
              help=N_("The largest cohort to try (a simulation builds at most 200,000 units)."))
@planning_options()
@guarded
def capacity(model: str, staff_hours: str, quantile: float, mentor_hours: str | None,
             limit: int, start: dt.date | None, seed: int, replications: int, calendar: str,
             settings: tuple[str, ...], sweep_text: str | None, jobs: int | None,
             dask: str | None, fmt: str, out: Path | None, force: bool) -> None:
    from mentorcore.diagnostics import MentorcoreError
    from mentorcore.planning.capacity import capacity as solve

    session = current_session()
    loaded = load_model(model)
    programme = loaded.programme
    assert programme is not None  # loaded without errors
    options: dict[str, Any] = {
        "registry": session.registry, "staff_hours": staff_hours, "quantile": quantile,
        "mentor_hours": mentor_hours, "replications": replications, "seed": seed,
        "start": start,
        "calendar": calendar, "language": session.document_language(), "limit": limit, "jobs": jobs}
    try:
        with executor_for(dask) as executor:
            options["executor"] = executor
            given = settings_of(settings) or {}
            if sweep_text is None:
                result: Any = solve(programme, assumptions=given or None, **options)
                write_report(result, fmt, out, force)
                return
            from mentorcore.planning.scenarios import parse_sweep

            assumption_id, values = parse_sweep(sweep_text)
            if assumption_id == "pairs":
                raise click.UsageError(_("capacity finds the number of pairs: sweep an "
                                         "assumption instead"))
            rows = []
            for value in values:
                answer = solve(programme, assumptions={**given, assumption_id: value},
                               **options)
                rows.append((value, answer))
    except MentorcoreError as error:
        raise MentorcoreError(loaded.locate(error.diagnostics),
                              exit_code=error.exit_code) from None
    _write_capacity_sweep(assumption_id, rows, fmt, out, force)


def _write_capacity_sweep(assumption_id: str, rows: list[tuple[Any, Any]], fmt: str,
                          out: Path | None, force: bool) -> None:
    """One capacity answer per value: a table, or JSON (xlsx and html give the first value's
    full report after the table of answers in JSON)."""
    import json

    from mentorcore.outputs import write_output
    from mentorcore.planning.report import data, month_name

    if fmt == "json":
        payload = {"report": "capacity_sweep", "swept": assumption_id,
                   "rows": [{"value": value, **data(answer)} for value, answer in rows]}
        write_output(out, json.dumps(payload, ensure_ascii=False, indent=2) + "\n",
                     force=force)
        return
    if fmt != "table":
        raise click.UsageError(_("--sweep in capacity writes table or json"))
    first = rows[0][1]
    lines = [f"{first.title} ({first.model})",
             _("{id}: units within {budget} staff hours a month ({quantile} of runs)").format(
                 id=assumption_id, budget=f"{first.budget:g}",
                 quantile=f"{100 * first.quantile:g} %")]
    table = [(assumption_id, _("units"), _("peak month h"), _("margin h"),
              _("binding month"))]
    for value, answer in rows:
        table.append((f"{value:g}", str(answer.units), f"{answer.peak:.1f}",
                      f"{answer.margin:.1f}", month_name(answer.binding_month)))
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    lines += ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip()
              for row in table]
    write_output(out, "\n".join(lines) + "\n", force=force)


@hookimpl
def register_commands(cli: click.Group) -> None:
    cli.add_command(capacity)
