"""Participant data: the fields a model processes about people, with purpose and GDPR category.

Privacy by schema: a participant list may hold only the fields its model declares. A column the
model does not declare is dropped with a warning; a special-category column (ethnic origin,
refugee background, health…) is refused unless declared as such.
"""

from mentorcore.model.fields import fact
from mentorcore.model.text import Text
from mentorcore.records import record

FIELD_TYPES = ("text", "number", "list", "date", "boolean")
SPECIAL_CATEGORIES = ("ethnic_origin", "racial_origin", "religion", "health", "sexual_orientation",
                      "political_opinion", "trade_union", "biometric", "genetic")
"""GDPR Art. 9 categories. A refugee background or mother tongue may reveal ethnic origin."""


@record(kw_only=True)
class ParticipantField:
    """One column of a participant list."""

    id: str = fact("column name in the participant list", example="wished_field")
    purpose: Text = fact("why the programme processes it (shown in the record of processing)",
                         example="to find a mentor from the field the mentee hopes to work in")
    type: str = fact("kind of value; a list is separated by ; or |", default="text",
                     choices=FIELD_TYPES)
    roles: tuple[str, ...] = fact("roles that have the field (empty: every role)",
                                  factory=tuple, ref="roles")
    required: bool = fact("true when a row without it is an error", default=False)
    identifying: bool = fact("true for names and contact details: kept out of reports unless "
                             "--show-names", default=False)
    special_category: str | None = fact("GDPR Art. 9 category when the field is special-"
                                        "category data", default=None, choices=SPECIAL_CATEGORIES,
                                        example="ethnic_origin")
    values: tuple[str, ...] = fact("allowed values, when fixed", factory=tuple,
                                   example=["working_life", "language", "hobby"])


@record(kw_only=True)
class ParticipantData:
    """What the programme records about participants, and on what terms."""

    fields: tuple[ParticipantField, ...] = fact("the declared fields", factory=tuple)
    controller: Text | None = fact("the data controller (the organisation)", default=None)
    lawful_basis: Text | None = fact("GDPR Art. 6 basis (and Art. 9 condition)", default=None,
                                     example="consent of the participant")
    retention: Text | None = fact("how long the data are kept", default=None,
                                  example="until the closing event, then deleted")
