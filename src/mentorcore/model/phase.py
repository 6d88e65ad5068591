"""Phases: the ordered stages of a programme, with durations, entry rules and exit rules."""

from mentorcore.model.cadence import MEETING_MODES, Cadence
from mentorcore.model.fields import fact
from mentorcore.model.quantity import TIME_UNITS, Range
from mentorcore.model.text import Text
from mentorcore.records import record

ENTRY_RULES = ("cohort", "rolling", "opt_in")
EXIT_KINDS = ("completion", "early_end", "dropout")


@record(kw_only=True)
class ExitRule:
    """How a unit may leave a phase: completion, an early end (with its condition), drop-out."""

    id: str = fact("short id", example="employed")
    kind: str = fact("completion, early_end or dropout", choices=EXIT_KINDS, example="early_end")
    condition: Text | None = fact("when it applies; an early end must name it", default=None,
                                  example="the mentee is employed during the process")
    source: str | None = fact("source id", default=None, ref="sources")


@record(kw_only=True)
class Alternative:
    """Another way to take a phase or an event, in its place: Matkalla's mentors may, by
    agreement, study the basics online on their own instead of the training, and then contact
    the staff.

    YAML::

        alternatives:
          - id: self-study
            name: {fi: verkkokurssi, en: online self-study}
            by_agreement: true
            then: {fi: yhteys hankehenkilöstöön, en: contact with the project staff}

    The handbook lists each alternative under its phase (or beside its event). The
    simulation takes everyone through the phase, or to the event, as written (its dates and
    its staff hours) and says so in its notes.
    """

    id: str = fact("short id", example="self-study")
    name: Text = fact("what it is", example={"fi": "verkkokurssi", "en": "online self-study"})
    by_agreement: bool = fact("true when it is agreed case by case (with the staff)",
                              default=False)
    modes: tuple[str, ...] = fact("how it is done: face_to_face, online or phone",
                                  factory=tuple, choices=MEETING_MODES, example=["online"])
    then: Text | None = fact("what follows it", default=None,
                             example={"fi": "yhteys hankehenkilöstöön",
                                      "en": "contact with the project staff"})
    description: Text | None = fact("what it involves", default=None)
    source: str | None = fact("source id", default=None, ref="sources")


@record(kw_only=True)
class Phase:
    """An ordered stage: mentor training, matching, start, mentoring, camp, closing…"""

    id: str = fact("short id", example="mentoring")
    name: Text | None = fact("display name", default=None)
    kind: str = fact("phase kind (training, matching, mentoring, closing… or a plugin's)",
                     example="mentoring")
    duration: Range | None = fact("how long the phase lasts", default=None, units=TIME_UNITS,
                                  example={"min": 8, "max": 10, "unit": "month", "approx": True})
    entry: str = fact("cohort (everyone starts together), rolling (start as soon as a pair is "
                      "found) or opt_in", default="cohort", choices=ENTRY_RULES)
    optional: bool = fact("true when participants may skip the phase", default=False)
    cadence: Cadence | None = fact("how often units meet during the phase", default=None)
    exits: tuple[ExitRule, ...] = fact("ways a unit leaves the phase", factory=tuple)
    alternatives: tuple[Alternative, ...] = fact("other ways to take the phase, in its place "
                                                 "(the phase itself is the usual way)",
                                                 factory=tuple)
    themes: tuple[Text, ...] = fact("typical themes of the phase", factory=tuple)
    description: Text | None = fact("what happens", default=None)
    source: str | None = fact("source id", default=None, ref="sources")
