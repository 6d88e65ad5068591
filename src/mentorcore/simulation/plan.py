"""The simulation plan: a programme model compiled into the numbers the engine samples from.

:func:`compile_plan` reads only the model's data — phases with their durations, cadences and
exit rules, events, units, reports and assumptions — and the behaviours plugins register; it
never looks at a model's id. A model that cannot be simulated (six to eight meetings in one month
at one a month) is refused here with a diagnostic that names the offending value.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import attrs

from mentorcore.checks import Check
from mentorcore.diagnostics import Diagnostic, MentorcoreError, PathElement
from mentorcore.i18n import _, current, ngettext
from mentorcore.model import Programme, Range, name_in
from mentorcore.model.assumptions import (
    KNOWN_ASSUMPTIONS,
    SIMULATION,
    STAFF_TASKS,
    UNIT,
    Reads,
    default_value,
    reads,
    resolve_all,
)
from mentorcore.model.event import share_of
from mentorcore.model.quantity import DAYS_PER
from mentorcore.records import record
from mentorcore.simulation.behaviours import (
    Intake,
    MeetingHandler,
    PhaseBehaviour,
    ScheduleAdjuster,
)
from mentorcore.simulation.problems import (
    BAD_ASSUMPTION,
    IMPOSSIBLE,
    NO_INTAKE,
    NOTHING_TO_SIMULATE,
)

if TYPE_CHECKING:
    from collections.abc import Collection, Mapping

    from mentorcore.kinds import UnitKind
    from mentorcore.model import Unit
    from mentorcore.plugins import Registry

__all__ = [
    "DAYS_PER_MONTH", "DEFAULTS", "DEFAULT_EXIT_RATES", "GROUP_SIZE", "MAIN_WORK", "OPEN_ENDED",
    "ORIGINS", "PACE", "CadencePlan", "EventPlan", "PhasePlan", "Plan", "Target",
    "UsedAssumption", "compile_plan", "staff_rate", "window_problem",
]

DAYS_PER_MONTH = DAYS_PER["month"]
OPEN_ENDED = float(default_value("open_ended_factor") or 1.5)
"""An open-ended range ("at least 5" pairs) is sampled up to 1.5 times its minimum (the
``open_ended_factor`` assumption's default)."""
PACE = float(default_value("pace_share") or 0.85)
"""A unit with a total to reach plans to reach it within 85 % of its time (the ``pace_share``
assumption's default)."""

DEFAULTS: dict[str, tuple[float, str]] = {
    known.id: (float(known.default), known.meaning) for known in KNOWN_ASSUMPTIONS
    if known.reader == SIMULATION and UNIT not in known.id
    and isinstance(known.default, (int, float))}
"""Numeric assumptions the simulation reads, with the value it uses when a model makes none
(from :data:`mentorcore.model.assumptions.KNOWN_ASSUMPTIONS`, the one table)."""
DEFAULT_EXIT_RATES = {"dropout": 0.1, "early_end": 0.15}
"""The rate of an exit rule's kind when the model gives an exit rule of it but no rate."""
ORIGINS = ("model", "default", "override")
"""Where the value of an assumption a run used came from."""


@record(kw_only=True)
class UsedAssumption:
    """An assumption a run used: its ``id``, the ``value`` and where it came from (``origin``:
    ``model``, ``default`` or ``override``)."""

    id: str
    value: float | str
    origin: str


def _sampled(value: Range, factor: float = OPEN_ENDED) -> tuple[float, float]:
    """The interval a range is sampled from: its bounds with "about" applied as everywhere
    (:meth:`Range.approx_bounds`, ±10 %), an open end at ``factor`` (``open_ended_factor``,
    1.5) times the stated minimum."""
    low, high = value.approx_bounds()
    if math.isinf(high):
        high = value.min * factor if value.min > 0 else 1.0
    return low, high


def _sampled_days(duration: Range, factor: float = OPEN_ENDED) -> tuple[float, float]:
    """:func:`_sampled` for a duration, in days."""
    low, high = _sampled(duration, factor)
    return low * DAYS_PER[duration.unit], high * DAYS_PER[duration.unit]


@record(kw_only=True)
class CadencePlan:
    """Meetings per month (``rate_low``–``rate_high``; ``None`` when derived from the total) and
    the total to reach (``None``: meet until the phase ends)."""

    rate_low: float | None
    rate_high: float | None
    total_low: int | None
    total_high: int | None
    total_is_minimum: bool
    """True for "at least N": units stop at N, except the share ``continues`` that goes on."""
    continues: float = 0.0
    """For "at least N": the share of units that go on after N — until the phase ends, or for
    the plan's ``unit_months`` when it has no duration (``continue_rate``)."""
    self_scheduled: bool = True
    """True when units agree their own meeting times (``self_scheduled``): the gaps between
    meetings vary; otherwise they meet at a steady rhythm."""

    @property
    def rates(self) -> tuple[float, float] | None:
        """``(rate_low, rate_high)``, or ``None`` when the pace comes from the total."""
        if self.rate_low is None or self.rate_high is None:
            return None
        return self.rate_low, self.rate_high


@record(kw_only=True)
class PhasePlan:
    index: int
    id: str
    name: str
    kind: str
    days_low: float | None
    days_high: float | None
    entry: str
    cadence: CadencePlan | None
    themes: tuple[str, ...]
    behaviour: PhaseBehaviour | None
    intake: Intake | None
    kind_label: str = ""
    """The kind in the language of the run, for people (``leiri`` for ``camp``)."""

    @property
    def days(self) -> tuple[float, float] | None:
        """``(days_low, days_high)``, the range the phase's length is drawn from; ``None`` when
        its units' meetings decide it."""
        if self.days_low is None or self.days_high is None:
            return None
        return self.days_low, self.days_high

    @property
    def unit_driven(self) -> bool:
        """True when the phase lasts as long as its units do (rolling intake, or a cadence
        without a duration)."""
        return self.cadence is not None and (self.entry_varies or self.days_low is None)

    @property
    def entry_varies(self) -> bool:
        return self.intake is not None and self.intake.entry != "cohort"


@record(kw_only=True)
class EventPlan:
    id: str
    name: str
    timing: str
    phase: int
    at: float
    """Where in its phase a ``once`` event happens, as a share (0: its first day, 1: its last;
    :func:`mentorcore.schedule.event_offset` places it)."""
    count_low: int
    count_high: int
    scope: str
    """``programme``, ``group`` (each group of units) or ``unit`` (each unit that meets)."""
    certificate: bool
    staffed: bool
    per_month: float = 1.0
    """How many times a month a ``monthly`` event happens."""
    probability: float = 1.0
    """The share of groups (units, runs) that hold an event that may happen."""
    share: float = 1.0
    """The share of the people it concerns who take part (``voluntary_share`` for a voluntary
    event)."""
    first_meeting: bool = False
    """True for an event of the unit that meets that is the first of its meetings in all
    (``counts_as_meeting``): the unit's first meeting is held on the event's day."""


@record(kw_only=True)
class Target:
    """A documented target the results are checked against."""

    id: str
    text: str
    kind: str
    """``unit_meetings`` (meetings held by units that completed), ``group_meetings`` (group
    meetings held by each group) or ``phase_days`` (days a phase lasted)."""
    low: float
    high: float
    phase: int = -1
    decides: bool = False
    """True for a documented total: a unit is ``completed`` only when it meets it, otherwise it
    ``ended below target``."""


@record(kw_only=True)
class Plan:
    """Everything the engine needs, as plain numbers and names (picklable)."""

    model: str
    title: str
    language: str | None
    phases: tuple[PhasePlan, ...]
    events: tuple[EventPlan, ...]
    unit: str
    unit_kind: str
    member_roles: tuple[str, ...]
    """The role of each member of a unit that meets (``("mentor", "mentee")`` for a pair)."""
    exclusive_roles: tuple[str, ...]
    """Roles a person can hold in one unit only (mentees, buddies, peers)."""
    role_names: dict[str, tuple[str, ...]] = attrs.field(factory=dict)
    """Each role of :attr:`member_roles` → its names in every language of the model
    (``mentee`` → ``("mentee", "mentoroitava")``): a units file's header may give them."""
    group: str | None
    group_low: int
    group_high: int
    exits: dict[str, tuple[str, ...]]
    rates: dict[str, float]
    reports: tuple[str, ...]
    targets: tuple[Target, ...]
    adjusters: tuple[ScheduleAdjuster, ...] = ()
    handlers: tuple[MeetingHandler, ...] = ()
    behaviour_types: tuple[str, ...] = ()
    behaviour_labels: dict[str, str] = attrs.field(factory=dict)
    """Event type of a phase behaviour → its label in the run's language (the plugin's)."""
    assumptions: dict[str, float] = attrs.field(factory=dict)
    cohort_size: float | None = None
    cohort_size_unit: str | None = None
    target_group: dict[str, Any] = attrs.field(factory=dict)
    pace: float = 2.0
    """Meetings a month of a cadence that gives no frequency."""
    member_min: int = 0
    """For a unit that meets whose members are people (a group): the fewest members it goes on
    with; members leave one by one (``dropout_rate``, ``early_end_rate`` per member) and the
    group ends when fewer remain. 0: whole units end (pairs)."""
    leaders: int = 0
    """Members of a group that meets who lead it (they do not leave)."""
    unit_months: float = 6.0
    """Months units meet in a phase that gives no duration (and no total)."""
    summer_pause: tuple[tuple[int, int], tuple[int, int]] | None = None
    """The model's ``summer_pause`` assumption (``"06-22..08-09"``), for the Finnish calendar."""
    pace_share: float = PACE
    """A unit with a total plans to reach it within this share of its time (``pace_share``)."""
    exit_earliest: float = 0.1
    """An early end or drop-out falls from this share of a unit's life (``exit_earliest``)…"""
    exit_span: float = 0.85
    """… over this share more (``exit_latest`` less ``exit_earliest``)."""
    gap_variation: float = 0.4
    """A self-scheduled unit's gaps are the mean gap times 1 ± this (``gap_variation``)."""
    notes: tuple[str, ...] = ()
    used: tuple[UsedAssumption, ...] = ()
    """The assumptions the engine reads for this plan, with value and origin (table order)."""
    reads: Reads | None = attrs.field(default=None, eq=False, repr=False)
    """Which assumptions of the model are read (:func:`mentorcore.model.assumptions.reads`)."""

    @property
    def cadence_phases(self) -> tuple[PhasePlan, ...]:
        return tuple(p for p in self.phases if p.cadence is not None)

    def assumption(self, name: str, default: float | None = None) -> float:
        """The model's numeric assumption ``name``, else ``default``, else the table's."""
        if name in self.assumptions:
            return float(self.assumptions[name])
        if default is None:
            known = default_value(name)
            default = float(known) if isinstance(known, (int, float)) else math.nan
        return float(default)


def _error(rule: Check, message: str, path: tuple[PathElement, ...],
           hint: str | None = None) -> Diagnostic:
    return rule.error(message, path, hint)


def _quantity(value: Range) -> str:
    """A quantity in a message, plural-aware in the language of the run: ``6–8 meetings``,
    ``6 months`` (not the unit's id: ``6 month``), ``6–8 tapaamista``."""
    from mentorcore.words import Words

    return Words(current()).quantity(value)


def _decimal(text: str) -> str:
    """A decimal comma in Finnish and Swedish messages."""
    return text.replace(".", ",") if current() in ("fi", "sv") else text


def value_problem(assumption_id: str, value: object, kind: str | None = None
                  ) -> tuple[str, str | None] | None:
    """What is wrong with ``value`` for the assumption ``assumption_id`` of ``kind`` (see
    :data:`mentorcore.model.assumptions.KINDS`; ``None``: only "a share ends in _rate"), as
    ``(message, hint)``, or ``None`` when the simulation can use it. One rule for a model's
    value (E602) and for ``--set`` (E621)."""
    if kind == "text":
        if assumption_id == "summer_pause" and parse_pause(str(value)) is None:
            return (_("summer_pause must be MM-DD..MM-DD, found {value}").format(
                value=repr(str(value))), _("for example {example}").format(
                    example='"06-22..08-09"'))
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        return (_("the simulation needs a number for '{assumption}', found {value}").format(
            assumption=assumption_id, value=repr(value)), None)
    if (kind == "share" or assumption_id.endswith("_rate")) and not 0 <= value <= 1:
        return (_("'{assumption}' is a share and must lie between 0 and 1, found "
                  "{value}").format(assumption=assumption_id, value=f"{value:g}"),
                _("write 10 % as 0.1"))
    if value < 0 or math.isinf(value):
        return _("'{assumption}' must not be negative").format(assumption=assumption_id), None
    if assumption_id == "open_ended_factor" and value < 1:
        return (_("'{assumption}' must be at least 1 (an open range is sampled from its minimum "
                  "up), found {value}").format(assumption=assumption_id, value=f"{value:g}"),
                None)
    if assumption_id == "pace_share" and value <= 0:
        return _("'{assumption}' must be a positive number").format(
            assumption=assumption_id), None
    if assumption_id == "gap_variation" and value >= 1:
        return (_("'{assumption}' must be below 1 (a gap cannot shrink to nothing), found "
                  "{value}").format(assumption=assumption_id, value=f"{value:g}"), None)
    if kind == "positive" and value <= 0:
        return _("'{assumption}' must be a positive number").format(
            assumption=assumption_id), None
    return None


def window_problem(earliest: float, latest: float) -> tuple[str, str | None] | None:
    """What is wrong with the moment of an early end or drop-out drawn from ``earliest`` to
    ``latest`` of a unit's life (``None``: nothing)."""
    if earliest > latest:
        return (_("exit_earliest ({earliest}) lies after exit_latest ({latest})").format(
            earliest=f"{earliest:g}", latest=f"{latest:g}"),
                _("the moment is drawn between the two: give exit_earliest ≤ exit_latest"))
    return None


def _numeric_assumptions(programme: Programme, read: Reads,
                         problems: list[Diagnostic]) -> dict[str, float]:
    """The numeric assumptions of the model (plugins may read any of them); a problem for each
    value the simulation reads but cannot use, and for a share outside 0–1."""
    found: dict[str, float] = {}
    for index, assumption in enumerate(programme.assumptions):
        value = assumption.value
        entries = [e for e, _unit in resolve_all(programme, assumption.id)
                   if e.reader == SIMULATION]
        kind = entries[0].kind if entries else None
        if not read.read_by(assumption.id, SIMULATION):
            kind = None  # unread (W220): only a share's range is checked, as ever
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                continue
        problem = value_problem(assumption.id, value, kind)
        if problem is not None:
            problems.append(_error(BAD_ASSUMPTION, problem[0], ("assumptions", index, "value"),
                                   problem[1]))
            continue
        if kind != "text" and isinstance(value, (int, float)) and not isinstance(value, bool):
            found.setdefault(assumption.id, float(value))
    return found


def _cadence_plan(programme: Programme, index: int, problems: list[Diagnostic],
                  factor: float = OPEN_ENDED) -> CadencePlan:
    phase = programme.phases[index]
    cadence = phase.cadence
    assert cadence is not None
    frequency = cadence.per_month_range
    rate_low = rate_high = None
    if frequency is not None:
        rate_low, rate_high = _sampled(frequency, factor)
        if rate_high <= 0:
            problems.append(_error(IMPOSSIBLE, _("a cadence of 0 meetings cannot be simulated"),
                                   ("phases", index, "cadence", "per_month")))
    total_low = total_high = None
    total_is_minimum = False
    if cadence.total is not None:
        low, high = _sampled(cadence.total, factor)
        # whole meetings within the documented total ("about 8" is 7.2-8.8: 8 only)
        total_low = math.ceil(low - 1e-9)
        total_high = max(math.floor(high + 1e-9), total_low)
        total_is_minimum = cadence.total.open_ended or cadence.open_ended
    if (cadence.total is not None and frequency is not None and phase.duration is not None
            and phase.duration.unit in DAYS_PER and not total_is_minimum):
        _days_low, days_high = _sampled_days(phase.duration, factor)
        possible = (rate_high or 0) * days_high / DAYS_PER_MONTH
        if possible + 1e-9 < cadence.total.approx_bounds()[0]:
            problems.append(_error(
                IMPOSSIBLE,
                ngettext("{total} cannot be held in {duration} at {frequency} (at most "
                         "{possible} meeting)",
                         "{total} cannot be held in {duration} at {frequency} (at most "
                         "{possible} meetings)", 1 if round(possible, 3) == 1 else 2).format(
                             total=_quantity(cadence.total), duration=_quantity(phase.duration),
                             frequency=_quantity(frequency),
                             possible=_decimal(f"{possible:.3g}")),
                ("phases", index, "cadence", "total"),
                _("lengthen the phase, raise the cadence or lower the total")))
    if rate_low is None and total_low is None:
        rate_low = rate_high = None  # the engine uses meetings_per_month
    return CadencePlan(rate_low=rate_low, rate_high=rate_high, total_low=total_low,
                       total_high=total_high, total_is_minimum=total_is_minimum,
                       self_scheduled=cadence.self_scheduled)


def _size_range(size: Range | None, default: tuple[int, int], factor: float = OPEN_ENDED
                ) -> tuple[int, int]:
    if size is None:
        return default
    low, high = _sampled(size, factor)
    return max(1, round(low)), max(1, round(high))


def compile_plan(programme: Programme, registry: Registry, language: str | None = None,
                 *, overridden: Collection[str] = ()) -> Plan:
    """Compile ``programme`` for the engine; ``MentorcoreError`` when it cannot be simulated.

    ``registry`` (the run's :class:`mentorcore.plugins.Registry`) supplies phase behaviours,
    intakes, adjusters and meeting handlers. ``overridden``: the ids of the model's assumptions
    whose values were set for this run (reported with origin ``override``).
    """
    from mentorcore.words import Words

    problems: list[Diagnostic] = []
    unit_kinds = registry.unit_kinds
    read = reads(programme, unit_kinds)
    assumptions = _numeric_assumptions(programme, read, problems)
    behaviours: dict[str, PhaseBehaviour] = _named(registry, "register_phase_behaviours", "kind")
    intakes: dict[str, Intake] = _named(registry, "register_intakes", "entry")

    unit_id = read.meeting_unit
    unit = next((u for u in programme.units if u.id == unit_id), None)
    if unit_id is None or unit is None:
        raise MentorcoreError([_error(NOTHING_TO_SIMULATE, _("the model has no unit that meets"),
                                      ("units",),
                                      _("add a unit (a pair or a group) and a cadence"))])
    size = assumptions.get(read.size) if read.size else None
    mentors_name = f"{unit_id}_mentors"
    mentor_roles = tuple(r.id for r in programme.roles if r.kind == "mentor")
    factor = assumptions.get("open_ended_factor", OPEN_ENDED)
    member_roles = _member_roles(unit, unit_kinds.get(unit.kind), size,
                                 mentors=assumptions.get(mentors_name), mentor_roles=mentor_roles,
                                 factor=factor)
    people_group = read.size_needed
    leaders = sum(1 for role in member_roles if role in unit.led_by) if people_group else 0
    member_min = 0
    if people_group:
        low_size = unit.size.approx_bounds()[0] if unit.size is not None else 1
        member_min = max(1, math.ceil(low_size - 1e-9))
    exclusive = tuple(r.id for r in programme.roles
                      if r.id in member_roles and r.kind in ("mentee", "buddy", "peer"))
    group = next((u for u in programme.units if u.made_of == unit_id), None)
    group_low, group_high = _size_range(group.size if group else None, (1, 1), factor)
    one_group = group is not None and group.size is None
    if one_group:
        group_low, group_high = 1, ONE_GROUP   # no size given: all units form one group

    phases: list[PhasePlan] = []
    fixed_days_used = False   # some phase lasts `phase_days`
    pace = DEFAULTS["meetings_per_month"][0]
    pace_source = None
    if read.pace is not None and read.pace in assumptions:
        pace, pace_source = (assumptions[read.pace],
                             _("assumption {name}").format(name=read.pace))
    unit_months, months_source = _unit_months(programme, read.months, problems)
    given_continue = assumptions.get("continue_rate")
    notes: list[str] = []
    for index, phase in enumerate(programme.phases):
        days_low = days_high = None
        if phase.duration is not None and phase.duration.unit in DAYS_PER:
            days_low, days_high = _sampled_days(phase.duration, factor)
        behaviour = behaviours.get(phase.kind)
        unsimulated = registry.unsimulated_kind(phase.kind) if behaviour is None else None
        if unsimulated is not None:  # what the kind means is not honoured (validate: W223)
            notes.append(_("phase '{phase}' is of kind '{kind}' (plugin {plugin}), which no "
                           "plugin simulates: it runs as {what}").format(
                phase=name_in(phase, language), kind=phase.kind,
                plugin=registry.manager.describe(unsimulated),
                what=_("a phase in which units meet by its cadence and nothing else happens")
                if phase.cadence is not None
                else _("days on which nothing happens but the model's own events")))
        implicit = index in read.implicit_phases
        if days_low is None and phase.cadence is None and not implicit:
            if behaviour and behaviour.default_days:
                default = float(behaviour.default_days)
            else:
                default = assumptions.get("phase_days", DEFAULTS["phase_days"][0])
                fixed_days_used = True
            days_low = days_high = default
        intake = None
        if phase.cadence is not None or implicit:
            intake = intakes.get(phase.entry)
            if intake is None:
                known = sorted(intakes)
                problems.append(_error(
                    NO_INTAKE, _("no installed plugin simulates the entry '{entry}'").format(
                        entry=phase.entry),
                    ("phases", index, "entry"),
                    _("installed: {entries}; is its plugin disabled?").format(
                        entries=", ".join(known) or _("none"))))
        if phase.cadence is not None:
            cadence = _cadence_plan(programme, index, problems, factor)
            if cadence.rate_low is None and (cadence.total_low is None
                                             or cadence.total_is_minimum):
                cadence = attrs.evolve(cadence, rate_low=pace, rate_high=pace)
                notes.append(_("phase '{phase}': the cadence gives no frequency; units meet "
                               "{pace} times a month ({source})").format(
                                   phase=name_in(phase, language), pace=_decimal(f"{pace:g}"),
                                   source=pace_source or _("engine default")))
            if cadence.total_is_minimum:
                share = given_continue if given_continue is not None else (
                    1.0 if days_low is not None else 0.0)
                cadence = attrs.evolve(cadence, continues=share)
                if days_low is None and share > 0:
                    notes.append(_("phase '{phase}': {share} of units go on after {total} "
                                   "meetings, for {months} months in all ({source})").format(
                                       phase=name_in(phase, language),
                                       share=f"{100 * share:.0f} %",
                                       total=cadence.total_low,
                                       months=_decimal(f"{unit_months:g}"),
                                       source=months_source or _("engine default")))
        elif implicit:
            cadence = CadencePlan(rate_low=pace, rate_high=pace, total_low=None,
                                  total_high=None, total_is_minimum=False)
            notes.append(_("phase '{phase}' has no cadence; its units meet {pace} times a "
                           "month ({source})").format(phase=name_in(phase, language),
                                                      pace=_decimal(f"{pace:g}"),
                                                      source=pace_source))
        else:
            cadence = None
        if (cadence is not None and days_low is None and cadence.total_low is None
                and programme.duration is None):
            notes.append(_("phase '{phase}' gives no duration; units meet for {months} months "
                           "({source})").format(phase=name_in(phase, language),
                                                months=_decimal(f"{unit_months:g}"),
                                                source=months_source or _("engine default")))
        phases.append(PhasePlan(
            index=index, id=phase.id, name=phase.name.get(language) if phase.name else phase.id,
            kind=phase.kind, days_low=days_low, days_high=days_high,
            entry=phase.entry, cadence=cadence,
            themes=tuple(t.get(language) for t in phase.themes),
            behaviour=behaviour, intake=intake,
            kind_label=Words(language or current()).phase_kind(phase.kind, registry)))

    _whole_process(programme, phases, notes, factor)
    for phase in programme.phases:   # an engine that cannot honour a fact says so
        if phase.alternatives:
            notes.append(_("phase '{phase}' may be taken another way ({alternatives}); the "
                           "simulation takes everyone through the phase as written: its dates "
                           "and staff hours count the phase, not the other way").format(
                phase=name_in(phase, language),
                alternatives=", ".join(name_in(a, language) for a in phase.alternatives)))
    for item in programme.events:
        if item.alternatives:
            notes.append(_("event '{event}' has another way to take part ({alternatives}); the "
                           "simulation holds the event as written for everyone: its dates "
                           "and staff hours count the event, not the other way").format(
                event=name_in(item, language),
                alternatives=", ".join(name_in(a, language) for a in item.alternatives)))
    if one_group:
        assert group is not None
        notes.append(_("'{group}' gives no size: all the units form one group").format(
            group=name_in(group, language)))
    phase_index = {p.id: p.index for p in phases}
    events: list[EventPlan] = []
    for event in programme.events:
        if event.phase not in phase_index:
            continue  # an unresolved reference, reported by validation (E201)
        if event.unit is not None and event.unit == unit_id:
            scope = "unit"
        elif event.unit is not None and group is not None and event.unit == group.id:
            scope = "group"
        else:
            scope = "programme"
        count_low, count_high = 1, 1
        if event.timing == "spread" and event.count is not None:
            low, high = _sampled(event.count, factor)
            count_low, count_high = max(0, round(low)), max(0, round(high), round(low))
        events.append(EventPlan(
            id=event.id, name=(event.name.get(language) if event.name else event.id),
            timing=event.timing, phase=phase_index[event.phase], at=share_of(event.at),
            count_low=count_low, count_high=count_high, scope=scope,
            certificate=event.certificates,
            staffed=scope != "unit",
            probability=1.0 if event.probability is None else event.probability,
            share=(assumptions.get("voluntary_share", DEFAULTS["voluntary_share"][0])
                   if event.voluntary else 1.0),
            first_meeting=(scope == "unit" and event.counts_as_meeting is True
                           and event.timing == "once" and share_of(event.at) == 0)))
    events += _group_meetings(programme, read, assumptions, group, language, notes)

    exits: dict[str, tuple[str, ...]] = {"completion": (), "early_end": (), "dropout": ()}
    for phase in programme.phases:
        for rule in phase.exits:
            if rule.kind in exits:
                exits[rule.kind] = (*exits[rule.kind], rule.id)
    rates = {name: assumptions.get(name, default)
             for name, (default, _meaning) in DEFAULTS.items()}
    for kind_name, default_rate in DEFAULT_EXIT_RATES.items():
        name = f"{kind_name}_rate"
        if name not in assumptions and exits[kind_name]:
            rates[name] = default_rate
    if rates["dropout_rate"] + rates["early_end_rate"] > 1:
        problems.append(_error(BAD_ASSUMPTION, _("dropout_rate and early_end_rate add up to "
                                                 "more than 1"), ("assumptions",)))
    window = window_problem(rates["exit_earliest"], rates["exit_latest"])
    if window is not None:
        at = next((i for i, a in enumerate(programme.assumptions)
                   if a.id in ("exit_latest", "exit_earliest")), None)
        problems.append(_error(BAD_ASSUMPTION, window[0],
                               ("assumptions",) if at is None else ("assumptions", at, "value"),
                               window[1]))
    reports = tuple(r.id for r in programme.reports if r.when == "unit_end")
    summer_pause = _summer_pause(programme)
    if problems:
        raise MentorcoreError(problems)
    plan_phases = tuple(phases)
    targets = _targets(programme, plan_phases, tuple(events), group, unit_id, factor)
    behaviour_types = tuple(dict.fromkeys(
        t for b in behaviours.values() for t in b.event_types))
    behaviour_labels = _behaviour_labels(behaviours.values(), language)
    target_group: dict[str, Any] = {}
    if programme.target_group is not None:
        tg = programme.target_group
        target_group = {"description": tg.description.get(language),
                        "gender": tg.gender, "age": tg.age.describe() if tg.age else None,
                        "traits": list(tg.traits)}
    return Plan(
        model=programme.id, title=programme.title(language), language=language,
        phases=plan_phases, events=tuple(events),
        unit=unit_id, unit_kind=unit.kind, member_roles=member_roles, exclusive_roles=exclusive,
        role_names={r.id: tuple(dict.fromkeys(r.name.by_language.values()))
                    for r in programme.roles if r.id in member_roles},
        group=group.id if group else None, group_low=group_low, group_high=group_high,
        exits=exits, rates=rates, reports=reports, targets=targets,
        adjusters=tuple(registry.items("register_schedule_adjusters")),
        handlers=tuple(registry.items("register_meeting_handlers")),
        behaviour_types=behaviour_types, behaviour_labels=behaviour_labels,
        assumptions=assumptions, target_group=target_group,
        cohort_size=assumptions.get("cohort_size"), summer_pause=summer_pause,
        pace=pace, unit_months=unit_months, notes=tuple(notes),
        pace_share=rates["pace_share"], exit_earliest=rates["exit_earliest"],
        exit_span=rates["exit_latest"] - rates["exit_earliest"],
        gap_variation=rates["gap_variation"],
        member_min=member_min, leaders=leaders,
        cohort_size_unit=next((a.unit for a in programme.assumptions if a.id == "cohort_size"),
                              None),
        used=_used(programme, read, assumptions, rates, plan_phases, pace, unit_months,
                   member_roles, unit, frozenset(overridden),
                   tuple(r for r in read.rules if r != "phase_days" or fixed_days_used)),
        reads=read)


def _used(programme: Programme, read: Reads, assumptions: dict[str, float],
          rates: dict[str, float], phases: tuple[PhasePlan, ...], pace: float,
          unit_months: float, member_roles: tuple[str, ...], unit: Unit,
          overridden: frozenset[str], rules: tuple[str, ...] = ()
          ) -> tuple[UsedAssumption, ...]:
    """The assumptions the engine reads for this plan, in the order of the table, each with the
    value it uses and its origin; the cohort's size and the summer pause are added by the run
    that uses them (:func:`mentorcore.simulation.replication.prepare`)."""
    given = {a.id: a.value for a in programme.assumptions}

    def used(name: str, value: float | str) -> UsedAssumption:
        origin = ("override" if name in overridden else "model" if name in given
                  else "default")
        shown = given[name] if name in given and not isinstance(given[name], bool) else value
        return UsedAssumption(id=name, value=_plain(shown), origin=origin)

    found = [used(name, rates[name]) for name in
             ("cancellation_rate", "reschedule_rate", "reschedule_days", "dropout_rate",
              "early_end_rate")]
    minimum = next((p.cadence for p in phases
                    if p.cadence is not None and p.cadence.total_is_minimum), None)
    if read.continue_needed and minimum is not None:
        found.append(used("continue_rate", minimum.continues))
    if read.pace_needed:
        found.append(used(read.pace or "meetings_per_month", pace))
    found += [used(name, assumptions.get(name, 0.0)) for _unit, name in read.group_meetings]
    if read.months_needed:
        found.append(used(read.months or "mentoring_months", unit_months))
    if read.size_needed:
        found.append(used(read.size or f"{unit.id}_size", len(member_roles)))
        mentors = given.get(f"{unit.id}_mentors")
        if isinstance(mentors, (int, float)) and not isinstance(mentors, bool):
            found.append(used(f"{unit.id}_mentors", mentors))
    if read.intake:
        names = ["new_pairs_per_month"] if "new_pairs_per_month" in given else ["intake_days"]
        for name in [*names, "matching_days"]:
            found.append(used(name, assumptions.get(name, DEFAULTS.get(name, (0.0, ""))[0])))
    tasks = dict(STAFF_TASKS)
    found += [used(tasks[task], staff_rate(tasks[task], rates, assumptions))
              for task in read.staff_tasks]
    if any(event.voluntary for event in programme.events):
        found.append(used("voluntary_share", assumptions.get(
            "voluntary_share", DEFAULTS["voluntary_share"][0])))
    found.append(used("mentor_hours_per_meeting", rates["mentor_hours_per_meeting"]))
    found += [used(rule, rates[rule]) for rule in rules]   # the engine's own rules
    return tuple(found)


def staff_rate(assumption_id: str, rates: Mapping[str, float],
               assumptions: Mapping[str, float]) -> float:
    """The hours of one staff task (:data:`~mentorcore.model.assumptions.STAFF_TASKS`): the
    model's value, else the table's default; a start meeting costs what an event does unless the
    model says otherwise."""
    if assumption_id in assumptions:
        return float(assumptions[assumption_id])
    if assumption_id == "staff_hours_per_start_meeting":
        return float(rates["staff_hours_per_event"])
    return float(rates.get(assumption_id, 0.0))


def _whole_process(programme: Programme, phases: list[PhasePlan], notes: list[str],
                   factor: float = OPEN_ENDED) -> None:
    """A model whose ``duration`` is the whole process (Matkalla työelämään: six months from the
    mentors' training to the closing event): the phase in which units meet that gives no
    duration of its own takes what the other phases leave of it."""
    duration = programme.duration
    if duration is None or duration.unit not in DAYS_PER:
        return
    main = [i for i, p in enumerate(phases) if p.cadence is not None and p.days is None]
    others = [p.days for i, p in enumerate(phases) if i not in main[-1:]]
    if not main or any(days is None for days in others):
        return
    low, high = _sampled_days(duration, factor)
    taken_low = sum(d[0] for d in others if d is not None)
    taken_high = sum(d[1] for d in others if d is not None)
    index = main[-1]
    days_low, days_high = max(low - taken_low, 1.0), max(high - taken_high, 1.0)
    phases[index] = attrs.evolve(phases[index], days_low=days_low, days_high=days_high)
    notes.append(_("phase '{phase}' lasts what the other phases leave of the whole process "
                   "({duration})").format(phase=phases[index].name, duration=_quantity(duration)))


def _plain(value: object) -> float | str:
    """A value as outputs show it: a whole number as ``int``, a text as it is."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value) if float(value).is_integer() else float(value)
    return str(value)


def _member_roles(unit: Unit, kind: UnitKind | None, size: float | None = None, *,
                  mentors: float | None = None, mentor_roles: tuple[str, ...] = (),
                  factor: float = OPEN_ENDED) -> tuple[str, ...]:
    """The role of each member of a unit: both roles of a pair, two buddies of a reciprocal
    pair, the members of a group — the ``<unit>_size`` assumption, else about the middle of its
    size, else eight, its leaders included — in its roles in turn, or, with ``<unit>_mentors``,
    that many in its mentor role and the rest in its other roles (professionals-group: six
    professionals and two mentors)."""
    roles = tuple(unit.roles) or tuple(unit.led_by) or ("participant",)
    fixed = kind.members if kind is not None and kind.members else None
    if fixed is None and unit.kind != "group":
        fixed = 2
    if fixed is not None:
        if len(roles) >= fixed:
            return roles[:fixed]
        return tuple(roles[i % len(roles)] for i in range(fixed))
    if size is None:
        if unit.size is not None and unit.size.open_ended:
            size = max(unit.size.min, GROUP_SIZE)
        else:
            low, high = _size_range(unit.size, (GROUP_SIZE, GROUP_SIZE), factor)
            size = (low + high) // 2
    size = max(1, round(size))
    leaders = tuple(r for r in roles if r in unit.led_by)
    rest = tuple(r for r in roles if r not in leaders) or roles
    mentoring = tuple(r for r in rest if r in mentor_roles)
    others = tuple(r for r in rest if r not in mentoring)
    if mentors is not None and mentoring and others:
        count = min(max(round(mentors), 0), size - len(leaders))
        return (leaders + tuple(mentoring[i % len(mentoring)] for i in range(count))
                + tuple(others[i % len(others)] for i in range(size - len(leaders) - count)))
    return leaders + tuple(rest[i % len(rest)] for i in range(max(size - len(leaders), 1)))


def parse_pause(text: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """``"06-22..08-09"`` as ``((6, 22), (8, 9))``; ``None`` when it is not ``MM-DD..MM-DD``."""
    import datetime

    try:
        first, last = text.split("..")
        (m0, d0), (m1, d1) = (tuple(int(x) for x in part.strip().split("-"))
                              for part in (first, last))
        datetime.date(2000, m0, d0), datetime.date(2000, m1, d1)
    except ValueError:
        return None
    return (m0, d0), (m1, d1)


def _summer_pause(programme: Programme) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The model's ``summer_pause`` (a bad one is reported by :func:`value_problem`)."""
    value = programme.assumption("summer_pause")
    return None if value is None else parse_pause(str(value))


GROUP_SIZE = 8
"""Members of a group whose size the model leaves open."""
ONE_GROUP = 2**31 - 1
"""The size of a group of units the model gives no size for: all the units form one group."""
MAIN_WORK = 40
"""The rank of the phase kinds where units do their main work (mentoring, group mentoring)."""


def _unit_months(programme: Programme, name: str | None,
                 problems: list[Diagnostic]) -> tuple[float, str | None]:
    """How long units meet in a phase that gives no duration: the assumption ``name`` the model
    gives for it (``<unit>_duration`` with a time unit, months by default,
    ``phase_duration_months`` or ``mentoring_months``: see
    :func:`mentorcore.model.assumptions.reads`); else six months."""
    for index, assumption in enumerate(programme.assumptions):
        if assumption.id != name:
            continue
        value = assumption.value
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            break  # reported by value_problem
        unit = assumption.unit or "month"
        if unit not in DAYS_PER:
            problems.append(_error(BAD_ASSUMPTION, _("'{assumption}' needs a unit of time "
                                                     "(day, week, month, year), found "
                                                     "'{unit}'").format(
                                                         assumption=assumption.id, unit=unit),
                                   ("assumptions", index, "unit")))
            break
        return (value * DAYS_PER[unit] / DAYS_PER_MONTH,
                _("assumption {name}").format(name=assumption.id))
    return DEFAULTS["mentoring_months"][0], None


def _group_meetings(programme: Programme, read: Reads, assumptions: dict[str, float],
                    group: Unit | None, language: str | None, notes: list[str]
                    ) -> list[EventPlan]:
    """The meetings of a group the model gives no event for, at its ``<unit>_meetings_per_month``
    (Kesälukio's camp group in the mentoring period): a monthly event in each phase in which
    units meet, for each group the engine forms of that unit, else for the programme."""
    events: list[EventPlan] = []
    taken = {e.id for e in programme.events}
    for unit_id, name in read.group_meetings:
        rate = assumptions.get(name, 0.0)
        unit = programme.get("units", unit_id)
        if rate <= 0 or unit is None:
            continue
        label = unit.name.get(language) if unit.name else unit_id  # type: ignore[attr-defined]
        for index in read.meeting_phases:
            phase = programme.phases[index]
            event_id = f"{unit_id}-meetings"
            if event_id in taken or len(read.meeting_phases) > 1:
                event_id = f"{unit_id}-meetings-{phase.id}"
            taken.add(event_id)
            events.append(EventPlan(
                id=event_id, name=_("{unit}: group meeting").format(unit=label),
                timing="monthly", phase=index, at=0.0, count_low=1, count_high=1,
                scope="group" if group is not None and group.id == unit_id else "programme",
                certificate=False, staffed=True, per_month=rate))
            notes.append(_("phase '{phase}': the {unit} meets {rate} times a month as a group "
                           "(assumption {name})").format(phase=name_in(phase, language), unit=label,
                                                         rate=_decimal(f"{rate:g}"), name=name))
    return events


def _behaviour_labels(behaviours: Any, language: str | None) -> dict[str, str]:
    """Each behaviour event type's label in ``language``, from its plugin (named if it
    fails)."""
    from mentorcore.plugins import call_plugin

    labels: dict[str, str] = {}
    for behaviour in behaviours:
        if behaviour.labels is None:
            continue
        for type_name in behaviour.event_types:
            label = call_plugin(behaviour, f"phase behaviour {behaviour.kind}", behaviour.labels,
                                type_name, language or current())
            if isinstance(label, str) and label:
                labels[type_name] = label
    return labels


def _named(registry: Registry, hook: str, attribute: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for item in registry.items(hook):  # each checked against its hook contract
        found.setdefault(getattr(item, attribute), item)
    return found


def _targets(programme: Programme, phases: tuple[PhasePlan, ...], events: tuple[EventPlan, ...],
             group: Unit | None, unit_id: str | None = None, factor: float = OPEN_ENDED
             ) -> tuple[Target, ...]:
    from mentorcore.words import Words

    quantity = Words(current()).quantity  # the targets read in the language of the run
    ended = _("(units that ran to the end)")
    targets: list[Target] = []
    for plan, phase in zip(phases, programme.phases, strict=True):
        # a documented number holds when the result lies within it, "about" applied
        cadence = phase.cadence
        total = cadence.total if cadence is not None else None
        at_least = plan.cadence is not None and plan.cadence.total_is_minimum
        frequency = cadence.per_month_range if cadence is not None else None
        if total is not None and not at_least:
            low, high = total.approx_bounds()
            targets.append(Target(
                id=f"{phase.id}.meetings", kind="unit_meetings", phase=plan.index,
                text=_("{quantity} in all {ended}").format(quantity=quantity(total),
                                                           ended=ended), low=low,
                high=high, decides=True))
        elif total is not None:
            targets.append(Target(
                id=f"{phase.id}.meetings", kind="unit_meetings", phase=plan.index,
                text=f"{quantity(total)} {ended}",
                low=total.approx_bounds()[0], high=math.inf, decides=True))
        elif (frequency is not None and phase.duration is not None
              and phase.duration.unit in DAYS_PER):
            low_months, high_months = phase.duration.in_months()
            documented = quantity(Range(
                min=float(_num(frequency.min * low_months)),
                max=(None if math.isinf(frequency.upper)   # "at least 1 a month"
                     else float(_num(frequency.upper * high_months))), unit="meeting",
                approx=frequency.approx or phase.duration.approx))
            rate_low, rate_high = frequency.approx_bounds()
            low_months, high_months = phase.duration.in_months(about=True)
            targets.append(Target(
                id=f"{phase.id}.meetings", kind="unit_meetings", phase=plan.index,
                text=_("{documented}: {frequency} over {duration} {ended}").format(
                    documented=documented, frequency=quantity(frequency),
                    duration=quantity(phase.duration), ended=ended),
                low=rate_low * low_months, high=rate_high * high_months))
        if frequency is not None and plan.cadence is not None:
            rate_low, rate_high = frequency.approx_bounds()
            targets.append(Target(
                id=f"{phase.id}.per_month", kind="unit_rate", phase=plan.index,
                text=f"{quantity(frequency)} {ended}",
                low=rate_low, high=rate_high))
        if (phase.duration is not None and phase.duration.unit in DAYS_PER and plan.unit_driven
                and plan.cadence is not None):
            low, high = _target_days(phase.duration, factor)
            targets.append(Target(id=f"{phase.id}.unit_duration", kind="unit_days",
                                  phase=plan.index, low=low, high=high,
                                  text=_("a unit lasts {duration} {ended}").format(
                                      duration=quantity(phase.duration), ended=ended)))
        if phase.duration is not None and phase.duration.unit in DAYS_PER and not plan.unit_driven:
            low, high = _sampled_days(phase.duration, factor)
            targets.append(Target(id=f"{phase.id}.duration", kind="phase_days",
                                  phase=plan.index, low=math.floor(low), high=math.ceil(high),
                                  text=_("the phase lasts {duration}").format(
                                      duration=quantity(phase.duration))))
    if programme.duration is not None and programme.duration.unit in DAYS_PER:
        low, high = _target_days(programme.duration, factor)
        targets.append(Target(id="programme.duration", kind="programme_days", low=low,
                              high=high,
                              text=_("the whole process lasts {duration} (a break between "
                                     "two phases not counted)").format(
                                  duration=quantity(programme.duration))))
    if group is not None and group.size is not None:
        low, high = group.size.approx_bounds()
        targets.append(Target(id=f"{group.id}.size", kind="group_size", low=low, high=high,
                              text=_("a {unit} has {size}").format(
                                  unit=name_in(group, current()), size=quantity(group.size))))
    meeting = next((u for u in programme.units if u.id == unit_id), None)
    if (meeting is not None and meeting.size is not None and meeting.kind == "group"
            and meeting is not group):
        low, high = meeting.size.approx_bounds()
        targets.append(Target(id=f"{meeting.id}.size", kind="unit_size", low=low, high=high,
                              text=_("a {unit} has {size}").format(
                                  unit=name_in(meeting, current()), size=quantity(meeting.size))))
    for event in events:
        if event.timing == "spread" and event.scope in ("group", "programme"):
            text = (_("each group holds {low}–{high} {event}") if event.scope == "group"
                    else _("the programme holds {low}–{high} {event}"))
            targets.append(Target(id=f"{event.id}.count", kind="group_meetings",
                                  text=text.format(low=event.count_low, high=event.count_high,
                                                   event=event.name),
                                  low=event.count_low, high=event.count_high))
    return tuple(targets)


MONTH_SLACK = 2
"""Days a duration in months (or years) may differ from its average length when it is counted
in calendar months (28–31 days): six months from 5 January is 181 days, from 5 July 184."""


def _target_days(duration: Range, factor: float = OPEN_ENDED) -> tuple[int, int]:
    """The days a documented duration allows, "about" applied: whole days, with
    :data:`MONTH_SLACK` for months and years."""
    low, high = _sampled_days(duration, factor)
    slack = MONTH_SLACK if duration.unit in ("month", "year") else 0
    return math.floor(low) - slack, math.ceil(high) + slack


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.3g}"
