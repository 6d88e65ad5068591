"""The forecast: the simulation conditioned on what the log says has happened.

Method (docs/tracking.md, "Forecast"):

1. **Simulate** the model as it is (:func:`mentorcore.simulation.simulate`, its public API):
   ``runs`` runs of ``units_per_run`` units each, seeds derived from ``seed``, from the
   programme's start — so the phase's length, the cadence's jitter, cancellations, early ends
   and dropouts vary as the model's assumptions say.
2. **Condition** each unit still meeting on its own history: a simulated unit is *like* it
   when, on the same day of its phase (days since its start), it is still meeting and has held
   exactly as many meetings. When fewer than :data:`MIN_LIKE` simulated units are alike, the
   count may differ by 1, then 2… until there are (the forecast says how far it widened).
3. **Read off** the unit's chance to reach the documented total by the end of its phase: the
   share of the alike simulated units that reached it; its final number of meetings: their
   5th, 50th and 95th percentile. A unit that has ended (or whose phase is over) is settled:
   its chance is 1 or 0.
4. **The programme's figures**: ``draws`` times, every unit still meeting takes the future of
   one alike simulated unit drawn at random (the settled units keep theirs); each figure is
   reported as 5th, 50th, 95th percentile and mean over the draws. Units are drawn
   independently: a programme-wide shock (every pair slowing down together) is not in the
   spread.

The same seed gives the same forecast.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any

from mentorcore.records import record
from mentorcore.simulation.plan import Plan
from mentorcore.simulation.run import Stats
from mentorcore.tracking.schedule import Schedule
from mentorcore.tracking.status import Status, meeting_phase, totals

if TYPE_CHECKING:
    from mentorcore.model import Programme
    from mentorcore.plugins import Registry

__all__ = ["FIGURES", "MIN_LIKE", "Forecast", "UnitForecast", "forecast"]

MIN_LIKE = 50
"""A unit's forecast rests on at least this many alike simulated units."""
FIGURES = ("meetings_held", "units_reaching_total", "units_completed", "units_ended_early")


@record(kw_only=True)
class UnitForecast:
    id: str
    chance: float
    """The chance to reach the documented total by the end of the phase (0–1)."""
    meetings: Stats
    """The unit's final number of meetings."""
    alike: int
    """How many simulated units the forecast rests on (0: settled)."""
    widened: int = 0
    """How far the number of meetings was widened to find them (0: exactly as many)."""


@record(kw_only=True)
class Forecast:
    total: int
    """The documented total of meetings a unit is to reach (the minimum of the range)."""
    units: tuple[UnitForecast, ...]
    figures: dict[str, Stats]
    seed: int
    runs: int
    simulated_units: int
    draws: int

    def of(self, unit: str) -> UnitForecast | None:
        return next((u for u in self.units if u.id == unit), None)


@record(kw_only=True)
class _Simulated:
    held_by_day: Any
    """(S, L+1): meetings each simulated unit has held by day d of its phase (inclusive)."""
    end_day: Any
    """(S,): the last day of each simulated unit, in days of its phase."""
    final: Any
    completed: Any


def _simulate(programme: Programme, plan: Plan, schedule: Schedule, registry: Registry,
              seed: int, runs: int, units_per_run: int) -> _Simulated:
    import numpy as np

    from mentorcore.simulation.replication import simulate

    phase = meeting_phase(plan)
    held_rows: list[Any] = []
    ends: list[Any] = []
    finals: list[Any] = []
    completed: list[Any] = []
    horizon = 0
    per_run: list[tuple[Any, Any, Any, Any]] = []
    for r in range(runs):
        run = simulate(programme, registry=registry, pairs=units_per_run,
                       seed=(seed * 1_000_003 + r) % (2**63 - 1), start=schedule.start,
                       calendar=schedule.calendar)
        span = run.phases[phase.index]
        origin = run.units.origin
        count = run.units.count
        first = (span.start - origin).days
        unit_start = np.maximum(np.asarray(run.units.start_day[:count], dtype=np.int64), first)
        last = np.asarray(run.units.end_day[:count], dtype=np.int64) - 1 - unit_start
        timeline = run.timeline
        mask = timeline.of_type("meeting")
        shift = (timeline.start - origin).days
        days = np.asarray(timeline.day[mask], dtype=np.int64) + shift
        units = np.asarray(timeline.unit[mask], dtype=np.int64)
        relative = days - unit_start[units]
        horizon = max(horizon, int(last.max(initial=0)) + 1)
        per_run.append((units, relative, last, count))
        finals.append(np.asarray(run.units.held[:count], dtype=np.int64))
        completed.append(np.asarray(run.units.ended[:count], dtype=np.int64) == 0)
    for units, relative, last, count in per_run:
        grid = np.zeros((count, horizon + 1), dtype=np.int32)
        np.add.at(grid, (units, np.clip(relative, 0, horizon)), 1)
        held_rows.append(np.cumsum(grid, axis=1))
        ends.append(last)
    return _Simulated(held_by_day=np.concatenate(held_rows), end_day=np.concatenate(ends),
                      final=np.concatenate(finals), completed=np.concatenate(completed))


