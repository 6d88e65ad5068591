"""Auroras individual mentoring: a mentor from the field the mentee hopes to work in, and the
end-of-mentoring report (number of meetings and their themes) to staff.

Provides the criterion ``same_field`` and the ``simulate`` output format ``end-reports``.
"""

from __future__ import annotations

from mentorcore.hookspecs import Register, hookimpl
from mentorcore.kinds import Criterion, Renderer
from mentorcore_auroras.criteria import SAME_FIELD
from mentorcore_auroras.end_report import END_REPORTS


@hookimpl
def register_criteria(register: Register[Criterion]) -> None:
    register(SAME_FIELD)


@hookimpl
def register_renderers(register: Register[Renderer]) -> None:
    register(END_REPORTS)
