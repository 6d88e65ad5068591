"""How the simulation runs a camp: a ``camp_day`` event on each day of the phase (Kesälukio's
eight days), and eight days when the model gives no duration."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from mentorcore.simulation.phase_behaviours import PhaseBehaviour
from mentorcore_camp import LABELS

if TYPE_CHECKING:
    from mentorcore.simulation.behaviours import PhaseWindow

CAMP_DAYS = 8


def camp_days(window: PhaseWindow) -> Iterator[tuple[int, str]]:
    """One ``camp_day`` for every day of the camp."""
    for day in range(window.days):
        yield day, "camp_day"


CAMP_BEHAVIOUR = PhaseBehaviour(kind="camp", description="a camp day on each day of the phase",
                                default_days=CAMP_DAYS, events=camp_days,
                                event_types=("camp_day",), labels=LABELS)

