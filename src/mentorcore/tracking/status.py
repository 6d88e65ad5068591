"""Where a running programme stands: each unit's meetings against the model's cadence and
total for the time elapsed, the programme's events against the dated plan, what is due next,
and the units that need contact (alerts).

The rules (docs/tracking.md states them with examples):

* A unit starts on the day of its own start event when the model has one and the log records
  it (Auroras' joint first meeting), else on the first day of the phase it meets in.
* **Expected by now.** After ``e`` of the phase's ``D`` days (``D_low``–``D_high`` its range)
  and ``m = e / 30.44`` months, a unit is expected to have held from
  ``min(rate_low × m, total_low × e / D_high)`` to ``max(rate_high × m, total_high × e /
  D_low)`` meetings (``rate`` the cadence per month, "about" widened ±10 % as everywhere;
  ``total`` the documented total, or the target the plan derives from rate × duration), never
  more than the total. Rounded out: ``floor`` of the low, ``ceil`` of the high.
* **Status.** ``completed``: an end row whose exit rule is a completion, or the total reached,
  or the phase over with at least the total's minimum; ``ended_early``: an end row of an early
  end or a dropout; ``behind``: fewer meetings than expected by now (or the phase over short of
  the total); ``ahead``: more; ``on_track``: within; ``not_started``: before its start.
* **Rhythm.** The model's rhythm allows a gap of two meetings at the slowest cadence:
  ``2 × 30.44 / rate_low`` days (Auroras, about 2 a month: 34 days).
* **Alerts** of a unit still meeting: ``quiet`` (no meeting for longer than the rhythm
  allows), ``behind`` (status behind), ``no-start-meeting`` (the model has a start event of the
  unit, none is logged and the unit should have started a week ago), ``no-next-meeting`` (the
  meeting form records the next meeting and the last meeting agreed none, or its date passed).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from mentorcore.i18n import _, current, ngettext
from mentorcore.model import Programme
from mentorcore.records import record
from mentorcore.simulation.plan import DAYS_PER_MONTH, PhasePlan, Plan
from mentorcore.tracking.log import COMPLETED, DROPOUT, Entry, Log
from mentorcore.tracking.logformat import END, MEETING, next_meeting_field
from mentorcore.tracking.schedule import Schedule, phase_days
from mentorcore.words import Words

__all__ = ["ALERT_RULES", "STATUSES", "Alert", "Due", "EventStatus", "ProgrammeStatus",
           "Status", "UnitStatus", "meeting_phase", "status_of"]

STATUSES = ("not_started", "on_track", "behind", "ahead", "ended_early", "completed")
ALERT_RULES = ("quiet", "behind", "no-start-meeting", "no-next-meeting")
START_GRACE_DAYS = 7
"""A unit's start event is missed a week after the unit should have started."""


@record(kw_only=True)
class Alert:
    """A reason to contact a unit: the ``rule`` that fired and a message saying why."""

    rule: str
    message: str


@record(kw_only=True)
class UnitStatus:
    id: str
    members: tuple[str, ...]
    start: dt.date
    planned_end: dt.date
    status: str
    meetings: int
    expected_low: int
    expected_high: int
    total_low: int | None
    total_high: int | None
    last_meeting: dt.date | None
    days_since_last: int
    rhythm_days: int
    next_meeting: dt.date | None
    ended: dt.date | None = None
    exit: str | None = None
    start_event: bool | None = None
    """Whether the unit's own start event is logged (``None``: the model has none)."""
    themes: tuple[int, ...] = ()
    alerts: tuple[Alert, ...] = ()
    chance: float | None = None
    """The forecast's chance that the unit reaches its total by the end of its phase."""


@record(kw_only=True)
class EventStatus:
    id: str
    name: str
    scope: str
    planned: tuple[dt.date, ...]
    due: int
    """How many times it should have been held by today."""
    held: tuple[dt.date, ...]
    certificate: bool


@record(kw_only=True)
class Due:
    """Something due: an event, a report (``what`` its id), with the date and how many units
    it concerns (for a report at a unit's end)."""

    date: dt.date
    kind: str
    """``event`` or ``report``."""
    what: str
    name: str
    units: int = 0
    overdue: bool = False


@record(kw_only=True)
class ProgrammeStatus:
    start: dt.date
    end: dt.date
    phase: str | None
    """The name of the phase running today (``None`` before the start or after the end)."""
    events: tuple[EventStatus, ...]
    due: tuple[Due, ...]
    counts: dict[str, int]


@record(kw_only=True)
class Status:
    model: str
    title: str
    today: dt.date
    log: str
    units: tuple[UnitStatus, ...]
    programme: ProgrammeStatus
    warnings: tuple[str, ...] = ()
    forecast: object | None = None
    """The forecast (:class:`mentorcore.tracking.forecast.Forecast`), when asked for."""

    def alerts(self) -> tuple[UnitStatus, ...]:
        return tuple(u for u in self.units if u.alerts)


