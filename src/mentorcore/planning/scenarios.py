"""Scenarios: ``--sweep ID=A..B:STEP`` runs one row per value of an assumption, or of the
cohort size (``pairs``), every row with the same replications (common random numbers: the rows
differ by the value, not by luck).

    >>> parse_sweep("dropout_rate=0..0.4:0.1")
    ('dropout_rate', (0, 0.1, 0.2, 0.3, 0.4))
    >>> parse_sweep("pairs=10..60:10")
    ('pairs', (10, 20, 30, 40, 50, 60))
"""

from __future__ import annotations

import concurrent.futures
import datetime
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

import attrs

from mentorcore.diagnostics import MentorcoreError
from mentorcore.i18n import _
from mentorcore.planning.figures import (
    PLANNING_FIGURES,
    figure_estimates,
    rationales,
    task_estimates,
)
from mentorcore.planning.statistics import Estimate, peak_months
from mentorcore.records import record
from mentorcore.simulation.overrides import decimal_point
from mentorcore.simulation.problems import BAD_SETTING

if TYPE_CHECKING:
    from mentorcore.model import Programme
    from mentorcore.plugins import Registry

__all__ = ["COHORT", "MAX_VALUES", "Row", "Sweep", "parse_sweep", "sweep"]

COHORT = "pairs"
"""The id that sweeps the cohort's size instead of an assumption."""
MAX_VALUES = 200
"""The most values one sweep runs."""


def _refuse(message: str) -> MentorcoreError:
    return MentorcoreError.single(BAD_SETTING, message, exit_code=2,
                                  hint=_("for example {example}").format(
                                      example="--sweep dropout_rate=0..0.4:0.1"))


def _number(text: str, sweep_text: str) -> Decimal:
    text = decimal_point(text)
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise _refuse(_("--sweep needs ID=FROM..TO:STEP, found '{text}'").format(
            text=sweep_text)) from None
    if not value.is_finite():
        raise _refuse(_("--sweep needs ID=FROM..TO:STEP, found '{text}'").format(
            text=sweep_text))
    return value


def parse_sweep(text: str) -> tuple[str, tuple[float | int, ...]]:
    """``ID=FROM..TO:STEP`` as the id and its values, ``FROM`` and ``TO`` included (decimal
    arithmetic, so ``0..0.3:0.1`` is 0, 0.1, 0.2, 0.3 exactly); E621 when it is not one."""
    assumption_id, equals, values = text.partition("=")
    span, colon, step_text = values.partition(":")
    low_text, dots, high_text = span.partition("..")
    if not (equals and colon and dots and assumption_id.strip()):
        raise _refuse(_("--sweep needs ID=FROM..TO:STEP, found '{text}'").format(text=text))
    low, high, step = (_number(t, text) for t in (low_text, high_text, step_text))
    if step <= 0 or high < low:
        raise _refuse(_("--sweep {id}: the step must be more than 0 and FROM at most TO, "
                        "found '{text}'").format(id=assumption_id.strip(), text=values))
    count = int((high - low) / step) + 1
    if count > MAX_VALUES:
        raise _refuse(_("--sweep {id}: {count} values, at most {limit}").format(
            id=assumption_id.strip(), count=count, limit=MAX_VALUES))
    found = [low + i * step for i in range(count)]
    return assumption_id.strip(), tuple(int(v) if v == v.to_integral_value() else float(v)
                                        for v in found)


@record(kw_only=True)
class Row:
    """One value of a sweep: the figures, the staff hours by task, the peak month's
    distribution."""

    value: float | int
    units: int
    figures: dict[str, Estimate]
    tasks: dict[str, Estimate]
    peak_months: tuple[tuple[str, float], ...]


@record(kw_only=True)
class Sweep:
    model: str
    title: str
    id: str
    replications: int
    seed: int
    start: datetime.date
    calendar: str
    rows: tuple[Row, ...]
    assumptions: tuple[Any, ...] = ()
    """The assumptions of the first row (the swept one varies)."""
    rationales: dict[str, str] = attrs.field(factory=dict)
    """Why the model sets each of its assumptions (id: text)."""


def sweep(programme: Programme, assumption_id: str, values: tuple[float | int, ...], *,
          registry: Registry, replications: int = 300, pairs: int | None = None,
          seed: int = 0, start: datetime.date | str | None = None, calendar: str = "finnish",
          language: str | None = None, assumptions: Mapping[str, object] | None = None,
          jobs: int | None = 1, executor: concurrent.futures.Executor | None = None,
          progress: Callable[[int, int], None] | None = None) -> Sweep:
    """Simulate ``programme`` ``replications`` times for each of ``values`` of
    ``assumption_id`` (``pairs``: the cohort's size), the rest as ``assumptions`` set."""
    from mentorcore.simulation.calendar import next_monday
    from mentorcore.simulation.montecarlo import check_replications, replicate
    from mentorcore.simulation.replication import prepare

    check_replications(replications)
    start = start if start is not None else next_monday()
    rows = []
    first_setup = None
    for number, value in enumerate(values):
        settings = dict(assumptions or {})
        size = pairs
        if assumption_id == COHORT:
            if not float(value).is_integer() or value < 1:
                raise _refuse(_("--sweep pairs: a cohort is a whole number of units, at least "
                                "1, found {value}").format(value=value))
            size = int(value)
        else:
            settings[assumption_id] = value
        setup = prepare(programme, registry=registry, pairs=size, seed=seed, start=start,
                        calendar=calendar, language=language, assumptions=settings)
        first_setup = first_setup or setup
        samples = replicate(setup, replications, jobs=jobs, executor=executor)
        rows.append(Row(value=value, units=setup.cohort.size,
                        figures=figure_estimates(samples, PLANNING_FIGURES),
                        tasks=task_estimates(samples),
                        peak_months=tuple(peak_months(samples.months["staff_hours"],
                                                      samples.labels))))
        if progress is not None:
            progress(number + 1, len(values))
    assert first_setup is not None
    return Sweep(model=first_setup.plan.model, title=first_setup.plan.title, id=assumption_id,
                 replications=replications, seed=seed, start=first_setup.start,
                 calendar=first_setup.calendar.name, rows=tuple(rows),
                 assumptions=first_setup.assumptions,
                 rationales=rationales(programme, language))
