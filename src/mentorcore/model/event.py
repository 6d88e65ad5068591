"""Events: programme-wide happenings — one-off, a count spread over a phase, or monthly."""

import attrs

from mentorcore.i18n import _
from mentorcore.model.fields import fact
from mentorcore.model.phase import Alternative
from mentorcore.model.quantity import Range
from mentorcore.model.text import Text
from mentorcore.records import record

TIMINGS = ("once", "spread", "monthly")
ANCHORS = ("start", "middle", "end")
SHARES = {"start": 0.0, "middle": 0.5, "end": 1.0}
"""Where in its phase a ``once`` event happens, as a share of the phase: its first day (0), its
middle (0.5), its last day (1)."""


def share_of(at: str | float | None) -> float:
    """The share of its phase at which a ``once`` event happens: ``start`` (or nothing) 0,
    ``middle`` 0.5, ``end`` 1, a number as it is.

    >>> share_of("middle"), share_of(0.25), share_of(None)
    (0.5, 0.25, 0.0)
    """
    if at is None:
        return 0.0
    if isinstance(at, str):
        return SHARES.get(at, 0.0)
    return float(at)


def parse_time(text: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """``"17:00–19:00"`` (en dash or hyphen) as ``((17, 0), (19, 0))``; ``None`` when it is not
    a time of day from an earlier to a later one."""
    import re

    found = re.fullmatch(r"\s*(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})\s*", str(text))
    if found is None:
        return None
    h0, m0, h1, m1 = (int(x) for x in found.groups())
    if not (h0 < 24 and h1 < 24 and m0 < 60 and m1 < 60 and (h0, m0) < (h1, m1)):
        return None
    return (h0, m0), (h1, m1)


def _a_time(_instance: object, attribute: attrs.Attribute, value: str | None) -> None:
    if value is not None and parse_time(value) is None:
        raise ValueError(_("{key} must be a time of day HH:MM–HH:MM (e.g. {example}), found "
                           "{value}").format(key=attribute.name, example='"17:00–19:00"',
                                             value=repr(value)))


SHARE = (0, 1)
"""The bounds of a share of something (``probability``, ``at``)."""


def _share(instance: object, attribute: attrs.Attribute, value: float | None) -> None:
    if value is not None and not SHARE[0] <= value <= SHARE[1]:
        raise ValueError(_("{key} must lie between 0 and 1, found {value}").format(
            key=attribute.name, value=repr(value)))


def _anchor(instance: object, attribute: attrs.Attribute, value: str | float | None) -> None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        _share(instance, attribute, value)


@record(kw_only=True)
class Event:
    """A joint start meeting, 3–4 group meetings, monthly trainings, a closing event…

    ``timing: once`` happens ``at`` the ``start``, the ``middle`` or the ``end`` of its
    ``phase``, or a share of the way through it (``at: 0.25``: a quarter in; a mid-term survey
    is ``at: middle``) — the handbook, the calendar, the simulation and ``track`` give it the
    same date; ``spread`` happens ``count``
    times spread over the phase; ``monthly`` happens once a month during the phase. An event
    that *may* happen says so: ``probability`` (the share of groups, units or runs that hold
    it), or a ``count`` whose minimum is 0 (experts *may* visit: ``count: {min: 0, max: 2}``).
    An event with ``certificates: true`` hands a certificate of participation to everyone still
    taking part (every unit that has not dropped out by then); ``outputs`` only names what
    people get. An event of the unit that meets (``unit: pair``) states with
    ``counts_as_meeting`` whether it is one of the unit's meetings in all (Monika's first
    meeting is the first of its 4–6).

    **Kick-off and closing** are events, never phases: the joint start meeting is a ``once``
    event ``at: start`` of the phase in which units meet, the closing event one ``at: end`` of
    it (with ``certificates: true`` when everyone gets a certificate). A unit's own first
    meeting (Auroras' start meeting with staff, Monika's agreement meeting) is the same with
    ``unit: pair``. Every bundled model is written so; a phase of kind ``start`` or ``closing``
    that has neither a duration nor meetings is warned (``kick-off-as-phase``). Matkalla
    työelämään's start meeting and closing event, with a mid-term survey added::

        events:
          - id: start-meeting
            timing: once
            phase: mentoring
            at: start
          - id: mid-term-survey
            timing: once
            phase: mentoring
            at: middle
          - id: closing-event
            timing: once
            phase: mentoring
            at: end
            certificates: true
    """

    id: str = fact("short id", example="group-meetings")
    name: Text | None = fact("display name", default=None)
    timing: str = fact("once, spread or monthly", choices=TIMINGS, example="spread")
    phase: str = fact("the phase it belongs to", ref="phases", example="mentoring")
    at: str | float | None = fact(
        "for once: where in the phase — start (its first day), middle, end (its last day), "
        "or a share of the phase from 0 to 1 (0.25: a quarter of the way in)", default=None,
        choices=ANCHORS, validator=_anchor, bounds=SHARE, example="middle")
    count: Range | None = fact("for spread: how many times", default=None, unit="event",
                               units=frozenset({"event", "meeting", "session"}),
                               example={"min": 3, "max": 4})
    unit: str | None = fact("the unit that meets at it (e.g. group)", default=None, ref="units")
    audience: tuple[str, ...] = fact("roles taking part", factory=tuple, ref="roles")
    probability: float | None = fact("for an event that may happen: the share (0–1) of groups, "
                                     "units or runs that hold it", default=None,
                                     validator=_share, bounds=SHARE, example=0.5)
    voluntary: bool = fact("true when taking part is voluntary", default=False)
    forms: tuple[str, ...] = fact("forms filled in at the event", factory=tuple, ref="forms")
    outputs: tuple[str, ...] = fact("what participants receive (e.g. certificate)", factory=tuple,
                                    example=["certificate"])
    certificates: bool = fact("true when the event hands a certificate of participation to "
                              "everyone still taking part — every unit that has not dropped out "
                              "by then (the simulation counts their people)",
                              default=False, example=True)
    counts_as_meeting: bool | None = fact(
        "for an event of the unit that meets (a first or agreement meeting): true when it is "
        "one of the meetings in all of the unit's cadence, false when it comes on top",
        default=None, example=True)
    alternatives: tuple[Alternative, ...] = fact("other ways to take part, in its place (the "
                                                 "event itself is the usual way)",
                                                 factory=tuple)
    themes: tuple[Text, ...] = fact("themes or content", factory=tuple)
    description: Text | None = fact("what happens", default=None)
    time: str | None = fact("time of day, HH:MM–HH:MM (Finnish time); calendars then give it "
                            "a start and an end", default=None, validator=_a_time,
                            example="17:00–19:00")
    location: Text | None = fact("where it takes place", default=None,
                                 example="Väestöliitto, Kalevankatu 16, Helsinki")
    source: str | None = fact("source id", default=None, ref="sources")
