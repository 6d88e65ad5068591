"""The engine: a discrete-event simulation over the calendar, sampled with NumPy arrays.

One call of :func:`sample` simulates a batch of R replications of N units at once. The whole
schedule of a unit — when it starts, how often it meets, which meetings are cancelled or moved,
whether and when it ends early — is drawn from the unit's own random stream
(:mod:`mentorcore.simulation.streams`), as arrays of shape (R, N) or (R, N, K) for K meeting
slots. No Python code runs per meeting unless a plugin registers a meeting handler.

The events of the calendar are, in the order they happen on a day: phases starting, units being
formed, programme events (start meeting, group meetings, monthly trainings, camp days, closing
event), meetings (held, moved, cancelled), end-of-mentoring reports, units ending, certificates,
phases ending.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import attrs
import numpy as np
from numpy.typing import NDArray

from mentorcore.checks import PLUGIN_FAILED
from mentorcore.diagnostics import MentorcoreError
from mentorcore.records import record
from mentorcore.schedule import event_offset
from mentorcore.simulation.behaviours import (
    CANCELLED,
    HELD,
    NOT_PLANNED,
    RESCHEDULED,
    AdjustContext,
    BehaviourEvent,
    IntakeContext,
    Meeting,
    PhaseBehaviour,
    PhaseWindow,
    Schedule,
)
from mentorcore.simulation.calendar import Calendar
from mentorcore.simulation.plan import DAYS_PER_MONTH, Plan
from mentorcore.simulation.streams import (
    GROUP_STREAM,
    MEETINGS_STREAM,
    PLUGIN_STREAM,
    PROGRAMME_STREAM,
    UNIT_STREAM,
    Streams,
    integer_between,
    uniform_between,
)

__all__ = [
    "ENGINE_TYPES", "FIRST_EVENT_DAY", "Batch", "Vocabulary",
    "event_types", "sample", "vocabulary",
]

Array = NDArray[Any]
"""A NumPy array of any shape and type (the shapes are in the names: (R, N), (R, N, K)…)."""

# The engine's own rules are assumptions of the plan (docs/simulation.md, "Rules"): the gap
# between two meetings of a unit that agrees its own meeting times is the mean gap times a
# factor in 1 ± ``plan.gap_variation`` (0.6–1.4), a steady rhythm otherwise; a unit (or a group's
# member) that ends early or drops out does so on a day drawn evenly from ``plan.exit_earliest``
# to ``exit_earliest + exit_span`` of its life (10 %–95 %); a unit with a total plans to reach
# it within ``plan.pace_share`` of its time (85 %).
FIRST_EVENT_DAY = 14
"""A monthly event happens two weeks into the phase, then every month."""


_FIRST_TYPES = ("phase_start", "unit_formed", "programme_event")
_LAST_TYPES = ("meeting_rescheduled", "meeting_cancelled", "meeting", "report", "unit_ended",
               "certificate", "phase_end")
ENGINE_TYPES = frozenset(_FIRST_TYPES + _LAST_TYPES)
"""The timeline's own event types; every other type is a phase behaviour's (a plugin's)."""


def event_types(plan: Plan) -> tuple[str, ...]:
    """Every event type of a plan's timeline, in the order they happen within a day."""
    return (*_FIRST_TYPES, *plan.behaviour_types, *_LAST_TYPES)


@record(kw_only=True)
class Vocabulary:
    """Names behind the integer codes of a batch: event types and the ids events refer to."""

    types: tuple[str, ...]
    refs: tuple[str, ...]
    ref_kinds: tuple[str, ...]
    """For each ref, which key it goes under in an event: phase, event, exit or report."""

    def type_code(self, name: str) -> int:
        return self.types.index(name)


def vocabulary(plan: Plan, exit_ids: tuple[str, ...]) -> Vocabulary:
    refs = ([p.id for p in plan.phases] + [e.id for e in plan.events] + list(exit_ids)
            + list(plan.reports))
    kinds = (["phase"] * len(plan.phases) + ["event"] * len(plan.events)
             + ["exit"] * len(exit_ids) + ["report"] * len(plan.reports))
    return Vocabulary(types=event_types(plan), refs=tuple(refs), ref_kinds=tuple(kinds))


@record(kw_only=True)
class Batch:
    """R replications of one cohort, as arrays. Days are calendar days from the start."""

    plan: Plan = attrs.field(eq=False)
    seed: int
    replications: Any = attrs.field(eq=False)    # (R,)
    units: int
    groups: int
    group_of: Any = attrs.field(eq=False)        # (N,) group of each unit, -1 for none
    phase_start: Any = attrs.field(eq=False)     # (R, P)
    phase_end: Any = attrs.field(eq=False)       # (R, P) exclusive
    phase_active_days: Any = attrs.field(eq=False)  # (R, P) length in active days
    schedule: Schedule = attrs.field(eq=False)
    formed: Any = attrs.field(eq=False)          # (R, N)
    group_formed: Any = attrs.field(eq=False)    # (R, G)
    group_end: Any = attrs.field(eq=False)       # (R, G)
    rows: dict[str, Any] = attrs.field(eq=False)
    """Events other than meetings: ``rep``, ``day``, ``type``, ``unit`` (a group is ``N + g``,
    none is -1) and ``ref`` (index into the vocabulary's refs, -1 for none)."""
    vocabulary: Vocabulary = attrs.field(eq=False)
    completion_exit: int
    cache: dict[Any, Any] = attrs.field(factory=dict, eq=False, repr=False)
    """Intermediate arrays the figures share (filled on first use)."""
    break_waits: Any = attrs.field(default=None, eq=False)   # (R,)
    """Days of a break between two phases, in which no phase runs: the programme waits for the
    break to end (Matkalla's closing event after the summer pause). The whole process's
    duration does not count them."""


def running_sum(values: Any) -> Any:
    """``values`` (…, K) summed along its last axis in place, as ``np.cumsum`` would (the same
    additions in the same order, so the same numbers). With more rows than slots a loop of K
    whole-array additions beats NumPy's accumulation along a short axis about threefold."""
    K = values.shape[-1]
    if values.size < K * K:
        return np.cumsum(values, axis=-1, out=values)
    for k in range(1, K):
        values[..., k] += values[..., k - 1]
    return values


def _day(values: Any) -> Any:
    """Whole days (the values are never negative, so truncation is the floor)."""
    return np.asarray(values).astype(np.int64)


def _assumption_reader(plan: Plan) -> Callable[..., float]:
    return plan.assumption


def _intake_uniform(streams: Streams, units: Array, offset: int) -> Callable[[int], Array]:
    """``uniform(draw)`` of an intake: (R, N) numbers from each unit's plugin stream."""
    def uniform(draw: int) -> Array:
        return streams.unit_uniform(PLUGIN_STREAM, units, offset + draw)

    return uniform


class _Rows:
    """Collects event rows as arrays."""

    def __init__(self) -> None:
        self.parts: list[tuple[Any, Any, int | Any, Any, Any]] = []

    def add(self, rep: Any, day: Any, type_code: int | Any, unit: Any, ref: Any) -> None:
        arrays = np.broadcast_arrays(*(np.asarray(x, dtype=np.int64)
                                       for x in (rep, day, type_code, unit, ref)))
        if arrays[0].size == 0:
            return
        rep, day, code, unit, ref = (a.ravel() for a in arrays)
        self.parts.append((rep, day, code, unit, ref))

    def arrays(self) -> dict[str, Any]:
        if not self.parts:
            empty = np.zeros(0, dtype=np.int64)
            return {"rep": empty, "day": empty, "type": empty, "unit": empty, "ref": empty}
        columns = list(zip(*self.parts, strict=True))
        return {name: np.concatenate(column) for name, column in
                zip(("rep", "day", "type", "unit", "ref"), columns, strict=True)}


def _exit_ids(plan: Plan) -> tuple[tuple[str, ...], int, tuple[int, ...], tuple[int, ...]]:
    """The exit ids a unit can end by, the index of completion, early ends and drop-outs."""
    ids: list[str] = [(plan.exits.get("completion") or ("completed",))[0]]
    early = plan.exits["early_end"] or (("ended_early",) if plan.rates["early_end_rate"] else ())
    dropout = plan.exits["dropout"] or (("dropout",) if plan.rates["dropout_rate"] else ())
    early_idx = tuple(range(len(ids), len(ids) + len(early)))
    ids += early
    drop_idx = tuple(range(len(ids), len(ids) + len(dropout)))
    ids += dropout
    return tuple(ids), 0, early_idx, drop_idx


def _meetings(plan: Plan, phase_index: int, streams: Streams, units: Any, start: Any,
              length: Any) -> tuple[Any, Any, Any, Any]:
    """Meeting slots of one cadence phase: (day, planned, status) of shape (R, N, K) and each
    unit's planned end (R, N), all in active days. A unit that reaches its total ends at its
    last meeting in a phase that gives no duration; in a phase with a duration it ends when its
    time there ends (Monika: about two months, 4–6 meetings in them)."""
    timed = length is not None
    phase = plan.phases[phase_index]
    cadence = phase.cadence
    assert cadence is not None
    base = 10 * phase_index
    shape = start.shape
    total: Array | None = None
    goes_on: Array | None = None
    if cadence.total_is_minimum and cadence.total_low is not None:
        # "at least N": units stop at N, but the share `continues` goes on after it
        total = np.full(shape, cadence.total_low)
        if cadence.continues > 0:
            u_on = streams.unit_uniform(UNIT_STREAM, units, base + 3)
            goes_on = u_on < cadence.continues
    elif cadence.total_low is not None:
        u_total = streams.unit_uniform(UNIT_STREAM, units, base + 1)
        total = integer_between(u_total, cadence.total_low, cadence.total_high or cadence.total_low)
    rates = cadence.rates
    rate: Array
    if rates is not None:
        u_rate = streams.unit_uniform(UNIT_STREAM, units, base + 0)
        rate = uniform_between(u_rate, *rates)
    else:
        rate = np.full(shape, plan.pace)
    if length is None:
        if total is not None:
            length = total / rate * DAYS_PER_MONTH / plan.pace_share + DAYS_PER_MONTH
            if goes_on is not None:  # those who go on meet for the months units meet
                length = np.where(goes_on, np.maximum(length, plan.unit_months
                                                      * DAYS_PER_MONTH), length)
        else:
            length = np.full(shape, plan.unit_months * DAYS_PER_MONTH)
    length = np.broadcast_to(length, shape).astype(np.float64)
    # the total that ends a unit when reached (None: its window does)
    cap = total
    if cadence.total_is_minimum and cadence.continues >= 1:
        cap = None
    elif goes_on is not None and total is not None:
        cap = np.where(goes_on, np.iinfo(np.int32).max, total)
    if total is not None and not cadence.total_is_minimum:
        months = length / DAYS_PER_MONTH
        needed = total / (months * plan.pace_share)
        rate = needed if rates is None else np.clip(needed, rate, rates[1])
    rate = np.maximum(rate, 1e-3)
    gap = DAYS_PER_MONTH / rate
    # enough slots for the expected meetings and four standard deviations more; checked below
    expected = float(np.max(length / gap, initial=0))
    slots = math.ceil(expected + 4 * 0.25 * math.sqrt(expected + 1)) + 3
    highest = 0
    if cap is not None and goes_on is None:
        lost = plan.rates["cancellation_rate"] * (1 - plan.rates["reschedule_rate"])
        highest = int(np.max(cap, initial=0))
        slots = min(slots, highest + 3 + math.ceil(3 * lost * highest))
    limit = _day(start + length)
    while True:
        _check_size(shape, slots)
        day, planned, status = _slots(plan, phase_index, streams, units, start, gap, limit,
                                      max(slots, 1))
        # a unit whose last slot still falls inside its window needs more slots
        if (cap is not None and goes_on is None and slots >= highest + 3) or not (
                status[..., -1] != NOT_PLANNED).any():
            break
        slots *= 2
    end = limit.copy()
    if cap is not None:
        held = (status == HELD) | (status == RESCHEDULED)
        count = running_sum(held.astype(np.int32))
        status[(count - held) >= cap[..., None]] = NOT_PLANNED
        reached = count[..., -1] >= cap
        last = np.argmax(count >= cap[..., None], axis=2)
        last_day = np.take_along_axis(day, last[..., None], axis=2)[..., 0] + 1
        if not timed:
            end = np.where(reached, np.minimum(last_day, end), end)
    day = np.where(status == CANCELLED, planned, day)
    return day, planned, status, end


MAX_SLOTS = 3_000_000
"""The most meeting slots one replication may hold (units × the meetings a unit may hold): a
larger run is refused before it is allocated, not left to exhaust the memory (about 300 bytes a
slot with the timeline and outputs: some 1 GB at the bound). 100,000 Womento pairs hold 2.6 M;
1,000 pairs meeting 31 times a month for 10 years would hold 3.7 M."""


def _check_size(shape: tuple[int, ...], slots: int) -> None:
    units = math.prod(shape[1:]) if len(shape) > 1 else math.prod(shape)
    cells = units * max(slots, 1)
    if cells > MAX_SLOTS:
        from mentorcore.i18n import _
        from mentorcore.simulation.problems import BAD_OPTION

        raise MentorcoreError.single(
            BAD_OPTION, _("the run would plan {cells} meeting slots ({units} units, up to "
                          "{slots} meetings each), more than the {limit} one run holds"
                          ).format(cells=f"{cells:,}", units=f"{units:,}", slots=f"{slots:,}",
                                   limit=f"{MAX_SLOTS:,}"), exit_code=2,
            hint=_("simulate fewer units (--pairs), or a shorter or less frequent cadence"))


def _slots(plan: Plan, phase_index: int, streams: Streams, units: Any, start: Any, gap: Any,
           limit: Any, slots: int) -> tuple[Any, Any, Any]:
    """(day, planned day, status) of ``slots`` meeting slots per unit: gaps of the mean gap
    times a jitter; a share cancelled, most of those moved a few days on (the next meeting then
    follows the moved one), the rest lost; nothing at or after ``limit``."""
    u_gap, u_cancel = streams.slot_uniform_pair(MEETINGS_STREAM, units, slots,
                                                offset=4096 * phase_index, dtype=np.float32)
    first = u_gap[..., 0].copy()
    cadence = plan.phases[phase_index].cadence
    if cadence is not None and not cadence.self_scheduled:
        u_gap.fill(0.5)   # meetings set by the programme: a steady rhythm, the mean gap apart
    if any(e.first_meeting and e.phase == phase_index for e in plan.events):
        first[:] = 0  # the unit's first meeting is its start meeting: held on its first day
        u_cancel[..., 0] = 1
    gaps = u_gap
    variation = plan.gap_variation
    gaps *= (1 + variation) - (1 - variation)
    gaps += 1 - variation
    gaps[..., 0] = first
    gaps *= gap[..., None].astype(np.float32)
    cancel = plan.rates["cancellation_rate"]
    move = cancel * plan.rates["reschedule_rate"]
    moved = u_cancel < move
    when = running_sum(gaps)
    when += start[..., None].astype(np.float32)
    bound = limit[..., None]
    if move > 0:
        mean_delay = plan.rates["reschedule_days"]
        delay = u_cancel * np.float32(max(2 * mean_delay - 2, 0) / move)
        delay += np.float32(1.0)
        delay *= moved
        shift = running_sum(delay.copy())
        shift -= delay
        when += shift
        planned = when.astype(np.int32)
        when += delay
        day = when.astype(np.int32)
    else:
        planned = when.astype(np.int32)
        day = planned
    # status: 1 held, 2 moved (and held later), 3 cancelled; 0 beyond the window
    lost = u_cancel < cancel
    lost &= ~moved
    status = moved.view(np.int8) + np.int8(HELD)
    status += lost.view(np.int8) * np.int8(2)
    inside = planned < bound
    status *= inside.view(np.int8)
    late = day >= bound
    late &= moved
    late &= inside
    status += late.view(np.int8)
    return day, planned, status


def sample(plan: Plan, units: int, seed: int, replications: Any, calendar: Calendar,
           group_of: Any | None = None, groups: int | None = None) -> Batch:
    """Simulate ``replications`` (an array of replication numbers) of a cohort of ``units``."""
    replications = np.asarray(replications, dtype=np.int64)
    streams = Streams(seed, replications)
    R, N, P = len(replications), units, len(plan.phases)
    unit_index = np.arange(N, dtype=np.int64)
    assumption = _assumption_reader(plan)
    phase_start = np.zeros((R, P), dtype=np.int64)
    phase_end = np.zeros((R, P), dtype=np.int64)
    cursor = np.zeros(R, dtype=np.int64)
    unit_windows: dict[int, tuple[Any, Any]] = {}
    slot_parts: list[tuple[Any, Any, Any, int]] = []
    for phase in plan.phases:
        p = phase.index
        # the dated schedule fixes when a phase starts and how long it lasts; after a phase
        # whose units decide its end, the next starts on the next working day
        fixed_start = calendar.phase_start(p)
        if fixed_start is not None:
            cursor = np.full(R, fixed_start, dtype=np.int64)
        elif p:
            cursor = calendar.start_after(cursor, p)
        phase_start[:, p] = cursor
        days = phase.days
        programme_days: Array | None = None
        fixed_days = calendar.phase_days(p)
        if fixed_days is not None and not phase.unit_driven:
            programme_days = np.full(R, fixed_days, dtype=np.int64)
        elif days is not None:
            u = streams.programme_uniform(100 + p)
            programme_days = np.maximum(_day(uniform_between(u, *days)), 1)
        if phase.cadence is None:
            assert programme_days is not None  # compile_plan gives such a phase a length
            phase_end[:, p] = cursor + programme_days
            cursor = phase_end[:, p].copy()
            continue
        offsets = np.zeros((R, N))
        if phase.intake is not None and phase.intake.entry != "cohort":
            context = IntakeContext(
                phase=phase.id, units=N, replications=R, assumption=assumption,
                uniform=_intake_uniform(streams, unit_index, 1000 * p))
            from mentorcore.plugins import call_plugin

            starts = call_plugin(phase.intake, f"intake {phase.intake.entry}",
                                 phase.intake.starts, context)
            offsets = np.broadcast_to(np.asarray(starts, dtype=np.float64), (R, N))
        start = cursor[:, None] + np.floor(offsets)
        length: Array | None
        if days is None or programme_days is None:
            length = None
        elif phase.entry_varies:
            u = streams.unit_uniform(UNIT_STREAM, unit_index, 10 * p + 2)
            length = np.floor(uniform_between(u, *days))
        else:
            length = np.broadcast_to(programme_days[:, None], (R, N)).astype(np.float64)
        day, planned, status, end = _meetings(plan, p, streams, unit_index, start, length)
        unit_windows[p] = (start.astype(np.int64), end)
        slot_parts.append((day, planned, status, p))
        if phase.unit_driven:
            phase_end[:, p] = np.maximum(end.max(axis=1, initial=0), cursor + 1)
        else:
            assert programme_days is not None  # a phase of its own length has days
            phase_end[:, p] = cursor + programme_days
        cursor = phase_end[:, p].copy()

    exit_ids, completion, early_idx, drop_idx = _exit_ids(plan)
    if slot_parts:
        meeting_day = np.concatenate([part[0] for part in slot_parts], axis=2)
        meeting_planned = np.concatenate([part[1] for part in slot_parts], axis=2)
        meeting_status = np.concatenate([part[2] for part in slot_parts], axis=2)
        meeting_phase = np.concatenate([np.full(part[0].shape[2], part[3])
                                        for part in slot_parts])
        first, last = min(unit_windows), max(unit_windows)
        life_start, life_end = unit_windows[first][0], unit_windows[last][1]
    else:
        meeting_day = meeting_planned = np.zeros((R, N, 0), dtype=np.int64)
        meeting_status = np.zeros((R, N, 0), dtype=np.int8)
        meeting_phase = np.zeros(0, dtype=np.int64)
        life_start = np.zeros((R, N), dtype=np.int64)
        life_end = np.broadcast_to(cursor[:, None], (R, N)).copy()

    # how each unit ends: completion, an early end (e.g. employment) or drop-out
    ended = np.zeros((R, N), dtype=np.int8)
    exit_ref = np.full((R, N), completion, dtype=np.int16)
    dropout, early = plan.rates["dropout_rate"], plan.rates["early_end_rate"]
    members_left = None
    if (dropout or early) and N:
        u_how = streams.unit_uniform(UNIT_STREAM, unit_index, 900)
        u_when = streams.unit_uniform(UNIT_STREAM, unit_index, 901)
        u_which = streams.unit_uniform(UNIT_STREAM, unit_index, 902)
        if plan.member_min:
            drops, u_when, members_left = _members_leave(plan, streams, unit_index, dropout,
                                                         early)
            ends_early = np.zeros_like(drops)
        else:
            drops = u_how < dropout
            ends_early = ~drops & (u_how < dropout + early)
        ended[ends_early] = 1
        ended[drops] = 2
        if early_idx:
            pick = np.minimum((u_which * len(early_idx)).astype(np.int64), len(early_idx) - 1)
            exit_ref = np.where(ends_early, np.asarray(early_idx)[pick], exit_ref)
        if drop_idx:
            pick = np.minimum((u_which * len(drop_idx)).astype(np.int64), len(drop_idx) - 1)
            exit_ref = np.where(drops, np.asarray(drop_idx)[pick], exit_ref)
        span = np.maximum(life_end - life_start, 1)
        exit_day = life_start + np.maximum(
            _day((plan.exit_earliest + plan.exit_span * u_when) * span), 1)
        leaving = ended > 0
        cut = meeting_planned >= exit_day[..., None]
        cut &= leaving[..., None]
        meeting_status *= ~cut
        late = meeting_day >= exit_day[..., None]
        late &= leaving[..., None]
        late &= meeting_status == RESCHEDULED
        meeting_status += late.view(np.int8)
        meeting_day = np.where(late, meeting_planned, meeting_day)
        life_end = np.where(leaving, np.minimum(exit_day, life_end), life_end)

    schedule = Schedule(unit_start=life_start, unit_end=life_end, ended=ended, exit=exit_ref,
                          meeting_day=meeting_day, meeting_planned=meeting_planned,
                          meeting_status=meeting_status, meeting_phase=meeting_phase,
                          exit_ids=exit_ids, members_left=members_left)
    schedule = _apply_plugins(plan, schedule, streams, unit_index, phase_start, phase_end,
                              replications)
    schedule = _below_target(plan, schedule)

    # when units are formed: at the end of a matching phase before them, else when they start
    formed = schedule.unit_start.copy()
    first_cadence = min(unit_windows) if unit_windows else P
    matching = [p.index for p in plan.phases[:first_cadence] if p.kind == "matching"]
    if matching and not (first_cadence < P and plan.phases[first_cadence].entry_varies):
        formed = np.broadcast_to((phase_end[:, matching[-1]] - 1)[:, None], (R, N)).copy()
        formed = np.minimum(formed, schedule.unit_start)

    # groups of units
    if group_of is None:
        groups = math.ceil(N / max(plan.group_high, 1)) if plan.group is not None and N else 0
        group_of = (unit_index * groups) // max(N, 1) if groups else np.full(N, -1)
    group_of = np.asarray(group_of, dtype=np.int64)
    groups = int(groups or 0)
    group_formed = np.zeros((R, groups), dtype=np.int64)
    group_end = np.zeros((R, groups), dtype=np.int64)
    if groups:
        group_formed[:] = np.iinfo(np.int64).max
        for_rows = np.broadcast_to(group_of, (R, N))
        rep_rows = np.broadcast_to(np.arange(R)[:, None], (R, N))
        np.minimum.at(group_formed, (rep_rows, for_rows), formed)
        np.maximum.at(group_end, (rep_rows, for_rows), schedule.unit_end)

    vocab = vocabulary(plan, exit_ids)
    rows = _Rows()
    _phase_rows(plan, vocab, rows, phase_start, phase_end, R)
    _unit_rows(plan, vocab, rows, schedule, formed, group_formed, group_end, N, R)
    _event_rows(plan, vocab, rows, streams, schedule, unit_windows, phase_start, phase_end,
                formed, group_formed, group_end, N, R, groups)
    _behaviour_rows(plan, vocab, rows, phase_start, phase_end, replications,
                    (schedule.unit_start, schedule.unit_end), groups or 0)
    event_rows = rows.arrays()

    # days are calendar days throughout; programme events move to working days inside their
    # phase, the units' meetings onto meeting days inside their window (simulation.calendar)
    phase_active_days = phase_end - phase_start
    break_waits = np.zeros(R, dtype=np.int64)
    for p in range(1, P):   # the days between two phases that fall in a break
        if (phase_start[:, p] > phase_end[:, p - 1]).any():
            break_waits += calendar.break_days(phase_end[:, p - 1],
                                               np.maximum(phase_start[:, p],
                                                          phase_end[:, p - 1]))
    horizon = int(max(phase_end.max(initial=0), schedule.unit_end.max(initial=0),
                      schedule.meeting_day.max(initial=0), event_rows["day"].max(initial=0))) + 2
    hosted = event_rows["type"] == vocab.type_code("programme_event")
    hosted |= event_rows["type"] == vocab.type_code("certificate")
    if hosted.any() and plan.events:
        event_phase = np.array([e.phase for e in plan.events], dtype=np.int64)
        ref = event_rows["ref"][hosted] - len(plan.phases)
        rep, of_phase = event_rows["rep"][hosted], event_phase[ref]
        event_rows["day"][hosted] = calendar.snap_events(
            event_rows["day"][hosted], phase_start[rep, of_phase], phase_end[rep, of_phase],
            horizon)
    if not calendar.is_plain and schedule.meeting_day.size:
        life = schedule.unit_start[..., None], schedule.unit_end[..., None]
        day = calendar.meeting_days(schedule.meeting_day, *life, horizon)
        moved = schedule.meeting_planned != schedule.meeting_day
        planned = day.copy()   # most meetings were held as planned: lay out only the others
        if moved.any():   # flat positions and take/put: several times nonzero()'s indexing
            where = np.flatnonzero(moved)
            unit_of = where // moved.shape[2]
            planned.reshape(-1).put(where, calendar.meeting_days(
                schedule.meeting_planned.reshape(-1).take(where),
                schedule.unit_start.reshape(-1).take(unit_of),
                schedule.unit_end.reshape(-1).take(unit_of), horizon))
        status = schedule.meeting_status
        none = calendar.without_meeting_day(schedule.unit_start, schedule.unit_end, horizon)
        if none.any():   # no meeting day in the unit's whole life: none of its meetings is held
            status = np.where(none[..., None], np.zeros_like(status), status)
        schedule = attrs.evolve(schedule, meeting_day=day, meeting_planned=planned,
                                meeting_status=status)
    return Batch(plan=plan, seed=seed, replications=replications, units=N, groups=groups,
                 group_of=group_of, phase_start=phase_start, phase_end=phase_end,
                 phase_active_days=phase_active_days, schedule=schedule, formed=formed,
                 group_formed=group_formed, group_end=group_end, rows=event_rows,
                 vocabulary=vocab, completion_exit=completion, break_waits=break_waits)


def _members_leave(plan: Plan, streams: Streams, unit_index: Any, dropout: float,
                   early: float) -> tuple[Any, Any, Any]:
    """Members leave a group one by one: each member but its leaders drops out or ends early
    with the rates, on a day drawn as a unit's would be; the group ends — drops out — on the day
    fewer than its smallest size (``plan.member_min``) remain. Returns, per group, whether it
    drops out, the moment (``u_when`` as a unit's) and the members who left while it met
    (R, N)."""
    M = len(plan.member_roles)
    leaving = M - plan.leaders
    if leaving <= 0:
        shape = (len(streams.replications), len(unit_index))
        return (np.zeros(shape, dtype=bool), np.zeros(shape),
                np.zeros(shape, dtype=np.int64))
    u_how = streams.slot_uniform(UNIT_STREAM, unit_index, leaving, offset=2_000_000)
    u_when = streams.slot_uniform(UNIT_STREAM, unit_index, leaving, offset=2_100_000)
    leaves = u_how < dropout + early
    when = np.where(leaves, u_when, np.inf)
    when.sort(axis=2)
    fatal = M - plan.member_min + 1   # the leaver after whom too few remain
    count = leaves.sum(axis=2)
    if fatal <= 0:
        ends = np.ones(count.shape, dtype=bool)
        moment = np.zeros(count.shape)
    elif fatal > leaving:
        ends = np.zeros(count.shape, dtype=bool)
        moment = np.zeros(count.shape)
    else:
        ends = count >= fatal
        moment = np.where(ends, when[..., fatal - 1], 0.0)
    before = np.where(ends[..., None], when < moment[..., None], leaves).sum(axis=2)
    left = np.where(ends, before + 1, count)
    return ends, moment, left.astype(np.int64)


def _below_target(plan: Plan, schedule: Schedule) -> Schedule:
    """Units that ran to the end but held fewer meetings than a documented total in a phase
    (its ``decides`` target, "about" applied) ended below target, not completed. (No unit
    holds more: the total it stops at lies within the documented one.)"""
    deciding = [t for t in plan.targets if t.decides]
    if not deciding or not schedule.ended.size:
        return schedule
    held = (schedule.meeting_status == HELD) | (schedule.meeting_status == RESCHEDULED)
    short = np.zeros(schedule.ended.shape, dtype=bool)
    for target in deciding:
        in_phase = schedule.meeting_phase == target.phase
        count = held[..., in_phase].sum(axis=2)
        short |= count < target.low - 1e-9
    ended = np.where((schedule.ended == 0) & short, np.int8(3), schedule.ended).astype(np.int8)
    return attrs.evolve(schedule, ended=ended)


def _apply_plugins(plan: Plan, schedule: Schedule, streams: Streams, unit_index: Any,
                   phase_start: Any, phase_end: Any, replications: Any) -> Schedule:
    if not plan.adjusters and not plan.handlers:
        return schedule
    from mentorcore.plugins import call_plugin

    if plan.adjusters:
        context = AdjustContext(
            model=plan.model, phases=tuple(p.id for p in plan.phases), replications=replications,
            phase_start=phase_start, phase_end=phase_end,
            assumption=_assumption_reader(plan),
            uniform=lambda draw, slots: streams.slot_uniform(PLUGIN_STREAM, unit_index, slots,
                                                            offset=1_000_000 + 4096 * draw))
        for adjuster in plan.adjusters:
            schedule = call_plugin(adjuster, f"schedule adjuster {adjuster.name}",
                                   adjuster.adjust, schedule=schedule, context=context)
            if not isinstance(schedule, Schedule):
                from mentorcore.i18n import _

                raise MentorcoreError.single(
                    PLUGIN_FAILED, _("schedule adjuster '{name}' returned {found}, not a "
                                     "Schedule").format(name=adjuster.name,
                                                        found=type(schedule).__name__))
    if plan.handlers:
        schedule = _handle_meetings(plan, schedule)
    # whatever a plugin did: no meeting outside its unit's window
    status = schedule.meeting_status.copy()
    held = (status == HELD) | (status == RESCHEDULED)
    outside = held & ((schedule.meeting_day < schedule.unit_start[..., None])
                      | (schedule.meeting_day >= schedule.unit_end[..., None]))
    status[outside] = CANCELLED
    gone = (status != NOT_PLANNED) & (
        (schedule.meeting_planned < schedule.unit_start[..., None])
        | (schedule.meeting_planned >= schedule.unit_end[..., None]))
    status[gone] = NOT_PLANNED
    day = np.where(status == CANCELLED, schedule.meeting_planned, schedule.meeting_day)
    return attrs.evolve(schedule, meeting_status=status, meeting_day=day)


def _handle_meetings(plan: Plan, schedule: Schedule) -> Schedule:
    """The slow path: one Python call per meeting and handler."""
    from mentorcore.plugins import call_plugin

    status = schedule.meeting_status.copy()
    day = schedule.meeting_day.copy()
    planned = schedule.meeting_planned.copy()
    phase_ids = [p.id for p in plan.phases]
    for r, n, k in zip(*np.nonzero(status != NOT_PLANNED), strict=True):
        meeting = Meeting(replication=int(r), unit=int(n), slot=int(k),
                            phase=phase_ids[int(schedule.meeting_phase[k])],
                            planned=int(planned[r, n, k]), day=int(day[r, n, k]),
                            status=int(status[r, n, k]))
        for handler in plan.handlers:
            changed = call_plugin(handler, f"meeting handler {handler.name}", handler.handle,
                                  meeting=meeting)
            if changed is not None:
                meeting = changed
        status[r, n, k], day[r, n, k], planned[r, n, k] = (meeting.status, meeting.day,
                                                          meeting.planned)
    return attrs.evolve(schedule, meeting_status=status, meeting_day=day, meeting_planned=planned)


def _phase_rows(plan: Plan, vocab: Vocabulary, rows: _Rows, phase_start: Any, phase_end: Any,
                R: int) -> None:
    reps = np.arange(R)
    for phase in plan.phases:
        rows.add(reps, phase_start[:, phase.index], vocab.type_code("phase_start"), -1,
                 phase.index)
        rows.add(reps, phase_end[:, phase.index] - 1, vocab.type_code("phase_end"), -1,
                 phase.index)


def _unit_rows(plan: Plan, vocab: Vocabulary, rows: _Rows, schedule: Schedule, formed: Any,
               group_formed: Any, group_end: Any, N: int, R: int) -> None:
    reps = np.broadcast_to(np.arange(R)[:, None], (R, N))
    units = np.broadcast_to(np.arange(N)[None, :], (R, N))
    exit_base = len(plan.phases) + len(plan.events)
    rows.add(reps, formed, vocab.type_code("unit_formed"), units, -1)
    last = schedule.unit_end - 1
    rows.add(reps, last, vocab.type_code("unit_ended"), units, exit_base + schedule.exit)
    if plan.reports:
        reporting = schedule.ended != 2
        report_base = exit_base + len(schedule.exit_ids)
        for index, _ in enumerate(plan.reports):
            rows.add(reps[reporting], last[reporting], vocab.type_code("report"),
                     units[reporting], report_base + index)
    G = group_formed.shape[1]
    if G:
        greps = np.broadcast_to(np.arange(R)[:, None], (R, G))
        gunits = N + np.broadcast_to(np.arange(G)[None, :], (R, G))
        rows.add(greps, group_formed, vocab.type_code("unit_formed"), gunits, -1)
        rows.add(greps, group_end - 1, vocab.type_code("unit_ended"), gunits, exit_base)


def _spread_days(window_start: Any, window_end: Any, count: Any, highest: int,
                 u: Any) -> tuple[Any, Any]:
    """``count`` days spread evenly over each window, one in each equal part (jittered)."""
    j = np.arange(highest)
    length = np.maximum(window_end - window_start, 1)[..., None]
    k = np.maximum(count, 1)[..., None]
    days = window_start[..., None] + _day((j + 0.15 + 0.7 * u) * length / k)
    return days, j < count[..., None]


def _monthly_days(window_start: Any, window_end: Any, per_month: float = 1.0
                  ) -> tuple[Any, Any]:
    """Days of an event ``per_month`` times a month over each window: two weeks in (at once a
    month), then every month (the gaps shrunk alike at a higher rate)."""
    length = int(np.max(window_end - window_start, initial=1))
    months = max(math.ceil(length * per_month / DAYS_PER_MONTH), 1)
    if per_month == 1:
        offsets = FIRST_EVENT_DAY + _day(np.arange(months) * DAYS_PER_MONTH)
    else:
        offsets = _day((FIRST_EVENT_DAY + np.arange(months) * DAYS_PER_MONTH) / per_month)
    days = window_start[..., None] + offsets
    valid = days < window_end[..., None]
    days = np.where(valid.any(axis=-1, keepdims=True), days, window_start[..., None])
    valid = valid | (~valid.any(axis=-1, keepdims=True) & (np.arange(months) == 0))
    return days, valid


def _event_rows(plan: Plan, vocab: Vocabulary, rows: _Rows, streams: Streams,
                schedule: Schedule, unit_windows: dict[int, tuple[Any, Any]], phase_start: Any,
                phase_end: Any, formed: Any, group_formed: Any, group_end: Any, N: int, R: int,
                G: int) -> None:
    code = vocab.type_code("programme_event")
    certificate_code = vocab.type_code("certificate")
    event_base = len(plan.phases)
    completed = schedule.ended != 2   # everyone still taking part gets a certificate
    for number, event in enumerate(plan.events):
        p = event.phase
        ref = event_base + number
        if event.scope == "programme" or (event.scope == "group" and not G):
            start, end = phase_start[:, p][:, None], phase_end[:, p][:, None]   # (R, 1)
            entities = np.zeros(1, dtype=np.int64) + number
            stream, unit_ids = PROGRAMME_STREAM, np.full((R, 1), -1)
            alive = np.ones((R, 1), dtype=bool)
        elif event.scope == "group":
            start = np.maximum(phase_start[:, p][:, None], group_formed)
            end = np.minimum(phase_end[:, p][:, None], group_end)
            entities = np.arange(G, dtype=np.int64)
            stream = GROUP_STREAM
            unit_ids = N + np.broadcast_to(entities[None, :], (R, G))
            alive = end > start
        else:
            if p in unit_windows:
                start, end = unit_windows[p]
                end = np.minimum(end, schedule.unit_end)
            else:
                start = np.maximum(phase_start[:, p][:, None], formed)
                end = np.minimum(phase_end[:, p][:, None], schedule.unit_end)
            entities = np.arange(N, dtype=np.int64)
            stream = UNIT_STREAM
            unit_ids = np.broadcast_to(entities[None, :], (R, N))
            alive = end > start
        if event.probability < 1:   # an event that may happen: held by this share
            if stream == PROGRAMME_STREAM:
                u_may = streams.unit_uniform(stream, entities + 7000, 1)
            else:
                u_may = streams.unit_uniform(stream, entities, 4000 + number)
            alive = alive & (u_may < event.probability)
        if event.timing == "spread" and event.count_high <= 0:
            continue
        shape = alive.shape
        reps = np.broadcast_to(np.arange(R)[:, None], shape)
        if event.timing == "once":
            days = event_offset(start, end, event.at)
            days = np.broadcast_to(days, shape)
            rows.add(reps[alive], days[alive], code, unit_ids[alive], ref)
            if event.certificate:
                _certificates(rows, certificate_code, ref, days, alive, event.scope, schedule,
                              completed, N, R)
            continue
        if event.timing == "spread":
            if stream == PROGRAMME_STREAM:
                u_count = streams.unit_uniform(stream, entities + 7000, 0)
                u_days = streams.slot_uniform(stream, entities + 7000, event.count_high)
            else:
                u_count = streams.unit_uniform(stream, entities, 3000 + number)
                u_days = streams.slot_uniform(stream, entities, event.count_high,
                                              offset=1_000_000 + 64 * number)
            count = integer_between(u_count, event.count_low, event.count_high)
            days, valid = _spread_days(np.broadcast_to(start, shape), np.broadcast_to(end, shape),
                                       count, event.count_high, u_days)
        else:
            days, valid = _monthly_days(np.broadcast_to(start, shape), np.broadcast_to(end, shape),
                                        event.per_month)
        valid &= alive[..., None]
        reps3 = np.broadcast_to(reps[..., None], days.shape)
        units3 = np.broadcast_to(np.asarray(unit_ids)[..., None], days.shape)
        rows.add(reps3[valid], days[valid], code, units3[valid], ref)


def _certificates(rows: _Rows, code: int, ref: int, days: Any, alive: Any, scope: str,
                  schedule: Schedule, completed: Any, N: int, R: int) -> None:
    """Certificates at an event that hands them out: for everyone still taking part — each unit
    that has started by then and has not dropped out (``completed`` is that mask)."""
    if scope == "unit":
        mask = alive & completed
        reps = np.broadcast_to(np.arange(R)[:, None], (R, N))
        units = np.broadcast_to(np.arange(N)[None, :], (R, N))
        rows.add(reps[mask], days[mask], code, units[mask], ref)
        return
    day = days.max(axis=1, keepdims=True)
    mask = completed & (schedule.unit_start <= day)
    reps = np.broadcast_to(np.arange(R)[:, None], (R, N))
    units = np.broadcast_to(np.arange(N)[None, :], (R, N))
    rows.add(reps[mask], np.broadcast_to(day, (R, N))[mask], code, units[mask], ref)


def _behaviour_name(behaviour: PhaseBehaviour) -> str:
    """``phase behaviour 'KIND' of plugin 'NAME' (module.function)``."""
    from mentorcore.i18n import _
    from mentorcore.plugins import callable_name, owner_of

    owner = owner_of(behaviour)
    if owner:
        return _("phase behaviour '{kind}' of plugin '{plugin}' ({function})").format(
            kind=behaviour.kind, plugin=owner, function=callable_name(behaviour.events))
    return _("phase behaviour '{kind}' ({function})").format(
        kind=behaviour.kind, function=callable_name(behaviour.events))


def _behaviour_event(behaviour: PhaseBehaviour, event: object,
                     days: int) -> tuple[int, str, str]:
    """``(day, type, scope)`` of a :class:`BehaviourEvent` (or a ``(day, type)`` pair) a phase
    behaviour yielded, checked: a whole day within the phase's ``days`` and a type name;
    anything else is the plugin's error, named."""
    if isinstance(event, BehaviourEvent):
        day, type_name, scope = event.day, event.type, event.scope
    elif isinstance(event, tuple) and len(event) == 2:
        (day, type_name), scope = event, "programme"
    else:
        day, type_name, scope = None, None, "programme"
    from mentorcore.i18n import _

    where = _behaviour_name(behaviour)
    if not isinstance(day, int) or isinstance(day, bool) or not isinstance(type_name, str):
        raise MentorcoreError.single(
            PLUGIN_FAILED, _("{where} produced {found}, not a BehaviourEvent or a (day, type) "
                             "pair").format(where=where,
                                            found=f"{type(event).__name__} {event!r:.40}"))
    if not 0 <= day < max(days, 1):
        raise MentorcoreError.single(
            PLUGIN_FAILED, _("{where} produced an event on day {day}, outside its phase (days "
                             "0 to {last})").format(where=where, day=day, last=days - 1))
    return day, type_name, scope


def _behaviour_rows(plan: Plan, vocab: Vocabulary, rows: _Rows, phase_start: Any,
                    phase_end: Any, replications: Any, windows: tuple[Any, Any] | None = None,
                    groups: int = 0) -> None:
    """The events phase behaviours yield: programme-wide (unit -1), for each unit active on
    the day (``scope='unit'``) or for each group (``scope='group'``, unit N + group)."""
    from mentorcore.plugins import collect

    for phase in plan.phases:
        behaviour = phase.behaviour
        if behaviour is None or behaviour.events is None:
            continue
        reps, days, codes, holders = [], [], [], []
        for r, replication in enumerate(replications):
            start, end = int(phase_start[r, phase.index]), int(phase_end[r, phase.index])
            window = PhaseWindow(phase=phase.id, kind=phase.kind, start=start,
                                   days=end - start, replication=int(replication))
            produced = collect(behaviour, f"phase behaviour {behaviour.kind}",
                               behaviour.events, window)
            for event in produced:
                offset, type_name, scope = _behaviour_event(behaviour, event, end - start)
                if type_name not in vocab.types:
                    from mentorcore.i18n import _

                    raise MentorcoreError.single(
                        PLUGIN_FAILED, _("{where} produced the event type '{type}', which it "
                                         "does not declare in event_types").format(
                                             where=_behaviour_name(behaviour), type=type_name))
                if not 0 <= offset < end - start:
                    continue
                day = start + int(offset)
                if scope == "unit" and windows is not None:
                    unit_start, unit_end = windows
                    who = np.flatnonzero((unit_start[r] <= day) & (day < unit_end[r])).tolist()
                    number = unit_start.shape[1]
                elif scope == "group" and groups:
                    number = windows[0].shape[1] if windows is not None else 0
                    who = [number + g for g in range(groups)]
                else:
                    who = [-1]
                for holder in who:
                    reps.append(r)
                    days.append(day)
                    codes.append(vocab.type_code(type_name))
                    holders.append(holder)
        rows.add(np.array(reps), np.array(days), np.array(codes), np.array(holders, dtype=np.int64),
                 phase.index)
