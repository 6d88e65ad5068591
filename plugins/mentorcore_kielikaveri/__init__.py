"""Kielikaveri language buddies: reciprocal matching so that both learn the language they want.

Provides the criterion ``reciprocal_language``: two buddies fit when each offers a language the
other wants to learn.
"""

from __future__ import annotations

from mentorcore import hookimpl
from mentorcore_kielikaveri.criteria import RECIPROCAL_LANGUAGE


@hookimpl
def register_criteria(register):  # type: ignore[no-untyped-def]
    register(RECIPROCAL_LANGUAGE)
