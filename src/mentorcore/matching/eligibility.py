"""Eligibility: who may take part, from the roles' requirements, applied before matching.

A requirement (:class:`mentorcore.model.Requirement`) with an ``attribute`` is a rule on the
person's own value of that participant field, in the rows of the requirement's role:

* ``one_of`` — the value is one of the listed values (text compared as the participant store
  compares it, :func:`mentorcore.spelling.normalise`; a list field: any of its
  values);
* ``range`` — the number lies within ``min``–``max`` (inclusive; "about" widens the bounds as
  everywhere, :meth:`mentorcore.model.Range.approx_bounds`);
* neither, on a yes/no (``boolean``) field — the answer is yes;
* neither, on another field — the person has a value; what the value must be is the business of
  the hard matching rules that read the field (same field, same language group…).

An empty cell meets no requirement: "not eligible: no answer". A requirement without an
``attribute`` is not applied to anyone; it is listed once as "checked by staff". Someone who does
not meet a requirement is never offered to the solver; the result lists her as not eligible with
the requirement's own text, never her value. :func:`admits` is the one meaning of a requirement,
with :func:`~mentorcore.model.role.requirement_kind` (what it admits, a fact of the model): the
``validate`` checks (E215-W217) read them too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from mentorcore.diagnostics import MentorcoreError
from mentorcore.i18n import _, current
from mentorcore.matching import problems
from mentorcore.matching.participants import Participants
from mentorcore.model import ParticipantField, Programme, Requirement
from mentorcore.model.role import ONE_OF, RANGE, VALUE, YES, requirement_kind
from mentorcore.records import record
from mentorcore.spelling import normalise

if TYPE_CHECKING:
    from mentorcore.matching.result import NotEligible, RequirementUse
    from mentorcore.matching.rules import Rule

__all__ = ["BEFORE_MATCHING", "BY_STAFF", "ONE_OF", "RANGE", "VALUE", "YES", "Eligibility",
           "admits", "assess", "requirement_kind"]

BEFORE_MATCHING = "before_matching"
BY_STAFF = "by_staff"

def admits(requirement: Requirement, field: ParticipantField | None, value: Any) -> bool:
    """Whether ``value`` (a typed value of the participant store, not ``None``) meets
    ``requirement``."""
    if requirement.range is not None:
        low, high = requirement.range.approx_bounds()
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return False
        if not low <= value <= high:
            return False
    if requirement.one_of:
        allowed = {normalise(str(v)) for v in requirement.one_of}
        values = value if isinstance(value, tuple) else (value,)
        return any(isinstance(v, str) and normalise(v) in allowed for v in values)
    if requirement.range is not None:
        return True
    if field is not None and field.type == "boolean":
        return value is True
    return True


@record(kw_only=True)
class _Applied:
    role: str
    index: int
    requirement: Requirement
    field: ParticipantField | None
    kind: str | None
    rules: tuple[str, ...]


@record(kw_only=True)
class Eligibility:
    """Who is eligible: ``eligible[k]`` for person ``k`` (true for everyone outside the roles
    assessed); ``not_eligible`` the people left out, with the requirements they do not meet;
    ``requirements`` how each requirement of the assessed roles is applied."""

    roles: tuple[str, ...]
    people: tuple[str, ...]
    """Each person's role (``Participants.roles``)."""
    eligible: tuple[bool, ...]
    not_eligible: tuple[tuple[int, NotEligible], ...]
    requirements: tuple[RequirementUse, ...]

    def of_role(self, *roles: str) -> list[int]:
        """Indices of the eligible people in any of ``roles``, in file order."""
        wanted = set(roles)
        return [k for k, role in enumerate(self.people) if role in wanted and self.eligible[k]]


def _text(requirement: Requirement, language: str) -> str:
    """The requirement's own text in ``language`` (a final full stop left out, as it is quoted
    inside a sentence)."""
    text = requirement.text.get(language).strip()
    return (text[:-1] if text.endswith(".") and not text.endswith("..") else text) \
        or requirement.id


