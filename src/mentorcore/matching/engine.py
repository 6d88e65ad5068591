"""Matching a participant list with a model's rules: :func:`match`.

The pipeline is a pure function of the model, the participants, the solver and the seed:

1. *plan* — which unit is formed and who is on which side: mentees (rows) and mentors (columns)
   for a pair, buddies against buddies for a reciprocal pair, mentees against the mentors who
   lead them for a group led by mentors, or a balanced split for a group of peers;
2. *rules* — each rule's criterion is looked up among the plugins' criteria and its parameters
   checked against the participant schema;
3. *scores* — every rule scores the whole mentees × mentors matrix in one vectorised call; hard
   rules multiply into a mask, preferences add ``weight × fit`` into the score matrix;
4. *solve* — :mod:`mentorcore.matching.solvers`;
5. *explain* — every pair's rule outcomes, every unmatched person's reasons
   (:mod:`mentorcore.matching.explain`), and groups (:mod:`mentorcore.matching.groups`).

The seed shuffles the order in which people are offered to the solver (and breaks ties in the
stable solver and in group formation), so the same seed gives the same result.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from mentorcore.diagnostics import Diagnostic, MentorcoreError
from mentorcore.i18n import _, alternatives
from mentorcore.kinds import Criterion, CriterionError
from mentorcore.matching import problems
from mentorcore.matching.participants import Participants
from mentorcore.model import MatchingRule, Programme, Unit
from mentorcore.spelling import did_you_mean

SOLVER_NAMES = ("optimal", "stable", "reciprocal")
Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``: called as matching goes (for a progress bar)."""


@attrs.frozen(kw_only=True)
class Plan:
    """What is formed and from whom.

    ``mode`` is ``pairs`` (mentee × mentor), ``reciprocal`` (buddies with each other),
    ``led`` (mentees assigned to the mentors who lead their group) or ``split`` (a balanced split
    of peers into groups, no pairs). ``group_unit`` is the group formed from the pairs.
    """

    unit: Unit
    mode: str
    solver: str
    left_roles: tuple[str, ...]
    right_roles: tuple[str, ...]
    group_unit: Unit | None = None


@attrs.frozen(kw_only=True)
class Rule:
    """A model rule resolved against the plugins and the participant schema."""

    index: int
    rule: MatchingRule
    criterion: Criterion
    provider: str | None
    params: dict[str, Any]
    left_fields: tuple[str, ...]
    right_fields: tuple[str, ...]

    @property
    def id(self) -> str:
        return self.rule.id


def _model_error(check: Any, message: str, path: tuple, hint: str | None = None) -> Diagnostic:
    return check.error(message, path=path, hint=hint)


def _np() -> Any:
    import numpy

    return numpy


