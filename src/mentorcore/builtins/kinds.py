"""The standard phase kinds, unit kinds and matching criteria."""

from __future__ import annotations

from mentorcore.hookspecs import Register, hookimpl
from mentorcore.kinds import Criterion, PhaseKind, UnitKind
from mentorcore.matching import criteria as matching_criteria

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

CRITERIA = matching_criteria.CRITERIA
"""The core's criteria, vectorised: see :mod:`mentorcore.matching.criteria`."""


@hookimpl
def register_phase_kinds(register: Register[PhaseKind]) -> None:
    for kind in PHASE_KINDS:
        register(kind)


@hookimpl
def register_unit_kinds(register: Register[UnitKind]) -> None:
    for kind in UNIT_KINDS:
        register(kind)


@hookimpl
def register_criteria(register: Register[Criterion]) -> None:
    for criterion in CRITERIA:
        register(criterion)