def forecast(programme: Programme, plan: Plan, schedule: Schedule, status: Status, *,
             registry: Registry, seed: int = 0, runs: int = 40, units_per_run: int = 200,
             draws: int = 2000) -> Forecast:
    """The forecast of ``status`` (the method above)."""
    import numpy as np

    phase = meeting_phase(plan)
    total_low, _high = totals(plan, phase)
    total = total_low if total_low is not None else 1
    sims = _simulate(programme, plan, schedule, registry, seed, runs, units_per_run)
    horizon = sims.held_by_day.shape[1] - 1
    reached = sims.final >= total
    forecasts: list[UnitForecast] = []
    pools: list[Any] = []
    settled: list[tuple[int, bool, bool]] = []
    for unit in status.units:
        final = unit.status in ("completed", "ended_early") or status.today > unit.planned_end
        if final:
            forecasts.append(UnitForecast(
                id=unit.id, chance=1.0 if unit.meetings >= total else 0.0,
                meetings=Stats.of([unit.meetings]), alike=0))
            pools.append(None)
            settled.append((unit.meetings, unit.status == "completed",
                            unit.status == "ended_early"))
            continue
        elapsed = min(max((status.today - unit.start).days, -1), horizon)
        if elapsed < 0:
            active = np.ones(len(sims.final), dtype=bool)
            held = np.zeros(len(sims.final), dtype=np.int64)
        else:
            active = sims.end_day >= elapsed
            held = sims.held_by_day[:, elapsed]
        widened = 0
        while True:
            alike = np.flatnonzero(active & (np.abs(held - unit.meetings) <= widened))
            if len(alike) >= MIN_LIKE or widened > total + 50:
                break
            widened += 1
        if not len(alike):
            alike = np.flatnonzero(active) if active.any() else np.arange(len(sims.final))
        forecasts.append(UnitForecast(
            id=unit.id, chance=float(reached[alike].mean()),
            meetings=Stats.of(sims.final[alike]), alike=len(alike), widened=widened))
        pools.append(alike)
        settled.append((0, False, False))
    rng = np.random.default_rng(seed)
    figures = np.zeros((draws, len(FIGURES)))
    for index, pool in enumerate(pools):
        if pool is None:
            meetings, done, early = settled[index]
            figures[:, 0] += meetings
            figures[:, 1] += meetings >= total
            figures[:, 2] += done
            figures[:, 3] += early
            continue
        picks = pool[rng.integers(0, len(pool), size=draws)]
        final = sims.final[picks]
        figures[:, 0] += final
        figures[:, 1] += final >= total
        figures[:, 2] += sims.completed[picks]
        figures[:, 3] += ~sims.completed[picks]
    stats = Stats.many(figures) if draws and status.units else [
        Stats(p5=math.nan, p50=math.nan, p95=math.nan, mean=math.nan)] * len(FIGURES)
    return Forecast(total=total, units=tuple(forecasts),
                    figures=dict(zip(FIGURES, stats, strict=True)), seed=seed, runs=runs,
                    simulated_units=len(sims.final), draws=draws)


def cut_day(schedule: Schedule, plan: Plan) -> dt.date:
    """The middle of the phase the units meet in (where the calibration test cuts)."""
    span = schedule.phase(meeting_phase(plan).index)
    return span.start + (span.end - span.start) / 2
