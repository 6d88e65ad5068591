"""Planning: the planner's questions answered from the Monte Carlo engine.

* :func:`~mentorcore.planning.capacity.capacity` — how many units a staff budget carries;
* :func:`~mentorcore.planning.compare.compare` — two or more models side by side, with the
  differences and their intervals;
* :func:`~mentorcore.planning.scenarios.sweep` — one row per value of an assumption (or of the
  cohort size);
* :func:`~mentorcore.planning.precision.until_precise` — replications until a mean is known
  to a wanted half-width;
* :mod:`~mentorcore.planning.statistics` — the one rounding rule, confidence intervals, the
  peak month's distribution;
* :mod:`~mentorcore.planning.report` — the planner's report as JSON, XLSX and HTML.

Every function here runs replications with common random numbers (:mod:`mentorcore.simulation
.streams`); docs/planning.md says what that buys. Nothing here imports NumPy until it runs.
"""

from __future__ import annotations

__all__: list[str] = []
