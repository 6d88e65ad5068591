"""Group formation: pairs (or people) split into groups within the unit's size range, with the
unit's ``balance`` field spread evenly.

* a group of pairs (``composition: pairs``, ``made_of: pair``, e.g. Womento's 5–15 pairs): the
  pairs formed are split into groups;
* a group of mentees led by mentors (Oma polku): each mentor's mentees form the mentor's group
  (the solver assigned them, respecting the hard rules and the leader's places,
  :func:`mentorcore.matching.plan.places_for`);
* a group of peers or a mixed group (Kesälukio's camp group of about 20): the people are split.

The size is the model's (:func:`mentorcore.matching.plan.group_size`: the unit's size, or about
the assumption ``group_size`` when the unit states no maximum). The number of groups is the
fewest that keep every group within the maximum size (for an approximate size, "about 20", the
nearest); sizes differ by at most one. Balancing deals the
items out in turn: people with the same value of the balanced field go to different groups
first; numbers (age, years in Finland) are dealt in a snake order so that the groups' means stay
close. A group outside the size range is reported as a warning (W505).
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from mentorcore.diagnostics import Diagnostic
from mentorcore.i18n import _, current
from mentorcore.matching import problems
from mentorcore.matching.participants import Participants
from mentorcore.matching.plan import group_size
from mentorcore.matching.result import Group, Member, Pair
from mentorcore.model import Programme, Range, Unit
from mentorcore.spelling import normalise

if TYPE_CHECKING:
    from mentorcore.matching.plan import Plan

__all__ = ["deal", "group_count", "group_pairs", "split_people"]


def group_count(items: int, size_min: float, size_max: float | None, approx: bool) -> int:
    """How many groups ``items`` make under a size range."""
    if items == 0:
        return 0
    if size_max is None or size_max <= 0:
        return 1
    if approx:
        return max(1, round(items / size_max))
    return max(1, math.ceil(items / size_max))


def deal(keys: Sequence[Any], sizes: Sequence[int], numeric: bool, rng: Any) -> list[list[int]]:
    """Deal items (by their balance keys) into groups of the given sizes, spreading equal keys.

    ``keys`` may be ``None`` (no balancing: a seeded shuffle)."""
    order = [int(k) for k in rng.permutation(len(keys))]
    if numeric:
        order.sort(key=lambda k: (keys[k] is None, keys[k] if keys[k] is not None else 0))
    else:
        frequency = Counter(keys)
        order.sort(key=lambda k: (-frequency[keys[k]], str(keys[k])))
    groups: list[list[int]] = [[] for _ in sizes]
    sequence = list(range(len(sizes)))
    turn = 0
    forward = True
    for item in order:
        open_groups = [g for g in sequence if len(groups[g]) < sizes[g]]
        if not open_groups:
            break
        if numeric:
            cycle = open_groups if forward else open_groups[::-1]
            target = cycle[turn % len(cycle)]
            turn += 1
            if turn >= len(cycle):
                turn, forward = 0, not forward
        else:
            target = open_groups[turn % len(open_groups)]
            turn += 1
        groups[target].append(item)
    return groups


def _sizes(items: int, count: int) -> list[int]:
    base, extra = divmod(items, count) if count else (0, 0)
    return [base + (1 if k < extra else 0) for k in range(count)]


def _balance_key(participants: Participants, field: str | None, people: Sequence[int]) -> Any:
    """The balanced field's value of the first of ``people`` who has one (a pair: the mentee
    first, then the mentor)."""
    if field is None or participants.field(field) is None:
        return None
    for person in people:
        value = participants.value(field, person)
        if isinstance(value, str):
            return normalise(value)
        if isinstance(value, tuple):
            return ";".join(sorted(normalise(item) for item in value))
        if value is not None:
            return value
    return None


def _spread(participants: Participants, field: str | None,
            people: Sequence[int]) -> tuple[tuple[str, int], ...]:
    declared = participants.field(field) if field else None
    if declared is None or declared.special_category or declared.identifying or \
            declared.type in ("number", "date"):
        return ()
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}  # values equal as read (normalise) count as one, shown as first met

    def count(text: str) -> None:
        key = normalise(text)
        counts[shown.setdefault(key, " ".join(unicodedata.normalize("NFC", text).split()))] += 1

    for person in people:
        value = participants.value(declared.id, person)
        if value is None:
            counts["(empty)"] += 1
        elif isinstance(value, tuple):
            for item in value:
                count(item)
        else:
            count(str(value).lower() if isinstance(value, bool) else str(value))
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _size_warning(programme: Programme, unit: Unit, group: str, size: int, unit_word: str
                  ) -> Diagnostic | None:
    if unit.size is None:
        return None
    low, high = unit.size.min, unit.size.upper
    if unit.size.approx:
        low, high = low * 0.8, high * 1.25
    if low <= size <= high:
        return None
    index = programme.ids("units").index(unit.id)
    from mentorcore.words import Words

    words = Words(current())  # plurals as the language makes them, English too
    count = words.quantity(Range(min=size, max=size, unit=unit_word))
    allowed = words.quantity(unit.size)
    return problems.GROUP_SIZE.error(
        _("group '{group}' has {count}, outside {allowed}").format(
            group=group, count=count, allowed=allowed), path=("units", index, "size"),
        hint=_("there are too few or too many participants for this range"))


def split_people(programme: Programme, unit: Unit, participants: Participants, people: Any,
                 rng: Any) -> tuple[tuple[Group, ...], list[Diagnostic]]:
    """A balanced split of people (a group of peers, a mixed group)."""
    people = [int(p) for p in people]
    size = group_size(programme, unit)
    count = group_count(len(people), size.min if size else 0, size.max if size else None,
                        bool(size and size.approx))
    field = unit.balance
    numeric = bool(field and participants.field(field) and
                   participants.field(field).type in ("number", "date"))  # type: ignore[union-attr]
    keys = [_balance_key(participants, field, [p]) for p in people]
    dealt = deal(keys, _sizes(len(people), count), numeric, rng)
    groups = []
    notes: list[Diagnostic] = []
    for number, items in enumerate(dealt, start=1):
        members = sorted(people[k] for k in items)
        group_id = f"{unit.id}-{number}"
        groups.append(Group(id=group_id, unit=unit.id,
                            members=tuple(Member(id=participants.ids[p], role=participants.roles[p])
                                          for p in members),
                            balance=field, spread=_spread(participants, field, members)))
        warning = _size_warning(programme, unit, group_id, len(members), "person")
        if warning:
            notes.append(warning)
    return tuple(groups), notes


def group_pairs(programme: Programme, plan: Plan, participants: Participants,
                pairs: Sequence[Pair], rng: Any
                ) -> tuple[tuple[Pair, ...], tuple[Group, ...], list[Diagnostic]]:
    """Groups made from the pairs: by leader (a group led by mentors) or a balanced split."""
    unit = plan.group_unit
    assert unit is not None  # called only when the plan forms groups
    index = {participants.ids[k]: k for k in range(len(participants))}
    notes: list[Diagnostic] = []
    groups: list[Group] = []
    assigned: dict[int, str] = {}
    if plan.mode == "led":
        by_leader: dict[str, list[int]] = {}
        for number, pair in enumerate(pairs):
            by_leader.setdefault(pair.members[1].id, []).append(number)
        leaders = sorted(by_leader, key=lambda ident: index[ident])
        counted = unit.size.unit if unit.size else "person"
        for number, leader in enumerate(leaders, start=1):
            group_id = f"{unit.id}-{number}"
            members = [pairs[k].members[0] for k in by_leader[leader]]
            people = [index[m.id] for m in members]
            groups.append(Group(id=group_id, unit=unit.id, leaders=(pairs[by_leader[leader][0]]
                                                                    .members[1],),
                                members=tuple(members), pairs=tuple(by_leader[leader]),
                                balance=unit.balance,
                                spread=_spread(participants, unit.balance, people)))
            for k in by_leader[leader]:
                assigned[k] = group_id
            headcount = len(members) + (1 if counted == "person" else 0)
            warning = _size_warning(programme, unit, group_id, headcount,
                                    "person" if counted == "person" else counted)
            if warning:
                notes.append(warning)
    else:
        size = group_size(programme, unit)
        per_pair = 2 if size is not None and size.unit == "person" else 1
        low = (size.min / per_pair) if size else 0
        high = (size.max / per_pair) if size and size.max is not None else None
        count = group_count(len(pairs), low, high, bool(size and size.approx))
        field = unit.balance
        declared = participants.field(field) if field else None
        numeric = bool(declared and declared.type in ("number", "date"))
        keys = [_balance_key(participants, field, [index[m.id] for m in pair.members])
                for pair in pairs]
        dealt = deal(keys, _sizes(len(pairs), count), numeric, rng)
        for number, items in enumerate(dealt, start=1):
            items = sorted(items)
            group_id = f"{unit.id}-{number}"
            people = [index[m.id] for k in items for m in pairs[k].members]
            groups.append(Group(id=group_id, unit=unit.id,
                                members=tuple(m for k in items for m in pairs[k].members),
                                pairs=tuple(items), balance=field,
                                spread=_spread(participants, field, people)))
            for k in items:
                assigned[k] = group_id
            stated = unit.size.unit if unit.size else "pair"
            warning = _size_warning(programme, unit, group_id,
                                    len(items) * (2 if stated == "person" else 1), stated)
            if warning:
                notes.append(warning)
    updated = tuple(attrs.evolve(pair, group=assigned.get(k)) for k, pair in enumerate(pairs))
    return updated, tuple(groups), notes
