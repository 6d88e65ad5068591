"""Monika-Naiset: the mentee gets a mentor of the kind she wishes (working life, language,
hobby), and mentoring starts as soon as a suitable pair is found (rolling intake).

Provides the criterion ``mentor_kind``.
"""

from __future__ import annotations

from mentorcore import hookimpl
from mentorcore.kinds import Criterion

MENTOR_KIND = Criterion(
    name="mentor_kind",
    description="the mentor is of the kind the mentee wishes: working-life, language or hobby "
                "mentor")


@hookimpl
def register_criteria(register):  # type: ignore[no-untyped-def]
    register(MENTOR_KIND)
