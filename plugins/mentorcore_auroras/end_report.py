"""The Auroras end-of-mentoring report, as an output format of ``simulate``.

When the meetings end, the mentor tells the staff that they have ended and reports the number
of meetings and their themes (the Auroras guide, "Yksilömentoroinnin prosessi"). With this
plugin, ``mentorcore simulate auroras-individual --format end-reports`` gives the reports the
staff would receive: one CSV row per pair with its end date, how it ended, the number of
meetings held and the themes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mentorcore.plugin_api import Renderer, catalog_labels

COLUMNS = ("unit", "mentor", "mentee", "reported_on", "ended", "meetings", "themes")
"""The columns' ids: the header row in English; in Finnish and Swedish their labels from the
plugin's own catalog (``locale/<language>/LC_MESSAGES/mentorcore_auroras.mo``)."""

HEADER = catalog_labels("mentorcore_auroras", Path(__file__).parent / "locale",
                        {column: column for column in COLUMNS})


def header(language: str) -> list[str]:
    """The header row in ``language``: the column ids in English (``en``)."""
    return [HEADER(column, language) for column in COLUMNS]


def end_reports(result: Any, options: Any) -> str:
    run = getattr(result, "run", result)  # with --replications: the first replication
    rows = []
    for unit in run.units.rows():
        if unit.kind == "group":
            continue
        mentor, mentee = (unit.members + ("", ""))[:2]
        rows.append((unit.id, mentor, mentee, unit.end.isoformat(), unit.ended,
                     unit.meetings_held, "; ".join(unit.themes)))
    language = getattr(options, "language", None) or "en"
    from mentorcore.spreadsheets import csv_text

    return csv_text(header(language), rows)  # the run's CSV dialect, formula cells neutralised


END_REPORTS = Renderer(name="end-reports", target="simulation",
                       description="the mentors' end-of-mentoring reports to staff (Auroras): "
                                   "meetings held and themes, one row per pair",
                       render=end_reports)
