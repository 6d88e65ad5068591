"""Kesälukio's camp: a multi-day camp for a group of about 20, handing over to mentoring.

Provides the phase kind ``camp`` and, for the simulation, a ``camp_day`` on each day of the
phase (``mentorcore_camp.simulation``). A model uses it as::

    phases:
      - id: camp
        kind: camp
        duration: {value: 8, unit: day}
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mentorcore.hookspecs import Register, hookimpl
from mentorcore.kinds import PhaseKind
from mentorcore.plugin_api import catalog_labels

if TYPE_CHECKING:
    from mentorcore.simulation.phase_behaviours import PhaseBehaviour

LABELS = catalog_labels("mentorcore_camp", Path(__file__).parent / "locale",
                        {"camp": "camp", "camp_day": "camp day"})
"""The labels of the kind and of its event type, from the plugin's own catalog
(``locale/<language>/LC_MESSAGES/mentorcore_camp.mo``): ``leiri``, ``läger``."""

CAMP = PhaseKind(name="camp", rank=40,
                 description="a multi-day camp (e.g. Kesälukio's 8 days for about 20 young "
                             "people) whose mentors carry on afterwards", labels=LABELS)


@hookimpl
def register_phase_kinds(register: Register[PhaseKind]) -> None:
    register(CAMP)


@hookimpl
def register_phase_behaviours(register: Register[PhaseBehaviour]) -> None:
    from mentorcore_camp.simulation import CAMP_BEHAVIOUR  # only when a simulation asks

    register(CAMP_BEHAVIOUR)
