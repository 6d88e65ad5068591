"""The figures of a simulation, computed for every replication of a batch at once.

Each function takes a :class:`~mentorcore.simulation.engine.Batch` and returns arrays with one
value per replication (or per replication and month), so one run and a thousand replications are
summarised by the same code.
"""

from __future__ import annotations

import datetime
from typing import Any

import numpy as np

from mentorcore.model.assumptions import STAFF_TASKS, TRAINING_KINDS
from mentorcore.simulation.behaviours import CANCELLED, HELD, RESCHEDULED
from mentorcore.simulation.engine import Batch
from mentorcore.simulation.plan import DAYS_PER_MONTH, staff_rate

__all__ = [
    "FIGURES", "MONTH_FIGURES", "compliance", "figures", "group_meeting_counts", "held_mask",
    "meeting_counts", "month_labels", "month_of", "monthly", "staff_tasks",
    "unit_month_meetings",
]

FIGURES = (
    "units", "groups", "units_completed", "units_ended_early", "units_dropped_out",
    "units_below_target", "members_left", "meetings_planned", "meetings_held",
    "meetings_rescheduled", "meetings_cancelled",
    "meetings_per_unit_median", "meetings_per_completed_unit_median",
    "group_meetings_per_group_median", "programme_events", "event_participants",
    "certificates", "reports",
    "duration_days", "staff_hours", "mentor_hours",
)
"""The summary figures, in the order they are reported."""

MONTH_FIGURES = ("active_units", "meetings_held", "programme_events", "staff_hours",
                 "mentor_hours")


def _per_rep(values: Any, reps: Any, R: int) -> Any:
    return np.bincount(reps, weights=values, minlength=R) if len(reps) else np.zeros(R)


def _count_rows(batch: Batch, mask: Any) -> Any:
    R = len(batch.replications)
    return np.bincount(batch.rows["rep"][mask], minlength=R).astype(np.float64)


def _staffed(batch: Batch) -> Any:
    types = batch.rows["type"]
    vocab = batch.vocabulary
    codes = [vocab.type_code("programme_event"), *(vocab.type_code(t)
                                                  for t in batch.plan.behaviour_types)]
    return np.isin(types, codes)


def _rows_by_month(batch: Batch, mask: Any, start: datetime.date, months: int,
                   weights: Any = None) -> Any:
    """(R, M) event rows of ``mask`` in each month (weighted by ``weights`` of the row)."""
    R = len(batch.replications)
    rows = batch.rows
    month = np.minimum(month_of(start, rows["day"][mask]), months - 1)
    flat = rows["rep"][mask] * months + month
    return np.bincount(flat, weights=weights, minlength=R * months).reshape(
        R, months).astype(np.float64)


def staff_tasks(batch: Batch, start: datetime.date, members: Any = None) -> dict[str, Any]:
    """Staff hours of each task of :data:`~mentorcore.model.assumptions.STAFF_TASKS` the model
    implies, an (R, M) array of hours by month each; ``staff_hours`` is their sum. ``members``:
    people in each unit (N,), default the plan's unit size.

    intake: people of each unit formed; matching: units formed; trainings: training and
    orientation phases started; start meetings: events of a unit of its own; monitoring: units
    active in the month; events: programme and group events and camp days; reports: reports
    received; certificates: certificates handed out — each times its hours."""
    months = _months(batch, start)
    key = ("staff", start, months)
    if key in batch.cache:
        return batch.cache[key]
    plan = batch.plan
    N = batch.units
    rows = batch.rows
    vocab = batch.vocabulary
    people = (np.full(max(N, 1), float(len(plan.member_roles))) if members is None
              else np.asarray(members, dtype=np.float64))
    kind, unit = rows["type"], rows["unit"]
    own_unit = (unit >= 0) & (unit < N)
    formed = (kind == vocab.type_code("unit_formed")) & own_unit
    event = np.isin(kind, [vocab.type_code("programme_event"),
                           *(vocab.type_code(t) for t in plan.behaviour_types)])
    start_meeting = (kind == vocab.type_code("programme_event")) & own_unit
    trainings = [p.index for p in plan.phases if p.kind in TRAINING_KINDS]
    training = (kind == vocab.type_code("phase_start")) & np.isin(rows["ref"], trainings)
    certificate = kind == vocab.type_code("certificate")
    counts = {
        "intake": _rows_by_month(batch, formed, start, months,
                                 people[unit[formed]] if formed.any() else None),
        "matching": _rows_by_month(batch, formed, start, months),
        "trainings": _rows_by_month(batch, training, start, months),
        "start_meetings": _rows_by_month(batch, start_meeting, start, months),
        "monitoring": _active_unit_months(batch, start, months),
        "events": _rows_by_month(batch, event & ~start_meeting, start, months),
        "reports": _rows_by_month(batch, kind == vocab.type_code("report"), start, months),
        "certificates": _rows_by_month(batch, certificate, start, months,
                                       people[unit[certificate]] if certificate.any()
                                       else None),
    }
    rates = dict(STAFF_TASKS)
    used = plan.reads.staff_tasks if plan.reads is not None else tuple(rates)
    found = {task: counts[task] * staff_rate(rates[task], plan.rates, plan.assumptions)
             for task, _id in STAFF_TASKS if task in used or task in ("monitoring", "events")}
    batch.cache[key] = found
    return found


