"""The matching plan: what is formed and from whom, resolved once from the model.

:func:`plan_for` reads the model's ``matching`` section and its unit: mentees (rows) and mentors
(columns) for a pair, buddies against buddies for a reciprocal pair, mentees against the mentors
who lead them for a group led by mentors, or a balanced split for a group of peers; and which
solver of :data:`~mentorcore.matching.solvers.SOLVERS` forms the pairs. :func:`places_for` says
how many places each mentor (or group leader) has and which fact of the model says so — the one
reading of ``matching.capacity``, a led group's size and the assumptions ``mentees_per_mentor``
and ``group_size``; :func:`capacities` applies it, with each mentor's own ``capacity_field``
value, to the people of a run.
"""

from __future__ import annotations

import math
from typing import Any

import attrs

from mentorcore.diagnostics import MentorcoreError
from mentorcore.i18n import _, current, ngettext
from mentorcore.matching import problems
from mentorcore.matching.participants import Participants
from mentorcore.matching.solvers import SOLVERS, Solver
from mentorcore.model import Programme, Range, Unit
from mentorcore.records import record
from mentorcore.spelling import did_you_mean

__all__ = ["GROUP_SIZE_ASSUMPTION", "PLACES_ASSUMPTION", "Places", "Plan", "assign_places",
           "capacities", "group_size", "place_rule", "places_for", "plan_for", "role_name",
           "role_names"]


def role_name(programme: Programme, role: str) -> str:
    """A role as people read it: its name in the language of the run (``mentoroitava``, as the
    handbook names it), its id when the model names none (or it is no role of the model)."""
    return programme.name_of("roles", role, current())


def role_names(programme: Programme) -> tuple[tuple[str, str], ...]:
    """(id, name) of every role of the model, by :func:`role_name`."""
    return tuple((r.id, role_name(programme, r.id)) for r in programme.roles)


@record(kw_only=True)
class Plan:
    """What is formed and from whom.

    ``mode`` is ``pairs`` (mentee × mentor), ``reciprocal`` (buddies with each other),
    ``led`` (mentees assigned to the mentors who lead their group) or ``split`` (a balanced split
    of peers into groups, no pairs). ``group_unit`` is the group formed from the pairs.
    """

    unit: Unit
    mode: str
    solver: Solver
    left_roles: tuple[str, ...]
    right_roles: tuple[str, ...]
    group_unit: Unit | None = None
    names: tuple[tuple[str, str], ...] = ()
    """(id, name) of the model's roles in the language of the run (:func:`role_names`)."""

    def named(self, roles: tuple[str, ...]) -> str:
        """``roles`` by their names, joined by ``/`` (``mentoroitava``); ids without a name."""
        names = dict(self.names)
        return "/".join(names.get(role, role) for role in roles)


def _np() -> Any:
    import numpy

    return numpy


def plan_for(programme: Programme, solver: str | None = None) -> Plan:
    """Decide who is matched with whom, from the model's ``matching`` section and its unit; the
    plan names the roles in the language of the run (:attr:`Plan.names`)."""
    return attrs.evolve(_plan_for(programme, solver), names=role_names(programme))