def meeting_phase(plan: Plan) -> PhasePlan:
    """The phase the units meet in: the first with a cadence and a total or the longest."""
    phases = plan.cadence_phases
    if not phases:
        return plan.phases[0]
    return max(phases, key=lambda p: (p.cadence is not None and p.cadence.total_low is not None,
                                      p.days_high or 0.0))


def totals(plan: Plan, phase: PhasePlan) -> tuple[int | None, int | None]:
    """The documented total of meetings (low, high) of ``phase``: the cadence's total, else
    the total its frequency implies over the phase's duration (Matkalla: 2–3 a month for six
    months, 12–18); ``None`` when open-ended."""
    cadence = phase.cadence
    if cadence is not None and cadence.total_low is not None:
        high = None if cadence.total_is_minimum else cadence.total_high
        return cadence.total_low, high
    rates = cadence.rates if cadence is not None else None
    if rates is not None and phase.days is not None and not phase.unit_driven:
        days_low, days_high = phase.days
        return (math.ceil(rates[0] * days_low / DAYS_PER_MONTH - 1e-9),
                math.ceil(rates[1] * days_high / DAYS_PER_MONTH - 1e-9))
    return None, None


def expected_range(plan: Plan, phase: PhasePlan, elapsed: float) -> tuple[int, int]:
    """Meetings expected after ``elapsed`` days of ``phase`` (the rule above)."""
    elapsed = max(0.0, elapsed)
    months = elapsed / DAYS_PER_MONTH
    length = float(phase_days(plan, phase))
    days_low, days_high = phase.days if phase.days is not None and not phase.unit_driven \
        else (length, length)
    total_low, total_high = totals(plan, phase)
    lows: list[float] = []
    highs: list[float] = []
    rates = phase.cadence.rates if phase.cadence is not None else None
    if rates is not None:
        lows.append(rates[0] * months)
        highs.append(rates[1] * months)
    if total_low is not None:
        lows.append(total_low * min(1.0, elapsed / days_high))
        highs.append((total_high if total_high is not None else total_low)
                     * min(1.0, elapsed / days_low))
    low = min(lows) if lows else 0.0
    high = max(highs) if highs else low
    if total_high is not None:
        high = min(high, float(total_high))
        low = min(low, float(total_high))
    return math.floor(low + 1e-9), math.ceil(high - 1e-9)


def rhythm_days(plan: Plan, phase: PhasePlan) -> int:
    """The longest gap between meetings the model's rhythm allows (the rule above)."""
    rates = phase.cadence.rates if phase.cadence is not None else None
    if rates is not None and rates[0] > 0:
        return math.ceil(2 * DAYS_PER_MONTH / rates[0])
    total_low, _high = totals(plan, phase)
    if total_low:
        return math.ceil(2 * phase_days(plan, phase) / total_low)
    return math.ceil(2 * DAYS_PER_MONTH / plan.pace)


def _exit_kinds(programme: Programme) -> dict[str, str]:
    kinds = {rule.id: rule.kind for phase in programme.phases for rule in phase.exits}
    kinds.setdefault(DROPOUT, "dropout")
    kinds.setdefault(COMPLETED, "completion")
    return kinds


def _unit_start_event(programme: Programme, plan: Plan, phase: PhasePlan) -> str | None:
    for event in plan.events:
        if event.scope == "unit" and event.timing == "once" and event.at == 0 \
                and event.phase == phase.index:
            return event.id
    return None


