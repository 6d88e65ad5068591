"""Events: programme-wide happenings — one-off, a count spread over a phase, or monthly."""

from __future__ import annotations

import attrs

from mentorcore.model.fields import fact
from mentorcore.model.quantity import Range
from mentorcore.model.text import Text

TIMINGS = ("once", "spread", "monthly")
ANCHORS = ("start", "end")


@attrs.frozen(kw_only=True)
class Event:
    """A joint start meeting, 3–4 group meetings, monthly trainings, a closing event…

    ``timing: once`` happens at the ``at`` end of its ``phase``; ``spread`` happens ``count``
    times spread over the phase; ``monthly`` happens once a month during the phase. An event with
    ``certificates: true`` hands a certificate to everyone whose unit has completed by then (a
    closing event with certificates of participation); ``outputs`` only names what people get.
    """

    id: str = fact("short id", example="group-meetings")
    name: Text | None = fact("display name", default=None)
    timing: str = fact("once, spread or monthly", choices=TIMINGS, example="spread")
    phase: str = fact("the phase it belongs to", ref="phases", example="mentoring")
    at: str | None = fact("for once: start or end of the phase", default=None, choices=ANCHORS)
    count: Range | None = fact("for spread: how many times", default=None, unit="event",
                               units=frozenset({"event", "meeting", "session"}),
                               example={"min": 3, "max": 4})
    unit: str | None = fact("the unit that meets at it (e.g. group)", default=None, ref="units")
    audience: tuple[str, ...] = fact("roles taking part", factory=tuple, ref="roles")
    voluntary: bool = fact("true when taking part is voluntary", default=False)
    forms: tuple[str, ...] = fact("forms filled in at the event", factory=tuple, ref="forms")
    outputs: tuple[str, ...] = fact("what participants receive (e.g. certificate)", factory=tuple,
                                    example=["certificate"])
    certificates: bool = fact("true when the event hands a certificate to everyone whose unit "
                              "has completed by then (the simulation counts them)",
                              default=False, example=True)
    themes: tuple[Text, ...] = fact("themes or content", factory=tuple)
    description: Text | None = fact("what happens", default=None)
    source: str | None = fact("source id", default=None, ref="sources")
