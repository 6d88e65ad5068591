"""Everyone is accounted for: each person read is in exactly one of a unit (a pair or a group),
the unmatched (with why), the not eligible (with the requirements), or — in a role of the model
that the matching does not use, such as staff — "not matched by this model".

:func:`account` completes a result with the last of these and the summary's counts, and checks
that they add up to the rows read: for every role, ``participants`` = ``placed`` +
``unmatched`` + ``not_eligible`` + ``not_matched``.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from mentorcore.i18n import _
from mentorcore.matching.eligibility import Eligibility
from mentorcore.matching.participants import Participants
from mentorcore.matching.plan import role_name, role_names
from mentorcore.matching.result import MatchResult, Member, NotMatched
from mentorcore.model import Programme

__all__ = ["account"]


def _counts(roles: Sequence[str], people: Sequence[Member]) -> tuple[tuple[str, int], ...]:
    counts = dict.fromkeys(roles, 0)
    for person in people:
        counts[person.role] = counts.get(person.role, 0) + 1
    return tuple(counts.items())


def account(programme: Programme, participants: Participants, roles: Sequence[str],
            eligibility: Eligibility, result: MatchResult) -> MatchResult:
    """``result`` with the not eligible, the people of roles the matching does not use (the
    matching uses ``roles``), the requirements as applied, and counts that add up."""
    used = tuple(dict.fromkeys(roles))
    not_matched = tuple(
        NotMatched(member=Member(id=participants.ids[k], role=role),
                   reasons=(_("not matched by this model (role {role})").format(
                       role=role_name(programme, role)),))
        for k, role in enumerate(participants.roles) if role not in used)
    not_eligible = tuple(item for _k, item in eligibility.not_eligible)

    placed: dict[str, Member] = {}
    for pair in result.pairs:
        for member in pair.members:
            placed[member.id] = member
    for group in result.groups:
        for member in (*group.leaders, *group.members):
            placed[member.id] = member
    places = [set(placed), {u.member.id for u in result.unmatched},
              {n.member.id for n in not_eligible}, {n.member.id for n in not_matched}]
    seen = sum(len(ids) for ids in places)
    union = set().union(*places)
    if seen != len(union) or union != set(participants.ids):
        raise AssertionError(
            f"matching accounts for {len(union)} of {len(participants)} people, "
            f"{seen - len(union)} of them twice")

    order = [*used, *(r.id for r in programme.roles if r.id not in used),
             *participants.roles]
    present = [role for role in dict.fromkeys(order) if role in set(participants.roles)]
    everyone = dict.fromkeys(used, 0)
    everyone.update({role: 0 for role in present})
    for role in participants.roles:
        everyone[role] += 1
    summary = attrs.evolve(
        result.summary, rows=len(participants), participants=tuple(everyone.items()),
        placed=_counts(used, list(placed.values())),
        not_eligible=_counts(used, [n.member for n in not_eligible]),
        not_matched=_counts((), [n.member for n in not_matched]))
    return attrs.evolve(result, not_eligible=not_eligible, not_matched=not_matched,
                        requirements=eligibility.requirements, summary=summary,
                        role_names=role_names(programme))
