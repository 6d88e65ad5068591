"""The standard phase kinds, unit kinds and matching criteria."""

from __future__ import annotations

from mentorcore.hookspecs import hookimpl
from mentorcore.kinds import Criterion, PhaseKind, UnitKind

PHASE_KINDS = (
    PhaseKind(name="recruitment", rank=10, description="participants are recruited or register"),
    PhaseKind(name="training", rank=10, description="mentors are trained or coached"),
    PhaseKind(name="orientation", rank=None,
              description="participants are oriented (mentors before matching, or mentees after)"),
    PhaseKind(name="matching", rank=20, description="pairs or groups are formed"),
    PhaseKind(name="start", rank=30, description="units meet for the first time"),
    PhaseKind(name="mentoring", rank=40, description="units meet by their cadence"),
    PhaseKind(name="group_mentoring", rank=40, description="groups meet and work together"),
    PhaseKind(name="closing", rank=50, description="the programme ends, e.g. with certificates"),
    PhaseKind(name="follow_up", rank=60, description="after the end: feedback, alumni activity"),
)

UNIT_KINDS = (
    UnitKind(name="pair", description="a mentor and a mentee", members=2),
    UnitKind(name="reciprocal_pair", description="two participants who mentor each other",
             members=2),
    UnitKind(name="group", description="a group of pairs, of mentees led by mentors, or of peers"),
)

CRITERIA = (
    Criterion(name="same_value", description="an attribute of the mentor equals one of the mentee"),
    Criterion(name="shared_language", description="the two share a language"),
    Criterion(name="gender", description="the participants' genders fit the programme's rule"),
    Criterion(name="age_range", description="age lies in a range"),
    Criterion(name="region", description="both are in the same region"),
    Criterion(name="availability", description="their available times overlap"),
    Criterion(name="wish", description="the mentor has a property the mentee wishes"),
    Criterion(name="forbidden_pair", description="pairs that must not be formed"),
)


@hookimpl
def register_phase_kinds(register):  # type: ignore[no-untyped-def]
    for kind in PHASE_KINDS:
        register(kind)


@hookimpl
def register_unit_kinds(register):  # type: ignore[no-untyped-def]
    for kind in UNIT_KINDS:
        register(kind)


@hookimpl
def register_criteria(register):  # type: ignore[no-untyped-def]
    for criterion in CRITERIA:
        register(criterion)
