"""Reports: who reports what to whom, and when."""

from mentorcore.model.fields import fact
from mentorcore.model.text import Text
from mentorcore.records import record

REPORT_TIMES = ("unit_end", "phase_end", "each_meeting", "event")


@record(kw_only=True)
class Report:
    """E.g. at the end, the mentor tells staff the number of meetings and their themes."""

    id: str = fact("short id", example="end-report")
    by: tuple[str, ...] = fact("roles that report", ref="roles", example=["mentor"])
    to: str = fact("role that receives the report", ref="roles", example="staff")
    when: str = fact("unit_end, phase_end, each_meeting or event", choices=REPORT_TIMES,
                     example="unit_end")
    phase: str | None = fact("for phase_end: which phase", default=None, ref="phases")
    event: str | None = fact("for event: which event", default=None, ref="events")
    contents: tuple[Text, ...] = fact("what is reported", factory=tuple,
                                      example=["number of meetings", "themes of the meetings"])
    kind: str = fact("report or feedback", default="report", choices=("report", "feedback"))
    source: str | None = fact("source id", default=None, ref="sources")
