"""Simulation: run a programme before launching it.

The Python API is the same functions the ``mentorcore simulate`` command uses::

    >>> from mentorcore import Library
    >>> from mentorcore.simulation import simulate, simulate_many
    >>> library = Library()                   # the models and the plugins of this run
    >>> womento = library.programme("womento")
    >>> run = simulate(womento, registry=library.registry, pairs=15, seed=1, start="2026-01-05")
    >>> ensemble = simulate_many(womento, replications=20, registry=library.registry, seed=1,
    ...                          start="2026-01-05")
    >>> ensemble.summary.figures["meetings_held"].p50 > 0
    True

:func:`simulate` returns a :class:`~mentorcore.simulation.run.Run`;
:func:`simulate_many` an :class:`~mentorcore.simulation.run.Ensemble` and accepts any
``concurrent.futures`` executor (a process pool, or a Dask cluster's ``client.get_executor()``).
:func:`~mentorcore.simulation.formats.render` writes either as table, JSON, CSV, ICS, SVG or PNG.

Nothing here imports NumPy until a simulation runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the names below are imported on first use (see __getattr__)
    from mentorcore.simulation.formats import render
    from mentorcore.simulation.montecarlo import simulate_many
    from mentorcore.simulation.replication import simulate
    from mentorcore.simulation.run import Ensemble, Run

__all__ = ["Ensemble", "Run", "render", "simulate", "simulate_many"]


def __getattr__(name: str) -> object:
    if name == "simulate":
        from mentorcore.simulation.replication import simulate

        return simulate
    if name == "simulate_many":
        from mentorcore.simulation.montecarlo import simulate_many

        return simulate_many
    if name == "render":
        from mentorcore.simulation.formats import render

        return render
    if name == "Run":
        from mentorcore.simulation.run import Run

        return Run
    if name == "Ensemble":
        from mentorcore.simulation.run import Ensemble

        return Ensemble
    raise AttributeError(name)