def _unit_month_counts(batch: Batch, start: datetime.date, months: int) -> Any:
    """(R, N, M) meetings each unit held in each month (computed once per batch: the monthly
    figures and the unit-month histogram share it)."""
    key = ("unit_months", start, months)
    if key not in batch.cache:
        R, N = len(batch.replications), batch.units
        held = held_mask(batch)
        days = batch.schedule.meeting_day
        cells = R * N * months
        kind = np.int32 if cells < 2**31 else np.int64
        # each slot's cell (unit, month): a month table looked up by day (a day after the last
        # month counts in the last; a slot not held is left out)
        table = np.minimum(_month_table(start, int(days.max(initial=0)) + 1), months - 1)
        cell = table.astype(kind).take(np.maximum(days, 0))
        cell += (np.arange(R * N, dtype=kind) * months).reshape(R, N, 1)
        batch.cache[key] = np.bincount(cell[held], minlength=cells).reshape(R, N, months)
    return batch.cache[key]


def unit_month_meetings(batch: Batch, start: datetime.date) -> Any:
    """How many of the months a unit was active (over every unit and replication of the
    batch) held 0, 1, 2… of its meetings: ``counts[k]`` unit-months held ``k`` (a mentor's
    monthly hours are ``k`` × ``mentor_hours_per_meeting``)."""
    N = batch.units
    if not N:
        return np.zeros(1)
    months = _months(batch, start)
    counts = _unit_month_counts(batch, start, months)
    first = month_of(start, batch.formed)[..., None]
    last = month_of(start, batch.schedule.unit_end - 1)[..., None]
    active = (np.arange(months) >= first) & (np.arange(months) <= last)
    return np.bincount(counts[active]).astype(np.float64)


def group_meeting_counts(batch: Batch) -> Any:
    """(R, G) programme events held by each group (its group meetings)."""
    R, N, G = len(batch.replications), batch.units, batch.groups
    if not G:
        return np.zeros((R, 0))
    rows = batch.rows
    mask = (rows["type"] == batch.vocabulary.type_code("programme_event")) & (rows["unit"] >= N)
    flat = rows["rep"][mask] * G + (rows["unit"][mask] - N)
    return np.bincount(flat, minlength=R * G).reshape(R, G).astype(np.float64)


def held_mask(batch: Batch) -> Any:
    """(R, N, K) true where a meeting was held (computed once per batch)."""
    cache = batch.cache
    if "held" not in cache:
        status = batch.schedule.meeting_status
        cache["held"] = (status == HELD) | (status == RESCHEDULED)
    return cache["held"]


def count_along(mask: Any) -> Any:
    """How many of each row's slots are true, over the last axis of a boolean ``mask``: the
    counts of ``np.count_nonzero(mask, axis=-1)`` (int64), three times faster over a short
    axis."""
    return np.einsum("...k->...", mask, dtype=np.int64)


