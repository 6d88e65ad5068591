"""``mentorcore compare``: models side by side, each difference with its interval, on common
random numbers."""

from __future__ import annotations

import json
import math

import pytest

from tests.conftest import workbook_values

ARGS = ("--start", "2026-01-05", "--replications", "60")
FIGURES = {"units", "meetings_held", "units_completed", "staff_hours",
           "staff_hours_peak_month", "mentor_hours", "duration_days", "certificates"}


def compare_json(run, *args):
    result = run("compare", *args, "--format", "json", *ARGS)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_two_models_side_by_side_with_each_difference_and_its_interval(run):
    report = compare_json(run, "womento", "matkalla-tyoelamaan", "--pairs", "40")
    first, second = report["models"]
    assert (first["model"], second["model"]) == ("womento", "matkalla-tyoelamaan")
    assert first["units"] == second["units"] == 40
    assert set(first["figures"]) == set(second["difference_from_first"]) == FIGURES
    assert first["difference_from_first"] is None and report["common_random_numbers"]
    for name in FIGURES:
        a, b, d = (first["figures"][name], second["figures"][name],
                   second["difference_from_first"][name])
        assert d["ci95"][0] <= d["mean"] <= d["ci95"][1]
        # the mean of the paired differences is the difference of the means (up to rounding)
        assert d["mean"] == pytest.approx(b["mean"] - a["mean"], abs=1.01)
        for e in (a, b):
            assert e["p5"] <= e["p50"] <= e["p95"]
    # counts are whole numbers, everywhere
    for name in ("meetings_held", "certificates", "units_completed"):
        for value in (*second["figures"][name].values(),):
            values = value if isinstance(value, list) else [value]
            assert all(isinstance(v, int) for v in values)
    assert second["figures"]["certificates"]["mean"] > 0 == first["figures"]["certificates"][
        "mean"]
    assert "certificates" in second["staff_hours_by_task"]
    assert sum(m["share"] for m in second["peak_months"]) == pytest.approx(1)


def test_common_random_numbers_make_the_difference_s_interval_narrow(run, write):
    womento = write("busier.yaml", """\
        id: busier
        extends: womento
        assumptions:
          - id: cancellation_rate
            value: 0.2
            rationale: a test
        """)
    report = compare_json(run, "womento", str(womento), "--pairs", "30")
    first, second = report["models"]

    def half(e):
        return (e["ci95"][1] - e["ci95"][0]) / 2

    held = "meetings_held"
    paired = half(second["difference_from_first"][held])
    independent = math.hypot(half(first["figures"][held]), half(second["figures"][held]))
    assert second["difference_from_first"][held]["mean"] < 0
    assert paired < independent / 2


def test_a_model_compared_with_itself_differs_by_nothing(run):
    report = compare_json(run, "womento", "womento", "--pairs", "12")
    difference = report["models"][1]["difference_from_first"]
    assert all(d == {"mean": 0, "ci95": [0, 0], "p5": 0, "p50": 0, "p95": 0}
               for d in difference.values())


def test_set_applies_to_every_model_and_a_sweep_gives_a_row_per_value(run):
    report = compare_json(run, "womento", "monika", "--pairs", "10",
                          "--set", "dropout_rate=0.3")
    for model in report["models"]:
        assert {"id": "dropout_rate", "value": 0.3, "origin": "override",
                "rationale": None} in \
            model["assumptions"]
    swept = compare_json(run, "womento", "monika", "--sweep", "pairs=10..30:10")
    assert [row["value"] for row in swept["rows"]] == [10, 20, 30]
    assert [row["models"][0]["units"] for row in swept["rows"]] == [10, 20, 30]
    table = run("compare", "womento", "monika", "--sweep", "pairs=10..30:10", *ARGS)
    assert table.exit_code == 0 and len(table.output.splitlines()) == 5


def test_mistakes_are_messages_with_exit_status_2(run):
    one = run("compare", "womento", *ARGS)
    assert one.exit_code == 2 and "at least two models" in one.output
    unknown = run("compare", "womento", "monika", "--set", "cancelation_rate=0.2", *ARGS)
    assert unknown.exit_code == 2 and "E621" in unknown.output
    assert "cancellation_rate" in unknown.output
    sweep = run("compare", "womento", "monika", "--sweep", "pairs=10..5:1", *ARGS)
    assert sweep.exit_code == 2 and "--sweep" in sweep.output


def test_the_report_in_finnish_has_the_charts_and_the_assumptions(run, tmp_path):
    page = tmp_path / "compare.html"
    result = run("--lang", "fi", "compare", "womento", "monika", "--pairs", "10",
                 "--format", "html", "--out", str(page), *ARGS)
    assert result.exit_code == 0, result.output
    text = page.read_text(encoding="utf-8")
    assert '<html lang="fi">' in text and text.count("<svg") == 2
    assert "mentor_hours_per_meeting" in text
    book_path = tmp_path / "compare.xlsx"
    assert run("compare", "womento", "monika", "--pairs", "10", "--format", "xlsx",
               "--out", str(book_path), *ARGS).exit_code == 0
    import openpyxl

    book = openpyxl.load_workbook(book_path)
    assert book.sheetnames == ["Summary", "Figures", "Staff by task", "Months", "Assumptions"]
    again = tmp_path / "again.xlsx"
    run("compare", "womento", "monika", "--pairs", "10", "--format", "xlsx", "--out",
        str(again), *ARGS)
    assert workbook_values(again) == workbook_values(book_path)


def test_the_installed_command_compares_and_refuses_a_mistake_with_status_2():
    import shutil
    import subprocess

    command = shutil.which("mentorcore")
    assert command is not None
    done = subprocess.run([command, "compare", "womento", "monika", "--pairs", "10",
                           "--format", "json", *ARGS], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert [m["model"] for m in json.loads(done.stdout)["models"]] == ["womento", "monika"]
    wrong = subprocess.run([command, "compare", "womento", "monika", "--sweep", "pairs=0..1",
                            *ARGS], capture_output=True, text=True, timeout=120)
    assert wrong.returncode == 2 and "--sweep" in wrong.stderr and not wrong.stdout
