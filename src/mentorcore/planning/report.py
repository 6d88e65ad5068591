"""The planner's report: a capacity answer, a comparison or a sweep as a table, JSON, an XLSX
workbook or an HTML page with charts — in the language of the run (``--lang fi|sv|en``).

Every format says the same: the figures by the one rounding rule (whole numbers for counts),
the mean with its 95 % interval and the 5th–95th percentiles, the staff hours by task, how
often each month was the staff's peak, and the assumptions used with their origin. The charts
(matplotlib, SVG) are the monthly staff hours with the p5–p95 band (and the budget) and, for a
comparison, bars of each figure with its p5–p95 range. The HTML page is made from the Jinja2
templates of the handbook (``render/templates/planner.html`` around ``blocks.html`` and
``style.css``) with autoescaping: every text of a model is escaped. The same inputs give the
same bytes.
"""

from __future__ import annotations

import datetime
import io
import json
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from mentorcore.i18n import _, current
from mentorcore.records import record
from mentorcore.simulation.wording import origin_label, peak_months_text, value_text
from mentorcore.terminal import columns
from mentorcore.words import Words

if TYPE_CHECKING:
    from mentorcore.planning.capacity import Capacity, MonthBand
    from mentorcore.planning.compare import Comparison
    from mentorcore.planning.scenarios import Sweep
    from mentorcore.planning.statistics import Estimate
    from mentorcore.simulation.plan import UsedAssumption

__all__ = ["FORMATS", "data", "figure_label", "month_name", "render", "sweep_csv",
           "task_label"]

FORMATS = ("table", "json", "xlsx", "html")
BINARY = frozenset({"xlsx"})
Result = Any  # Capacity | Comparison | Sweep


def figure_label(name: str) -> str:
    labels = {
        "units": _("units"), "meetings_held": _("meetings held"),
        "units_completed": _("units completed"), "staff_hours": _("staff hours in all"),
        "staff_hours_peak_month": _("staff hours in the peak month"),
        "mentor_hours": _("mentor hours"), "duration_days": _("days from start to end"),
        "certificates": _("certificates")}
    return labels.get(name, name)


def task_label(task: str) -> str:
    labels = {
        "intake": _("intake"), "matching": _("matching"), "trainings": _("trainings"),
        "start_meetings": _("start meetings"), "monitoring": _("monitoring"),
        "events": _("events"), "reports": _("reports received"),
        "certificates": _("certificates")}
    return labels.get(task, task)


def month_name(label: str | None) -> str:
    """``2026-09`` as "September 2026" in the language of the run (:meth:`Words.month`)."""
    return Words(current()).month(label)


