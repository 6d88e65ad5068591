"""The results of a simulation: a :class:`Run` (one replication) and an :class:`Ensemble`
(many), frozen attrs values.

A run keeps its timeline and its units as columns (NumPy arrays, read-only), so a run of
100,000 pairs costs no Python object per meeting; :meth:`Timeline.events` and
:meth:`UnitTable.rows` give them one by one as :class:`TimelineEvent` and :class:`UnitResult`
values when asked.

Example::

    >>> from mentorcore import Library
    >>> from mentorcore.simulation import simulate
    >>> library = Library()
    >>> run = simulate(library.programme("womento"), registry=library.registry, pairs=5,
    ...                start="2026-01-05")
    >>> run.units.rows()[0].id, run.timeline.events()[0].type
    ('pair-1', 'phase_start')
"""

from __future__ import annotations

import datetime
import math
from typing import Any, Final

import attrs

from mentorcore.records import record
from mentorcore.simulation.behaviours import ENDED
from mentorcore.simulation.cohort import Cohort
from mentorcore.simulation.plan import UsedAssumption

__all__ = [
    "PERCENTILE_METHOD", "Compliance", "Ensemble", "Figure", "Month", "PhaseSpan", "Run", "Stats",
    "Summary", "Timeline", "TimelineEvent", "UnitResult", "UnitTable", "UsedAssumption",
    "rounded",
]


PERCENTILE_METHOD: Final = "inverted_cdf"
"""How percentiles over replications are taken (NumPy's method): the value of a replication,
so a count's percentiles are counts."""


def rounded(value: float) -> float | int:
    """A figure as results report it: a whole number as ``int``, otherwise four decimals
    (``nan`` stays ``nan``)."""
    value = float(value)
    if math.isnan(value):
        return value
    return int(value) if value.is_integer() else round(value, 4)


def _frozen_array(value: Any) -> Any:
    value = value.copy() if getattr(value, "flags", None) is not None and value.flags.writeable \
        else value
    if getattr(value, "flags", None) is not None:
        value.flags.writeable = False
    return value


@record(kw_only=True)
class TimelineEvent:
    """One dated event: ``type`` (see docs/simulation.md), the ``unit`` it concerns (or
    ``None``) and what it refers to — a ``phase``, a model ``event``, an ``exit`` rule or a
    ``report``."""

    date: datetime.date
    type: str
    unit: str | None = None
    phase: str | None = None
    event: str | None = None
    exit: str | None = None
    report: str | None = None


@record(kw_only=True)
class Timeline:
    """The dated events of one run, in order, as columns."""

    start: datetime.date
    day: Any = attrs.field(eq=False, converter=_frozen_array, repr=False)
    type: Any = attrs.field(eq=False, converter=_frozen_array, repr=False)
    unit: Any = attrs.field(eq=False, converter=_frozen_array, repr=False)
    ref: Any = attrs.field(eq=False, converter=_frozen_array, repr=False)
    types: tuple[str, ...]
    refs: tuple[str, ...]
    ref_kinds: tuple[str, ...]
    unit_ids: tuple[str, ...] = attrs.field(repr=False)

    def __len__(self) -> int:
        return len(self.day)

    def iso_dates(self) -> list[str]:
        """The date of each event as ``YYYY-MM-DD``."""
        import numpy as np

        return list(np.datetime_as_string(np.datetime64(self.start, "D") + self.day, unit="D"))

    def type_names(self) -> list[str]:
        return [self.types[code] for code in self.type.tolist()]

    def events(self) -> list[TimelineEvent]:
        """Every event as a :class:`TimelineEvent` (one Python object each: for big runs prefer
        the columns)."""
        dates = [datetime.date.fromisoformat(d) for d in self.iso_dates()]
        out = []
        for date, code, unit, ref in zip(dates, self.type.tolist(), self.unit.tolist(),
                                         self.ref.tolist(), strict=True):
            extra = {self.ref_kinds[ref]: self.refs[ref]} if ref >= 0 else {}
            out.append(TimelineEvent(date=date, type=self.types[code],
                                     unit=self.unit_ids[unit] if unit >= 0 else None, **extra))
        return out

    def of_type(self, name: str) -> Any:
        """A boolean mask of the events of one type."""
        if name not in self.types:
            import numpy as np

            return np.zeros(len(self.day), dtype=bool)
        return self.type == self.types.index(name)


