"""Rolling intake for the simulation (Monika-Naiset): participants arrive by acute need and a
pair starts as soon as a suitable mentor is found.

With ``new_pairs_per_month`` (Monika's model: 2), mentees arrive at that rate — the gaps between
arrivals are exponential with a mean of a month divided by the rate, pair 1 arriving first —
otherwise each arrives on a day drawn evenly over ``intake_days`` ("volunteers join flexibly all
year round"). Finding the pair then takes an exponentially distributed time with mean
``matching_days``. The defaults are those of the one table of assumptions
(:data:`mentorcore.model.assumptions.KNOWN_ASSUMPTIONS`). Every draw comes from the unit's own
random stream, and a unit's arrival depends only on the units before it, so adding a pair moves
no other pair's start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentorcore.simulation.behaviours import Intake, IntakeContext

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

DAYS_PER_MONTH = 365.25 / 12


def rolling_starts(context: IntakeContext) -> NDArray[np.float64]:
    """Arrival (at ``new_pairs_per_month``, else over ``intake_days``) plus the time it takes
    to find the pair."""
    import math

    import numpy as np

    rate = context.assumption("new_pairs_per_month", math.nan)
    if rate > 0:
        gaps = -np.log1p(-context.uniform(0)) * (DAYS_PER_MONTH / rate)
        arrival = np.cumsum(gaps, axis=1) - gaps[:, :1]
    else:
        arrival = context.uniform(0) * context.assumption("intake_days")
    wait = -np.log1p(-context.uniform(1)) * context.assumption("matching_days")
    return np.floor(arrival + wait)


ROLLING = Intake(entry="rolling", description="arrivals at new_pairs_per_month (else over the "
                 "year); a pair starts as soon as it is found", starts=rolling_starts)
