"""Oma polku: mentors from the young people's language group who have lived in Finland longer.

Provides the criteria ``same_language_group`` and ``lived_in_finland_longer``.
"""

from __future__ import annotations

from mentorcore import hookimpl
from mentorcore.kinds import Criterion

SAME_LANGUAGE_GROUP = Criterion(
    name="same_language_group",
    description="the mentor belongs to the same language group as the mentee")
LIVED_IN_FINLAND_LONGER = Criterion(
    name="lived_in_finland_longer",
    description="the mentor has lived in Finland longer than the mentee")


@hookimpl
def register_criteria(register):  # type: ignore[no-untyped-def]
    register(SAME_LANGUAGE_GROUP)
    register(LIVED_IN_FINLAND_LONGER)