@record(kw_only=True)
class UnitResult:
    """One unit of a run: who was in it, when it met, how it ended."""

    id: str
    kind: str
    members: tuple[str, ...]
    group: str | None
    start: datetime.date
    end: datetime.date
    meetings_planned: int
    meetings_held: int
    meetings_cancelled: int
    ended: str
    exit: str | None
    themes: tuple[str, ...] = ()


@record(kw_only=True)
class UnitTable:
    """The units of a run (the units that meet, then the groups), as columns."""

    cohort: Cohort = attrs.field(repr=False)
    kind: str
    group_kind: str | None
    count: int
    groups: int
    start_day: Any = attrs.field(eq=False, converter=_frozen_array, repr=False)
    end_day: Any = attrs.field(eq=False, converter=_frozen_array, repr=False)
    planned: Any = attrs.field(eq=False, converter=_frozen_array, repr=False)
    held: Any = attrs.field(eq=False, converter=_frozen_array, repr=False)
    cancelled: Any = attrs.field(eq=False, converter=_frozen_array, repr=False)
    ended: Any = attrs.field(eq=False, converter=_frozen_array, repr=False)
    exit: Any = attrs.field(eq=False, converter=_frozen_array, repr=False)
    group_of: Any = attrs.field(eq=False, converter=_frozen_array, repr=False)
    themes: Any = attrs.field(eq=False, converter=_frozen_array, repr=False)
    theme_names: tuple[str, ...] = ()
    exit_ids: tuple[str, ...] = ()
    origin: datetime.date = datetime.date(2000, 1, 1)

    def __len__(self) -> int:
        return self.count + self.groups

    def unit_ids(self) -> tuple[str, ...]:
        return (tuple(self.cohort.unit_id(i) for i in range(self.count))
                + tuple(self.cohort.group_id(g) for g in range(self.groups)))

    def members(self, index: int) -> tuple[str, ...]:
        if index < self.count:
            return self.cohort.members(index)
        group = index - self.count
        return tuple(self.cohort.unit_id(i) for i in range(self.count)
                     if int(self.group_of[i]) == group)

    def rows(self) -> list[UnitResult]:
        """Every unit as a :class:`UnitResult`."""
        ids = self.unit_ids()
        members: dict[int, list[str]] = {}
        for i in range(self.count):
            members.setdefault(int(self.group_of[i]), []).append(ids[i])
        out = []
        for index in range(len(self)):
            is_group = index >= self.count
            group = None
            if not is_group and int(self.group_of[index]) >= 0:
                group = self.cohort.group_id(int(self.group_of[index]))
            exit_index = int(self.exit[index])
            themes: tuple[str, ...] = ()
            if not is_group and self.theme_names:
                mask = int(self.themes[index])
                themes = tuple(name for bit, name in enumerate(self.theme_names)
                               if mask >> bit & 1)
            out.append(UnitResult(
                id=ids[index], kind=(self.group_kind or "group") if is_group else self.kind,
                members=(tuple(members.get(index - self.count, ())) if is_group
                         else self.cohort.members(index)),
                group=group,
                start=self.origin + datetime.timedelta(days=int(self.start_day[index])),
                end=self.origin + datetime.timedelta(days=int(self.end_day[index]) - 1),
                meetings_planned=int(self.planned[index]), meetings_held=int(self.held[index]),
                meetings_cancelled=int(self.cancelled[index]),
                ended=ENDED[int(self.ended[index])],
                exit=self.exit_ids[exit_index] if exit_index >= 0 else None,
                themes=themes))
        return out


