"""Kielikaveri language buddies: reciprocal matching so that both learn the language they want.

Provides the criterion ``reciprocal_language``: two buddies fit when each offers a language the
other wants to learn.
"""

from __future__ import annotations

from mentorcore.hookspecs import Register, hookimpl
from mentorcore.kinds import Criterion
from mentorcore_kielikaveri.criteria import RECIPROCAL_LANGUAGE


@hookimpl
def register_criteria(register: Register[Criterion]) -> None:
    register(RECIPROCAL_LANGUAGE)
