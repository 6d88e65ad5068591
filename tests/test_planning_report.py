"""The planner's report as a page and a workbook (issue 18, point 7): made from the handbook's
Jinja2 templates with autoescaping, so a model's text is never markup or a formula."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ARGS = ("--start", "2026-01-05", "--replications", "20")
MODELS = Path(__file__).resolve().parent.parent / "program_models"
TITLE = '=HYPERLINK("http://x.invalid","<script>alert(1)</script>")'
WHY = '<script>alert("why")</script> & <b>bold</b> </table>'


@pytest.fixture
def hostile(write):
    """Womento with markup and a formula in its English name and markup in a rationale."""
    text = (MODELS / "womento.yaml").read_text(encoding="utf-8")
    name = "  en: Womento work-career mentoring\n"
    why = "    rationale: preparing, hosting and following up one group meeting\n"
    assert name in text and why in text
    text = text.replace(name, "  en: '" + TITLE.replace("'", "''") + "'\n", 1)
    text = text.replace(why, "    rationale: '" + WHY.replace("'", "''") + "'\n", 1)
    return write("hostile.yaml", text)


def _outside_svg(page: str) -> str:
    return re.sub(r"<svg.*?</svg>", "", page, flags=re.S)


def _no_markup_from_the_model(page: str) -> None:
    assert "<script" not in page.lower() and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the name, as text
    assert "&lt;script&gt;alert(&#34;why&#34;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page
    assert _outside_svg(page).count("</table>") == _outside_svg(page).count("<table>")


def test_hostile_text_in_a_model_comes_out_escaped_in_the_capacity_page(run, hostile,
                                                                          tmp_path):
    page = tmp_path / "capacity.html"
    result = run("capacity", str(hostile), "--staff-hours", "40", "--format", "html", "--out",
                 str(page), *ARGS)
    assert result.exit_code == 0, result.output
    text = page.read_text(encoding="utf-8")
    _no_markup_from_the_model(text)
    assert "<title>Capacity: =HYPERLINK(" in text


def test_hostile_text_comes_out_escaped_in_the_comparison_page_of_the_installed_command(
        hostile, tmp_path):
    command = shutil.which("mentorcore")
    assert command is not None
    page = tmp_path / "compare.html"
    process = subprocess.run([command, "compare", str(hostile), "monika", "--format", "html",
                              "--out", str(page), *ARGS], capture_output=True, text=True,
                             timeout=120)
    assert process.returncode == 0, process.stderr
    text = page.read_text(encoding="utf-8")
    _no_markup_from_the_model(text)
    assert text.count("<svg") == 2  # the bars and the monthly band


def test_a_formula_in_a_model_stays_text_in_the_workbook(run, hostile, tmp_path):
    import openpyxl

    book_path = tmp_path / "capacity.xlsx"
    result = run("capacity", str(hostile), "--staff-hours", "40", "--format", "xlsx", "--out",
                 str(book_path), *ARGS)
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(book_path)
    first = book["Summary"]["A1"]
    assert first.value == f"{TITLE} (womento)" and first.data_type == "s"
    rows = {row[0].value: row for row in book["Assumptions"].iter_rows()}
    assert rows["staff_hours_per_event"][3].value == WHY  # the rationale, beside its value
    assert not [cell.coordinate for sheet in book.worksheets for cells in sheet.iter_rows()
                for cell in cells if cell.data_type == "f"]


def test_the_page_is_the_handbooks_look_in_the_language_of_the_run(run, tmp_path):
    from mentorcore.render.html import POLICY

    page = tmp_path / "capacity.html"
    result = run("--lang", "sv", "capacity", "womento", "--staff-hours", "40", "--format",
                 "html", "--out", str(page), *ARGS)
    assert result.exit_code == 0, result.output
    text = page.read_text(encoding="utf-8")
    assert '<html lang="sv">' in text and POLICY.replace("'", "&#39;") in text
    assert "--accent:" in text  # the handbook's stylesheet
    assert '<a class="skip" href="#main">' in text
    assert "<h2>Antaganden</h2>" in text and "Capacity" not in _outside_svg(text)
    assert "schedules clash now and then" in text  # a rationale, beside its value


def test_a_sweep_page_is_a_table_of_one_row_per_value(registry):
    import datetime

    from mentorcore import Library
    from mentorcore.planning.report import render
    from mentorcore.planning.scenarios import sweep

    womento = Library(registry).programme("womento")
    result = sweep(womento, "dropout_rate", (0.0, 0.1, 0.2), registry=registry,
                   replications=20, start=datetime.date(2026, 1, 5))
    text = render(result, "html")
    assert isinstance(text, str) and "<pre>" not in text
    body = text[text.index("<tbody>"):text.index("</tbody>")]
    assert body.count("<tr>") == 3 and "<th scope=\"row\">0.2</th>" in body
