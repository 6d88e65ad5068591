"""The chart of a simulated plan, for a funding application: phases, events, breaks shaded,
monthly staff and mentor hours with the p5–p95 band when there is more than one replication,
the model's name in the title and the assumptions in the caption, in the run's language."""

from __future__ import annotations

import subprocess

import pytest
from matplotlib.collections import PolyCollection

from mentorcore import i18n
from mentorcore.simulation import simulate, simulate_many
from mentorcore.simulation.charts import chart, chart_figure
from tests.conftest import default_library
from tests.test_cli import installed_command


@pytest.fixture(scope="module")
def womento():  # type: ignore[no-untyped-def]
    library = default_library()
    return library, library.programme("womento")


def _bands(figure) -> list[PolyCollection]:  # type: ignore[no-untyped-def]
    hours = figure.axes[1]
    return [c for c in hours.collections if isinstance(c, PolyCollection)
            and "5th–95th" in str(c.get_label())]


def test_replications_draw_the_band_and_one_run_does_not(womento):
    library, programme = womento
    many = simulate_many(programme, 40, registry=library.registry, start="2027-01-11", seed=3)
    one = simulate(programme, registry=library.registry, start="2027-01-11", seed=3)
    figure = chart_figure(many)
    bands = _bands(figure)
    assert len(bands) == 2                                   # staff and mentor hours
    staff = bands[0].get_paths()[0].vertices[:, 1]
    assert staff.max() > staff.min()                         # a band, not a line
    assert not _bands(chart_figure(one))


def test_the_title_names_the_model_and_the_caption_the_assumptions(womento):
    library, programme = womento
    run = simulate(programme, registry=library.registry, start="2027-01-11")
    figure = chart_figure(run)
    assert programme.title("en") in figure.axes[0].get_title()
    caption = " ".join(t.get_text() for t in figure.texts)
    assert "cancellation_rate 0.1" in caption and "Assumptions:" in caption


def test_breaks_are_shaded(womento):
    library, programme = womento
    run = simulate(programme, registry=library.registry, start="2026-12-01")
    spans = run.schedule.calendar.break_spans(run.end)
    assert spans and spans[0][0].month == 12               # Christmas comes first
    figure = chart_figure(run)
    shaded = [p for p in figure.axes[0].patches if p.get_label() == "_pause"]
    assert len(shaded) == len(spans)


def test_the_chart_speaks_the_runs_language(womento):
    library, programme = womento
    run = simulate(programme, registry=library.registry, start="2027-01-11")
    before = i18n.current()
    i18n.use("fi")
    try:
        figure = chart_figure(run)
    finally:
        i18n.use(before)
    texts = [figure.axes[0].get_title(), figure.axes[1].get_ylabel(),
             *(t.get_text() for t in figure.axes[1].get_legend().get_texts())]
    assert "tunnit" in figure.axes[1].get_ylabel()
    assert not any("hours" in text for text in texts)


@pytest.mark.parametrize("fmt, magic", [("svg", b"<?xml"), ("png", b"\x89PNG"),
                                        ("pdf", b"%PDF")])
def test_each_format_is_its_kind_and_the_same_bytes_each_time(womento, fmt, magic):
    library, programme = womento
    run = simulate(programme, registry=library.registry, start="2027-01-11", seed=1)
    first = chart(run, fmt)
    assert first.startswith(magic)
    assert chart(run, fmt) == first


def test_simulate_writes_a_pdf_chart(tmp_path):
    out = tmp_path / "suunnitelma.pdf"
    done = subprocess.run([installed_command(), "--lang", "fi", "simulate", "womento",
                           "--replications", "20", "--format", "pdf", "--out", str(out)],
                          capture_output=True, text=True, cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")
