"""The built-in output formats of ``simulate`` and ``match``, registered like a plugin's."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mentorcore.hookspecs import Register, hookimpl

if TYPE_CHECKING:
    from mentorcore.formats import Renderer

SIMULATION = {
    "table": "a report for the terminal",
    "json": "the documented JSON contract (docs/simulation.md)",
    "csv": "the dated timeline",
    "ics": "an iCalendar file of the programme's events",
    "svg": "a chart of the plan and the monthly staff and mentor hours (p5–p95 band)",
    "png": "a chart of the plan and the monthly staff and mentor hours (p5–p95 band)",
    "pdf": "a chart of the plan and the monthly staff and mentor hours (p5–p95 band)",
    "xlsx": "a workbook: figures, months with percentiles, targets, assumptions, units, timeline",
}
MATCHING = {
    "table": "pairs, groups and unmatched people for the terminal",
    "json": "the documented JSON contract (docs/matching.md)",
    "csv": "one row per pair, group member and unmatched person; formulas neutralised",
    "md": "a Markdown report",
    "xlsx": "a workbook: summary, pairs, groups, everyone not placed (a column per identifying "
            "field with --show-names)",
}


def _simulation(fmt: str) -> Any:
    def render(result: Any, options: Any) -> str | bytes:
        if fmt == "xlsx":
            from mentorcore.simulation.workbook import workbook

            return workbook(result)
        from mentorcore.simulation.formats import render as render_simulation

        return render_simulation(result, fmt)

    return render


def _matching(fmt: str) -> Any:
    def render(result: Any, options: Any) -> str | bytes:
        if fmt == "xlsx":
            from mentorcore.matching.workbook import workbook

            names = options.get("names")
            shown = (tuple(names.fields), names.columns) if hasattr(names, "columns") else (
                (("name",), {k: (v,) for k, v in names.items()}) if names else None)
            return workbook(result, shown)
        from mentorcore.matching.formats import render as render_matching

        return render_matching(result, fmt, options.get("names"))

    return render


@hookimpl
def register_renderers(register: Register[Renderer]) -> None:
    from mentorcore.formats import Renderer  # when formats are asked for, not at every start

    for name, description in SIMULATION.items():
        register(Renderer(name=name, target="simulation", description=description,
                          render=_simulation(name), binary=name in ("png", "pdf", "xlsx")))
    for name, description in MATCHING.items():
        register(Renderer(name=name, target="matching", description=description,
                          render=_matching(name), binary=name == "xlsx"))
