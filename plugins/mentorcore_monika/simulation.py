"""Rolling intake for the simulation (Monika-Naiset): participants arrive over the year and a
pair starts as soon as a suitable mentor is found.

Each unit's mentee arrives on a day drawn evenly over ``intake_days`` (default 365: "volunteers
join flexibly all year round"); finding the pair takes an exponentially distributed time with
mean ``matching_days`` (default 14). Both come from the unit's own random stream, so adding a
pair moves no other pair's start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentorcore.simulation.behaviours import Intake, IntakeContext

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray


def rolling_starts(context: IntakeContext) -> NDArray[np.float64]:
    """Arrival over the intake window plus the time it takes to find the pair."""
    import numpy as np

    window = context.assumption("intake_days", 365.0)
    mean_wait = context.assumption("matching_days", 14.0)
    arrival = context.uniform(0) * window
    wait = -np.log1p(-context.uniform(1)) * mean_wait
    return np.floor(arrival + wait)


ROLLING = Intake(entry="rolling", description="arrivals over the year; a pair starts as soon as "
                 "it is found", starts=rolling_starts)

