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


def explain(plan: Plan, rules: Sequence[Rule], participants: Participants, encoded: Encoded,
            left: Any, right: Any, pair_left: Any, pair_right: Any, weighed: Weighed,
            capacity: Any) -> tuple[tuple[Pair, ...], tuple[Unmatched, ...]]:
    """Pairs with their rule outcomes, and the unmatched of both sides with their reasons."""
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

    unmatched: list[tuple[int, Unmatched]] = []
    hard = [r for r in rules if r.rule.hard]
    left_name = "/".join(plan.left_roles)
    right_name = "/".join(plan.right_roles)
    if reciprocal:
        taken = np.zeros(len(left), dtype=bool)
        taken[pair_left] = True
        taken[pair_right] = True
        loose = np.nonzero(~taken)[0]
        unmatched += _side(participants, encoded, hard, left, left, loose, weighed.rows, "left",
                           left_name, True, _("all paired with others"), rows=True)
    else:
        matched_left = np.zeros(len(left), dtype=bool)
        matched_left[pair_left] = True
        places = plan.solver.at_capacity()
        unmatched += _side(participants, encoded, hard, left, right, np.nonzero(~matched_left)[0],
                           weighed.rows, "left", right_name, False, places, rows=True)
        used = np.bincount(pair_right, minlength=len(right))
        idle = np.nonzero((used == 0) & (capacity > 0))[0]
        unmatched += _side(participants, encoded, hard, left, right, idle, weighed.columns,
                           "right",
                           left_name, False,
                           _("all matched with other {role}s").format(role=right_name),
                           rows=False)
        for j in np.nonzero(capacity <= 0)[0]:
            unmatched.append((int(right[j]), Unmatched(
                member=member(participants, int(right[j])), candidates=0,
                reasons=(_("takes no mentees (capacity 0)"),))))
    unmatched.sort(key=lambda item: item[0])
    return tuple(p for _k, p in pairs), tuple(u for _k, u in unmatched)


def _side(participants: Participants, encoded: Encoded, hard: Sequence[Rule], left: Any,
          right: Any, positions: Any, counts: Any, side: str, others: str, reciprocal: bool,
          taken: str, rows: bool) -> list[tuple[int, Unmatched]]:
    """Reasons for the unmatched at ``positions`` of one side (rows: the left side)."""
    np = _np()
    if not len(positions):
        return []
    people = left if rows else right
    counterpart = right if rows else left
    found = counts[positions]
    result: list[tuple[int, Unmatched]] = []
    nobody = positions[found == 0]
    per_rule: list[Any] = []
    if len(nobody) and len(counterpart) and hard:
        for rule in hard:
            if rows:
                candidates = Candidates(encoded, people[nobody], counterpart)
                fit = evaluate(rule, candidates) > 0
                if reciprocal:
                    back = Candidates(encoded, counterpart, people[nobody])
                    fit = fit & (evaluate(rule, back) > 0).T
                    fit[np.arange(len(nobody)), nobody] = False
                per_rule.append(fit.sum(axis=1))
            else:
                candidates = Candidates(encoded, counterpart, people[nobody])
                per_rule.append((evaluate(rule, candidates) > 0).sum(axis=0))
    nobody_row = {int(p): k for k, p in enumerate(nobody)}
    for position, count in zip(positions.tolist(), found.tolist(), strict=True):
        person = int(people[position])
        reasons: list[str]
        if len(counterpart) == 0 or (reciprocal and len(counterpart) == 1):
            reasons = [_("no {role} in the list").format(role=others)]
        elif count > 0:
            reasons = [ngettext("{count} candidate, {reason}", "{count} candidates, {reason}",
                                int(count)).format(count=int(count), reason=taken)]
        else:
            k = nobody_row[position]
            failing = [(rule, int(counts[k]))
                       for rule, counts in zip(hard, per_rule, strict=True)]
            reasons = []
            for rule, passing in failing:
                if passing == 0:
                    fields = rule.left_fields if rows else rule.right_fields
                    reasons.append(_("no {role} meets '{rule}' ({criterion}{note})").format(
                        role=others, rule=rule.id, criterion=rule.criterion.name,
                        note=_value_note(participants, person, fields)))
            if not reasons:
                detail = ", ".join(f"{rule.id}: {passing}" for rule, passing in failing)
                reasons = [_("no {role} meets all hard rules together ({detail})").format(
                    role=others, detail=detail)]
        result.append((person, Unmatched(member=member(participants, person),
                                         candidates=int(count), reasons=tuple(reasons))))
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
