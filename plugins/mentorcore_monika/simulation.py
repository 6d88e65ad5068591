"""Rolling intake for the simulation (Monika-Naiset): participants arrive over the year and a
pair starts as soon as a suitable mentor is found.

Each unit's mentee arrives on a day drawn evenly over ``intake_days`` (default 365: "volunteers
join flexibly all year round"); finding the pair takes an exponentially distributed time with
mean ``matching_days`` (default 14). Both come from the unit's own random stream, so adding a
pair moves no other pair's start.
"""

from __future__ import annotations

from mentorcore import hookimpl
from mentorcore.simulation.behaviours import Intake, IntakeContext


def rolling_starts(context: IntakeContext):  # type: ignore[no-untyped-def]
    """Arrival over the intake window plus the time it takes to find the pair."""
    import numpy as np

    window = context.assumption("intake_days", 365.0)
    mean_wait = context.assumption("matching_days", 14.0)
    arrival = context.uniform(0) * window
    wait = -np.log1p(-context.uniform(1)) * mean_wait
    return np.floor(arrival + wait)


ROLLING = Intake(entry="rolling", description="arrivals over the year; a pair starts as soon as "
                 "it is found", starts=rolling_starts)


@hookimpl
def register_intakes(register):  # type: ignore[no-untyped-def]
    register(ROLLING)