def plan_for(programme: Programme, solver: str | None = None) -> Plan:
    """Decide who is matched with whom, from the model's ``matching`` section and its unit."""
    matching = programme.matching
    if matching is None:
        raise MentorcoreError([_model_error(problems.NO_MATCHING,
                                            _("the model has no matching section"),
                                            ("matching",), _("add {example}").format(
                                                example="matching: {unit: pair, rules: [...]}"))])
    chosen = solver or matching.solver
    if chosen == "manual":
        raise MentorcoreError([_model_error(
            problems.NO_MATCHING, _("the model says units are formed by hand (solver: manual)"),
            ("matching", "solver"),
            _("choose a solver: --solver optimal, stable or reciprocal"))])
    if chosen not in SOLVER_NAMES:
        raise MentorcoreError([_model_error(problems.NO_MATCHING,
                                            _("unknown solver '{solver}'").format(solver=chosen),
                                            ("matching", "solver"),
                                            did_you_mean(chosen, SOLVER_NAMES))])
    unit = programme.get("units", matching.unit)
    if unit is None:
        raise MentorcoreError([_model_error(problems.NO_MATCHING,
                                            _("no unit with id '{id}'").format(
                                                id=matching.unit),
                                            ("matching", "unit"))])
    kinds = {role.id: role.kind for role in programme.roles}
    roles = tuple(dict.fromkeys(unit.roles)) or tuple(
        r.id for r in programme.roles if r.kind in ("mentor", "mentee", "buddy", "peer"))

    def by_kind(kind: str) -> tuple[str, ...]:
        return tuple(r for r in roles if kinds.get(r) == kind)

    grouped = next((u for u in programme.units if u.made_of == unit.id and u.id != unit.id),
                   None)
    if unit.kind == "reciprocal_pair" or (chosen == "reciprocal" and len(roles) == 1):
        if chosen != "reciprocal":
            raise MentorcoreError([_model_error(
                problems.SOLVER_UNFIT, _("the {solver} solver forms mentor–mentee pairs, not "
                                         "reciprocal pairs").format(solver=chosen),
                ("matching", "solver"), _("use --solver reciprocal"))])
        return Plan(unit=unit, mode="reciprocal", solver=chosen, left_roles=roles,
                    right_roles=roles, group_unit=grouped)
    if unit.kind == "pair" or unit.composition in ("mentees_led_by_mentors",):
        leaders = tuple(unit.led_by) if unit.composition == "mentees_led_by_mentors" else ()
        right = leaders or by_kind("mentor") or roles[:1]
        left = tuple(r for r in (by_kind("mentee") or roles) if r not in right)
        if not left or not right:
            raise MentorcoreError([_model_error(
                problems.NO_MATCHING, _("unit '{unit}' needs two roles to pair (e.g. mentor "
                                        "and mentee)").format(unit=unit.id), ("units",),
                _("list them in the unit's roles"))])
        mode = "led" if leaders else "pairs"
        return Plan(unit=unit, mode=mode, solver=chosen, left_roles=left, right_roles=right,
                    group_unit=unit if mode == "led" else grouped)
    if unit.composition == "pairs" and unit.made_of:
        inner = programme.get("units", unit.made_of)
        if inner is not None:
            inner_plan = plan_for(attrs.evolve(programme, matching=attrs.evolve(
                matching, unit=inner.id)), chosen)
            return attrs.evolve(inner_plan, group_unit=unit)
    return Plan(unit=unit, mode="split", solver=chosen, left_roles=roles, right_roles=(),
                group_unit=unit)


