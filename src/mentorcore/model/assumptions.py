"""The assumptions the engines know, and which assumptions of a model they read.

:data:`KNOWN_ASSUMPTIONS` is the one table of the values a model may assume under
``assumptions:`` — each with its meaning, the value used when a model gives none and the engine
that reads it. The simulation takes its defaults from it, ``validate`` warns (W220) about an
assumption no engine reads, docs/simulation.md lists it, and ``simulate --set`` accepts its ids.

:func:`reads` says, for one model, which of its assumptions an engine reads and why the others
are read by none — the same decisions the simulation's plan acts on (it calls this function),
so that a warning and a run can never disagree::

    >>> from mentorcore.model import Assumption, Cadence, Phase, Programme, Text, Unit
    >>> def assume(id, value):
    ...     return Assumption(id=id, value=value, rationale=Text.of("an example"))
    >>> programme = Programme(
    ...     id="example", name=Text.of("Example"), organisation=Text.of("An NGO"),
    ...     units=(Unit(id="pair", kind="pair", roles=("mentor", "mentee")),),
    ...     phases=(Phase(id="mentoring", kind="mentoring", cadence=Cadence(unit="pair")),),
    ...     assumptions=(assume("pair_meetings_per_month", 1), assume("cancelation_rate", 0.1)))
    >>> found = reads(programme)
    >>> found.pace, dict(found.readers)
    ('pair_meetings_per_month', {'pair_meetings_per_month': ('simulation',)})
    >>> found.unread["cancelation_rate"]
    'no engine reads it'

An id may name a unit: ``<unit>_meetings_per_month`` is ``pair_meetings_per_month`` for the unit
``pair``; ``<unit>`` is a unit's id, or its kind when no other unit has that kind (Kesälukio's
``group_meetings_per_month`` is its ``camp-group``'s).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from mentorcore.i18n import _
from mentorcore.records import record

if TYPE_CHECKING:
    from mentorcore.model.phase import Phase
    from mentorcore.model.programme import Programme
    from mentorcore.model.unit import Unit

__all__ = [
    "KINDS", "KNOWN_ASSUMPTIONS", "MAIN_WORK_KINDS", "MATCHING", "ROLLING", "RULES", "SIMULATION",
    "STAFF_TASKS", "TRAINING_KINDS", "UNIT",
    "KnownAssumption", "Reads", "default_value", "known_assumption", "known_ids",
    "markdown_table", "meeting_unit", "reads", "resolve", "resolve_all", "unread_facts",
]

SIMULATION, MATCHING = "simulation", "matching"
"""The engines that read assumptions."""
UNIT = "<unit>"
"""The place of a unit's id (or kind) in an assumption's id: ``<unit>_size``."""
KINDS = ("share", "number", "positive", "text")
"""What a value must be: a share (0–1), a number (≥ 0), a positive number, a text."""
ROLLING = "rolling"
"""The entry of a rolling intake (the Monika plugin simulates it)."""
MAIN_WORK_KINDS = ("mentoring", "group_mentoring")
"""Phase kinds whose units meet even without a cadence, when the model gives their pace."""
RULES = ("phase_days", "open_ended_factor", "pace_share", "exit_earliest", "exit_latest",
         "gap_variation")
"""The simulation's own rules, assumptions like the others (a default, settable, listed when a
run uses them)."""

@record(kw_only=True)
class KnownAssumption:
    """An assumption an engine reads: ``id`` (with :data:`UNIT` for a unit's id), what it
    ``meaning``, the ``reader`` engine, the ``kind`` of value, the ``default`` used when a model
    gives none (``None``: none) and ``default_text`` when the default depends on the model."""

    id: str
    meaning: str
    reader: str
    kind: str = "number"
    default: float | str | None = None
    default_text: str | None = None

    @property
    def pattern(self) -> bool:
        return UNIT in self.id

    def unit_part(self, assumption_id: str) -> str | None:
        """The ``<unit>`` part of ``assumption_id`` when it has this entry's form (``pair`` of
        ``pair_size``), else ``None``."""
        if not self.pattern:
            return None
        prefix, _unit, suffix = self.id.partition(UNIT)
        if (len(assumption_id) > len(prefix) + len(suffix) and assumption_id.startswith(prefix)
                and assumption_id.endswith(suffix)):
            return assumption_id[len(prefix):len(assumption_id) - len(suffix)]
        return None

    @property
    def documented_default(self) -> str:
        """The default as the docs state it."""
        if self.default_text is not None:
            return self.default_text
        if self.default is None:
            return "—"
        if isinstance(self.default, str):
            return f'`"{self.default}"`'
        return f"{self.default:g}"


def _known(id: str, meaning: str, reader: str = SIMULATION, kind: str = "number",
           default: float | str | None = None, default_text: str | None = None
           ) -> KnownAssumption:
    return KnownAssumption(id=id, meaning=meaning, reader=reader, kind=kind, default=default,
                           default_text=default_text)


KNOWN_ASSUMPTIONS: tuple[KnownAssumption, ...] = (
    _known("cohort_size", "units in a synthetic cohort; with `unit: person` in a model of groups, "
           "people (divided by the group size)", kind="positive", default=10,
           default_text="the group's largest size, else 10"),
    _known("cancellation_rate", "share of planned meetings that are cancelled", kind="share",
           default=0.1),
    _known("reschedule_rate", "share of cancelled meetings that are moved to a later day rather "
           "than lost", kind="share", default=0.8),
    _known("reschedule_days", "mean delay of a moved meeting, in days", default=7),
    _known("dropout_rate", "share of units that drop out", kind="share", default=0,
           default_text="0 (0.1 with a dropout exit)"),
    _known("early_end_rate", "share of units that end early", kind="share", default=0,
           default_text="0 (0.15 with an early-end exit)"),
    _known("continue_rate", "share of units with “at least N” meetings that go on after N "
           "(until the phase ends, or for the months below when it has no duration); the others "
           "stop at N", kind="share", default=0,
           default_text="1 in a phase with a duration, else 0"),
    _known(f"{UNIT}_meetings_per_month", "how often the unit meets where the model gives no "
           "frequency: the pace of the unit that meets (before `meetings_per_month`), or the "
           "group meetings of another group in the phases where units meet", kind="positive",
           default_text="the pace: 2 (`meetings_per_month`); a group's: none"),
    _known("meetings_per_month", "pace of the unit that meets where its cadence gives no "
           "frequency", kind="positive", default=2),
    _known(f"{UNIT}_duration", "how long the unit that meets meets in a phase without a duration "
           "(with a time unit; months when it gives none); the first of this and the next two "
           "that the model gives", kind="positive", default_text="6 months"),
    _known("phase_duration_months", "months units meet in a phase without a duration",
           kind="positive", default_text="6"),
    _known("mentoring_months", "months units meet in a phase without a duration",
           kind="positive", default=6),
    _known(f"{UNIT}_size", "members of a group that meets, its leaders included", kind="positive",
           default_text="the middle of its size range, else 8"),
    _known(f"{UNIT}_mentors", "members of a group that meets who take its mentor role (the "
           "others take its other roles)", kind="number",
           default_text="the group's roles in turn"),
    _known("new_pairs_per_month", "units a rolling intake starts a month (exponential gaps "
           "between arrivals)", kind="positive",
           default_text="none: arrivals spread over `intake_days`"),
    _known("intake_days", "days over which a rolling intake's arrivals are spread (without "
           "`new_pairs_per_month`)", kind="positive", default=365),
    _known("matching_days", "mean days from arrival to the pair being found (rolling intake)",
           default=14),
    _known("staff_hours_per_intake", "staff hours for taking in one participant (a call, an "
           "interview, the papers), in the month their unit is formed", default=0),
    _known("staff_hours_per_match", "staff hours for forming one unit (matching a pair, putting "
           "a group together), in the month it is formed", default=0),
    _known("staff_hours_per_training", "staff hours for each training or orientation phase "
           "(preparing and giving it), in the month it starts", default=0),
    _known("staff_hours_per_start_meeting", "staff hours for each unit's own event (a pair's "
           "start meeting with staff)", default_text="`staff_hours_per_event`"),
    _known("staff_hours_per_unit_per_month", "staff hours for each active unit each month "
           "(monitoring)", default=0),
    _known("staff_hours_per_event", "staff hours for each programme event, group meeting or "
           "camp day", default=0),
    _known("staff_hours_per_report", "staff hours for each report received (reading and "
           "filing an end report)", default=0),
    _known("staff_hours_per_certificate", "staff hours for each certificate handed out",
           default=0),
    _known("voluntary_share", "share of the people a voluntary event concerns who take part in "
           "it (the `event_participants` figure)", kind="share", default=0.5),
    _known("mentor_hours_per_meeting", "hours a mentor spends on one meeting", default=1.5),
    _known("summer_pause", "the Finnish calendar's summer pause (`--calendar finnish`), "
           "`MM-DD..MM-DD`", kind="text", default="07-01..07-31"),
    _known("phase_days", "days a phase lasts that gives no duration and in which units do not "
           "meet (a start meeting, a closing event), unless its kind has a length of its own "
           "(the camp's 8 days)", kind="positive", default=1),
    _known("open_ended_factor", "an open range (“at least 3 months”, “5 or more”) is sampled "
           "from its minimum up to this many times it (at least 1)", kind="positive",
           default=1.5),
    _known("pace_share", "a unit with a documented total plans its meetings to reach it within "
           "this share of its time (the rest is slack for cancelled and moved meetings)",
           kind="share", default=0.85),
    _known("exit_earliest", "the earliest moment of an early end or a drop-out, as a share of "
           "the unit's life (from its start to its planned end)", kind="share", default=0.1),
    _known("exit_latest", "the latest moment of an early end or a drop-out, as a share of the "
           "unit's life; the moment is drawn evenly between `exit_earliest` and this",
           kind="share", default=0.95),
    _known("gap_variation", "a unit that agrees its own meeting times (`self_scheduled: true`, "
           "or a phase without a cadence): each gap between meetings is the mean gap times a "
           "factor drawn evenly from 1 − this to 1 + this (below 1)", kind="share",
           default=0.4),
    _known("mentees_per_mentor", "mentees one mentor (or group leader) takes when the model "
           "states no capacity: a mentor's places", reader=MATCHING, kind="positive",
           default_text="1 for a pair; no limit for a led group"),
    _known("group_size", "the size of the groups matching forms when their unit states no "
           "maximum (in people, a led group's places are it less the leader)", reader=MATCHING,
           kind="positive"),
)
"""Every assumption an engine reads (docs/simulation.md lists this table)."""

STAFF_TASKS: tuple[tuple[str, str], ...] = (
    ("intake", "staff_hours_per_intake"),
    ("matching", "staff_hours_per_match"),
    ("trainings", "staff_hours_per_training"),
    ("start_meetings", "staff_hours_per_start_meeting"),
    ("monitoring", "staff_hours_per_unit_per_month"),
    ("events", "staff_hours_per_event"),
    ("reports", "staff_hours_per_report"),
    ("certificates", "staff_hours_per_certificate"),
)
"""The staff's tasks a simulation counts hours for, each with the assumption that gives its
hours (the simulation's ``staff_hours`` is their sum)."""
TRAINING_KINDS = ("training", "orientation")
"""Phase kinds whose every run is a training staff give (``staff_hours_per_training``)."""

_BY_ID = {known.id: known for known in KNOWN_ASSUMPTIONS}
_PATTERNS = tuple(known for known in KNOWN_ASSUMPTIONS if known.pattern)
"""The entries of the table whose id holds a unit (``<unit>_size``), in the table's order."""


def known_assumption(assumption_id: str) -> KnownAssumption | None:
    """The table's entry of an id without a unit (``cancellation_rate``), or ``None``."""
    return _BY_ID.get(assumption_id)


def default_value(assumption_id: str) -> float | str | None:
    """The value the engines use when a model does not assume ``assumption_id``.

    >>> default_value("cancellation_rate"), default_value("intake_days")
    (0.1, 365)
    """
    known = _BY_ID.get(assumption_id)
    return None if known is None else known.default


def _unit_named(programme: Programme, name: str) -> Unit | None:
    """The unit ``name`` means in an assumption's id: a unit's id, else the one unit of that
    kind."""
    for unit in programme.units:
        if unit.id == name:
            return unit
    of_kind = [unit for unit in programme.units if unit.kind == name]
    return of_kind[0] if len(of_kind) == 1 else None


def resolve_all(programme: Programme, assumption_id: str
                ) -> list[tuple[KnownAssumption, Unit | None]]:
    """Every entry of the table ``assumption_id`` is in ``programme`` (the exact one first), each
    with the unit it names for a ``<unit>`` id: ``group_size`` is both matching's and, for the
    unit ``group``, ``<unit>_size``."""
    found: list[tuple[KnownAssumption, Unit | None]] = []
    known = _BY_ID.get(assumption_id)
    if known is not None:
        found.append((known, None))
    for entry in _PATTERNS:
        part = entry.unit_part(assumption_id)
        if part is not None:
            unit = _unit_named(programme, part)
            if unit is not None:
                found.append((entry, unit))
    return found


def resolve(programme: Programme, assumption_id: str
            ) -> tuple[KnownAssumption, Unit | None] | None:
    """The table's first entry for ``assumption_id`` in ``programme`` and the unit it names (see
    :func:`resolve_all`), or ``None`` when the table has no such assumption."""
    found = resolve_all(programme, assumption_id)
    return found[0] if found else None


def known_ids(programme: Programme) -> list[str]:
    """Every id the engines could read in ``programme`` (its units put in the ``<unit>`` ids),
    for suggestions."""
    ids: list[str] = []
    for entry in KNOWN_ASSUMPTIONS:
        if entry.pattern:
            ids += [entry.id.replace(UNIT, unit.id) for unit in programme.units]
        else:
            ids.append(entry.id)
    return ids


def meeting_unit(programme: Programme) -> str | None:
    """The id of the unit that meets: the first cadence's unit, else the matching's, else the
    first unit that is not a group, else the first unit."""
    for phase in programme.phases:
        if phase.cadence is not None and phase.cadence.unit:
            return phase.cadence.unit
    if programme.matching is not None:
        return programme.matching.unit
    for unit in programme.units:
        if unit.kind != "group":
            return unit.id
    return programme.units[0].id if programme.units else None


_TIME_UNITS = ("day", "week", "month", "year")


def _timed(phase: Phase) -> bool:
    return phase.duration is not None and phase.duration.unit in _TIME_UNITS


def _at_least(phase: Phase) -> bool:
    """True for a cadence of "at least N" meetings."""
    cadence = phase.cadence
    return (cadence is not None and cadence.total is not None
            and (cadence.total.open_ended or cadence.open_ended))


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


@record(kw_only=True)
class Reads:
    """Which assumptions of one model the engines read, and what the simulation does with them.

    ``readers`` maps each assumption the model (or an override) gives that an engine reads to
    the engines that read it; ``unread`` maps the others to the reason nothing reads them. The
    rest says how the simulation uses them: the unit that meets, the phases it meets in
    (``implicit_phases``: main-work phases without a cadence, met at the pace), the assumption it
    takes its pace from (``pace``, ``None``: the default) when some phase needs one
    (``pace_needed``), likewise the months units meet in a phase without a duration (``months``)
    and a group's size (``size``); whether a cadence of "at least N" makes it read
    ``continue_rate``, the groups that meet at ``<unit>_meetings_per_month``
    (``group_meetings``: unit id and assumption id), and whether a rolling intake reads its
    assumptions (``intake``).
    """

    meeting_unit: str | None
    meeting_phases: tuple[int, ...] = ()
    implicit_phases: tuple[int, ...] = ()
    pace: str | None = None
    pace_needed: bool = False
    months: str | None = None
    months_needed: bool = False
    size: str | None = None
    size_needed: bool = False
    continue_needed: bool = False
    group_meetings: tuple[tuple[str, str], ...] = ()
    intake: bool = False
    staff_tasks: tuple[str, ...] = ()
    """The staff tasks of :data:`STAFF_TASKS` the model implies (trainings only with a training
    or orientation phase, start meetings with an event of the unit that meets, reports with a
    report at a unit's end, certificates with an event that hands them out)."""
    rules: tuple[str, ...] = ()
    """The engine's rules (:data:`RULES`) this model makes the simulation use."""
    readers: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    unread: Mapping[str, str] = attrs.field(factory=dict)

    def read_by(self, assumption_id: str, engine: str) -> bool:
        """True when ``engine`` reads the model's assumption ``assumption_id``."""
        return engine in self.readers.get(assumption_id, ())


def reads(programme: Programme, unit_kinds: Mapping[str, Any] | None = None,
          values: Mapping[str, object] | None = None) -> Reads:
    """Which assumptions of ``programme`` the engines read (see :class:`Reads`).

    ``unit_kinds``: the registry's unit kinds by name (their ``members`` tell a group of open
    size); ``values``: the assumptions by id, when they differ from the model's (overrides).
    """
    given: dict[str, object] = {a.id: a.value for a in reversed(programme.assumptions)}
    given = dict(reversed(list(given.items())))  # the first of a repeated id, in model order
    if values is not None:
        given = {**given, **values}
    unit_id = meeting_unit(programme)
    unit = next((u for u in programme.units if u.id == unit_id), None)
    resolved = {i: resolve_all(programme, i) for i in given}

    def names(suffix: str) -> list[str]:
        """Given ids of the form ``<unit><suffix>`` that name the unit that meets."""
        return [i for i, found in resolved.items()
                if any(entry.id == UNIT + suffix and named is unit for entry, named in found)]

    if unit is None:
        nothing = {i: (_("no engine reads it") if not found
                       else _("the model has no unit that meets")) for i, found in resolved.items()}
        return Reads(meeting_unit=None, **_readers(programme, resolved, nothing, {}))

    phases = programme.phases
    pace = next((i for i in [*names("_meetings_per_month"), "meetings_per_month"]
                 if i in given and (_number(given[i]) or 0) > 0), None)
    cadence_phases = [i for i, p in enumerate(phases) if p.cadence is not None]
    implicit = [i for i, p in enumerate(phases)
                if p.cadence is None and pace is not None and p.kind in MAIN_WORK_KINDS]
    meeting = sorted(cadence_phases + implicit)

    def needs_pace(phase: Phase) -> bool:
        cadence = phase.cadence
        if cadence is None:
            return True
        return cadence.per_month_range is None and (
            cadence.total is None or _at_least(phase) or not _timed(phase))

    pace_needed = any(needs_pace(phases[i]) for i in meeting)
    continue_needed = any(_at_least(phases[i]) for i in meeting)
    share = _number(given.get("continue_rate"))

    def continues(phase: Phase) -> bool:
        return (share if share is not None else (1.0 if _timed(phase) else 0.0)) > 0

    months_needed = any(not _timed(phases[i]) and (
        phases[i].cadence is None or phases[i].cadence.total is None  # type: ignore[union-attr]
        or (_at_least(phases[i]) and continues(phases[i]))) for i in meeting)
    months_names = [*names("_duration"), "phase_duration_months", "mentoring_months"]
    months = next((i for i in given if i in months_names), None)
    kind = (unit_kinds or {}).get(unit.kind)
    size_needed = unit.kind == "group" and not getattr(kind, "members", None)
    size = next(iter(names("_size")), None)
    intake = any(phases[i].entry == ROLLING for i in meeting)
    group_meetings: list[tuple[str, str]] = []
    lacking = {
        "trainings": None if any(p.kind in TRAINING_KINDS for p in phases)
        else _("the model has no training or orientation phase"),
        "start_meetings": None if any(e.unit == unit.id for e in programme.events)
        else _("no event is one of '{unit}' (a start meeting)").format(unit=unit.id),
        "reports": None if any(r.when == "unit_end" for r in programme.reports)
        else _("the model has no report at a unit's end"),
        "certificates": None if any(e.certificates for e in programme.events)
        else _("no event hands out certificates"),
    }
    staff_tasks = tuple(task for task, _id in STAFF_TASKS if lacking.get(task) is None)
    rule_unread = _rule_reasons(programme, meeting, implicit, given)
    rules = tuple(rule for rule in RULES if rule_unread[rule] is None)
    task_of = {assumption_id: task for task, assumption_id in STAFF_TASKS}

    def why_unread(assumption_id: str, entry: KnownAssumption, named: Unit | None
                   ) -> str | None:
        """Why ``entry`` does not read ``assumption_id`` in this model (``None``: it does)."""
        assert unit is not None
        if entry.reader == MATCHING:
            return (None if programme.matching is not None
                    else _("it is read by matching, and the model has no `matching`"))
        if entry.id in (f"{UNIT}_meetings_per_month", "meetings_per_month") and (
                named is None or named is unit):
            if not pace_needed:
                return _("every phase in which units meet gives how often they meet (a "
                         "frequency, or a total over a duration)")
            if pace is not None and assumption_id != pace:
                return _("'{other}' gives the pace instead").format(other=pace)
        elif entry.id == f"{UNIT}_meetings_per_month":
            assert named is not None
            reason = _group_meetings(programme, named, unit, meeting)
            if reason is None:
                group_meetings.append((named.id, assumption_id))
            return reason
        elif entry.id in (f"{UNIT}_duration", "phase_duration_months", "mentoring_months"):
            if named is not None and named is not unit:
                return _not_the_meeting_unit(named, unit)
            if not months_needed:
                return _("every phase in which units meet gives its duration or where its "
                         "units stop")
            if assumption_id != months:
                return _("'{other}' gives the months instead").format(other=months)
        elif entry.id in (f"{UNIT}_size", f"{UNIT}_mentors"):
            if named is not unit:
                assert named is not None
                return _not_the_meeting_unit(named, unit)
            if not size_needed:
                return _("'{unit}' has a fixed number of members").format(unit=unit.id)
        elif entry.id in task_of and lacking.get(task_of[entry.id]) is not None:
            return lacking[task_of[entry.id]]
        elif entry.id == "voluntary_share" and not any(e.voluntary for e in programme.events):
            return _("no event is voluntary")
        elif entry.id == "continue_rate" and not continue_needed:
            return _("no cadence says “at least N” meetings")
        elif entry.id in RULES and entry.id not in rules:
            return rule_unread[entry.id]
        elif entry.id in ("new_pairs_per_month", "intake_days", "matching_days"):
            if not intake:
                return _("no phase in which units meet has `entry: {entry}`").format(
                    entry=ROLLING)
            if entry.id == "intake_days" and "new_pairs_per_month" in given:
                return _("'{other}' gives the intake instead").format(
                    other="new_pairs_per_month")
        return None

    why: dict[str, str] = {}
    engines: dict[str, tuple[str, ...]] = {}
    for assumption_id, found in resolved.items():
        if not found:
            why[assumption_id] = _("no engine reads it")
            continue
        reasons = [(entry, why_unread(assumption_id, entry, named)) for entry, named in found]
        engines[assumption_id] = tuple(dict.fromkeys(
            entry.reader for entry, reason in reasons if reason is None))
        first = next((reason for _entry, reason in reasons if reason), None)
        if first is not None:
            why[assumption_id] = first
    return Reads(meeting_unit=unit.id, meeting_phases=tuple(meeting),
                 implicit_phases=tuple(implicit), pace=pace, pace_needed=pace_needed,
                 months=months if months_needed else None, months_needed=months_needed,
                 size=size if size_needed else None, size_needed=size_needed,
                 continue_needed=continue_needed, group_meetings=tuple(group_meetings),
                 intake=intake, staff_tasks=staff_tasks, rules=rules,
                 **_readers(programme, resolved, why, engines))


def _rule_reasons(programme: Programme, meeting: list[int], implicit: list[int],
                  given: Mapping[str, object]) -> dict[str, str | None]:
    """For each of :data:`RULES`, why the simulation of ``programme`` does not use it (``None``:
    it does)."""
    phases = programme.phases
    # what is sampled (the schedule gives a phase of its own length the middle of its range)
    ranges = [*(p.duration for p in phases if p.entry == ROLLING),
              *(p.cadence.per_month_range for p in phases if p.cadence is not None),
              *(u.size for u in programme.units if u.made_of),   # a group of units
              *(e.count for e in programme.events)]
    exits = any(rule.kind in ("early_end", "dropout") for p in phases for rule in p.exits) or any(
        (_number(given.get(name)) or 0) > 0 for name in ("dropout_rate", "early_end_rate"))
    exit_reason = None if exits else _("no unit ends early or drops out")
    return {
        "phase_days": None if any(
            not _timed(p) and i not in meeting for i, p in enumerate(phases))
        else _("every phase gives its duration or has units meeting in it"),
        "open_ended_factor": None if any(r is not None and r.open_ended for r in ranges)
        else _("no duration, frequency, size or count of the model is open-ended"),
        "pace_share": None if any(
            phases[i].cadence is not None and phases[i].cadence.total is not None  # type: ignore[union-attr]
            for i in meeting) else _("no cadence gives a total of meetings"),
        "exit_earliest": exit_reason,
        "exit_latest": exit_reason,
        "gap_variation": None if any(
            i in implicit or phases[i].cadence.self_scheduled  # type: ignore[union-attr]
            for i in meeting) else _("no unit agrees its own meeting times (`self_scheduled`)"),
    }


def _readers(programme: Programme, resolved: Mapping[str, list[Any]], why: Mapping[str, str],
             engines: Mapping[str, tuple[str, ...]]) -> dict[str, Any]:
    """``readers`` and ``unread`` of :class:`Reads`: an id is read when some engine reads it
    (matching reads its assumptions in a model without a unit that meets too)."""
    readers: dict[str, tuple[str, ...]] = {}
    unread: dict[str, str] = {}
    for assumption_id, found in resolved.items():
        engine = engines.get(assumption_id, ())
        if not engine and programme.matching is not None:
            engine = tuple(dict.fromkeys(e.reader for e, _u in found if e.reader == MATCHING))
        if engine:
            readers[assumption_id] = engine
        else:
            unread[assumption_id] = why.get(assumption_id) or _("no engine reads it")
    return {"readers": readers, "unread": unread}


def _not_the_meeting_unit(named: Unit, unit: Unit) -> str:
    return _("'{unit}' is not the unit that meets ('{meeting}')").format(unit=named.id,
                                                                         meeting=unit.id)


def _group_meetings(programme: Programme, group: Unit, unit: Unit, meeting: list[int]
                    ) -> str | None:
    """Why ``<group>_meetings_per_month`` gives no group meetings, or ``None`` when it does."""
    if group.kind != "group":
        return _not_the_meeting_unit(group, unit)
    if not meeting:
        return _("units meet in no phase")
    phase_ids = {programme.phases[i].id for i in meeting}
    events = [e.id for e in programme.events if e.unit == group.id and e.phase in phase_ids]
    if events:
        return _("the model's events give the meetings of '{unit}' ({events})").format(
            unit=group.id, events=", ".join(events))
    return None


def unread_facts(programme: Programme) -> list[tuple[tuple[Any, ...], str, str]]:
    """The facts of ``programme`` an engine could act on but none does, each as ``(path, name,
    reason)`` — ``validate`` warns about them (W221). The simulation reads a cadence's
    ``self_scheduled`` (varying gaps), an event's ``probability``, ``count``, ``voluntary``
    (``voluntary_share`` of its people take part), ``certificates`` and ``counts_as_meeting``;
    it does not hand out what ``outputs`` names (only ``certificates: true`` is counted), let
    units skip an ``optional`` phase in which they meet (one without meetings has nothing to
    skip), draw who opts in to an ``opt_in`` phase in which units meet, or make reports other
    than those at a unit's end.

    >>> from mentorcore.model import Event, Programme, Text
    >>> programme = Programme(id="example", name=Text.of("Example"),
    ...                       organisation=Text.of("An NGO"),
    ...                       events=(Event(id="closing", timing="once", phase="p", at="start",
    ...                                     outputs=("certificate",)),))
    >>> [(path, name) for path, name, _reason in unread_facts(programme)]
    [(('events', 0, 'outputs'), 'outputs')]
    """
    found: list[tuple[tuple[Any, ...], str, str]] = []
    for index, event in enumerate(programme.events):
        if event.outputs and not event.certificates:
            found.append((("events", index, "outputs"), "outputs", _(
                "only names what people get; nothing is handed out in the simulation (a "
                "certificate of participation for everyone is `certificates: true`)")))
    for index, phase in enumerate(programme.phases):
        if phase.optional and phase.cadence is not None:
            found.append((("phases", index, "optional"), "optional", _(
                "the simulation takes every unit through the phase; none skips it")))
        if phase.entry == "opt_in" and phase.cadence is not None:
            found.append((("phases", index, "entry"), "entry: opt_in", _(
                "every unit takes part, starting on the phase's first day; who opts in is not "
                "drawn")))
    for index, report in enumerate(programme.reports):
        if report.when != "unit_end":
            found.append((("reports", index, "when"), f"when: {report.when}", _(
                "the simulation makes only the reports at a unit's end (`when: unit_end`)")))
    return found


def markdown_table() -> str:
    """The table of docs/simulation.md: every known assumption, its default, the engine that
    reads it and its meaning."""
    lines = ["| assumption | default | read by | meaning |", "|---|---|---|---|"]
    for known in KNOWN_ASSUMPTIONS:
        lines.append(f"| `{known.id}` | {known.documented_default} | {known.reader} | "
                     f"{known.meaning} |")
    return "\n".join(lines) + "\n"
