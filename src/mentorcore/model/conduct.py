"""Rules of conduct and the support participants can count on."""

from mentorcore.model.fields import fact
from mentorcore.model.text import Text
from mentorcore.records import record


@record(kw_only=True)
class ConductRule:
    """A rule participants commit to: confidentiality, notify if you cannot come, …"""

    id: str = fact("short id", example="confidentiality")
    text: Text = fact("the rule as the document states it")
    applies_to: tuple[str, ...] = fact("roles bound by it", factory=tuple, ref="roles")
    source: str | None = fact("source id", default=None, ref="sources")


@record(kw_only=True)
class Support:
    """Support offered to participants: staff contact, peer meetings, a materials bank."""

    id: str = fact("short id", example="staff-contact")
    text: Text = fact("what is offered")
    by: str | None = fact("role that offers it", default=None, ref="roles")
    to: tuple[str, ...] = fact("roles that receive it", factory=tuple, ref="roles")
    regular: bool = fact("true when offered on a regular schedule", default=False)
    resource: str | None = fact("resource id it points to", default=None, ref="resources")
    source: str | None = fact("source id", default=None, ref="sources")
