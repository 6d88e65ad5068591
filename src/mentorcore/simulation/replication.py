"""One replication: :func:`simulate` runs a programme once and returns a :class:`Run`.

Example::

    >>> from mentorcore import Library
    >>> from mentorcore.simulation import simulate
    >>> library = Library()
    >>> run = simulate(library.programme("womento"), registry=library.registry, pairs=15,
    ...                seed=0, start="2026-01-05")
    >>> run.summary.figures["units"]
    15
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mentorcore.dates import parse_date
from mentorcore.diagnostics import MentorcoreError
from mentorcore.i18n import _
from mentorcore.records import record
from mentorcore.schedule import build_schedule
from mentorcore.simulation.calendar import CALENDARS, Calendar, next_monday
from mentorcore.simulation.cohort import Cohort, file_cohort, synthetic_cohort
from mentorcore.simulation.plan import Plan, UsedAssumption, compile_plan
from mentorcore.simulation.problems import BAD_OPTION
from mentorcore.simulation.run import (
    Compliance,
    Month,
    PhaseSpan,
    Run,
    Summary,
    Timeline,
    UnitTable,
    rounded,
)

if TYPE_CHECKING:
    from mentorcore.model import Programme
    from mentorcore.plugins import Registry
    from mentorcore.simulation.engine import Batch

__all__ = [
    "MAX_SEED", "Setup", "build_run", "option_error", "prepare", "run_setup", "simulate",
    "single_summary", "used_assumptions",
]

MAX_SEED = 2**63 - 1


def option_error(message: str, hint: str | None = None) -> MentorcoreError:
    return MentorcoreError.single(BAD_OPTION, message, exit_code=2, hint=hint)


@record(kw_only=True)
class Setup:
    """Everything a simulation is run with, checked: the plan, the cohort, seed, start, calendar."""

    plan: Plan
    cohort: Cohort
    seed: int
    start: datetime.date
    calendar: Calendar
    assumptions: tuple[UsedAssumption, ...] = ()
    """Every assumption the run uses, with value and origin (see :func:`used_assumptions`)."""

    def members(self) -> Any:
        import numpy as np

        if self.cohort.member_ids is not None:
            return np.array([len(m) for m in self.cohort.member_ids], dtype=np.float64)
        return np.full(self.cohort.size, float(len(self.cohort.member_roles)))

    def groups(self) -> tuple[Any, int] | tuple[None, None]:
        if self.cohort.groups is not None and self.cohort.group_ids is not None:
            return self.cohort.group_index(0), len(self.cohort.group_ids)
        return None, None


def prepare(programme: Programme, *, registry: Registry, pairs: int | None = None,
            participants: str | Path | None = None, cohort: Cohort | None = None,
            start: datetime.date | str | None = None, seed: int = 0, calendar: str = "finnish",
            language: str | None = None, plan: Plan | None = None,
            assumptions: Mapping[str, object] | None = None) -> Setup:
    """Check the options, set the ``assumptions`` given for this run
    (:func:`mentorcore.simulation.overrides.apply`) and compile the plan (shared by
    :func:`simulate` and :func:`~mentorcore.simulation.montecarlo.simulate_many`)."""
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
        raise option_error(_("the seed must be a whole number from 0 to {limit}, found "
                             "{value}").format(limit=MAX_SEED, value=repr(seed)))
    if start is None:
        start = next_monday()
    elif isinstance(start, str):
        try:
            start = parse_date(start)
        except ValueError as error:
            raise option_error(_("start date: {error}").format(error=error),
                               _("for example {example}").format(example="2026-01-05")) from None
    elif isinstance(start, datetime.datetime) or not isinstance(start, datetime.date):
        raise option_error(_("the start must be a date, found {value}").format(
            value=repr(start)))
    if calendar not in CALENDARS:
        raise option_error(_("unknown calendar '{calendar}'").format(calendar=calendar),
                           _("choose one of {choices}").format(choices=", ".join(CALENDARS)))
    if sum(x is not None for x in (pairs, participants, cohort)) > 1:
        raise option_error(_("give either a number of pairs or a participants file, not "
                             "both"))
    if pairs is not None and (isinstance(pairs, bool) or not isinstance(pairs, int) or pairs < 1):
        raise option_error(_("the number of pairs must be at least 1, found {value}").format(
            value=repr(pairs)))
    overridden: tuple[str, ...] = ()
    if assumptions:
        from mentorcore.simulation.overrides import apply

        programme, overridden = apply(programme, assumptions, registry,
                                      matching=participants is not None)
    plan = plan or compile_plan(programme, registry, language, overridden=overridden)
    if cohort is None:
        cohort = (file_cohort(plan, programme, participants, registry=registry, seed=seed)
                  if participants is not None else synthetic_cohort(plan, pairs))
    made = Calendar(calendar, start, build_schedule(
        programme, start, calendar, default_days={
            p.kind: p.behaviour.default_days for p in plan.phases
            if p.behaviour is not None and p.behaviour.default_days}, language=language))
    used = used_assumptions(programme, plan, cohort, synthetic=pairs is None and participants
                            is None, calendar=calendar, overridden=overridden)
    return Setup(plan=plan, cohort=cohort, seed=seed, start=start, calendar=made,
                 assumptions=used)


def used_assumptions(programme: Programme, plan: Plan, cohort: Cohort, *, synthetic: bool,
                     calendar: str, overridden: tuple[str, ...] = ()
                     ) -> tuple[UsedAssumption, ...]:
    """The assumptions a run uses: ``cohort_size`` when it sized the cohort, the plan's
    (:attr:`Plan.used`), ``summer_pause`` on the Finnish calendar, and what matching read when
    the run matched a participant list — each with value and origin."""
    from mentorcore.model.assumptions import MATCHING, default_value

    given = {a.id: a.value for a in programme.assumptions}

    def origin(name: str) -> str:
        return "override" if name in overridden else "model" if name in given else "default"

    found: list[UsedAssumption] = []
    if synthetic and cohort.source == "synthetic":
        found.append(UsedAssumption(id="cohort_size",
                                    value=_plain(given.get("cohort_size", cohort.size)),
                                    origin=origin("cohort_size")))
    found += plan.used
    if calendar == "finnish":
        found.append(UsedAssumption(
            id="summer_pause", value=str(given.get("summer_pause", default_value("summer_pause"))),
            origin=origin("summer_pause")))
    if cohort.matched and plan.reads is not None:
        listed = {a.id for a in found}
        found += [UsedAssumption(id=name, value=_plain(given[name]), origin=origin(name))
                  for name, engines in plan.reads.readers.items()
                  if MATCHING in engines and name not in listed]
    return tuple(found)


def _plain(value: object) -> float | str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value) if float(value).is_integer() else float(value)
    return str(value)


def simulate(programme: Programme, *, registry: Registry, pairs: int | None = None,
             participants: str | Path | None = None, cohort: Cohort | None = None,
             start: datetime.date | str | None = None, seed: int = 0, calendar: str = "finnish",
             language: str | None = None, assumptions: Mapping[str, object] | None = None
             ) -> Run:
    """Simulate ``programme`` once.

    ``registry``: the run's :class:`mentorcore.plugins.Registry` (``Library().registry``, or
    the session's), whose plugins give phase behaviours, intakes and schedule changes;
    ``pairs``: units in a synthetic cohort (default: the model's ``cohort_size``);
    ``participants``: a units file of already-formed units instead; ``start``: the first day
    (a date or ``YYYY-MM-DD``; default next Monday); ``seed``: the same seed gives the same run;
    ``calendar``: ``finnish`` (the model's calendar: the working week, public holidays, the
    Christmas break and the summer pause; :mod:`mentorcore.schedule`) or ``plain`` (every day);
    ``assumptions``: values set for this run by id (``{"continue_rate": 0.5}``, as
    ``--set continue_rate=0.5``), listed with origin ``override``.
    Problems are raised as :class:`mentorcore.MentorcoreError`.
    """
    setup = prepare(programme, pairs=pairs, participants=participants, cohort=cohort, start=start,
                    seed=seed, calendar=calendar, registry=registry, language=language,
                    assumptions=assumptions)
    return run_setup(setup)


def run_setup(setup: Setup) -> Run:
    import numpy as np

    from mentorcore.simulation.engine import sample

    group_of, groups = setup.groups()
    batch = sample(setup.plan, setup.cohort.size, setup.seed, np.zeros(1, dtype=np.int64),
                          setup.calendar, group_of=group_of, groups=groups)
    return build_run(batch, setup)


def build_run(batch: Batch, setup: Setup, replication: int = 0) -> Run:
    """The :class:`Run` of one replication of a batch."""
    import numpy as np

    import mentorcore.simulation.figures as f
    from mentorcore.simulation.behaviours import CANCELLED, HELD, RESCHEDULED
    from mentorcore.simulation.streams import UNIT_STREAM, Streams

    plan, cohort, r = setup.plan, setup.cohort, replication
    N, G = batch.units, batch.groups
    schedule = batch.schedule
    vocab = batch.vocabulary

    # the timeline: meetings from the slot arrays, everything else from the event rows
    status = schedule.meeting_status[r]
    meeting_code = vocab.type_code("meeting")
    parts_day, parts_type, parts_unit = [], [], []
    held = (status == HELD) | (status == RESCHEDULED)
    units_of_slots = np.broadcast_to(np.arange(N)[:, None], status.shape)
    parts_day.append(schedule.meeting_day[r][held])
    parts_type.append(np.full(int(held.sum()), meeting_code))
    parts_unit.append(units_of_slots[held])
    for name, value in (("meeting_rescheduled", RESCHEDULED), ("meeting_cancelled", CANCELLED)):
        mask = status == value
        parts_day.append(schedule.meeting_planned[r][mask])
        parts_type.append(np.full(int(mask.sum()), vocab.type_code(name)))
        parts_unit.append(units_of_slots[mask])
    rows = batch.rows
    mine = rows["rep"] == r
    meetings = sum(len(d) for d in parts_day)
    day = np.concatenate([*parts_day, rows["day"][mine]]).astype(np.int64)
    kind = np.concatenate([*parts_type, rows["type"][mine]]).astype(np.int64)
    unit = np.concatenate([*parts_unit, rows["unit"][mine]]).astype(np.int64)
    ref = np.concatenate([np.full(meetings, -1), rows["ref"][mine]]).astype(np.int64)
    order = np.argsort((day << 40) | (kind << 32) | (unit + 1), kind="stable")
    unit_ids = tuple(cohort.unit_id(i) for i in range(N)) + tuple(
        cohort.group_id(g) for g in range(G))
    timeline = Timeline(start=setup.start, day=day[order].astype(np.int32),
                        type=kind[order].astype(np.int16), unit=unit[order].astype(np.int32),
                        ref=ref[order].astype(np.int32), types=vocab.types, refs=vocab.refs,
                        ref_kinds=vocab.ref_kinds, unit_ids=unit_ids)

    # units and groups
    counts = f.meeting_counts(batch)
    group_counts = f.group_meeting_counts(batch)[r] if G else np.zeros(0)
    themes = np.zeros(N + G, dtype=np.int64)
    theme_names: tuple[str, ...] = ()
    if plan.reports:
        theme_names = tuple(dict.fromkeys(t for p in plan.cadence_phases for t in p.themes))
    if theme_names and N:
        streams = Streams(setup.seed, batch.replications[r:r + 1])
        picked = streams.slot_uniform(UNIT_STREAM, np.arange(N), len(theme_names),
                                      offset=5000)[0] < 0.5
        one = np.minimum((streams.unit_uniform(UNIT_STREAM, np.arange(N), 903)[0]
                          * len(theme_names)).astype(np.int64), len(theme_names) - 1)
        picked[np.arange(N), one] |= ~picked.any(axis=1)
        # a report tells only of meetings held: no theme without a meeting, one a meeting at most
        picked &= np.cumsum(picked, axis=1) <= counts["held"][r][:, None]
        themes[:N] = (picked * (1 << np.arange(len(theme_names)))).sum(axis=1)
    units = UnitTable(
        cohort=cohort, kind=plan.unit_kind, group_kind="group" if G else None, count=N,
        groups=G, origin=setup.start,
        start_day=np.concatenate([batch.formed[r], batch.group_formed[r]]),
        end_day=np.concatenate([schedule.unit_end[r], batch.group_end[r]]),
        planned=np.concatenate([counts["planned"][r], group_counts]).astype(np.int64),
        held=np.concatenate([counts["held"][r], group_counts]).astype(np.int64),
        cancelled=np.concatenate([counts["cancelled"][r], np.zeros(G)]).astype(np.int64),
        ended=np.concatenate([schedule.ended[r], np.zeros(G)]).astype(np.int8),
        exit=np.concatenate([schedule.exit[r],
                             np.full(G, batch.completion_exit)]).astype(np.int64),
        group_of=batch.group_of, themes=themes, theme_names=theme_names,
        exit_ids=schedule.exit_ids)

    def date_of(offset: int) -> datetime.date:
        return setup.start + datetime.timedelta(days=offset)

    phases = tuple(PhaseSpan(id=p.id, name=p.name, kind=p.kind, kind_label=p.kind_label,
                             start=date_of(int(batch.phase_start[r, i])),
                             end=date_of(int(batch.phase_end[r, i]) - 1))
                   for i, p in enumerate(plan.phases))
    summary = single_summary(batch, setup, r)
    return Run(model=plan.model, title=plan.title, seed=setup.seed, start=setup.start,
               calendar=setup.calendar.name, cohort=cohort, phases=phases, units=units,
               schedule=setup.calendar.schedule,
               timeline=timeline, summary=summary,
               event_names={**plan.behaviour_labels, **{e.id: e.name for e in plan.events}},
               notes=plan.notes,
               assumptions=setup.assumptions)


def single_summary(batch: Batch, setup: Setup, r: int = 0) -> Summary:
    import mentorcore.simulation.figures as f

    members = setup.members()
    figures = f.figures(batch, members, setup.start)
    shares = f.compliance(batch)
    labels, months = f.monthly(batch, setup.start, members)
    targets = {t.id: t for t in setup.plan.targets}
    return Summary(
        figures={name: rounded(float(figures[name][r])) for name in f.FIGURES},
        compliance=tuple(Compliance(id=key, text=targets[key].text, low=targets[key].low,
                                    high=targets[key].high, share=rounded(float(value[r])))
                         for key, value in shares.items()),
        months=tuple(Month(month=label, **{name: rounded(float(months[name][r, i]))
                                           for name in f.MONTH_FIGURES})
                     for i, label in enumerate(labels)),
        staff_tasks={task: rounded(float(hours[r].sum()))
                     for task, hours in f.staff_tasks(batch, setup.start, members).items()})