def meeting_counts(batch: Batch) -> dict[str, Any]:
    """(R, N) planned, held, rescheduled and cancelled meetings of each unit."""
    cache = batch.cache
    if "counts" not in cache:
        status = batch.schedule.meeting_status
        cache["counts"] = {"planned": count_along(status != 0),
                           "held": count_along(held_mask(batch)),
                           "rescheduled": count_along(status == RESCHEDULED),
                           "cancelled": count_along(status == CANCELLED)}
    return cache["counts"]


def _median_rows(values: Any, mask: Any) -> Any:
    """The median of each row over the entries where ``mask`` is true (NaN for none)."""
    R = values.shape[0]
    if values.shape[1] == 0:
        return np.full(R, np.nan)
    ordered = np.where(mask, values.astype(np.float64), np.inf)
    ordered.sort(axis=1)
    count = mask.sum(axis=1)
    rows = np.arange(R)
    low = np.maximum((count - 1) // 2, 0)
    high = np.minimum(count // 2, values.shape[1] - 1)
    with np.errstate(invalid="ignore"):
        median = (ordered[rows, low] + ordered[rows, high]) / 2
    median[count == 0] = np.nan
    return median


def figures(batch: Batch, members: Any, start: datetime.date) -> dict[str, Any]:
    """Every figure of :data:`FIGURES`, one value per replication. ``members`` is the number of
    people in each unit (N,); ``start`` the first day (months are calendar months)."""
    R, N = len(batch.replications), batch.units
    counts = meeting_counts(batch)
    ended = batch.schedule.ended
    vocab = batch.vocabulary
    rows = batch.rows
    rates = batch.plan.rates
    group_counts = group_meeting_counts(batch)
    certificate = rows["type"] == vocab.type_code("certificate")
    certificate_people = _per_rep(np.asarray(members, dtype=np.float64)[rows["unit"][certificate]],
                                  rows["rep"][certificate], R)
    staffed = _count_rows(batch, _staffed(batch))
    end = np.maximum(batch.phase_end.max(axis=1, initial=0),
                     batch.schedule.unit_end.max(axis=1, initial=0))
    first = batch.phase_start.min(axis=1, initial=0)
    every = np.ones((R, N), dtype=bool)
    return {
        "units": np.full(R, float(N)),
        "groups": np.full(R, float(batch.groups)),
        "units_completed": (ended == 0).sum(axis=1).astype(np.float64),
        "units_ended_early": (ended == 1).sum(axis=1).astype(np.float64),
        "units_dropped_out": (ended == 2).sum(axis=1).astype(np.float64),
        "units_below_target": (ended == 3).sum(axis=1).astype(np.float64),
        "members_left": (np.zeros(R) if batch.schedule.members_left is None
                         else batch.schedule.members_left.sum(axis=1).astype(np.float64)),
        "meetings_planned": counts["planned"].sum(axis=1).astype(np.float64),
        "meetings_held": counts["held"].sum(axis=1).astype(np.float64),
        "meetings_rescheduled": counts["rescheduled"].sum(axis=1).astype(np.float64),
        "meetings_cancelled": counts["cancelled"].sum(axis=1).astype(np.float64),
        "meetings_per_unit_median": _median_rows(counts["held"], every),
        "meetings_per_completed_unit_median": _median_rows(counts["held"], ended == 0),
        "group_meetings_per_group_median": (np.median(group_counts, axis=1) if batch.groups
                                            else np.full(R, np.nan)),
        "programme_events": staffed,
        "event_participants": _event_participants(batch, members),
        "certificates": certificate_people,
        "reports": _count_rows(batch, rows["type"] == vocab.type_code("report")),
        "duration_days": (end - first).astype(np.float64),
        "staff_hours": sum(hours.sum(axis=1)
                           for hours in staff_tasks(batch, start, members).values()),
        "mentor_hours": counts["held"].sum(axis=1) * rates["mentor_hours_per_meeting"],
    }


def compliance(batch: Batch) -> dict[str, Any]:
    """For each documented target of the plan, the share of units (groups, phases) that meet
    it, one value per replication (NaN when nothing could)."""
    R = len(batch.replications)
    plan = batch.plan
    out: dict[str, Any] = {}
    held = held_mask(batch)
    schedule = batch.schedule
    # the units a unit target is about: those that ran to the end (completed, or below target)
    completed = (schedule.ended == 0) | (schedule.ended == 3)
    denominator = completed.sum(axis=1)

    def share(ok: Any) -> Any:
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(denominator > 0, (ok & completed).sum(axis=1) / denominator, np.nan)

    for target in plan.targets:
        if target.kind in ("unit_meetings", "unit_rate", "unit_days"):
            in_phase = schedule.meeting_phase == target.phase
            count = (meeting_counts(batch)["held"] if in_phase.all()
                     else count_along(held[..., in_phase]))
            if target.kind == "unit_meetings":
                value = count.astype(np.float64)
            else:
                days = _unit_days(batch, target.phase)
                value = (days if target.kind == "unit_days"
                         else count / np.maximum(days, 1) * DAYS_PER_MONTH)
            out[target.id] = share((value >= target.low - 1e-9) & (value <= target.high + 1e-9))
        elif target.kind == "programme_days":
            # calendar days from the first day to the last, less the days the programme
            # waits in a break between two phases (no phase runs in them)
            days = (batch.phase_end.max(axis=1, initial=0)
                    - batch.phase_start.min(axis=1, initial=0))
            if batch.break_waits is not None:
                days = days - batch.break_waits
            out[target.id] = ((days >= target.low) & (days <= target.high)).astype(np.float64)
        elif target.kind == "group_size":
            G = batch.groups
            sizes = np.bincount(batch.group_of[batch.group_of >= 0], minlength=G)[:G]
            ok = (sizes >= target.low - 1e-9) & (sizes <= target.high + 1e-9)
            out[target.id] = np.full(R, ok.mean() if G else np.nan)
        elif target.kind == "unit_size":
            members = float(len(plan.member_roles))
            fits = target.low - 1e-9 <= members <= target.high + 1e-9
            out[target.id] = (np.full(R, 1.0 if fits else 0.0) if batch.units
                              else np.full(R, np.nan))
        elif target.kind == "phase_days":
            days = batch.phase_active_days[:, target.phase]
            out[target.id] = ((days >= target.low) & (days <= target.high)).astype(np.float64)
        elif target.kind == "group_meetings":
            event_id = target.id.rsplit(".", 1)[0]
            ref = batch.vocabulary.refs.index(event_id)
            rows = batch.rows
            mask = (rows["type"] == batch.vocabulary.type_code("programme_event")) & (
                rows["ref"] == ref)
            if batch.groups and (rows["unit"][mask] >= batch.units).any():
                G = batch.groups
                flat = rows["rep"][mask] * G + (rows["unit"][mask] - batch.units)
                counts = np.bincount(flat, minlength=R * G).reshape(R, G)
                ok = (counts >= target.low) & (counts <= target.high)
                out[target.id] = ok.mean(axis=1)
            else:
                counts = np.bincount(rows["rep"][mask], minlength=R)
                out[target.id] = ((counts >= target.low)
                                  & (counts <= target.high)).astype(np.float64)
    return out


def _event_participants(batch: Batch, members: Any) -> Any:
    """(R,) people taking part in the model's events, summed over the events held: the unit's
    people for an event of a unit, the group's for a group's, everyone in a unit active that
    day for a programme-wide one — times the event's share (``voluntary_share`` for a voluntary
    event, so an expected number)."""
    R, N = len(batch.replications), batch.units
    rows, plan = batch.rows, batch.plan
    mask = rows["type"] == batch.vocabulary.type_code("programme_event")
    if not mask.any() or not N:
        return np.zeros(R)
    people = np.asarray(members, dtype=np.float64)
    share = np.array([e.share for e in plan.events])[rows["ref"][mask] - len(plan.phases)]
    unit, day, rep = rows["unit"][mask], rows["day"][mask], rows["rep"][mask]
    counted = np.zeros(len(unit))
    own = (unit >= 0) & (unit < N)
    counted[own] = people[unit[own]]
    if batch.groups:
        in_group = np.bincount(batch.group_of[batch.group_of >= 0],
                               weights=people[batch.group_of >= 0], minlength=batch.groups)
        grouped = unit >= N
        counted[grouped] = in_group[unit[grouped] - N]
    wide = unit < 0
    if wide.any():
        r, d = rep[wide], day[wide][:, None]
        active = (batch.formed[r] <= d) & (batch.schedule.unit_end[r] > d)
        counted[wide] = active @ people
    return np.bincount(rep, weights=counted * share, minlength=R)


def _unit_days(batch: Batch, phase: int) -> Any:
    """(R, N) active days each unit spent in ``phase`` (from its start there to its end)."""
    start = np.maximum(batch.schedule.unit_start, batch.phase_start[:, phase][:, None])
    end = np.minimum(batch.schedule.unit_end, batch.phase_end[:, phase][:, None])
    return np.maximum(end - start, 0).astype(np.float64)


def month_of(start: datetime.date, days: Any) -> Any:
    """The month index (0 for the start's month) of calendar-day offsets."""
    days = np.asarray(days)
    if days.size > 64:
        return _month_table(start, int(days.max(initial=0)) + 1).take(np.maximum(days, 0))
    origin = np.datetime64(start, "D")
    return ((origin + days).astype("datetime64[M]")
            - origin.astype("datetime64[M]")).astype(np.int64)


def _month_table(start: datetime.date, days: int) -> Any:
    origin = np.datetime64(start, "D")
    return ((origin + np.arange(days)).astype("datetime64[M]")
            - origin.astype("datetime64[M]")).astype(np.int64)


def month_labels(start: datetime.date, months: int) -> list[str]:
    origin = np.datetime64(start, "M")
    return [str(origin + i) for i in range(months)]


def _months(batch: Batch, start: datetime.date) -> int:
    last = int(max(batch.phase_end.max(initial=1), batch.schedule.unit_end.max(initial=1))) - 1
    return int(month_of(start, max(last, 0))) + 1


def _active_unit_months(batch: Batch, start: datetime.date,
                        months: int | None = None) -> Any:
    """(R, M) units active at some time in each month."""
    months = months or _months(batch, start)
    key = ("active", start, months)
    if key not in batch.cache:
        batch.cache[key] = _count_active(batch, start, months)
    return batch.cache[key]


def _count_active(batch: Batch, start: datetime.date, months: int) -> Any:
    R, N = len(batch.replications), batch.units
    if not N:
        return np.zeros((R, months))
    first = month_of(start, batch.formed)
    last = month_of(start, batch.schedule.unit_end - 1)
    reps = np.broadcast_to(np.arange(R)[:, None], (R, N))
    width = months + 1
    diff = (np.bincount((reps * width + first).ravel(), minlength=R * width)
            - np.bincount((reps * width + np.minimum(last + 1, months)).ravel(),
                          minlength=R * width))
    return np.cumsum(diff.reshape(R, width), axis=1)[:, :months].astype(np.float64)


def monthly(batch: Batch, start: datetime.date, members: Any = None
            ) -> tuple[list[str], dict[str, Any]]:
    """Month labels (``YYYY-MM``) and, per figure of :data:`MONTH_FIGURES`, an (R, M) array
    (``members`` as for :func:`staff_tasks`)."""
    R = len(batch.replications)
    months = _months(batch, start)
    rates = batch.plan.rates
    meetings = _unit_month_counts(batch, start, months).sum(axis=1).astype(np.float64)
    staffed = _staffed(batch)
    event_month = month_of(start, batch.rows["day"][staffed])
    events = np.bincount(batch.rows["rep"][staffed] * months + np.minimum(event_month, months - 1),
                         minlength=R * months).reshape(R, months).astype(np.float64)
    active = _active_unit_months(batch, start, months)
    return month_labels(start, months), {
        "active_units": active,
        "meetings_held": meetings,
        "programme_events": events,
        "staff_hours": sum(staff_tasks(batch, start, members).values()),
        "mentor_hours": meetings * rates["mentor_hours_per_meeting"],
    }