def _number(value: float | int | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return Words(current()).number(value, 1)


def _hours(value: float) -> float | int:
    rounded = round(float(value), 1)
    return int(rounded) if rounded.is_integer() else rounded


def _estimate_text(e: Estimate) -> str:
    return _("{mean} (95 % CI {low}–{high}; p5–p95 {p5}–{p95})").format(
        mean=_number(e.mean), low=_number(e.low), high=_number(e.high), p5=_number(e.p5),
        p95=_number(e.p95))




def _why(a: UsedAssumption, rationales: dict[str, str]) -> str | None:
    """Why the model sets ``a`` (none for a default or a value set for this run)."""
    return rationales.get(a.id) if a.origin == "model" else None


def _assumptions(used: Sequence[UsedAssumption],
                 rationales: dict[str, str]) -> list[dict[str, Any]]:
    return [{"id": a.id, "value": a.value, "origin": a.origin, "rationale": _why(a, rationales)}
            for a in used]




def _months(bands: Sequence[MonthBand]) -> list[dict[str, Any]]:
    return [{"month": b.month, "staff_hours": {"p5": _hours(b.p5), "p50": _hours(b.p50),
                                               "p95": _hours(b.p95), "mean": _hours(b.mean)},
             "by_task": {task: _hours(value) for task, value in b.tasks.items()}}
            for b in bands]


def _peaks(peaks: Sequence[tuple[str, float]]) -> list[dict[str, Any]]:
    return [{"month": month, "share": share} for month, share in peaks]


def _estimates(values: dict[str, Estimate]) -> dict[str, Any]:
    return {name: e.as_dict() for name, e in values.items()}


METHOD = ("the largest cohort whose quantile of the peak monthly staff hours (the busiest "
          "month of each replication) is within the budget; every size run with the same seed "
          "and replications (common random numbers), searched by doubling and bisection; the "
          "answer fits and one unit more does not (docs/planning.md)")


def data(result: Result) -> dict[str, Any]:
    """The report as JSON-ready data (the schema of docs/planning.md)."""
    from mentorcore.planning.capacity import Capacity
    from mentorcore.planning.compare import Comparison

    if isinstance(result, Capacity):
        return _capacity_data(result)
    if isinstance(result, Comparison):
        return _comparison_data(result)
    return _sweep_data(result)


def _capacity_data(c: Capacity) -> dict[str, Any]:
    mentor = None if c.mentor is None else {
        "budget_per_month": _hours(c.mentor.budget), "hours": _hours(c.mentor.hours),
        "highest": _hours(c.mentor.highest), "within": c.mentor.within}
    return {
        "report": "capacity", "model": c.model, "title": c.title, "unit": c.unit,
        "budget": {"staff_hours_per_month": _hours(c.budget), "quantile": c.quantile,
                   "mentor_hours_per_month": None if c.mentor is None
                   else _hours(c.mentor.budget)},
        "answer": {"units": c.units, "limited_by": c.limited_by,
                   "peak_staff_hours": _hours(c.peak), "margin": _hours(c.margin),
                   "binding_month": c.binding_month,
                   "next": None if c.next_peak is None else {
                       "units": c.units + 1, "peak_staff_hours": _hours(c.next_peak)}},
        "peak_months": _peaks(c.peak_months),
        "months": _months(c.months),
        "staff_hours_by_task": _estimates(c.tasks),
        "figures": _estimates(c.figures),
        "mentors": mentor,
        "trials": [{"units": t.units, "peak_staff_hours": _hours(t.peak)} for t in c.trials],
        "method": METHOD, "replications": c.replications, "seed": c.seed,
        "start": c.start.isoformat(), "calendar": c.calendar, "limit": c.limit,
        "assumptions": _assumptions(c.assumptions, c.rationales)}


def _comparison_data(c: Comparison) -> dict[str, Any]:
    return {
        "report": "comparison", "replications": c.replications, "seed": c.seed,
        "start": c.start.isoformat(), "calendar": c.calendar,
        "common_random_numbers": True,
        "models": [{
            "model": col.model, "title": col.title, "unit": col.unit, "units": col.units,
            "figures": _estimates(col.figures),
            "difference_from_first": _estimates(col.differences) if col.differences else None,
            "staff_hours_by_task": _estimates(col.tasks), "peak_months": _peaks(col.peak_months),
            "months": _months(col.months),
            "assumptions": _assumptions(col.assumptions, col.rationales)}
            for col in c.columns]}


def _sweep_data(s: Sweep) -> dict[str, Any]:
    return {
        "report": "sweep", "model": s.model, "title": s.title, "swept": s.id,
        "replications": s.replications, "seed": s.seed, "start": s.start.isoformat(),
        "calendar": s.calendar,
        "rows": [{"value": row.value, "units": row.units, "figures": _estimates(row.figures),
                  "staff_hours_by_task": _estimates(row.tasks),
                  "peak_months": _peaks(row.peak_months)} for row in s.rows],
        "assumptions": _assumptions(s.assumptions, s.rationales)}


# -- text ----------------------------------------------------------------------------------

def _assumption_lines(used: Sequence[UsedAssumption]) -> list[str]:
    rows = [(a.id, value_text(a.value), origin_label(a.origin)) for a in used]
    return ["", _("Assumptions used (value, where it comes from)"), *columns(rows)] if rows else []


def _task_lines(tasks: dict[str, Estimate]) -> list[str]:
    rows = [(task_label(task), _estimate_text(e)) for task, e in tasks.items()]
    return ["", _("Staff hours by task (the whole programme)"), *columns(rows)]


def _capacity_table(c: Capacity) -> str:
    lines = [f"{c.title} ({c.model})"]
    quantile = f"{100 * c.quantile:g} %"
    if c.limited_by == "mentors":
        assert c.mentor is not None
        lines.append(_("No cohort fits: a mentor's month takes {hours} h ({quantile} of "
                       "months), more than the {budget} h a month budgeted per mentor").format(
                           hours=_number(c.mentor.hours), quantile=quantile,
                           budget=_number(c.mentor.budget)))
    elif c.units == 0:
        lines.append(_("No cohort fits: {one} already takes {peak} staff hours in its peak "
                       "month ({quantile} of runs), more than {budget} h a month").format(
                           one=Words(current()).count(1, c.unit), peak=_number(c.next_peak or 0.0),
                           quantile=quantile, budget=_number(c.budget)))
    else:
        lines.append(_("Capacity: {units} within {budget} staff hours a month in {quantile} "
                       "of runs").format(units=Words(current()).count(c.units, c.unit),
                                         budget=_number(c.budget), quantile=quantile))
        lines.append(_("Peak month at {units}: {peak} h (margin {margin} h); the binding "
                       "month is {month}").format(units=c.units, peak=_number(c.peak),
                                                   margin=_number(c.margin),
                                                   month=month_name(c.binding_month)))
        if c.limited_by == "limit":
            from mentorcore.simulation.cohort import MAX_UNITS

            lines.append(_("The budget carries the largest cohort the simulation handles "
                           "({limit})").format(limit=c.limit) if c.limit >= MAX_UNITS else
                         _("The budget carries the largest cohort tried ({limit}); give a "
                           "larger --max").format(limit=c.limit))
        elif c.next_peak is not None:
            lines.append(_("At {units}: {peak} h, over the budget").format(
                units=c.units + 1, peak=_number(c.next_peak)))
    if c.mentor is not None:
        lines.append(_("A mentor's month: {hours} h in {quantile} of months (at most {highest} "
                       "h), budget {budget} h").format(
                           hours=_number(c.mentor.hours), quantile=quantile,
                           highest=_number(c.mentor.highest), budget=_number(c.mentor.budget)))
    lines.append(_("Peak month of the staff: {peaks}").format(
        peaks=peak_months_text(c.peak_months)))
    lines += ["", _("Figures at {units} units (mean, 95 % CI, p5–p95)").format(
        units=max(c.units, 1))]
    lines += columns([(figure_label(n), _estimate_text(e)) for n, e in c.figures.items()])
    lines += _task_lines(c.tasks)
    lines += ["", _("Sizes tried (peak monthly staff hours, {quantile} of runs)").format(
        quantile=quantile)]
    lines.append(", ".join(f"{t.units}: {_number(_hours(t.peak))}" for t in c.trials))
    lines += ["", _("{replications} replications a size, seed {seed}, start {start}").format(
        replications=c.replications, seed=c.seed, start=c.start.isoformat())]
    lines += _assumption_lines(c.assumptions)
    return "\n".join(lines) + "\n"


def _comparison_table(c: Comparison) -> str:
    first = c.columns[0]
    header = ["", *(f"{col.title} ({col.units})" for col in c.columns)]
    header += [_("difference {model} − {first}").format(model=col.model, first=first.model)
               for col in c.columns[1:]]
    rows = [header]
    for name in first.figures:
        row = [figure_label(name), *(_estimate_text(col.figures[name]) for col in c.columns)]
        row += [_estimate_text(col.differences[name]) for col in c.columns[1:]]
        rows.append(row)
    rows.append([_("peak month"), *(peak_months_text(col.peak_months, 2) for col in c.columns),
                 *("" for _col in c.columns[1:])])
    lines = columns(rows)
    task_rows = [["", *(col.model for col in c.columns)]]
    tasks = list(dict.fromkeys(t for col in c.columns for t in col.tasks))
    for task in tasks:
        task_rows.append([task_label(task), *(_estimate_text(col.tasks[task])
                                              if task in col.tasks else "–"
                                              for col in c.columns)])
    lines += ["", _("Staff hours by task (the whole programme)"), *columns(task_rows)]
    lines += ["", _("{replications} replications each, seed {seed}, start {start}; every model "
                    "ran on the same random numbers (common random numbers), and the "
                    "differences are paired by replication").format(
                        replications=c.replications, seed=c.seed, start=c.start.isoformat())]
    for col in c.columns:
        found = _assumption_lines(col.assumptions)
        if found:
            lines += ["", f"{col.model}: {found[1]}", *found[2:]]
    return "\n".join(lines) + "\n"


def _sweep_table(s: Sweep) -> str:
    names = ("meetings_held", "units_completed", "staff_hours", "staff_hours_peak_month",
             "mentor_hours")
    rows = [[s.id, *(figure_label(n) for n in names), _("peak month")]]
    for row in s.rows:
        rows.append([_number(row.value),
                     *(f"{_number(row.figures[n].mean)} ({_number(row.figures[n].low)}–"
                       f"{_number(row.figures[n].high)})" for n in names),
                     peak_months_text(row.peak_months, 1)])
    lines = [f"{s.title} ({s.model})", *columns(rows), "",
             _("mean (95 % CI); {replications} replications a row, the same random numbers in "
               "every row; seed {seed}, start {start}").format(
                   replications=s.replications, seed=s.seed, start=s.start.isoformat())]
    lines += _assumption_lines(s.assumptions)
    return "\n".join(lines) + "\n"


def sweep_csv(s: Sweep) -> str:
    """One row per value: the value, the units, and each figure's mean, interval and
    percentiles. A fixed format for programs in every language (docs/planning.md): the column
    ids, ``,`` between cells and a decimal point."""
    import csv

    from mentorcore.spreadsheets import neutralise  # the one guard against formula cells

    def _number(value: float | int | None) -> str:  # not the language's decimal comma
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "–"
        return Words("en").number(value, 1)

    names = list(s.rows[0].figures) if s.rows else []
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([neutralise(s.id), "units", *(f"{n}_{part}" for n in names
                                      for part in ("mean", "ci95_low", "ci95_high", "p5",
                                                   "p50", "p95")),
                     "peak_month", "peak_month_share"])
    for row in s.rows:
        cells: list[Any] = [neutralise(row.value) if isinstance(row.value, str) else row.value,
                            row.units]
        for n in names:
            e = row.figures[n]
            cells += [_number(e.mean), _number(e.low), _number(e.high), _number(e.p5),
                      _number(e.p50), _number(e.p95)]
        top = row.peak_months[0] if row.peak_months else ("", 0.0)
        writer.writerow([*cells, neutralise(str(top[0])), top[1]])
    return buffer.getvalue()


# -- charts ---------------------------------------------------------------------------------

def _svg(figure: Any) -> str:
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    plt.close(figure)
    text = buffer.getvalue().decode("utf-8")
    return text[text.index("<svg"):]


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def staff_chart(series: Sequence[tuple[str, Sequence[MonthBand]]],
                budget: float | None = None) -> str:
    """Monthly staff hours (median) with the p5–p95 band, one line per model, and the budget
    as a line; an SVG."""
    import matplotlib

    plt = _pyplot()
    with matplotlib.rc_context({"svg.hashsalt": "mentorcore", "svg.fonttype": "path"}):
        figure, axes = plt.subplots(figsize=(8, 3.6))
        for name, bands in series:
            x = range(len(bands))
            line = axes.plot(x, [b.p50 for b in bands], marker="o", label=name)[0]
            axes.fill_between(x, [b.p5 for b in bands], [b.p95 for b in bands],
                              color=line.get_color(), alpha=0.2)
        longest = max((bands for _name, bands in series), key=len)
        axes.set_xticks(range(len(longest)))
        axes.set_xticklabels([month_name(b.month) for b in longest], rotation=45, ha="right",
                             fontsize=8)
        if budget is not None:
            axes.axhline(budget, color="black", linestyle="--",
                         label=_("budget {hours} h").format(hours=_number(budget)))
        axes.set_ylabel(_("staff hours a month (median, p5–p95)"))
        axes.legend(fontsize=8)
        axes.grid(alpha=0.3)
        return _svg(figure)


def comparison_chart(c: Comparison) -> str:
    """One panel of bars per figure (mean, with the p5–p95 range), one bar per model."""
    import matplotlib

    plt = _pyplot()
    names = list(c.columns[0].figures)
    with matplotlib.rc_context({"svg.hashsalt": "mentorcore", "svg.fonttype": "path"}):
        columns = 4
        rows = math.ceil(len(names) / columns)
        figure, grid = plt.subplots(rows, columns, figsize=(11, 2.8 * rows), squeeze=False)
        for index, name in enumerate(names):
            axes = grid[index // columns][index % columns]
            means = [float(col.figures[name].mean) for col in c.columns]
            low = [max(m - float(col.figures[name].p5), 0.0)
                   for m, col in zip(means, c.columns, strict=True)]
            high = [max(float(col.figures[name].p95) - m, 0.0)
                    for m, col in zip(means, c.columns, strict=True)]
            axes.bar(range(len(means)), means, yerr=[low, high], capsize=4,
                     color=[f"C{i}" for i in range(len(means))])
            axes.set_xticks(range(len(means)))
            axes.set_xticklabels([col.model for col in c.columns], fontsize=7, rotation=20)
            axes.set_title(figure_label(name), fontsize=9)
        for index in range(len(names), rows * columns):
            grid[index // columns][index % columns].axis("off")
        figure.tight_layout()
        return _svg(figure)


# -- HTML -----------------------------------------------------------------------------------

@record
class Chart:
    """A chart on the page: its label (what a screen reader says) and its SVG (drawn by
    matplotlib from the figures, so markup, not text)."""

    label: str
    svg: Any


def _cells(row: Sequence[str]) -> tuple[tuple[str], ...]:
    return tuple((cell,) for cell in row)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> Any:
    from mentorcore.render.document import Table

    return Table(header=tuple(header), rows=tuple(_cells(row) for row in rows))


def _heading(text: str, level: int = 2) -> Any:
    from mentorcore.render.document import Heading

    return Heading(level=level, text=(text,))


def _paragraph(text: str) -> Any:
    from mentorcore.render.document import Paragraph

    return Paragraph(text=(text,))


def _chart(label: str, svg: str) -> Chart:
    from markupsafe import Markup

    return Chart(label=label, svg=Markup(svg))  # matplotlib's output: it escapes its texts


def _assumptions_table(used: Sequence[UsedAssumption], rationales: dict[str, str]) -> Any:
    return _table((_("assumption"), _("value"), _("where it comes from"), _("why")),
                  [(a.id, value_text(a.value), origin_label(a.origin), _why(a, rationales) or "")
                   for a in used])


def _capacity_blocks(c: Capacity) -> tuple[str, list[Any]]:
    title = _("Capacity: {title}").format(title=c.title)
    text = _capacity_table(c).splitlines()
    answer = text[1:text.index("")] if "" in text else text[1:]
    blocks = [_heading(title, 1), *(_paragraph(line) for line in answer),
              _heading(_("Staff hours a month")),
              _chart(_("staff hours a month (median, p5–p95)"),
                     staff_chart([(c.model, c.months)], c.budget)),
              _heading(_("Figures")),
              _table((_("figure"), _("mean (95 % CI; p5–p95)")),
                     [(figure_label(n), _estimate_text(e)) for n, e in c.figures.items()]),
              _heading(_("Staff hours by task (the whole programme)")),
              _table((_("task"), _("hours (95 % CI; p5–p95)")),
                     [(task_label(t), _estimate_text(e)) for t, e in c.tasks.items()]),
              _heading(_("Assumptions")), _assumptions_table(c.assumptions, c.rationales)]
    return title, blocks


def _comparison_blocks(c: Comparison) -> tuple[str, list[Any]]:
    title = _("Comparison: {models}").format(models=", ".join(col.title for col in c.columns))
    first = c.columns[0]
    header = ["", *(col.model for col in c.columns),
              *(_("difference {model} − {first}").format(model=col.model, first=first.model)
                for col in c.columns[1:])]
    rows = [[figure_label(name), *(_estimate_text(col.figures[name]) for col in c.columns),
             *(_estimate_text(col.differences[name]) for col in c.columns[1:])]
            for name in first.figures]
    rows.append([_("peak month"), *(peak_months_text(col.peak_months, 2) for col in c.columns),
                 *("" for _col in c.columns[1:])])
    blocks = [_heading(title, 1), _table(header, rows),
              _paragraph(_("Every model ran on the same random numbers (common random "
                           "numbers); the differences are paired by replication.")),
              _chart(_("figures by model (mean, p5–p95)"), comparison_chart(c)),
              _heading(_("Staff hours a month")),
              _chart(_("staff hours a month (median, p5–p95)"),
                     staff_chart([(col.model, col.months) for col in c.columns]))]
    for col in c.columns:
        blocks += [_heading(f"{_('Assumptions')}: {col.title}"),
                   _assumptions_table(col.assumptions, col.rationales)]
    return title, blocks


def _sweep_blocks(s: Sweep) -> tuple[str, list[Any]]:
    title = _("Sweep of {id}: {title}").format(id=s.id, title=s.title)
    names = ("meetings_held", "units_completed", "staff_hours", "staff_hours_peak_month",
             "mentor_hours")
    rows = [[_number(row.value),
             *(f"{_number(row.figures[n].mean)} ({_number(row.figures[n].low)}–"
               f"{_number(row.figures[n].high)})" for n in names),
             peak_months_text(row.peak_months, 1)] for row in s.rows]
    blocks = [_heading(title, 1),
              _table([s.id, *(figure_label(n) for n in names), _("peak month")], rows),
              _paragraph(_("mean (95 % CI); {replications} replications a row, the same random "
                           "numbers in every row; seed {seed}, start {start}").format(
                               replications=s.replications, seed=s.seed,
                               start=s.start.isoformat())),
              _heading(_("Assumptions")), _assumptions_table(s.assumptions, s.rationales)]
    return title, blocks


def _html(result: Result) -> str:
    """The report as one self-contained page, from the Jinja2 templates of the handbook
    (``render/templates/planner.html`` around ``blocks.html``, ``style.css``), autoescaped."""
    from importlib import resources

    from markupsafe import Markup

    from mentorcore.planning.capacity import Capacity
    from mentorcore.planning.compare import Comparison
    from mentorcore.render.document import Document
    from mentorcore.render.html import POLICY
    from mentorcore.render.templating import load_look

    if isinstance(result, Capacity):
        title, blocks = _capacity_blocks(result)
    elif isinstance(result, Comparison):
        title, blocks = _comparison_blocks(result)
    else:
        title, blocks = _sweep_blocks(result)
    look = load_look(language=current())
    page = resources.files("mentorcore.render").joinpath(
        "templates", "planner.html").read_text("utf-8")
    env = attrs.evolve(look, templates={**look.templates, "planner.html": page}).environment()
    text = env.get_template("planner.html").render(
        document=Document(title=title, language=current(), blocks=tuple(blocks)),
        style=Markup(look.style), policy=POLICY, skip_label=_("Skip to content"))
    return "\n".join(line for line in text.splitlines() if line.strip()) + "\n"


# -- XLSX -----------------------------------------------------------------------------------

def _xlsx(result: Result, start: datetime.date) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.properties.creator = "mentorcore"
    stamp = datetime.datetime.combine(start, datetime.time())
    book.properties.created = stamp
    book.properties.modified = stamp
    sheet = book.active
    sheet.title = _("Summary")[:31]
    payload = data(result)
    for line in render(result, "table").splitlines():
        sheet.append([line])

    def estimate_rows(target: Any, values: dict[str, Any], label: Any) -> None:
        target.append(["", _("mean"), _("95 % CI low"), _("95 % CI high"), "p5", "p50", "p95"])
        for name, e in values.items():
            target.append([label(name), e["mean"], e["ci95"][0], e["ci95"][1], e["p5"],
                           e["p50"], e["p95"]])

    if payload["report"] in ("capacity", "comparison"):
        models = [payload] if payload["report"] == "capacity" else payload["models"]
        figures = book.create_sheet(_("Figures")[:31])
        for model in models:
            figures.append([model["model"]])
            estimate_rows(figures, model["figures"], figure_label)
            if model.get("difference_from_first"):
                figures.append([_("difference from {first}").format(
                    first=models[0]["model"])])
                estimate_rows(figures, model["difference_from_first"], figure_label)
            figures.append([])
        tasks = book.create_sheet(_("Staff by task")[:31])
        for model in models:
            tasks.append([model["model"]])
            estimate_rows(tasks, model["staff_hours_by_task"], task_label)
            tasks.append([])
        months = book.create_sheet(_("Months")[:31])
        for model in models:
            task_names = list(model["months"][0]["by_task"]) if model["months"] else []
            months.append([model["model"]])
            months.append([_("month"), "p5", "p50", "p95", _("mean"),
                           *(task_label(t) for t in task_names)])
            for month in model["months"]:
                hours = month["staff_hours"]
                months.append([month["month"], hours["p5"], hours["p50"], hours["p95"],
                               hours["mean"], *(month["by_task"][t] for t in task_names)])
            months.append([])
        used = book.create_sheet(_("Assumptions")[:31])
        for model in models:
            used.append([model["model"]])
            used.append([_("assumption"), _("value"), _("where it comes from"), _("why")])
            for a in model["assumptions"]:
                used.append([a["id"], a["value"], origin_label(a["origin"]), a["rationale"] or ""])
            used.append([])
    else:
        rows = book.create_sheet(_("Rows")[:31])
        names = list(payload["rows"][0]["figures"])
        rows.append([payload["swept"], *(f"{figure_label(n)} ({_('mean')})" for n in names),
                     *(f"{figure_label(n)} (95 % CI)" for n in names)])
        for row in payload["rows"]:
            rows.append([row["value"], *(row["figures"][n]["mean"] for n in names),
                         *("–".join(_number(x) for x in row["figures"][n]["ci95"])
                           for n in names)])
    for page in book.worksheets:  # the report has no formulas: a model's text that starts
        for cells in page.iter_rows():  # with "=" stays a text
            for cell in cells:
                if cell.data_type == "f":
                    cell.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_zip(buffer.getvalue(), stamp)


def _fixed_zip(content: bytes, stamp: datetime.datetime) -> bytes:
    """The workbook with every member dated ``stamp`` (openpyxl dates them now): the same
    inputs give the same bytes."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=stamp.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


def render(result: Result, fmt: str) -> str | bytes:
    """``result`` (a :class:`~mentorcore.planning.capacity.Capacity`,
    :class:`~mentorcore.planning.compare.Comparison` or
    :class:`~mentorcore.planning.scenarios.Sweep`) in ``fmt`` of :data:`FORMATS`."""
    from mentorcore.planning.capacity import Capacity
    from mentorcore.planning.compare import Comparison

    if fmt == "json":
        return json.dumps(data(result), ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        return _html(result)
    if fmt == "xlsx":
        return _xlsx(result, result.start)
    if isinstance(result, Capacity):
        return _capacity_table(result)
    if isinstance(result, Comparison):
        return _comparison_table(result)
    return _sweep_table(result)