def _plan_for(programme: Programme, solver: str | None = None) -> Plan:
    matching = programme.matching
    if matching is None:
        raise MentorcoreError([problems.NO_MATCHING.error(
            _("the model has no matching section"), ("matching",),
            _("add {example}").format(example="matching: {unit: pair, rules: [...]}"))])
    chosen = solver or matching.solver
    if chosen == "manual":
        raise MentorcoreError([problems.NO_MATCHING.error(
            _("the model says units are formed by hand (solver: manual)"),
            ("matching", "solver"),
            _("choose a solver: --solver optimal, stable or reciprocal"))])
    if chosen not in SOLVERS:
        raise MentorcoreError([problems.NO_MATCHING.error(
            _("unknown solver '{solver}'").format(solver=chosen), ("matching", "solver"),
            did_you_mean(chosen, SOLVERS))])
    chosen_solver = SOLVERS[chosen]
    unit = programme.get("units", matching.unit)
    if not isinstance(unit, Unit):
        raise MentorcoreError([problems.NO_MATCHING.error(
            _("no unit with id '{id}'").format(id=matching.unit), ("matching", "unit"))])
    kinds = {role.id: role.kind for role in programme.roles}
    roles = tuple(dict.fromkeys(unit.roles)) or tuple(
        r.id for r in programme.roles if r.kind in ("mentor", "mentee", "buddy", "peer"))

    def by_kind(kind: str) -> tuple[str, ...]:
        return tuple(r for r in roles if kinds.get(r) == kind)

    grouped = next((u for u in programme.units if u.made_of == unit.id and u.id != unit.id),
                   None)
    forms_buddies = "reciprocal_pair" in chosen_solver.forms
    if unit.kind == "reciprocal_pair" or (forms_buddies and len(roles) == 1):
        if not forms_buddies:
            raise MentorcoreError([problems.SOLVER_UNFIT.error(
                _("the {solver} solver forms mentor–mentee pairs, not reciprocal "
                  "pairs").format(solver=chosen),
                ("matching", "solver"), _("use --solver reciprocal"))])
        return Plan(unit=unit, mode="reciprocal", solver=chosen_solver, left_roles=roles,
                    right_roles=roles, group_unit=grouped)
    if unit.kind == "pair" or unit.composition in ("mentees_led_by_mentors",):
        leaders = tuple(unit.led_by) if unit.composition == "mentees_led_by_mentors" else ()
        right = leaders or by_kind("mentor") or roles[:1]
        left = tuple(r for r in (by_kind("mentee") or roles) if r not in right)
        if not left or not right:
            raise MentorcoreError([problems.NO_MATCHING.error(
                _("unit '{unit}' needs two roles to pair (e.g. mentor and mentee)").format(
                    unit=unit.id), ("units",),
                _("list them in the unit's roles"))])
        mode = "led" if leaders else "pairs"
        return Plan(unit=unit, mode=mode, solver=chosen_solver, left_roles=left,
                    right_roles=right, group_unit=unit if mode == "led" else grouped)
    if unit.composition == "pairs" and unit.made_of:
        inner = programme.get("units", unit.made_of)
        if isinstance(inner, Unit):
            inner_plan = _plan_for(attrs.evolve(programme, matching=attrs.evolve(
                matching, unit=inner.id)), chosen)
            return attrs.evolve(inner_plan, group_unit=unit)
    return Plan(unit=unit, mode="split", solver=chosen_solver, left_roles=roles, right_roles=(),
                group_unit=unit)


PLACES_ASSUMPTION = "mentees_per_mentor"
"""The assumption that gives each mentor's (or leader's) places when the model states no
capacity."""
GROUP_SIZE_ASSUMPTION = "group_size"
"""The assumption that gives a group's size when its unit states no maximum."""


