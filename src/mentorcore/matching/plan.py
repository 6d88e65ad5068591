"""The matching plan: what is formed and from whom, resolved once from the model.

:func:`plan_for` reads the model's ``matching`` section and its unit: mentees (rows) and mentors
(columns) for a pair, buddies against buddies for a reciprocal pair, mentees against the mentors
who lead them for a group led by mentors, or a balanced split for a group of peers; and which
solver of :data:`~mentorcore.matching.solvers.SOLVERS` forms the pairs. :func:`capacities` gives
each mentor's places.
"""

from __future__ import annotations

import math
from typing import Any

import attrs

from mentorcore.diagnostics import MentorcoreError
from mentorcore.i18n import _
from mentorcore.matching import problems
from mentorcore.matching.participants import Participants
from mentorcore.matching.solvers import SOLVERS, Solver
from mentorcore.model import Programme, Unit
from mentorcore.spelling import did_you_mean

__all__ = ["Plan", "capacities", "plan_for"]


@attrs.frozen(kw_only=True)
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


def _np() -> Any:
    import numpy

    return numpy


def plan_for(programme: Programme, solver: str | None = None) -> Plan:
    """Decide who is matched with whom, from the model's ``matching`` section and its unit."""
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
            inner_plan = plan_for(attrs.evolve(programme, matching=attrs.evolve(
                matching, unit=inner.id)), chosen)
            return attrs.evolve(inner_plan, group_unit=unit)
    return Plan(unit=unit, mode="split", solver=chosen_solver, left_roles=roles, right_roles=(),
                group_unit=unit)


def capacities(programme: Programme, plan: Plan, participants: Participants, right: Any,
               n_left: int) -> Any:
    """Places per mentor: the model's capacity (default 1; for a led group, its size), lowered
    by each mentor's own ``capacity_field`` value."""
    np = _np()
    matching = programme.matching
    assert matching is not None
    limit: float
    if matching.capacity is not None:
        limit = matching.capacity.upper
    elif plan.mode == "led":
        size = plan.unit.size
        leaders_per_group = 1 if size is not None and size.unit == "person" else 0
        if size is not None and size.max is not None:
            limit = max(1.0, size.max - leaders_per_group)
        else:
            limit = math.ceil(n_left / max(1, len(right)))
    else:
        limit = 1.0
    limit = float(min(limit, max(n_left, 1)))
    capacity = np.full(len(right), int(limit), dtype=np.int64)
    if matching.capacity_field is not None and participants.field(matching.capacity_field):
        own = np.array([participants.value(matching.capacity_field, int(k)) for k in right],
                       dtype=np.float64)
        given = ~np.isnan(own)
        own_places = np.clip(np.floor(np.nan_to_num(own)), 0, limit).astype(np.int64)
        capacity[given] = own_places[given]
    return capacity
