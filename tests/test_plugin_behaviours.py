"""Phase behaviours yield per-unit and per-group events, labelled from the plugin's own
catalog in the run's language; a bad event is the plugin's error, named."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from click.testing import CliRunner

from mentorcore.cli import cli
from tests.conftest import csv_rows

PLUGIN = """\
from mentorcore.plugin_api import BehaviourEvent, PhaseBehaviour, catalog_labels, hookimpl

LABELS = catalog_labels("checkins", {locale!r}, {{"check_in": "check-in visit"}})


def visits(window):
    yield BehaviourEvent(day=10, type="check_in", scope="unit")
    yield BehaviourEvent(day=12, type="check_in", scope="group")
    yield 14, "check_in"
    {extra}


@hookimpl
def register_phase_behaviours(register):
    register(PhaseBehaviour(kind="mentoring", description="a check-in", events=visits,
                            event_types=("check_in",), labels=LABELS))
"""


def _plugin(tmp_path: Path, extra: str = "") -> Path:
    locale = tmp_path / "locale"
    (locale / "fi" / "LC_MESSAGES").mkdir(parents=True)
    catalog = Catalog(locale="fi")
    catalog.add("check-in visit", "tapaamiskäynti")
    with open(locale / "fi" / "LC_MESSAGES" / "checkins.mo", "wb") as file:
        write_mo(file, catalog)
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "checkins.py").write_text(PLUGIN.format(locale=str(locale), extra=extra))
    return plugins


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_events_for_each_unit_each_group_and_the_programme(tmp_path):
    plugins = _plugin(tmp_path)
    result = invoke("--plugins-dir", str(plugins), "simulate", "womento", "--pairs", "3",
                    "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = [row[:3] for row in csv_rows(result.stdout) if "check_in" in row]
    assert [holder for _date, _type, holder in rows] == [
        "pair-1", "pair-2", "pair-3", "group-1", ""]
    assert len({date for date, _type, holder in rows if holder.startswith("pair")}) == 1


def test_labels_come_from_the_plugins_catalog_in_the_runs_language(tmp_path):
    plugins = _plugin(tmp_path)
    for language, label in (("fi", "tapaamiskäynti"), ("en", "check-in visit")):
        out = tmp_path / f"chart-{language}.svg"
        result = invoke("--plugins-dir", str(plugins), "--lang", language, "simulate",
                        "womento", "--pairs", "3", "--format", "svg", "--out", str(out))
        assert result.exit_code == 0, result.output
        assert label in out.read_text(encoding="utf-8")


def test_an_event_outside_the_phase_or_of_no_shape_is_the_plugins_error(tmp_path):
    cases = (("yield 4000, 'check_in'", "produced an event on day 4000, outside its phase"),
             ("yield 'a string'", "produced str 'a string', not a BehaviourEvent"))
    for number, (extra, says) in enumerate(cases):
        plugins = _plugin(tmp_path / str(number), extra)
        result = invoke("--plugins-dir", str(plugins), "simulate", "womento", "--pairs", "2")
        assert result.exit_code == 1, result.output
        assert ("phase behaviour 'mentoring' of plugin 'checkins' (checkins.visits) "
                in result.output)
        assert says in result.output


def test_a_behaviours_fault_reads_in_the_runs_language(tmp_path):
    plugins = _plugin(tmp_path, "yield 4000, 'check_in'")
    result = invoke("--plugins-dir", str(plugins), "--lang", "fi", "simulate", "womento",
                    "--pairs", "2")
    assert result.exit_code == 1, result.output
    assert ("liitännäisen 'checkins' vaiheen toiminta 'mentoring' (checkins.visits) tuotti "
            "tapahtuman päivälle 4000, vaiheensa ulkopuolelle" in result.output)
