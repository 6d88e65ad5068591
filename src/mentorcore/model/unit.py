"""Units: who meets together — a pair, a reciprocal pair, a group."""

from mentorcore.model.fields import fact
from mentorcore.model.quantity import COUNT_UNITS, Range
from mentorcore.model.text import Text
from mentorcore.records import record

COMPOSITIONS = ("pairs", "mentees_led_by_mentors", "peers", "mixed")


@record(kw_only=True)
class Unit:
    """A set of participants who meet: ``pair`` (mentor + mentee), ``reciprocal_pair`` (two
    buddies who teach each other), ``group`` (of pairs, of mentees led by mentors, of peers)."""

    id: str = fact("short id", example="pair")
    name: Text | None = fact("display name", default=None)
    kind: str = fact("unit kind (pair, reciprocal_pair, group, or one a plugin provides)",
                     example="pair")
    roles: tuple[str, ...] = fact("roles of the members (for a pair: both roles)", factory=tuple,
                                  ref="roles", example=["mentor", "mentee"])
    composition: str | None = fact("what a group is made of", default=None, choices=COMPOSITIONS,
                                   example="pairs")
    made_of: str | None = fact("for a group of pairs: the unit it is made of", default=None,
                               ref="units", example="pair")
    led_by: tuple[str, ...] = fact("roles that lead a group", factory=tuple, ref="roles")
    size: Range | None = fact("how many members (pairs or people) the unit has", default=None,
                              units=COUNT_UNITS,
                              example={"min": 5, "max": 15, "unit": "pair"})
    balance: str | None = fact("for a group: the participant field whose values are spread evenly "
                               "across the groups that matching forms", default=None,
                               example="wished_field")
    description: Text | None = fact("what the unit is for", default=None)
    source: str | None = fact("source id", default=None, ref="sources")
