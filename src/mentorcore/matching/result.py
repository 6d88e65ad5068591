"""What matching returns: pairs, groups and the unmatched, each with its explanation.

All plain frozen attrs values; :mod:`mentorcore.matching.formats` renders them as a table,
Markdown, CSV or JSON. People appear by id and role only — names are added by the renderers
when asked (``--show-names``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mentorcore.diagnostics import Diagnostic
from mentorcore.i18n import _
from mentorcore.records import record

if TYPE_CHECKING:
    from mentorcore.matching.plan import Places

__all__ = ["Group", "MatchResult", "Member", "NotEligible", "NotMatched", "Pair", "RequirementUse",
           "RuleOutcome", "Summary", "Unmatched"]


@record(kw_only=True)
class Member:
    """A person in a result: id and role (never a name)."""

    id: str
    role: str


@record(kw_only=True)
class RuleOutcome:
    """How one rule scores one pair: ``fit`` in [0, 1]; a hard rule is met when fit > 0, a
    preference adds ``points = weight × fit`` to the score."""

    rule: str
    criterion: str
    hard: bool
    fit: float
    weight: float

    @property
    def met(self) -> bool:
        return self.fit > 0

    @property
    def points(self) -> float:
        return 0.0 if self.hard else self.weight * self.fit

    def reason(self) -> str:
        """Why the pair meets (or not) this rule, in the language of the run."""
        if self.hard:
            return (_("meets hard rule '{rule}' ({criterion})") if self.met else
                    _("does not meet hard rule '{rule}' ({criterion})")).format(
                rule=self.rule, criterion=self.criterion)
        if self.fit >= 1:
            return _("meets '{rule}' ({criterion}): +{points}").format(
                rule=self.rule, criterion=self.criterion, points=_number(self.points))
        if self.fit > 0:
            return _("partly meets '{rule}' ({criterion}): fit {fit} × weight {weight} = "
                     "+{points}").format(rule=self.rule, criterion=self.criterion,
                                         fit=_number(self.fit), weight=_number(self.weight),
                                         points=_number(self.points))
        return _("does not meet '{rule}' ({criterion}): +0").format(
            rule=self.rule, criterion=self.criterion)


def _number(value: float) -> str:
    return f"{round(value, 6):g}"


@record(kw_only=True)
class Pair:
    """A formed pair: ``members`` are (mentee, mentor), or two buddies; ``score`` is the sum of
    the preferences' points; ``rules`` the outcome of every rule; ``group`` the group's id."""

    members: tuple[Member, Member]
    score: float
    rules: tuple[RuleOutcome, ...]
    group: str | None = None

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(outcome.reason() for outcome in self.rules)


@record(kw_only=True)
class Group:
    """A formed group: its leaders (e.g. the mentors who lead it), its members, the indices of
    the pairs it is made of (for a group of pairs), and how the balanced field is spread."""

    id: str
    unit: str
    leaders: tuple[Member, ...] = ()
    members: tuple[Member, ...] = ()
    pairs: tuple[int, ...] = ()
    balance: str | None = None
    spread: tuple[tuple[str, int], ...] = ()
    """(value, count) of the balanced field in the group; empty for personal categories."""

    @property
    def size(self) -> int:
        return len(self.leaders) + len(self.members)


@record(kw_only=True)
class Unmatched:
    """Someone left without a unit, with why: ``candidates`` counts those who meet every hard
    rule with them (for a mentee: mentors with places); the reasons are derived from the solve
    (:func:`mentorcore.matching.explain.explain`)."""

    member: Member
    candidates: int
    reasons: tuple[str, ...]


@record(kw_only=True)
class NotEligible:
    """Someone the roles' requirements leave out before matching: ``requirements`` are the ids of
    the requirements she does not meet, ``reasons`` say each in the run's language, with the
    requirement's own text ("not eligible: aged 15–20 (requirement 'age')", or "not eligible: no
    answer …" for an empty cell) — never her value."""

    member: Member
    requirements: tuple[str, ...]
    reasons: tuple[str, ...]


@record(kw_only=True)
class NotMatched:
    """Someone in a role of the model that this matching does not use (e.g. staff)."""

    member: Member
    reasons: tuple[str, ...]