@record(kw_only=True)
class Stats:
    """A figure over replications: 5th, 50th and 95th percentile and mean.

    One rule for every percentile (:data:`PERCENTILE_METHOD`): it is the value of a
    replication — the smallest value that at least that share of the replications do not
    exceed — never a value between two, so the percentiles of a count are whole numbers (the
    mean is not rounded)."""

    p5: float
    p50: float
    p95: float
    mean: float

    @classmethod
    def of(cls, values: Any) -> Stats:
        import numpy as np

        values = np.asarray(values, dtype=np.float64)
        values = values[~np.isnan(values)]
        if not len(values):
            return cls(p5=math.nan, p50=math.nan, p95=math.nan, mean=math.nan)
        p5, p50, p95 = np.percentile(values, [5, 50, 95], method=PERCENTILE_METHOD)
        return cls(p5=float(p5), p50=float(p50), p95=float(p95), mean=float(values.mean()))

    @classmethod
    def many(cls, values: Any) -> list[Stats]:
        """Statistics of each column of an (R, F) array (NaN values left out)."""
        import numpy as np

        values = np.asarray(values, dtype=np.float64)
        if np.isnan(values).any():
            return [cls.of(values[:, i]) for i in range(values.shape[1])]
        p5, p50, p95 = np.percentile(values, [5, 50, 95], axis=0, method=PERCENTILE_METHOD)
        means = values.mean(axis=0)
        return [cls(p5=float(a), p50=float(m), p95=float(c), mean=float(d))
                for a, m, c, d in zip(p5, p50, p95, means, strict=True)]


Figure = float | Stats


@record(kw_only=True)
class Compliance:
    """A documented target and the share of units (groups, or the phase) that met it."""

    id: str
    text: str
    low: float
    high: float
    share: Figure


@record(kw_only=True)
class Month:
    """Workload of one calendar month (``YYYY-MM``)."""

    month: str
    active_units: Figure
    meetings_held: Figure
    programme_events: Figure
    staff_hours: Figure
    mentor_hours: Figure


@record(kw_only=True)
class Summary:
    """Figures (see ``mentorcore.simulation.figures.FIGURES``), compliance with the model's
    targets, and workload per month. In an :class:`Ensemble` every number is a :class:`Stats`."""

    figures: dict[str, Figure]
    compliance: tuple[Compliance, ...]
    months: tuple[Month, ...]
    staff_tasks: dict[str, Figure] = attrs.field(factory=dict)
    """Staff hours of each task the model implies (``staff_hours`` is their sum; see
    :func:`mentorcore.simulation.figures.staff_tasks`)."""
    peak_months: tuple[tuple[str, float], ...] = ()
    """In an :class:`Ensemble`: each month that was the staff's busiest in some replication and
    the share of replications it was, the most frequent first."""


@record(kw_only=True)
class PhaseSpan:
    """When a phase ran (``end`` is its last day)."""

    id: str
    name: str
    kind: str
    start: datetime.date
    end: datetime.date
    kind_label: str = ""
    """The kind in the language of the run (``kind`` is its id)."""


@record(kw_only=True)
class Run:
    """One simulated run of a programme."""

    model: str
    title: str
    seed: int
    start: datetime.date
    calendar: str
    cohort: Cohort = attrs.field(repr=False)
    phases: tuple[PhaseSpan, ...]
    units: UnitTable = attrs.field(repr=False)
    timeline: Timeline = attrs.field(repr=False)
    summary: Summary
    event_names: dict[str, str] = attrs.field(factory=dict)
    """Display name of each model event, by id."""
    notes: tuple[str, ...] = ()
    assumptions: tuple[UsedAssumption, ...] = ()
    """Every assumption the run used, with its value and origin (``model``, ``default`` or
    ``override``)."""
    schedule: Any = attrs.field(default=None, eq=False, repr=False)
    """The dated schedule the run was sampled around (:class:`mentorcore.schedule.Schedule`)."""

    @property
    def end(self) -> datetime.date:
        return max([p.end for p in self.phases] + [self.start])


@record(kw_only=True)
class Ensemble:
    """R replications of a programme: the first one in full (``run``, the same as a single
    run with the seed) and every figure over all of them (``summary``)."""

    run: Run
    replications: int
    summary: Summary

    @property
    def model(self) -> str:
        return self.run.model

    @property
    def seed(self) -> int:
        return self.run.seed

    @property
    def start(self) -> datetime.date:
        return self.run.start

    @property
    def assumptions(self) -> tuple[UsedAssumption, ...]:
        """The assumptions every replication used (those of :attr:`run`)."""
        return self.run.assumptions
