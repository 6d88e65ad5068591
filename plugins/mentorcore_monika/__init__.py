"""Monika-Naiset: the mentee gets a mentor of the kind she wishes (working life, language,
hobby), and mentoring starts as soon as a suitable pair is found (rolling intake).

Provides the criterion ``mentor_kind`` and, for the simulation, the ``rolling`` intake
(``mentorcore_monika.simulation``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentorcore.hookspecs import Register, hookimpl
from mentorcore.kinds import Criterion
from mentorcore_monika.criteria import MENTOR_KIND

if TYPE_CHECKING:
    from mentorcore.simulation.behaviours import Intake


@hookimpl
def register_criteria(register: Register[Criterion]) -> None:
    register(MENTOR_KIND)


@hookimpl
def register_intakes(register: Register[Intake]) -> None:
    from mentorcore_monika.simulation import ROLLING  # only when a simulation asks

    register(ROLLING)