@record(kw_only=True)
class Places:
    """How many mentees each mentor (or group leader) takes, and which fact of the model says so.

    ``each`` is the places of someone with no own value (``None``: no limit); an own value (the
    model's ``capacity_field``) must be a whole number from ``low`` to ``high`` (``None``: no
    upper limit). ``origin`` names the fact: ``matching.capacity``, ``units.<id>.size``,
    ``assumptions.<id>``, ``default`` (one place: the model states nothing) or ``solver`` (the
    solver gives one place each). ``roles`` are the roles that have places. ``less_leader`` is
    true when the fact counts the group's leader among its people. ``own`` is how many people's
    own value set their places (filled by :func:`assign_places`).
    """

    each: int | None
    low: int = 0
    high: int | None = None
    origin: str = "default"
    roles: tuple[str, ...] = ("mentor",)
    column: str | None = None
    less_leader: bool = False
    own: int = 0
    names: tuple[str, ...] = ()
    """The ``roles`` by their names in the language of the run (:func:`role_name`)."""

    @property
    def role(self) -> str:
        """The roles with places as people read them: by their names, else their ids."""
        return "/".join(self.names or self.roles)

    def admits(self, value: float) -> bool:
        """Whether an own value is a number of places the model allows."""
        return float(value).is_integer() and self.low <= value <= (
            math.inf if self.high is None else self.high)

    def source(self) -> str:
        """Where the number comes from, in the language of the run."""
        kind, _dot, name = self.origin.partition(".")
        if kind == "matching":
            return _("the model's matching.capacity")
        if kind == "units":
            unit = name.rsplit(".", 1)[0]
            return (_("the size of unit '{unit}', less its leader") if self.less_leader
                    else _("the size of unit '{unit}'")).format(unit=unit)
        if kind == "assumptions":
            return (_("the model's assumption {name}, less the group's leader")
                    if self.less_leader else _("the model's assumption {name}")).format(
                        name=name)
        if kind == "solver":
            return _("the solver gives each one place")
        if self.each is None:
            return _("the model states no limit")
        return _("default: the model states no capacity")

    def describe(self) -> str:
        """``places: 3 per mentor (the model's assumption mentees_per_mentor); 2 set by their
        own max_mentees``, in the language of the run."""
        if self.each is None:
            text = _("places: no limit per {role} ({source})").format(
                role=self.role, source=self.source())
        else:
            text = ngettext("places: {count} per {role} ({source})",
                            "places: {count} per {role} ({source})", self.each).format(
                                count=self.each, role=self.role, source=self.source())
        if self.column is not None and self.own:
            text += "; " + ngettext("{count} set by their own {column}",
                                    "{count} set by their own {column}", self.own).format(
                                        count=self.own, column=self.column)
        return text

    def allowed(self) -> str:
        """The own values allowed, in words: ``0–2``, ``at least 0``."""
        if self.high is None:
            return _("a whole number, at least {low}").format(low=self.low)
        return _("a whole number from {low} to {high}").format(low=self.low, high=self.high)

    def to_json(self) -> dict[str, Any]:
        return {"each": self.each, "from": self.origin, "min": self.low, "max": self.high,
                "column": self.column, "own": self.own}


def _whole(value: float, path: tuple[str | int, ...]) -> int:
    if value < 0 or not float(value).is_integer():
        raise MentorcoreError([problems.BAD_CAPACITY.error(
            _("a number of places must be a whole number, 0 or more"), path)])
    return int(value)


def _assumption(programme: Programme, name: str) -> tuple[int, Any] | None:
    """(index, assumption) of a numeric assumption of the model."""
    for index, assumption in enumerate(programme.assumptions):
        if assumption.id == name:
            if isinstance(assumption.value, bool) or \
                    not isinstance(assumption.value, (int, float)):
                raise MentorcoreError([problems.BAD_CAPACITY.error(
                    _("assumption {name} must be a number").format(name=name),
                    ("assumptions", index, "value"))])
            return index, assumption
    return None


def places_for(programme: Programme, plan: Plan) -> Places:
    """Each mentor's (or group leader's) places, from the first fact of the model that states
    them:

    1. ``matching.capacity``: up to its maximum (no maximum: no limit); own values within it;
    2. for a group led by mentors, the unit's ``size`` maximum (in people: less the leader;
       "about": the widened bound for own values);
    3. the assumption ``mentees_per_mentor``;
    4. for a group led by mentors, the assumption ``group_size`` (in people: less the leader);
    5. otherwise one place for a pair (the documented default) and no limit for a led group.

    Without a ``capacity`` (2–5) an own value may be any whole number from 0, up to the
    unit's maximum size where it states one. ``Places.own`` is left 0.
    """
    places = _places_for(programme, plan)
    return attrs.evolve(places, names=tuple(role_name(programme, r) for r in places.roles))