def _readers(rules: Iterable[Rule]) -> dict[str, list[str]]:
    """Field → the hard rules that read it."""
    readers: dict[str, list[str]] = {}
    for rule in rules:
        if rule.rule.hard:
            for name in dict.fromkeys((*rule.left_fields, *rule.right_fields)):
                readers.setdefault(name, []).append(rule.id)
    return readers


def assess(programme: Programme, participants: Participants, roles: Sequence[str],
           rules: Iterable[Rule] = ()) -> Eligibility:
    """Apply the requirements of ``roles`` to ``participants``.

    ``rules`` are the resolved matching rules (their hard rules check what a ``value``
    requirement leaves open). Raises :class:`~mentorcore.MentorcoreError` (E403) when the list
    has people in a role whose requirement reads a column the list lacks."""
    # imported here: validate's requirement checks need only requirement_kind (~5 ms a run)
    from mentorcore.matching.result import Member, NotEligible, RequirementUse

    language = current()
    declared = {f.id: f for f in
                (programme.participant_data.fields if programme.participant_data else ())}
    readers = _readers(rules)
    wanted = tuple(dict.fromkeys(roles))
    applied: list[_Applied] = []
    missing = []
    present = set(participants.roles)
    for role in programme.roles:
        if role.id not in wanted:
            continue
        for index, requirement in enumerate(role.requirements):
            attribute = requirement.attribute
            field = declared.get(attribute) if attribute is not None else None
            kind = requirement_kind(requirement, field)
            applied.append(_Applied(role=role.id, index=index, requirement=requirement,
                                    field=field, kind=kind,
                                    rules=tuple(readers.get(attribute, ()))
                                    if kind == VALUE and attribute is not None else ()))
            if attribute is not None and role.id in present and \
                    participants.field(attribute) is None:
                missing.append(problems.MISSING_COLUMN.error(
                    _("missing column '{column}', which requirement '{requirement}' of role "
                      "{role} reads").format(column=attribute, requirement=requirement.id,
                                             role=role.id),
                    hint=_("add the column (an empty cell is not eligible: no answer)")
                    if field is not None else
                    _("declare the field under participant_data.fields and add the "
                      "column")).with_position(participants.source, 1, None))
    if missing:
        raise MentorcoreError(list(dict.fromkeys(missing)))

    failures: dict[int, list[tuple[str, str]]] = {}
    counts: dict[tuple[str, int], int] = {}
    for item in applied:
        attribute = item.requirement.attribute
        if item.kind is None or attribute is None:
            continue
        column = participants.values.get(attribute)
        if column is None:  # no column, and so nobody in the role (else E403 above)
            continue
        text = _text(item.requirement, language)
        no_answer = _("not eligible: no answer to '{column}' (requirement '{requirement}': "
                      "{text})").format(column=attribute, text=text,
                                        requirement=item.requirement.id)
        not_met = _("not eligible: requirement '{requirement}' not met ({text})").format(
            text=text, requirement=item.requirement.id)
        known: dict[Any, bool] = {}  # one answer per distinct value
        count = 0
        for k in participants.of_role(item.role):
            value = column[k]
            if value is None:
                reason = no_answer
            else:
                met = known.get(value)
                if met is None:
                    met = known[value] = admits(item.requirement, item.field, value)
                if met:
                    continue
                reason = not_met
            failures.setdefault(k, []).append((item.requirement.id, reason))
            count += 1
        counts[item.role, item.index] = count
    eligible = [True] * len(participants)
    left_out: list[tuple[int, NotEligible]] = []
    for k in sorted(failures):
        eligible[k] = False
        left_out.append((k, NotEligible(
            member=Member(id=participants.ids[k], role=participants.roles[k]),
            requirements=tuple(r for r, _reason in failures[k]),
            reasons=tuple(reason for _r, reason in failures[k]))))
    uses = tuple(RequirementUse(
        role=item.role, requirement=item.requirement.id,
        text=_text(item.requirement, language), attribute=item.requirement.attribute,
        applied=BY_STAFF if item.kind is None else BEFORE_MATCHING, admits=item.kind,
        rules=item.rules, not_eligible=counts.get((item.role, item.index), 0))
        for item in applied)
    return Eligibility(roles=wanted, people=participants.roles, eligible=tuple(eligible),
                       not_eligible=tuple(left_out), requirements=uses)