def status_of(programme: Programme, plan: Plan, schedule: Schedule, log: Log,
              units: Sequence[tuple[str, tuple[str, ...]]], today: dt.date) -> Status:
    """The status of every unit and of the programme on ``today``.

    ``units``: each unit's id and its members (as the units file gives them)."""
    phase = meeting_phase(plan)
    span = schedule.phase(phase.index)
    length = phase_days(plan, phase)
    start_event = _unit_start_event(programme, plan, phase)
    exit_kinds = _exit_kinds(programme)
    total_low, total_high = totals(plan, phase)
    rhythm = rhythm_days(plan, phase)
    next_field = next_meeting_field(programme)
    by_unit: dict[str, list[Entry]] = {}
    for entry in log.entries:
        if entry.unit is not None:
            by_unit.setdefault(entry.unit, []).append(entry)
    found: list[UnitStatus] = []
    for unit_id, members in units:
        entries = by_unit.get(unit_id, [])
        own_start = next((e.date for e in entries if e.kind == start_event), None) \
            if start_event else None
        start = own_start or span.start
        planned_end = start + dt.timedelta(days=length - 1)
        meetings = [e for e in entries if e.kind == MEETING]
        end = next((e for e in entries if e.kind == END), None)
        held = len(meetings)
        last = meetings[-1].date if meetings else None
        until = end.date if end is not None else today
        elapsed = (min(until, planned_end) - start).days + 1
        low, high = expected_range(plan, phase, elapsed)
        if end is not None:
            kind = exit_kinds.get(end.exit or "", "completion")
            status = "completed" if kind == "completion" else "ended_early"
        elif today < start:
            status = "not_started"
        elif total_high is not None and held >= total_high:
            status = "completed"
        elif today > planned_end:
            status = "completed" if total_low is None or held >= total_low else "behind"
        elif held < low:
            status = "behind"
        elif held > high:
            status = "ahead"
        else:
            status = "on_track"
        since = (min(today, end.date if end is not None else today) - (last or start)).days
        next_meeting = None
        if next_field is not None and meetings:
            value = meetings[-1].fields.get(next_field)
            next_meeting = value if isinstance(value, dt.date) else None
        themes = tuple(dict.fromkeys(t for e in meetings for t in e.themes))
        alerts: list[Alert] = []
        active = status in ("on_track", "behind", "ahead")
        if active and since > rhythm:
            alerts.append(Alert(rule="quiet", message=ngettext(
                "no meeting for {days} day; the model's rhythm allows {allowed}",
                "no meeting for {days} days; the model's rhythm allows {allowed}", since).format(
                    days=since, allowed=rhythm)))
        if status == "behind":
            alerts.append(Alert(rule="behind", message=_(
                "{held} of the {low}–{high} meetings expected by now").format(
                    held=held, low=low, high=high) if today <= planned_end else _(
                "{held} meetings; the phase is over and the total is {total}").format(
                    held=held, total=total_low)))
        logged_start = own_start is not None
        if start_event is not None and active and not logged_start and \
                (today - span.start).days > START_GRACE_DAYS:
            alerts.append(Alert(rule="no-start-meeting", message=_(
                "no start meeting logged ({event})").format(event=start_event)))
        if next_field is not None and active and meetings and (
                next_meeting is None or next_meeting < today):
            alerts.append(Alert(rule="no-next-meeting", message=(
                _("the last meeting agreed no next meeting") if next_meeting is None
                else _("the next meeting agreed ({date}) has passed").format(
                    date=Words(current()).date(next_meeting)))))
        found.append(UnitStatus(
            id=unit_id, members=members, start=start, planned_end=planned_end, status=status,
            meetings=held, expected_low=low, expected_high=high, total_low=total_low,
            total_high=total_high, last_meeting=last, days_since_last=since,
            rhythm_days=rhythm, next_meeting=next_meeting,
            ended=end.date if end is not None else None,
            exit=end.exit if end is not None else None,
            start_event=None if start_event is None else logged_start, themes=themes,
            alerts=tuple(alerts)))
    return Status(model=programme.id, title=plan.title, today=today, log=log.source,
                  units=tuple(found),
                  programme=_programme(programme, plan, schedule, log, found, today),
                  warnings=tuple(w.format() for w in log.warnings))


def _programme(programme: Programme, plan: Plan, schedule: Schedule, log: Log,
               units: list[UnitStatus], today: dt.date) -> ProgrammeStatus:
    running = next((p.name for p in schedule.phases if p.start <= today <= p.end), None)
    events: list[EventStatus] = []
    due: list[Due] = []
    for event in schedule.events:
        if event.scope == "unit":
            continue
        held = tuple(sorted({e.date for e in log.entries if e.kind == event.id}))
        planned_due = sum(1 for d in event.dates if d <= today)
        events.append(EventStatus(id=event.id, name=event.name, scope=event.scope,
                                  planned=event.dates, due=planned_due, held=held,
                                  certificate=event.certificate))
        for index, date in enumerate(event.dates):
            if index < len(held):
                continue  # held (the log's dates stand for the plan's, in order)
            due.append(Due(date=date, kind="event", what=event.id, name=event.name,
                           overdue=date < today))
            break
    ended = [u for u in units if u.ended is not None]
    for report in programme.reports:
        if report.when == "unit_end":
            if ended:
                due.append(Due(date=max(u.ended for u in ended if u.ended is not None),
                               kind="report",
                               what=report.id, name=report.id, units=len(ended),
                               overdue=True))
            upcoming = [u for u in units if u.ended is None and u.planned_end >= today]
            if upcoming:
                due.append(Due(date=min(u.planned_end for u in upcoming), kind="report",
                               what=report.id, name=report.id, units=len(upcoming)))
        elif report.when == "phase_end" and report.phase is not None:
            ends = [p.end for p in schedule.phases if p.id == report.phase]
            if ends:
                date = ends[0]
                due.append(Due(date=date, kind="report", what=report.id, name=report.id,
                               overdue=date < today))
        elif report.when == "event" and report.event is not None:
            dated = next((e for e in schedule.events if e.id == report.event), None)
            if dated is not None and dated.dates:
                due.append(Due(date=dated.dates[-1], kind="report", what=report.id,
                               name=report.id, overdue=dated.dates[-1] < today))
    due.sort(key=lambda d: (not d.overdue, d.date, d.what))
    counts = {name: sum(1 for u in units if u.status == name) for name in STATUSES}
    counts["meetings"] = sum(u.meetings for u in units)
    counts["alerts"] = sum(1 for u in units if u.alerts)
    return ProgrammeStatus(start=schedule.start, end=schedule.end, phase=running,
                           events=tuple(events), due=tuple(due), counts=counts)
