"""The figures a planner reads, estimated from a simulation's replications.

:data:`PLANNING_FIGURES` are the ones ``capacity`` and ``compare`` report: meetings held, units
completed, staff hours in all and in the peak month, mentor hours, days, certificates. Each is
an :class:`~mentorcore.planning.statistics.Estimate` — whole numbers for counts — and the staff
hours are broken down by task (:data:`~mentorcore.model.assumptions.STAFF_TASKS`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mentorcore.planning.statistics import COUNT_FIGURES, Estimate, estimate

if TYPE_CHECKING:
    from mentorcore.model import Programme
    from mentorcore.simulation.montecarlo import Samples

__all__ = ["PEAK", "PLANNING_FIGURES", "figure_estimates", "figure_values", "rationales",
           "task_estimates", "task_values"]

PEAK = "staff_hours_peak_month"
"""The staff hours of each replication's busiest month."""
PLANNING_FIGURES = ("units", "meetings_held", "units_completed", "staff_hours", PEAK,
                    "mentor_hours", "duration_days", "certificates")


def figure_values(samples: Samples, name: str) -> Any:
    """One value per replication of a figure of the simulation, or of :data:`PEAK`."""
    if name == PEAK:
        return samples.months["staff_hours"].max(axis=1, initial=0)
    return samples.figures[name]


def figure_estimates(samples: Samples, names: tuple[str, ...] = PLANNING_FIGURES
                     ) -> dict[str, Estimate]:
    return {name: estimate(figure_values(samples, name), count=name in COUNT_FIGURES)
            for name in names}


def task_values(samples: Samples) -> dict[str, Any]:
    """Each staff task's hours over the whole programme, one value per replication."""
    return {task: hours.sum(axis=1) for task, hours in samples.staff.items()}


def task_estimates(samples: Samples) -> dict[str, Estimate]:
    return {task: estimate(values) for task, values in task_values(samples).items()}


def rationales(programme: Programme, language: str | None = None) -> dict[str, str]:
    """Why the model sets each of its assumptions (its ``rationale``, in ``language``): what
    the report's assumptions table says beside a value from the model."""
    from mentorcore.i18n import current

    return {a.id: a.rationale.get(language or current()) for a in programme.assumptions}