def _places_for(programme: Programme, plan: Plan) -> Places:
    matching = programme.matching
    assert matching is not None  # plan_for checked it
    role = plan.right_roles
    column = matching.capacity_field
    if plan.mode == "reciprocal" or not plan.solver.capacities:
        return Places(each=1, low=1, high=1, origin="solver", roles=role)
    capacity = matching.capacity
    if capacity is not None:
        low = _whole(capacity.min, ("matching", "capacity", "min"))
        high = None if capacity.max is None else _whole(capacity.max,
                                                        ("matching", "capacity", "max"))
        return Places(each=high, low=low, high=high, origin="matching.capacity", roles=role,
                      column=column)
    led = plan.mode == "led"
    size = plan.unit.size if led else None
    if size is not None and size.max is not None:
        index = programme.ids("units").index(plan.unit.id)
        less = 1 if size.unit == "person" else 0
        path = ("units", index, "size", "max")
        each = _whole(size.max, path) - less
        widest = math.floor(size.approx_bounds()[1] + 1e-9) - less
        return Places(each=max(each, 0), low=0, high=max(widest, 0),
                      origin=f"units.{plan.unit.id}.size", roles=role, column=column,
                      less_leader=bool(less))
    for name in (PLACES_ASSUMPTION, GROUP_SIZE_ASSUMPTION) if led else (PLACES_ASSUMPTION,):
        found = _assumption(programme, name)
        if found is None:
            continue
        index, assumption = found
        value = _whole(float(assumption.value), ("assumptions", index, "value"))
        less = 1 if name == GROUP_SIZE_ASSUMPTION and assumption.unit in (None, "person") \
            else 0
        return Places(each=max(value - less, 0), origin=f"assumptions.{name}", roles=role,
                      column=column, less_leader=bool(less))
    return Places(each=None if led else 1, origin="default", roles=role, column=column)


def group_size(programme: Programme, unit: Unit) -> Range | None:
    """The size groups of ``unit`` are formed to: the unit's ``size``; when it states no
    maximum, about the assumption ``group_size`` (in its unit, default people). A group outside
    the unit's own size is still warned about (W505)."""
    size = unit.size
    if size is not None and size.max is not None:
        return size
    found = _assumption(programme, GROUP_SIZE_ASSUMPTION)
    if found is None:
        return size
    index, assumption = found
    value = float(assumption.value)
    if not value >= 1:
        raise MentorcoreError([problems.BAD_CAPACITY.error(
            _("assumption {name} must be a group size of 1 or more").format(
                name=GROUP_SIZE_ASSUMPTION), ("assumptions", index, "value"))])
    counted = assumption.unit if assumption.unit in ("person", "pair") else "person"
    return Range(min=0, max=value, unit=counted, approx=True)


def place_rule(programme: Programme) -> Places | None:
    """The places of the model's mentors or leaders, whatever the solver (for checking a
    participant list's own values); ``None`` when the model forms no units with places."""
    if programme.matching is None:
        return None
    try:
        plan = plan_for(programme, "optimal")  # places do not depend on the solver chosen
        if plan.mode not in ("pairs", "led"):
            return None
        return places_for(programme, plan)
    except MentorcoreError:
        return None  # a problem of the model, which matching reports at its place in the file


def capacities(programme: Programme, plan: Plan, participants: Participants, right: Any,
               n_left: int) -> Any:
    """Places per mentor (people ``right``), as :func:`assign_places` gives them."""
    return assign_places(places_for(programme, plan), participants, right, n_left)[0]


def assign_places(places: Places, participants: Participants, right: Any,
                  n_left: int) -> tuple[Any, Places]:
    """Places per mentor (people ``right``): :class:`Places` ``each``, or the mentor's own
    ``capacity_field`` value where given (checked when the list was read; see
    :func:`mentorcore.matching.schema.check_sheet`). No limit is ``n_left`` places: as many as
    there are mentees. Returns the places and ``places`` with ``own`` counted."""
    np = _np()
    each = n_left if places.each is None else places.each
    capacity = np.full(len(right), each, dtype=np.int64)
    own = 0
    if places.column is not None and places.origin != "solver" and \
            participants.field(places.column):
        values = np.array([participants.value(places.column, int(k)) for k in right],
                          dtype=np.float64)
        given = ~np.isnan(values)
        wrong = given & ~np.array([places.admits(v) for v in np.nan_to_num(values)], dtype=bool)
        if wrong.any():  # a list not read by check_sheet
            raise MentorcoreError([problems.PLACES_OUT_OF_RANGE.error(
                _("column '{column}': {allowed}, the places {source} allows").format(
                    column=places.column, allowed=places.allowed(), source=places.source()),
            ).with_position(participants.source, participants.rows[int(k)], None)
                for k in right[wrong]][:problems.MAX_ERRORS])
        capacity[given] = values[given].astype(np.int64)
        own = int(given.sum())
    return capacity, attrs.evolve(places, own=own)
