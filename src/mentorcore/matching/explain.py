"""Explanations: for every pair the rules it meets and its score breakdown; for everyone left
unmatched, why; and the summary counts.

A reason may quote the unmatched person's own value of a field a failed rule reads ("no mentor
meets 'same-field' (wished_field: nursing)") — but never a special-category or identifying
field's value, which is withheld.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from mentorcore.i18n import _, ngettext
from mentorcore.matching.candidates import Candidates
from mentorcore.matching.fits import as_fit, evaluate
from mentorcore.matching.participants import Participants
from mentorcore.matching.result import Group, Member, Pair, RuleOutcome, Summary, Unmatched

if TYPE_CHECKING:
    from mentorcore.matching.candidates import Encoded
    from mentorcore.matching.plan import Places, Plan
    from mentorcore.matching.rules import Rule
    from mentorcore.matching.scoring import Weighed

__all__ = ["explain", "member", "rule_fits", "summary"]


def _np() -> Any:
    import numpy

    return numpy


def member(participants: Participants, index: int) -> Member:
    return Member(id=participants.ids[index], role=participants.roles[index])


def rule_fits(rules: Sequence[Rule], encoded: Encoded, first: Any, second: Any,
              reciprocal: bool) -> list[Any]:
    """Each rule's fit for given pairs (people indices side by side), as float arrays."""
    np = _np()
    forward = Candidates(encoded, first, second, pairs=True)
    backward = Candidates(encoded, second, first, pairs=True) if reciprocal else None
    fits = []
    for rule in rules:
        fit = as_fit(evaluate(rule, forward))
        if backward is not None:
            other = as_fit(evaluate(rule, backward))
            fit = np.minimum(fit, other) if rule.rule.hard else (fit + other) / 2
        fits.append(fit)
    return fits


def _value_note(participants: Participants, index: int, fields: Sequence[str]) -> str:
    notes = []
    for name in fields:
        field = participants.field(name)
        value = participants.value(name, index)
        if field is None:
            continue
        if value is None:
            notes.append(_("{field} is empty").format(field=name))
        elif field.special_category:
            notes.append(_("{field}: withheld, special-category data").format(field=name))
        elif field.identifying:
            notes.append(_("{field}: withheld, identifying data").format(field=name))
        elif isinstance(value, tuple):
            notes.append(f"{name}: {', '.join(value)}")
        elif isinstance(value, float) and value.is_integer():
            notes.append(f"{name}: {int(value)}")
        else:
            notes.append(f"{name}: {value}")
    return f"; {'; '.join(notes)}" if notes else ""


CHUNK = 1 << 20
"""Candidate pairs evaluated per block when explaining the unmatched (a few MB a rule)."""


def _levels(rules: Sequence[Rule], fits: Sequence[Any]) -> Any:
    """The scores as the solvers compare them (docs/matching.md, "Solvers"): each preference's
    ``round(fit × weight × RESOLUTION / W)``, summed, ``W`` the preferences' total weight — so
    that "scores the same" here is a tie for the solver too."""
    np = _np()
    from mentorcore.matching.solvers import RESOLUTION

    top = sum(r.rule.weight for r in rules if not r.rule.hard)
    total: Any = None
    for rule, fit in zip(rules, fits, strict=True):
        if total is None:
            total = np.zeros(np.shape(fit), dtype=np.float64)
        if rule.rule.hard or not rule.rule.weight > 0 or not top > 0:
            continue
        total += np.rint(as_fit(fit) * (rule.rule.weight * RESOLUTION / top))
    return total


