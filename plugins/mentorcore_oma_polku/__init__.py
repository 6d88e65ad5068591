"""Oma polku: mentors from the young people's language group who have lived in Finland longer.

Provides the criteria ``same_language_group`` and ``lived_in_finland_longer``.
"""

from __future__ import annotations

from mentorcore.hookspecs import Register, hookimpl
from mentorcore.kinds import Criterion
from mentorcore_oma_polku.criteria import LIVED_IN_FINLAND_LONGER, SAME_LANGUAGE_GROUP


@hookimpl
def register_criteria(register: Register[Criterion]) -> None:
    register(SAME_LANGUAGE_GROUP)
    register(LIVED_IN_FINLAND_LONGER)
