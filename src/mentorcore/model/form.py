"""Forms: documents filled in at an event or a meeting."""

from mentorcore.model.fields import fact
from mentorcore.model.text import Text
from mentorcore.records import record

FIELD_TYPES = ("text", "long_text", "date", "number", "contact", "checkbox", "principle")


@record(kw_only=True)
class FormField:
    """One field of a form. ``principle`` is an agreed principle the parties tick."""

    id: str = fact("short id", example="date")
    label: Text = fact("the label as printed", example={"fi": "Päivämäärä", "en": "Date"})
    type: str = fact("kind of answer", default="text", choices=FIELD_TYPES)
    required: bool = fact("true when the form is incomplete without it", default=False)


@record(kw_only=True)
class Form:
    """A form such as Auroras' Liite 1 (first meeting) or Liite 2 (meeting checklist)."""

    id: str = fact("short id", example="first-meeting")
    name: Text = fact("title of the form")
    used_at: str | None = fact("event or phase id where it is filled in, or each_meeting",
                               default=None, example="start-meeting")
    filled_by: tuple[str, ...] = fact("roles that fill it in", factory=tuple, ref="roles")
    fields: tuple[FormField, ...] = fact("the fields, in order", factory=tuple)
    source: str | None = fact("source id", default=None, ref="sources")