def _chunks(positions: Any, width: int) -> list[Any]:
    height = max(1, CHUNK // max(width, 1))
    return [positions[k:k + height] for k in range(0, len(positions), height)]


def explain(plan: Plan, rules: Sequence[Rule], participants: Participants, encoded: Encoded,
            left: Any, right: Any, pair_left: Any, pair_right: Any, weighed: Weighed,
            capacity: Any, places: Places | None = None
            ) -> tuple[tuple[Pair, ...], tuple[Unmatched, ...]]:
    """Pairs with their rule outcomes, and the unmatched of both sides with their reasons.

    Every reason is derived from the solve itself: the candidates are recomputed from the hard
    rules (a mentor without places is no candidate), and what took their places is read from
    the pairs formed, their scores compared as the solvers compare them (:func:`_levels`).
    ``weighed`` is not read: the reasons do not rest on the solver's input."""
    np = _np()
    reciprocal = plan.mode == "reciprocal"
    first, second = left[pair_left], right[pair_right]
    fits = rule_fits(rules, encoded, first, second, reciprocal) if len(first) else []
    pairs = []
    for k in range(len(first)):
        a, b = int(first[k]), int(second[k])
        if reciprocal and b < a:
            a, b = b, a
        outcomes = tuple(RuleOutcome(rule=r.id, criterion=r.criterion.name, hard=r.rule.hard,
                                     fit=round(float(fits[n][k]), 9), weight=r.rule.weight)
                         for n, r in enumerate(rules))
        pairs.append((a, Pair(members=(member(participants, a), member(participants, b)),
                              score=round(sum(o.points for o in outcomes), 9), rules=outcomes)))
    pairs.sort(key=lambda item: item[0])

    hard = [r for r in rules if r.rule.hard]
    left_name = plan.named(plan.left_roles)  # reasons name roles as people read them
    right_name = plan.named(plan.right_roles)
    if reciprocal:
        taken = np.zeros(len(left), dtype=bool)
        taken[pair_left] = True
        taken[pair_right] = True
        unmatched = _buddies(participants, encoded, rules, hard, left, np.nonzero(~taken)[0],
                             taken, left_name)
    else:
        levels = _levels(rules, fits) if len(first) and rules else np.zeros(len(first))
        used = np.bincount(pair_right, minlength=len(right))
        weakest = np.full(len(right), np.inf)
        np.minimum.at(weakest, pair_right, levels)
        own = np.full(len(left), np.nan)
        own[pair_left] = levels
        matched = np.zeros(len(left), dtype=bool)
        matched[pair_left] = True
        unmatched = _mentees(plan, participants, encoded, rules, hard, left, right,
                             np.nonzero(~matched)[0], capacity, used, weakest, right_name)
        unmatched += _mentors(participants, encoded, rules, hard, left, right,
                              np.nonzero((used == 0) & (capacity > 0))[0], own, left_name,
                              right_name)
        unmatched += [(int(right[j]), Unmatched(
            member=member(participants, int(right[j])), candidates=0,
            reasons=(_no_places(participants, int(right[j]), places),)))
            for j in np.nonzero(capacity <= 0)[0]]
    unmatched.sort(key=lambda item: item[0])
    return tuple(p for _k, p in pairs), tuple(u for _k, u in unmatched)


def _no_places(participants: Participants, person: int, places: Places | None) -> str:
    """Why a mentor with no places takes none: her own value, or the model's number."""
    if places is None:
        return _("takes no mentees (capacity 0)")
    column = places.column
    if column is not None and participants.value(column, person) is not None:
        field = participants.field(column)
        if field is not None and (field.special_category or field.identifying):
            return _("takes no mentees (by their own {column})").format(column=column)
        return _("takes no mentees (their own {column}: 0)").format(column=column)
    return _("takes no mentees (no places: {source})").format(source=places.source())


def _not_met(participants: Participants, hard: Sequence[Rule], person: int,
             passing: Sequence[int], others: str, rows: bool) -> list[str]:
    """Why nobody meets the hard rules with ``person``: each rule nobody meets (with her own
    value), or the rules that only fail together, with how many meet each."""
    reasons = []
    for rule, count in zip(hard, passing, strict=True):
        if count == 0:
            fields = rule.left_fields if rows else rule.right_fields
            reasons.append(_("no {role} meets '{rule}' ({criterion}{note})").format(
                role=others, rule=rule.id, criterion=rule.criterion.name,
                note=_value_note(participants, person, fields)))
    if not reasons:
        detail = ", ".join(f"{rule.id}: {count}" for rule, count in zip(hard, passing,
                                                                        strict=True))
        reasons = [_("no {role} meets all hard rules together ({detail})").format(
            role=others, detail=detail)]
    return reasons


def _block(rules: Sequence[Rule], candidates: Candidates) -> tuple[list[Any], list[Any], Any]:
    """Each rule's fit over a block of candidates, each hard rule's "met", and all met."""
    np = _np()
    fits = [evaluate(rule, candidates) for rule in rules]
    met = [fit > 0 for rule, fit in zip(rules, fits, strict=True) if rule.rule.hard]
    allowed = np.ones(candidates.shape, dtype=bool)
    for one in met:
        allowed &= one
    return fits, met, allowed


def _candidates(count: int, reason: str) -> str:
    return ngettext("{count} candidate, {reason}", "{count} candidates, {reason}",
                    count).format(count=count, reason=reason)


def _mentees(plan: Plan, participants: Participants, encoded: Encoded, rules: Sequence[Rule],
             hard: Sequence[Rule], left: Any, right: Any, positions: Any, capacity: Any,
             used: Any, weakest: Any, others: str) -> list[tuple[int, Unmatched]]:
    """Reasons for unmatched mentees: their candidates are the mentors with places who meet
    every hard rule with them; what holds those places is compared with what they would add."""
    np = _np()
    result: list[tuple[int, Unmatched]] = []
    open_places = (capacity > 0)[None, :]
    full = (used >= capacity)[None, :]
    held = weakest[None, :]
    for block in _chunks(positions, len(right)):
        people = left[block]
        if len(right) == 0:
            for person in people.tolist():
                result.append((person, Unmatched(
                    member=member(participants, person), candidates=0,
                    reasons=(_("no {role} in the list").format(role=others),))))
            continue
        fits, met, allowed = _block(rules, Candidates(encoded, people, right))
        levels = _levels(rules, fits) if rules else np.zeros(allowed.shape)
        candidates = allowed & open_places
        taken = candidates & full
        counts = candidates.sum(axis=1)
        free = (candidates & ~full).sum(axis=1)
        more = (taken & (held > levels)).sum(axis=1)
        same = (taken & (held == levels)).sum(axis=1)
        less = (taken & (held < levels)).sum(axis=1)
        closed = (allowed & ~open_places).sum(axis=1)
        passing = np.array([one.sum(axis=1) for one in met]).reshape(len(met), len(people))
        for k, person in enumerate(people.tolist()):
            count = int(counts[k])
            if count:
                if free[k]:
                    reason = _("{free} of them with a free place the solver left unused").format(
                        free=int(free[k]))
                elif less[k]:
                    reason = _("all at capacity; {less} of them hold a pair that scores less "
                               "than this one would").format(less=int(less[k]))
                elif not same[k]:
                    reason = plan.solver.at_capacity()
                elif not more[k]:
                    reason = _("all at capacity with pairs that score the same as this one "
                               "would (the seed's order decided)")
                else:
                    reason = _("all at capacity: {more} with pairs that score more, {same} with "
                               "pairs that score the same as this one would (the seed's order "
                               "decided)").format(more=int(more[k]), same=int(same[k]))
                reasons = [_candidates(count, reason)]
            elif closed[k]:
                reasons = [ngettext(
                    "{count} {role} meets every hard rule but takes no mentees (no places)",
                    "{count} {role}s meet every hard rule but take no mentees (no places)",
                    int(closed[k])).format(count=int(closed[k]), role=others)]
            else:
                reasons = _not_met(participants, hard, person, passing[:, k].tolist(), others,
                                   rows=True)
            result.append((person, Unmatched(member=member(participants, person),
                                             candidates=count, reasons=tuple(reasons))))
    return result


def _mentors(participants: Participants, encoded: Encoded, rules: Sequence[Rule],
             hard: Sequence[Rule], left: Any, right: Any, positions: Any, own: Any,
             others: str, role: str) -> list[tuple[int, Unmatched]]:
    """Reasons for mentors with places and no mentee: their candidates are the mentees who
    meet every hard rule with them; where those mentees went is compared with this mentor."""
    np = _np()
    result: list[tuple[int, Unmatched]] = []
    paired = ~np.isnan(own)[:, None]
    theirs = own[:, None]
    for block in _chunks(positions, len(left)):
        people = right[block]
        if len(left) == 0:
            for person in people.tolist():
                result.append((person, Unmatched(
                    member=member(participants, person), candidates=0,
                    reasons=(_("no {role} in the list").format(role=others),))))
            continue
        fits, met, allowed = _block(rules, Candidates(encoded, left, people))
        levels = _levels(rules, fits) if rules else np.zeros(allowed.shape)
        counts = allowed.sum(axis=0)
        loose = (allowed & ~paired).sum(axis=0)
        placed = allowed & paired
        more = (placed & (theirs > levels)).sum(axis=0)
        same = (placed & (theirs == levels)).sum(axis=0)
        less = (placed & (theirs < levels)).sum(axis=0)
        passing = np.array([one.sum(axis=0) for one in met]).reshape(len(met), len(people))
        for k, person in enumerate(people.tolist()):
            count = int(counts[k])
            if count:
                if loose[k]:
                    reason = _("{loose} of them unmatched, left so by the solver").format(
                        loose=int(loose[k]))
                elif less[k]:
                    reason = _("all matched with other {role}s; {less} of them would score "
                               "more with this one").format(role=role, less=int(less[k]))
                elif not same[k]:
                    reason = _("all matched with other {role}s they score more with").format(
                        role=role)
                elif not more[k]:
                    reason = _("all matched with other {role}s, with whom they score the same "
                               "as with this one (the seed's order decided)").format(role=role)
                else:
                    reason = _("all matched with other {role}s: {more} score more with theirs, "
                               "{same} the same as with this one (the seed's order "
                               "decided)").format(role=role, more=int(more[k]),
                                                  same=int(same[k]))
                reasons = [_candidates(count, reason)]
            else:
                reasons = _not_met(participants, hard, person, passing[:, k].tolist(), others,
                                   rows=False)
            result.append((person, Unmatched(member=member(participants, person),
                                             candidates=count, reasons=tuple(reasons))))
    return result


def _buddies(participants: Participants, encoded: Encoded, rules: Sequence[Rule],
             hard: Sequence[Rule], people: Any, positions: Any, taken: Any,
             others: str) -> list[tuple[int, Unmatched]]:
    """Reasons for buddies left unpaired: their candidates meet every hard rule both ways."""
    np = _np()
    result: list[tuple[int, Unmatched]] = []
    for block in _chunks(positions, len(people)):
        who = people[block]
        if len(people) <= 1:
            for person in who.tolist():
                result.append((person, Unmatched(
                    member=member(participants, person), candidates=0,
                    reasons=(_("no {role} in the list").format(role=others),))))
            continue
        _fits, met, _allowed = _block(hard, Candidates(encoded, who, people))
        _back, met_back, _allowed_back = _block(hard, Candidates(encoded, people, who))
        allowed = np.ones((len(who), len(people)), dtype=bool)
        both = []
        for one, back in zip(met, met_back, strict=True):
            one = one & back.T
            one[np.arange(len(who)), block] = False  # nobody is her own buddy
            both.append(one)
            allowed &= one
        allowed[np.arange(len(who)), block] = False
        counts = allowed.sum(axis=1)
        loose = (allowed & ~taken[None, :]).sum(axis=1)
        passing = np.array([one.sum(axis=1) for one in both]).reshape(len(both), len(who))
        for k, person in enumerate(who.tolist()):
            count = int(counts[k])
            if count:
                reason = _("all paired with others") if not loose[k] else _(
                    "{loose} of them unpaired, left so by the solver").format(loose=int(loose[k]))
                reasons = [_candidates(count, reason)]
            else:
                reasons = _not_met(participants, hard, person, passing[:, k].tolist(), others,
                                   rows=True)
            result.append((person, Unmatched(member=member(participants, person),
                                             candidates=count, reasons=tuple(reasons))))
    return result


def summary(plan: Plan, participants: Participants, pairs: Sequence[Pair],
            groups: Sequence[Group], unmatched: Sequence[Unmatched], capacity: Any,
            places: Places | None = None) -> Summary:
    roles = tuple(dict.fromkeys(plan.left_roles + plan.right_roles))
    scores = [p.score for p in pairs]
    counts: dict[str, int] = {role: 0 for role in roles}
    for item in unmatched:
        counts[item.member.role] = counts.get(item.member.role, 0) + 1
    return Summary(
        participants=tuple((role, participants.count(role)) for role in roles),
        pairs=len(pairs), groups=len(groups), unmatched=tuple(counts.items()),
        total_score=round(sum(scores), 6),
        mean_score=round(sum(scores) / len(scores), 6) if scores else None,
        capacity_used=len(pairs) if capacity is not None else None,
        capacity=None if capacity is None or (places is not None and places.each is None)
        else int(capacity.sum()),
        places=places)
