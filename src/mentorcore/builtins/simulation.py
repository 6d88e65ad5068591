"""The standard entry rules of the simulation: ``cohort`` (every unit starts with the phase) and
``opt_in`` (those who choose to go on start together, like a cohort). ``rolling`` intake is the
Monika plugin's. The simulation's contract types are imported only when a simulation asks for
the intakes, so that commands which never simulate (``validate``) do not pay for them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentorcore.hookspecs import Register, hookimpl

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from mentorcore.simulation.behaviours import Intake, IntakeContext


def together(context: IntakeContext) -> NDArray[np.float64]:
    """Every unit starts on the phase's first day."""
    import numpy as np

    return np.zeros((context.replications, context.units))


@hookimpl
def register_intakes(register: Register[Intake]) -> None:
    from mentorcore.simulation.behaviours import Intake

    register(Intake(entry="cohort", description="everyone starts together", starts=together))
    register(Intake(entry="opt_in", description="those who opt in start together",
                    starts=together))
