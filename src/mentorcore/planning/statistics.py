"""Honest statistics of replications: one rounding rule, the mean with its 95 % confidence
interval, percentiles that are outcomes, and the distribution of the peak month.

* **Counts are whole numbers.** A count (meetings, units, certificates, reports, events) is
  reported as a whole number everywhere: its percentiles are outcomes some replication had
  (the ``inverted_cdf`` percentile, never "160.9 meetings"), its mean and interval are rounded
  to whole numbers. Hours and days are given to one decimal, shares as whole per cent.
* **The mean comes with its interval:** ``mean ± t(0.975, R − 1) · s / √R`` (Student's t, the
  replications being independent); :func:`needed` says how many replications a wanted
  half-width takes.
* **The peak month is counted per replication:** in how many runs each month was the busiest
  (:func:`peak_months`) — not the month of the highest median, which hides that single runs
  peak elsewhere.

Example::

    >>> import numpy as np
    >>> e = estimate(np.array([10., 12, 11, 13, 9]), count=True)
    >>> e.mean, e.low, e.high, e.p5, e.p95
    (11, 9, 13, 9, 13)
    >>> peak_months(np.array([[1., 5], [4, 2], [0, 9]]), ["2026-01", "2026-02"])
    [('2026-02', 0.6667), ('2026-01', 0.3333)]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from mentorcore.records import record

__all__ = ["COUNT_FIGURES", "Estimate", "difference", "estimate", "half_width", "needed",
           "peak_months", "shown"]

COUNT_FIGURES = frozenset({
    "units", "groups", "units_completed", "units_ended_early", "units_dropped_out",
    "units_below_target", "members_left", "meetings_planned", "meetings_held",
    "meetings_rescheduled", "meetings_cancelled", "programme_events", "certificates",
    "reports", "active_units"})
"""Figures that count things (whole numbers); the others are hours, days or medians."""


def shown(value: float, count: bool) -> float | int:
    """``value`` by the one rounding rule: a whole number for a count, else one decimal
    (``nan`` stays ``nan``)."""
    value = float(value)
    if math.isnan(value):
        return value
    if count:
        return int(math.floor(value + 0.5))
    rounded = round(value, 1)
    return int(rounded) if rounded.is_integer() else rounded


def _t(replications: int) -> float:
    from scipy.stats import t

    return float(t.ppf(0.975, replications - 1)) if replications > 1 else math.inf


def half_width(values: Any) -> float:
    """The half-width of the 95 % confidence interval of the mean of ``values``."""
    import numpy as np

    values = np.asarray(values, dtype=np.float64)
    values = values[~np.isnan(values)]
    if len(values) < 2:
        return math.inf
    return _t(len(values)) * float(values.std(ddof=1)) / math.sqrt(len(values))


def needed(values: Any, wanted: float) -> int:
    """About how many replications make the half-width of the mean of ``values`` at most
    ``wanted`` (from their spread so far)."""
    import numpy as np

    values = np.asarray(values, dtype=np.float64)
    values = values[~np.isnan(values)]
    if len(values) < 2:
        return 2
    spread = float(values.std(ddof=1))
    if spread == 0:
        return len(values)
    return max(len(values), math.ceil((_t(len(values)) * spread / wanted) ** 2))


@record(kw_only=True)
class Estimate:
    """A figure over R replications: the mean and its 95 % confidence interval (``low``,
    ``high``), the 5th, 50th and 95th percentiles, all by the one rounding rule (``count``)."""

    mean: float | int
    low: float | int
    high: float | int
    p5: float | int
    p50: float | int
    p95: float | int
    replications: int
    count: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"mean": _clean(self.mean), "ci95": [_clean(self.low), _clean(self.high)],
                "p5": _clean(self.p5), "p50": _clean(self.p50), "p95": _clean(self.p95)}


def _clean(value: float | int) -> float | int | None:
    return None if isinstance(value, float) and math.isnan(value) else value


def estimate(values: Any, *, count: bool = False) -> Estimate:
    """The :class:`Estimate` of one figure's ``values`` (one per replication, NaN left out)."""
    import numpy as np

    values = np.asarray(values, dtype=np.float64)
    values = values[~np.isnan(values)]
    if not len(values):
        nan = math.nan
        return Estimate(mean=nan, low=nan, high=nan, p5=nan, p50=nan, p95=nan,
                        replications=0, count=count)
    mean = float(values.mean())
    width = half_width(values) if len(values) > 1 else 0.0
    if count:
        quantiles = np.percentile(values, [5, 50, 95], method="inverted_cdf")
    else:
        quantiles = np.percentile(values, [5, 50, 95])
    p5, p50, p95 = (float(x) for x in quantiles)
    return Estimate(mean=shown(mean, count), low=shown(mean - width, count),
                    high=shown(mean + width, count), p5=shown(p5, count),
                    p50=shown(p50, count), p95=shown(p95, count), replications=len(values),
                    count=count)


def difference(first: Any, second: Any, *, count: bool = False) -> Estimate:
    """``second − first``, replication by replication (paired: both were run with the same
    random numbers), as an :class:`Estimate`: the mean difference with its 95 % interval and
    the percentiles of the differences."""
    import numpy as np

    return estimate(np.asarray(second, dtype=np.float64) - np.asarray(first, dtype=np.float64),
                    count=count)


def peak_months(monthly: Any, labels: Sequence[str]) -> list[tuple[str, float]]:
    """For each month that was the busiest of some replication (the first of equal months),
    the share of replications it was — the most frequent first (the simulation's own count,
    :func:`mentorcore.simulation.montecarlo.peak_months`).

    ``monthly``: an (R, M) array of one figure by month (staff hours)."""
    import numpy as np

    from mentorcore.simulation.montecarlo import peak_months as counted

    return list(counted(np.asarray(monthly, dtype=np.float64), tuple(labels)))
