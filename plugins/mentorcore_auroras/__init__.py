"""Auroras individual mentoring: a mentor from the field the mentee hopes to work in, and the
end-of-mentoring report (number of meetings and their themes) to staff.

Provides the criterion ``same_field`` and the ``simulate`` output format ``end-reports``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentorcore.hookspecs import Register, hookimpl
from mentorcore.kinds import Criterion
from mentorcore_auroras.criteria import SAME_FIELD

if TYPE_CHECKING:
    from mentorcore.formats import Renderer


@hookimpl
def register_criteria(register: Register[Criterion]) -> None:
    register(SAME_FIELD)


@hookimpl
def register_renderers(register: Register[Renderer]) -> None:
    from mentorcore_auroras.end_report import END_REPORTS  # only when formats are asked for

    register(END_REPORTS)