@record(kw_only=True)
class RequirementUse:
    """How one requirement of a matched role is applied: ``applied`` is ``before_matching`` (an
    eligibility rule on the person's own ``attribute``; ``admits`` says what it admits:
    ``one_of``, ``range``, ``yes`` or ``value``, and ``rules`` are the hard rules that check the
    rest of a ``value`` requirement) or ``by_staff`` (no attribute: staff check it).
    ``not_eligible`` counts the people it leaves out."""

    role: str
    requirement: str
    text: str
    attribute: str | None
    applied: str
    admits: str | None
    rules: tuple[str, ...] = ()
    not_eligible: int = 0

    def describe(self) -> str:
        """How it is applied, in the run's language."""
        if self.applied == "by_staff":
            return _("checked by staff")
        if self.admits == "value" and self.rules:
            return _("applied before matching: a value is needed; hard rule {rules} checks the "
                     "rest").format(rules=", ".join(f"'{rule}'" for rule in self.rules))
        if self.admits == "value":
            return _("applied before matching: any value is admitted")
        return _("applied before matching")

    def to_json(self) -> dict[str, Any]:
        return {"role": self.role, "requirement": self.requirement, "text": self.text,
                "attribute": self.attribute, "applied": self.applied, "admits": self.admits,
                "rules": list(self.rules), "not_eligible": self.not_eligible}


@record(kw_only=True)
class Summary:
    """Counts: people per role, pairs, groups, unmatched per role, total and mean score.

    Everyone is accounted for: ``rows`` is the number of people read, and for every role
    ``participants`` = ``placed`` (in a pair or group) + ``unmatched`` + ``not_eligible`` +
    ``not_matched`` (roles the matching does not use)."""

    participants: tuple[tuple[str, int], ...]
    pairs: int
    groups: int
    unmatched: tuple[tuple[str, int], ...]
    total_score: float
    mean_score: float | None
    capacity_used: int | None = None
    capacity: int | None = None
    places: Places | None = None
    """How many places each mentor or leader has and which fact of the model says so."""
    rows: int | None = None
    placed: tuple[tuple[str, int], ...] = ()
    not_eligible: tuple[tuple[str, int], ...] = ()
    not_matched: tuple[tuple[str, int], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "participants": dict(self.participants),
            "placed": dict(self.placed),
            "pairs": self.pairs,
            "groups": self.groups,
            "unmatched": dict(self.unmatched),
            "not_eligible": dict(self.not_eligible),
            "not_matched": dict(self.not_matched),
            "total_score": round(self.total_score, 6),
            "mean_score": None if self.mean_score is None else round(self.mean_score, 6),
            "capacity_used": self.capacity_used,
            "capacity": self.capacity,
            "places": None if self.places is None else self.places.to_json(),
        }


@record(kw_only=True)
class MatchResult:
    """The result of :func:`mentorcore.matching.match`."""

    model: str
    unit: str
    solver: str
    seed: int
    source: str
    pairs: tuple[Pair, ...]
    groups: tuple[Group, ...]
    unmatched: tuple[Unmatched, ...]
    summary: Summary
    warnings: tuple[Diagnostic, ...] = ()
    not_eligible: tuple[NotEligible, ...] = ()
    not_matched: tuple[NotMatched, ...] = ()
    requirements: tuple[RequirementUse, ...] = ()
    role_names: tuple[tuple[str, str], ...] = ()
    """(id, name) of the model's roles in the language of the run: the texts for people name a
    role so (``mentoroitava``), the JSON and the list's cells keep the ids."""
    unit_kind: str | None = None
    """The kind of ``unit`` (``pair``, ``group`` …), for a label where the model names it not."""
    unit_name: str | None = None
    """The unit's name in the language of the run, when the model gives one."""

    def role_name(self, role: str) -> str:
        """``role`` (an id) as people read it: by its name, else its id."""
        return dict(self.role_names).get(role, role)

    def pair_of(self, person: str) -> Pair | None:
        """The pair ``person`` (an id) is in, if any."""
        return next((p for p in self.pairs if any(m.id == person for m in p.members)), None)
