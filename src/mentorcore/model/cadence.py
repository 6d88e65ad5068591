"""Cadence: how often a unit meets and how many times in all."""

from mentorcore.model.fields import fact
from mentorcore.model.quantity import Range
from mentorcore.model.text import Text
from mentorcore.records import record

MEETING_MODES = ("face_to_face", "online", "phone")
"""How a unit meets: face to face, online (a video call, a virtual meeting) or by phone."""


@record(kw_only=True)
class Cadence:
    """Meeting frequency as a range per period and/or a total count; open-ended allowed.

    YAML::

        cadence: {unit: pair, per_month: {min: 1, max: 2}}               # Womento
        cadence: {unit: pair, per_month: {value: 2, approx: true}, total: {min: 6, max: 8}}
        cadence: {unit: pair, total: {min: 3}, open_ended: true}          # kielikaveri
        cadence: {unit: pair, per_month: {min: 2, max: 3},                # Matkalla
                  modes: [face_to_face, online, phone], mode_chosen_by: pair}

    ``modes`` lists how the unit meets, the usual way first (Matkalla: "typically face to
    face; virtual meetings and phone calls can help"); ``mode_chosen_by`` names the unit that
    agrees the form of its meetings ("tapaamisten muodosta sovitaan yhdessä"). The handbook
    shows both; the simulation counts a meeting the same whatever its form.
    """

    unit: str | None = fact("the unit that meets (a unit id)", default=None, ref="units",
                            example="pair")
    per_month: Range | None = fact("meetings per month", default=None, unit="meeting/month",
                                   units=frozenset({"meeting/month"}),
                                   example={"min": 1, "max": 2})
    per_week: Range | None = fact("meetings per week", default=None, unit="meeting/week",
                                  units=frozenset({"meeting/week"}))
    total: Range | None = fact("meetings in all", default=None, unit="meeting",
                               units=frozenset({"meeting"}), example={"min": 6, "max": 8})
    open_ended: bool = fact("true when the unit may go on meeting as long as it wants",
                            default=False)
    self_scheduled: bool = fact("true when the unit agrees its own meeting times", default=False)
    modes: tuple[str, ...] = fact("how the unit meets, the usual way first", factory=tuple,
                                  choices=MEETING_MODES,
                                  example=["face_to_face", "online", "phone"])
    mode_chosen_by: str | None = fact("the unit that agrees the form of its meetings, among "
                                      "modes (e.g. pair); none: the programme sets it",
                                      default=None, ref="units", example="pair")
    note: Text | None = fact("how the cadence is meant (depends on need, …)", default=None)
    source: str | None = fact("source id", default=None, ref="sources")

    @property
    def per_month_range(self) -> Range | None:
        """The frequency as meetings per month, converting a weekly cadence."""
        if self.per_month is not None:
            return self.per_month
        if self.per_week is not None:
            weeks = 365.25 / 12 / 7
            high = None if self.per_week.max is None else self.per_week.max * weeks
            return Range(min=self.per_week.min * weeks, max=high, unit="meeting/month",
                         approx=self.per_week.approx)
        return None
