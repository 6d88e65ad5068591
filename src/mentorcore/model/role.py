"""Roles: kinds of participants and the requirements on who may take them."""

from typing import TYPE_CHECKING

from mentorcore.model.fields import fact
from mentorcore.model.quantity import Range
from mentorcore.model.text import Text
from mentorcore.records import record

if TYPE_CHECKING:
    from mentorcore.model.participant import ParticipantField

ROLE_KINDS = ("mentor", "mentee", "staff", "buddy", "peer", "expert")


@record(kw_only=True)
class Requirement:
    """Something a participant in a role must be or have ("has worked in the mentee's field")."""

    id: str = fact("short id", example="same-field")
    text: Text = fact("the requirement as the document states it")
    attribute: str | None = fact("participant attribute it concerns, if checkable", default=None,
                                 example="gender")
    one_of: tuple[str, ...] = fact("allowed values of the attribute", factory=tuple,
                                   example=["female"])
    range: Range | None = fact("allowed range of the attribute", default=None)
    source: str | None = fact("source id", default=None, ref="sources")


@record(kw_only=True)
class Role:
    """A kind of participant: mentor, mentee ("aktori"), staff, language buddy, peer…"""

    id: str = fact("short id that units, events and reports refer to", example="mentor")
    name: Text = fact("display name", example={"fi": "mentori", "en": "mentor"})
    kind: str = fact("what the role is", choices=ROLE_KINDS, example="mentor")
    description: Text | None = fact("who takes this role", default=None)
    volunteer: bool | None = fact("true when the role is voluntary, unpaid work", default=None)
    requirements: tuple[Requirement, ...] = fact("who may take the role", factory=tuple)
    source: str | None = fact("source id", default=None, ref="sources")


ONE_OF = "one_of"
RANGE = "range"
YES = "yes"
VALUE = "value"


def requirement_kind(requirement: Requirement, field: "ParticipantField | None") -> str | None:
    """What a requirement admits — one meaning for matching's eligibility
    (:mod:`mentorcore.matching.eligibility`) and the checks of ``validate``: ``one_of``,
    ``range`` (both: ``one_of`` and the range must hold), ``yes`` (a yes/no field, neither
    given), ``value`` (another field, neither given), or ``None`` when it has no attribute
    (checked by staff). ``field`` is the participant field the attribute names."""
    if requirement.attribute is None:
        return None
    if requirement.one_of:
        return ONE_OF
    if requirement.range is not None:
        return RANGE
    if field is not None and field.type == "boolean":
        return YES
    return VALUE