def resolve_rules(programme: Programme, plan: Plan, participants: Participants,
                  registry: Any) -> tuple[list[Rule], list[Diagnostic]]:
    """Look up each rule's criterion and check its parameters; every problem at once. Returns
    the rules and warnings (preferences left out for want of their column)."""
    matching = programme.matching
    assert matching is not None
    declared = {f.id: f for f in
                (programme.participant_data.fields if programme.participant_data else ())}
    criteria = registry.criteria
    errors: list[Diagnostic] = []
    missing_columns: list[Diagnostic] = []
    skipped: list[Diagnostic] = []
    rules: list[Rule] = []
    for index, rule in enumerate(matching.rules):
        path = ("matching", "rules", index)
        criterion = criteria.get(rule.criterion)
        if criterion is None:
            from mentorcore.builtins.checks import FIRST_PARTY

            hint = did_you_mean(rule.criterion, criteria)
            if rule.criterion in FIRST_PARTY:
                hint = _("the criterion '{name}' is provided by the plugin {plugin}; is it "
                         "installed?").format(name=rule.criterion,
                                              plugin=FIRST_PARTY[rule.criterion][1])
            errors.append(_model_error(problems.BAD_RULE,
                                       _("unknown criterion '{name}'").format(
                                           name=rule.criterion),
                                       (*path, "criterion"), hint))
            continue
        if criterion.evaluate is None:
            errors.append(_model_error(problems.BAD_RULE,
                                       _("criterion '{name}' cannot score pairs (its plugin "
                                         "gives no evaluate function)").format(
                                             name=rule.criterion),
                                       (*path, "criterion")))
            continue
        if not (rule.weight >= 0 and math.isfinite(rule.weight)):
            errors.append(_model_error(problems.BAD_RULE, _("a weight must be 0 or more"),
                                       (*path, "weight"),
                                       _("to avoid pairs, make a hard rule instead")))
        if plan.mode == "split":
            if plan.unit.composition:
                message = _("unit '{unit}' is a group of {composition}: rules between two "
                            "people do not apply").format(unit=plan.unit.id,
                                                          composition=plan.unit.composition)
            else:
                message = _("unit '{unit}' is a group of people: rules between two people do "
                            "not apply").format(unit=plan.unit.id)
            errors.append(_model_error(problems.BAD_RULE, message, path,
                                       _("balance the groups with the unit's balance field")))
            continue
        known = {p.name: p for p in criterion.params}
        for name in rule.params:
            if name not in known:
                errors.append(_model_error(
                    problems.BAD_RULE, _("criterion '{name}' has no parameter '{param}'").format(
                        name=rule.criterion, param=name),
                    (*path, "params", name),
                    did_you_mean(name, known) or (
                        _("parameters: {params}").format(params=", ".join(known)) if known
                        else _("it takes no parameters"))))
        params = {p.name: rule.params.get(p.name, p.default) for p in criterion.params}
        left_fields: list[str] = []
        right_fields: list[str] = []
        left_out = False
        for param in criterion.params:
            value = params[param.name]
            where = (*path, "params", param.name)
            if value is None:
                if param.required:
                    errors.append(_model_error(problems.BAD_RULE,
                                               _("criterion '{name}' needs the parameter "
                                                 "'{param}' ({description})").format(
                                                     name=rule.criterion, param=param.name,
                                                     description=param.description),
                                               (*path, "params")))
                continue
            if param.side is None:
                continue
            if not isinstance(value, str):
                errors.append(_model_error(problems.BAD_RULE,
                                           _("parameter '{param}' names a participant field "
                                             "(a column name)").format(param=param.name),
                                           where))
                continue
            field = declared.get(value)
            if field is None:
                errors.append(_model_error(
                    problems.BAD_RULE, _("parameter '{param}' names field '{field}', which "
                                         "participant_data does not declare").format(
                                             param=param.name, field=value), where,
                    did_you_mean(value, declared)
                    or _("declare it under participant_data.fields")))
                continue
            sides = {"left": plan.left_roles, "right": plan.right_roles,
                     "both": plan.left_roles + plan.right_roles}[param.side]
            if field.roles and not set(sides) <= set(field.roles):
                errors.append(_model_error(
                    problems.BAD_RULE, _("parameter '{param}' names field '{field}', which "
                                         "the model declares for {roles} only, not for "
                                         "{others}").format(
                                             param=param.name, field=value,
                                             roles=", ".join(field.roles),
                                             others=", ".join(r for r in sides
                                                              if r not in field.roles)),
                    where))
                continue
            if param.types and field.type not in param.types:
                errors.append(_model_error(
                    problems.BAD_RULE, _("parameter '{param}' names field '{field}' of type "
                                         "{type}; criterion '{name}' needs {types}").format(
                                             param=param.name, field=value, type=field.type,
                                             name=rule.criterion,
                                             types=alternatives(param.types)), where))
                continue
            if participants.field(value) is None:
                if rule.hard:
                    missing_columns.append(problems.MISSING_COLUMN.error(
                        _("missing column '{column}', which hard rule '{rule}' uses").format(
                            column=value, rule=rule.id),
                        hint=_("add the column, or remove the rule")).with_position(
                            participants.source, 1, None))
                else:
                    skipped.append(problems.SKIPPED_RULE.error(
                        _("preference '{rule}' is left out: the list has no column "
                          "'{column}'").format(rule=rule.id, column=value),
                        hint=_("add the column to use it")).with_position(
                            participants.source, 1, None))
                    left_out = True
                continue
            if param.side in ("left", "both"):
                left_fields.append(value)
            if param.side in ("right", "both"):
                right_fields.append(value)
        if left_out:
            continue
        rules.append(Rule(index=index, rule=rule, criterion=criterion,
                          provider=registry.provider("register_criteria", rule.criterion),
                          params=params, left_fields=tuple(dict.fromkeys(left_fields)),
                          right_fields=tuple(dict.fromkeys(right_fields))))
    capacity_field = matching.capacity_field
    if capacity_field is not None:
        field = declared.get(capacity_field)
        if field is None or field.type != "number":
            errors.append(_model_error(problems.BAD_RULE,
                                       _("capacity_field names '{field}', which participant_data "
                                         "does not declare as a number").format(
                                             field=capacity_field),
                                       ("matching", "capacity_field"),
                                       did_you_mean(capacity_field, declared)))
    if errors:
        raise MentorcoreError(errors)
    if missing_columns:
        raise MentorcoreError(list(dict.fromkeys(missing_columns)))
    return rules, list(dict.fromkeys(skipped))


