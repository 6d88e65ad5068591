"""Kesälukio's camp: a multi-day camp for a group of about 20, handing over to mentoring.

Provides the phase kind ``camp`` and, for the simulation, a ``camp_day`` on each day of the
phase (``mentorcore_camp.simulation``). A model uses it as::

    phases:
      - id: camp
        kind: camp
        duration: {value: 8, unit: day}
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentorcore.hookspecs import Register, hookimpl
from mentorcore.kinds import PhaseKind

if TYPE_CHECKING:
    from mentorcore.simulation.behaviours import PhaseBehaviour

CAMP = PhaseKind(name="camp", rank=40,
                 description="a multi-day camp (e.g. Kesälukio's 8 days for about 20 young "
                             "people) whose mentors carry on afterwards")


@hookimpl
def register_phase_kinds(register: Register[PhaseKind]) -> None:
    register(CAMP)


@hookimpl
def register_phase_behaviours(register: Register[PhaseBehaviour]) -> None:
    from mentorcore_camp.simulation import CAMP_BEHAVIOUR  # only when a simulation asks

    register(CAMP_BEHAVIOUR)
