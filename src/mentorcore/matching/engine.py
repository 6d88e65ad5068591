"""The matching pipeline: :func:`match`, a pure function of the model, the participants, the
registry of plugins, the solver and the seed.

1. *plan* — which unit is formed and who is on which side (:mod:`mentorcore.matching.plan`);
2. *rules* — each rule's criterion is looked up among the plugins' criteria and its parameters
   checked against the participant schema (:mod:`mentorcore.matching.rules`); *eligibility* —
   the roles' requirements leave out who may not take part
   (:mod:`mentorcore.matching.eligibility`): the solver never sees them;
3. *scores* — every rule scores the whole mentees × mentors matrix in one vectorised call
   (:mod:`mentorcore.matching.fits`); hard rules multiply into a mask, preferences add
   ``weight × fit`` into the score matrix (:mod:`mentorcore.matching.scoring`);
4. *solve* — the plan's solver from the table :data:`mentorcore.matching.solvers.SOLVERS`;
5. *explain* — every pair's rule outcomes, every unmatched person's reasons
   (:mod:`mentorcore.matching.explain`), and groups (:mod:`mentorcore.matching.groups`);
6. *account* — everyone read is in a unit, unmatched, not eligible or not matched by this model
   (a role the matching does not use), and the summary's counts add up
   (:mod:`mentorcore.matching.accounting`).

The seed shuffles the order in which people are offered to the solver (and breaks ties in the
stable solver and in group formation), so the same seed gives the same result.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from mentorcore.diagnostics import Diagnostic
from mentorcore.matching.accounting import account
from mentorcore.matching.eligibility import assess
from mentorcore.matching.participants import Participants
from mentorcore.matching.plan import assign_places, places_for, plan_for
from mentorcore.matching.rules import resolve_rules
from mentorcore.matching.scoring import Progress, check_size, weigh
from mentorcore.model import Programme

if TYPE_CHECKING:
    from mentorcore.matching.result import Group, MatchResult
    from mentorcore.plugins import Registry

__all__ = ["match"]


def _np() -> Any:
    import numpy

    return numpy


def match(programme: Programme, participants: Participants, *, registry: Registry,
          solver: str | None = None, seed: int = 0,
          progress: Progress | None = None) -> MatchResult:
    """Form the model's units from ``participants``: pairs, groups and the unmatched, explained.

    ``registry`` gives the criteria the rules name (the run's plugins). ``solver`` is
    ``optimal``, ``stable`` or ``reciprocal`` (default: the model's). The same ``seed`` gives the
    same result. Raises :class:`~mentorcore.MentorcoreError` when the model's rules cannot be
    applied to the list. Example::

        >>> from mentorcore import Library
        >>> from mentorcore.matching import load_participants, match
        >>> library = Library()                                                # doctest: +SKIP
        >>> programme = library.programme("auroras-individual")                # doctest: +SKIP
        >>> people = load_participants("people.csv", programme)                # doctest: +SKIP
        >>> result = match(programme, people, registry=library.registry,
        ...                solver="stable", seed=1)                            # doctest: +SKIP
        >>> [[m.id for m in p.members] for p in result.pairs]                  # doctest: +SKIP
    """
    np = _np()
    from mentorcore.i18n import current
    from mentorcore.matching import explain, groups
    from mentorcore.matching.candidates import Encoded
    from mentorcore.matching.result import MatchResult

    plan = plan_for(programme, solver)
    unit_name = None if plan.unit.name is None else str(plan.unit.name.get(current()))
    rules, skipped = resolve_rules(programme, plan, participants, registry)
    roles = plan.left_roles + plan.right_roles
    eligibility = assess(programme, participants, roles, rules)
    warnings: list[Diagnostic] = [*participants.warnings, *skipped]
    rng = np.random.default_rng(seed)
    encoded = Encoded(participants)
    steps = len(rules) + 3

    if plan.mode == "split":
        people = rng.permutation(np.array(eligibility.of_role(*plan.left_roles), dtype=np.int64))
        split, notes = groups.split_people(programme, plan.unit, participants, people, rng)
        warnings.extend(notes)
        if progress:
            progress("grouping", steps, steps)
        summary = explain.summary(plan, participants, (), split, (), None)
        return account(programme, participants, roles, eligibility, MatchResult(
            model=programme.id, unit=plan.unit.id, solver="split", seed=seed,
            source=participants.source, pairs=(), groups=split, unmatched=(), summary=summary,
            warnings=tuple(warnings), unit_kind=plan.unit.kind, unit_name=unit_name))

    left = rng.permutation(np.array(eligibility.of_role(*plan.left_roles), dtype=np.int64))
    right = left if plan.mode == "reciprocal" else \
        rng.permutation(np.array(eligibility.of_role(*plan.right_roles), dtype=np.int64))
    weighed = weigh(encoded, left, right, rules, reciprocal=plan.mode == "reciprocal",
                    progress=progress, steps=steps)
    capacity, places = assign_places(places_for(programme, plan), participants, right, len(left))
    if progress:
        progress("solving", len(rules) + 1, steps)
    if plan.mode == "reciprocal":
        buddies = plan.solver.buddies
        assert buddies is not None  # the plan chose a solver that forms reciprocal pairs
        pair_left, pair_right = buddies(weighed.weights)
    else:
        if plan.solver.name == "optimal":  # a mentor's column repeated once per place
            check_size(encoded, len(left), int(np.minimum(capacity, len(left)).sum()))
        pair_left, pair_right = plan.solver.pairs(weighed.weights, capacity, seed)
    weighed = attrs.evolve(weighed, weights=None)
    if progress:
        progress("explaining", len(rules) + 2, steps)
    pairs, unmatched = explain.explain(plan, rules, participants, encoded, left, right,
                                       pair_left, pair_right, weighed, capacity, places)
    formed: tuple[Group, ...] = ()
    if plan.group_unit is not None:
        pairs, formed, notes = groups.group_pairs(programme, plan, participants, pairs, rng)
        warnings.extend(notes)
    if progress:
        progress("done", steps, steps)
    summary = explain.summary(plan, participants, pairs, formed, unmatched,
                              capacity if plan.mode in ("pairs", "led") else None,
                              places if plan.mode in ("pairs", "led") else None)
    return account(programme, participants, roles, eligibility, MatchResult(
        model=programme.id, unit=plan.unit.id, solver=plan.solver.name, seed=seed,
        source=participants.source, pairs=pairs, groups=formed, unmatched=unmatched,
        summary=summary, warnings=tuple(warnings), unit_kind=plan.unit.kind,
        unit_name=unit_name))