def evaluate(rule: Rule, candidates: Any) -> Any:
    """One rule's fit over the candidates, checked: a float array of ``candidates.shape`` in
    [0, 1] (or booleans). A failing plugin is named."""
    np = _np()
    who = (_("criterion '{name}' (plugin {plugin})").format(name=rule.criterion.name,
                                                              plugin=rule.provider)
           if rule.provider else _("criterion '{name}'").format(name=rule.criterion.name))
    try:
        fit = rule.criterion.evaluate(candidates, rule.params)  # type: ignore[misc]
    except CriterionError as error:
        raise MentorcoreError([_model_error(problems.BAD_RULE,
                                            _("rule '{rule}': {error}").format(rule=rule.id,
                                                                              error=error),
                                            ("matching", "rules", rule.index))]) from None
    except MentorcoreError:
        raise
    except Exception as error:
        raise MentorcoreError([_model_error(
            problems.CRITERION_FAILED, _("rule '{rule}': {criterion} failed: {error}").format(
                rule=rule.id, criterion=who, error=f"{type(error).__name__}: {error}"),
            ("matching", "rules", rule.index))]) from error
    try:
        fit = np.asarray(fit)
        if fit.dtype != bool and not np.issubdtype(fit.dtype, np.number):
            raise ValueError(f"dtype {fit.dtype}")
        fit = np.broadcast_to(fit, candidates.shape)
    except ValueError as error:
        raise MentorcoreError([_model_error(
            problems.CRITERION_FAILED, _("rule '{rule}': {criterion} returned an array that "
                                         "does not fit {shape} ({error})").format(
                rule=rule.id, criterion=who, shape=candidates.shape, error=error),
            ("matching", "rules", rule.index))]) from None
    return fit


def _as_fit(fit: Any) -> Any:
    """Booleans or numbers → float fit in [0, 1] (nan counts as 0). Checked with two cheap
    reductions; only an out-of-range array is copied."""
    np = _np()
    if fit.dtype == bool:
        return fit.astype(np.float64)
    if fit.size == 0:
        return fit.astype(np.float64)
    low, high = fit.min(), fit.max()
    if low >= 0 and high <= 1:  # false for nan too
        return fit
    fit = np.fmax(fit, 0.0)  # nan → 0
    return np.fmin(fit, 1.0, out=fit)


CHUNK = 1 << 17
"""Candidate pairs scored per block (rows × mentors): temporaries stay small and reused."""


@attrs.frozen
class Weighed:
    """The solver's input: ``weights`` (quantised, 0 where a hard rule fails; see
    :func:`mentorcore.matching.solvers.quantise`) and, for explanations, how many candidates
    meet every hard rule with each mentee (``rows``) and each mentor (``columns``)."""

    weights: Any
    rows: Any
    columns: Any


def score_block(encoded: Any, left: Any, right: Any, rules: Sequence[Rule], *,
                out: Any = None, scale: float | None = None,
                pairs_bound: int = 1) -> tuple[Any, Any]:
    """(scores, allowed) over left × right: the weighted sum of the preferences' fits, and the
    mask of pairs that meet every hard rule. Whole-array operations only.

    With ``scale``, the scores come out as the solvers' integer weights directly:
    ``pairs_bound × Σ rint(scale × weight × fit) + 1`` where every hard rule holds, else 0
    (see :func:`mentorcore.matching.solvers.quantise`). ``out`` receives the scores.
    """
    np = _np()
    from mentorcore.matching.candidates import Candidates

    candidates = Candidates(encoded, left, right)
    if scale is not None:
        return _weights_block(candidates, rules, out, scale, pairs_bound)
    total = np.zeros(candidates.shape, dtype=np.float64) if out is None else out
    if out is not None:
        total.fill(0.0)
    allowed = np.ones(candidates.shape, dtype=bool)
    for rule in rules:
        fit = evaluate(rule, candidates)
        if rule.rule.hard:
            allowed &= fit if fit.dtype == bool else fit > 0
        elif rule.rule.weight > 0:
            if fit.dtype == bool:
                total += fit * rule.rule.weight
            else:
                total += _as_fit(fit) * rule.rule.weight
    return total, allowed


