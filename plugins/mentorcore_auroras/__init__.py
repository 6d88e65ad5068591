"""Auroras individual mentoring: a mentor from the field the mentee hopes to work in, and the
end-of-mentoring report (number of meetings and their themes) to staff.

Provides the criterion ``same_field``.
"""

from __future__ import annotations

from mentorcore import hookimpl
from mentorcore_auroras.criteria import SAME_FIELD


@hookimpl
def register_criteria(register):  # type: ignore[no-untyped-def]
    register(SAME_FIELD)
