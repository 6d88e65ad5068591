"""``mentorcore compare``: models side by side, and what differs with its interval."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from mentorcore.cli.help import HelpCommand
from mentorcore.cli.session import current_session, guarded, load_model
from mentorcore.commands.capacity import (
    executor_for,
    planning_options,
    settings_of,
    write_report,
)
from mentorcore.hookspecs import hookimpl
from mentorcore.i18n import N_, _


def _at_least_one(ctx: click.Context, param: click.Parameter, value: int | None) -> int | None:
    if value is not None and value < 1:
        raise click.BadParameter(_("must be at least 1, found {value}").format(value=value))
    return value


@click.command(cls=HelpCommand, help=N_(
    "Compare MODELS (two or more ids or files) side by side: meetings, completions, staff\n"
    "hours in all and in the peak month, mentor hours, days and certificates, each as mean\n"
    "with its interval (95 %) and p5–p95, and each model's difference from the first with its\n"
    "interval.\n"
    "\n"
    "Every model runs on the same random numbers (common random numbers), and the differences\n"
    "are paired by replication: what the runs share cancels out (docs/planning.md). --set sets\n"
    "an assumption in every model; --sweep gives one comparison per value.\n"
    "\n"
    "\b\n"
    "Examples:\n"
    "  mentorcore compare womento matkalla-tyoelamaan --pairs 40\n"
    "  mentorcore compare womento monika --set dropout_rate=0.3 --format json\n"
    "  mentorcore compare womento monika --pairs 20 --format html --out compare.html\n"
    "  mentorcore compare womento monika --sweep pairs=10..40:10"))
@click.argument("models", nargs=-1, required=True)
@click.option("--pairs", type=int, callback=_at_least_one, metavar=N_("N"),
              help=N_("The same cohort size for every model [default: each model's "
                      "cohort_size]."))
@planning_options()
@guarded
def compare(models: tuple[str, ...], pairs: int | None, start: dt.date | None, seed: int,
            replications: int, calendar: str, settings: tuple[str, ...],
            sweep_text: str | None, jobs: int | None, dask: str | None, fmt: str,
            out: Path | None, force: bool) -> None:
    from mentorcore.diagnostics import MentorcoreError
    from mentorcore.planning.compare import compare as side_by_side

    session = current_session()
    if len(models) < 2:
        raise click.UsageError(_("compare needs at least two models"))
    loaded = [load_model(model) for model in models]
    programmes = []
    for item in loaded:
        assert item.programme is not None  # loaded without errors
        programmes.append(item.programme)
    options: dict[str, Any] = {
        "registry": session.registry, "replications": replications, "seed": seed,
        "start": start, "calendar": calendar, "language": session.document_language(), "jobs": jobs}
    given = settings_of(settings) or {}
    try:
        with executor_for(dask) as executor:
            options["executor"] = executor
            if sweep_text is None:
                result = side_by_side(programmes, pairs=pairs, assumptions=given or None,
                                      **options)
                write_report(result, fmt, out, force)
                return
            from mentorcore.planning.scenarios import COHORT, parse_sweep

            assumption_id, values = parse_sweep(sweep_text)
            rows = []
            for value in values:
                if assumption_id == COHORT:
                    answer = side_by_side(programmes, pairs=int(value),
                                          assumptions=given or None, **options)
                else:
                    answer = side_by_side(programmes, pairs=pairs,
                                          assumptions={**given, assumption_id: value},
                                          **options)
                rows.append((value, answer))
    except MentorcoreError as error:
        raise MentorcoreError(loaded[0].locate(error.diagnostics),
                              exit_code=error.exit_code) from None
    _write_sweep(assumption_id, rows, fmt, out, force)


def _write_sweep(assumption_id: str, rows: list[tuple[Any, Any]], fmt: str, out: Path | None,
                 force: bool) -> None:
    import json

    from mentorcore.outputs import write_output
    from mentorcore.planning.report import data, figure_label

    if fmt == "json":
        payload = {"report": "comparison_sweep", "swept": assumption_id,
                   "rows": [{"value": value, **data(answer)} for value, answer in rows]}
        write_output(out, json.dumps(payload, ensure_ascii=False, indent=2) + "\n",
                     force=force)
        return
    if fmt != "table":
        raise click.UsageError(_("--sweep in compare writes table or json"))
    first = rows[0][1].columns
    names = ("meetings_held", "units_completed", "staff_hours", "staff_hours_peak_month")
    header = [assumption_id]
    for column in first[1:]:
        header += [f"{figure_label(n)}: {column.model} − {first[0].model}" for n in names]
    table = [header]
    for value, answer in rows:
        row = [f"{value:g}"]
        for column in answer.columns[1:]:
            for name in names:
                e = column.differences[name]
                row.append(f"{e.mean:g} ({e.low:g}–{e.high:g})")
        table.append(row)
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip()
             for row in table]
    lines.append(_("mean difference (95 % CI), paired by replication (common random "
                   "numbers)"))
    write_output(out, "\n".join(lines) + "\n", force=force)


@hookimpl
def register_commands(cli: click.Group) -> None:
    cli.add_command(compare)