def _weights_block(candidates: Any, rules: Sequence[Rule], out: Any, scale: float,
                   pairs_bound: int) -> tuple[Any, Any]:
    """The solvers' weights for one block, summed in float32 (the quantised parts are
    integers below 2²⁴, so exact) and widened to float64 once, into ``out``."""
    np = _np()
    shape = candidates.shape
    points = np.zeros(shape, dtype=np.float32)
    allowed = np.ones(shape, dtype=bool)
    for rule in rules:
        fit = evaluate(rule, candidates)
        if rule.rule.hard:
            allowed &= fit if fit.dtype == bool else fit > 0
        elif rule.rule.weight > 0:
            step = rule.rule.weight * scale
            if fit.dtype == bool:
                points += fit * np.float32(np.rint(step))  # (where= is slow)
            else:
                part = np.multiply(_as_fit(fit), step, dtype=np.float32)
                np.rint(part, out=part)
                points += part
    points *= allowed
    total = np.empty(shape, dtype=np.float64) if out is None else out
    np.multiply(points, float(pairs_bound), out=total)
    total += allowed
    return total, allowed


def weigh(encoded: Any, left: Any, right: Any, rules: Sequence[Rule], *,
          reciprocal: bool = False, progress: Progress | None = None,
          steps: int = 0) -> Weighed:
    """Score every candidate pair as the solvers' integer weights.

    The matrix is filled block by block of rows, so that every temporary stays small (in the
    processor's cache) and is reused. Meanwhile a helper thread touches the matrix's memory
    pages from the far end, so that the operating system's cost of providing fresh memory
    overlaps with the scoring.
    """
    np = _np()
    from mentorcore.matching.solvers import RESOLUTION, quantise

    top = sum(r.rule.weight for r in rules if not r.rule.hard)
    scale = RESOLUTION / top if top > 0 else 0.0
    n, m = len(left), len(right)
    if reciprocal:
        total, allowed = score_block(encoded, left, left, rules)
        allowed &= allowed.T
        np.fill_diagonal(allowed, False)
        total += total.T
        total *= 0.5
        counts = allowed.sum(axis=1)
        weights = quantise(total, allowed, out=total, top=top, pairs_bound=n // 2 + 1)
        if progress:
            progress("scoring", len(rules), steps)
        return Weighed(weights, counts, counts)
    weights = np.empty((n, m), dtype=np.float64)
    rows = np.zeros(n, dtype=np.int64)
    columns = np.zeros(m, dtype=np.int64)
    height = max(1, CHUNK // max(m, 1))
    starts = list(range(0, n, height))
    bound = min(n, m) + 1
    toucher = _PageToucher(weights, starts, height) if n * m * 8 >= PREFAULT_BYTES else None
    try:
        for done, (block, start) in enumerate(zip(range(len(starts)), starts), start=1):
            if toucher is not None:
                toucher.claim(block)
            stop = min(n, start + height)
            _, allowed = score_block(encoded, left[start:stop], right, rules,
                                     out=weights[start:stop], scale=scale, pairs_bound=bound)
            rows[start:stop] = np.count_nonzero(allowed, axis=1)
            columns += np.count_nonzero(allowed, axis=0)
            if progress:
                progress("scoring", max(1, done * len(rules) // len(starts)), steps)
    finally:
        if toucher is not None:
            toucher.stop()
    return Weighed(weights, rows, columns)


PREFAULT_BYTES = 64 << 20
"""From this size on, the matrix's pages are touched ahead by a helper thread."""


class _PageToucher:
    """Touches the blocks of a fresh matrix from the last one backwards, in a thread, while the
    scoring fills it from the first one; a block is either touched or scored, never both at
    once (the scoring claims each block before writing it)."""

    def __init__(self, matrix: Any, starts: list[int], height: int) -> None:
        import threading

        self._matrix, self._starts, self._height = matrix, starts, height
        self._lock = threading.Lock()
        self._owner = [""] * len(starts)
        self._done = [threading.Event() for _ in starts]
        self._halt = False
        self._thread = threading.Thread(target=self._run, name="mentorcore-prefault",
                                        daemon=True)
        self._thread.start()

    def _run(self) -> None:
        step = 4096 // self._matrix.itemsize
        for block in range(len(self._starts) - 1, -1, -1):
            with self._lock:
                if self._halt or self._owner[block]:
                    return
                self._owner[block] = "toucher"
            start = self._starts[block]
            self._matrix[start:start + self._height].reshape(-1)[::step] = 0.0
            self._done[block].set()

    def claim(self, block: int) -> None:
        with self._lock:
            if not self._owner[block]:
                self._owner[block] = "scoring"
                return
        self._done[block].wait()

    def stop(self) -> None:
        with self._lock:
            self._halt = True
        self._thread.join()


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


def match(programme: Programme, participants: Participants, *, solver: str | None = None,
          seed: int = 0, registry: Any = None, progress: Progress | None = None) -> Any:
    """Form the model's units from ``participants``: pairs, groups and the unmatched, explained.

    ``solver`` is ``optimal``, ``stable`` or ``reciprocal`` (default: the model's). The same
    ``seed`` gives the same result. Raises :class:`~mentorcore.MentorcoreError` when the model's
    rules cannot be applied to the list. Example::

        >>> from mentorcore.matching import load_participants, match
        >>> people = load_participants("people.csv", programme)            # doctest: +SKIP
        >>> result = match(programme, people, solver="stable", seed=1)       # doctest: +SKIP
        >>> [(m.id for m in p.members) for p in result.pairs]              # doctest: +SKIP
    """
    np = _np()
    from mentorcore.matching import explain, groups
    from mentorcore.matching.candidates import Encoded
    from mentorcore.matching.result import MatchResult
    from mentorcore.matching.solvers import optimal, reciprocal, stable

    if registry is None:
        from mentorcore.plugins import default_registry

        registry = default_registry()
    plan = plan_for(programme, solver)
    rules, skipped = resolve_rules(programme, plan, participants, registry)
    warnings: list[Diagnostic] = [*participants.warnings, *skipped]
    rng = np.random.default_rng(seed)
    encoded = Encoded(participants)
    steps = len(rules) + 3

    if plan.mode == "split":
        people = rng.permutation(np.array(participants.of_role(*plan.left_roles), dtype=np.int64))
        formed, notes = groups.split_people(programme, plan.unit, participants, people, rng)
        warnings.extend(notes)
        if progress:
            progress("grouping", steps, steps)
        summary = explain.summary(plan, participants, (), formed, (), None)
        return MatchResult(model=programme.id, unit=plan.unit.id, solver="split", seed=seed,
                           source=participants.source, pairs=(), groups=formed, unmatched=(),
                           summary=summary, warnings=tuple(warnings))

    left = rng.permutation(np.array(participants.of_role(*plan.left_roles), dtype=np.int64))
    right = left if plan.mode == "reciprocal" else \
        rng.permutation(np.array(participants.of_role(*plan.right_roles), dtype=np.int64))
    weighed = weigh(encoded, left, right, rules, reciprocal=plan.mode == "reciprocal",
                    progress=progress, steps=steps)
    if plan.mode == "reciprocal" or plan.solver == "reciprocal":
        capacity = np.ones(len(right), dtype=np.int64)
    else:
        capacity = capacities(programme, plan, participants, right, len(left))
    if progress:
        progress("solving", len(rules) + 1, steps)
    weights = weighed.weights
    if plan.mode == "reciprocal":
        pair_left, pair_right = reciprocal(weights)
    elif plan.solver == "reciprocal":  # a bipartite problem given to the general solver
        n = len(left)
        square = np.zeros((n + len(right),) * 2, dtype=np.float64)
        square[:n, n:] = weights
        square[n:, :n] = weights.T
        first, second = reciprocal(square)
        pair_left, pair_right = first, second - n
    elif plan.solver == "stable":
        pair_left, pair_right = stable(weights, capacity, seed=seed)
    else:
        pair_left, pair_right = optimal(weights, capacity)
    weighed = attrs.evolve(weighed, weights=None)
    if progress:
        progress("explaining", len(rules) + 2, steps)
    pairs, unmatched = explain.explain(plan, rules, participants, encoded, left, right,
                                       pair_left, pair_right, weighed, capacity)
    formed: tuple = ()
    if plan.group_unit is not None:
        pairs, formed, notes = groups.group_pairs(programme, plan, participants, pairs, rng)
        warnings.extend(notes)
    if progress:
        progress("done", steps, steps)
    summary = explain.summary(plan, participants, pairs, formed, unmatched,
                              capacity if plan.mode in ("pairs", "led") else None)
    return MatchResult(model=programme.id, unit=plan.unit.id, solver=plan.solver, seed=seed,
                       source=participants.source, pairs=pairs, groups=formed,
                       unmatched=unmatched, summary=summary, warnings=tuple(warnings))
