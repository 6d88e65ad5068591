"""What the commands print, in Finnish and Swedish as a coordinator reads it (issue 15, point 1):
no English sentence of the code left in a table or report under --lang fi or --lang sv."""

from __future__ import annotations

import re


def _targets(stdout: str, heading: str) -> list[str]:
    """The lines of the documented targets' section of ``simulate``'s table."""
    lines = stdout.splitlines()
    start = next(index for index, line in enumerate(lines) if line.startswith(heading))
    section = []
    for line in lines[start + 1:]:
        if not line.strip():
            break
        section.append(re.sub(r"^\s*\d+ %\s+", "", line))
    return section


def test_the_documented_targets_of_simulate_read_in_the_language_of_the_run(run):
    assert _targets(run("--lang", "fi", "simulate", "womento").stdout, "Dokumentoidut") == [
        "noin 8–20 tapaamista: 1–2 tapaamista kuukaudessa, kesto noin 8–10 kuukautta "
        "(loppuun asti jatkaneet yksiköt)",
        "1–2 tapaamista kuukaudessa (loppuun asti jatkaneet yksiköt)",
        "vaihe kestää noin 8–10 kuukautta",
        "ryhmä: 5–15 paria",
        "ryhmätapaamiset: 3–4 kussakin ryhmässä",
    ]
    swedish = _targets(run("simulate", "womento", "--lang", "sv").stdout, "Dokumenterade")
    # the group is named as the model names it (womento has no Swedish name: its English one)
    assert swedish[2:4] == ["fasen varar cirka 8–10 månader", "group of pairs: 5–15 par"]
    assert swedish[1] == "1–2 träffar i månaden (enheter som fortsatte till slutet)"
    english = _targets(run("simulate", "womento").stdout, "Documented")
    assert english[0] == ("about 8–20 meetings: 1–2 meetings a month over about 8–10 months "
                          "(units that ran to the end)")
    assert english[4] == "each group holds 3–4 group meetings"


def test_new_writes_its_comments_in_the_language_of_the_run(run, tmp_path, monkeypatch):
    """The skeleton and the adaptation `new` writes are read by the coordinator: their comments
    and placeholders in Finnish or Swedish, and both still pass validate --strict."""
    monkeypatch.chdir(tmp_path)
    assert run("--lang", "fi", "new", "digikaveri").exit_code == 0
    skeleton = (tmp_path / "digikaveri.yaml").read_text(encoding="utf-8")
    assert "# digikaveri: uusi mentorointiohjelma. Muokkaa arvoja" in skeleton
    assert "organisation: (järjestönne nimi)\n" in skeleton
    assert "roles:                            # ketkä osallistuvat\n" in skeleton
    assert "your organisation" not in skeleton and "who takes part" not in skeleton
    import json

    schema = json.loads((tmp_path / "mentorcore.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["Phase"]["properties"]["duration"]["description"] == \
        "kuinka kauan vaihe kestää"  # the schema beside it speaks the same language
    assert "camp" in schema["$defs"]["Phase"]["properties"]["kind"]["enum"]  # a plugin's kind
    assert run("new", "kuopio", "--from", "womento", "--lang", "sv").exit_code == 0
    adaptation = (tmp_path / "kuopio.yaml").read_text(encoding="utf-8")
    assert "# kuopio: en anpassning av womento" in adaptation
    assert "# ärvt: cirka 8–10 månader" in adaptation
    assert "decided_by: (vem som beslutade — styrelsen, koordinatorn, styrgruppen)" in adaptation
    for name in ("digikaveri.yaml", "kuopio.yaml"):
        checked = run("validate", "--strict", name)
        assert checked.exit_code == 0, checked.stdout


def test_the_progress_bars_speak_the_language_of_the_run(monkeypatch):
    """match's and simulate's bars (drawn on a terminal only) label their stages in Finnish."""
    import io

    from mentorcore.commands import match, simulate
    from mentorcore.i18n import use

    terminal = io.StringIO()
    terminal.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr("sys.stderr", terminal)
    previous = use("fi")
    try:
        progress, bar = match._progress(match.PROGRESS_FROM)
        assert bar.label == "muodostetaan pareja"
        progress("solving", 1, 3)
        assert bar.label == "ratkaistaan"
        drawing = simulate._Progress()
        drawing(1, 10)
        assert drawing.bar.label == "simuloidaan"
        drawing.close()
    finally:
        use(previous)


def test_show_heads_an_adaptation_in_the_language_of_the_run(run):
    assert run("--lang", "fi", "show", "auroras-vaasa").stdout.splitlines()[0] == \
        "# auroras-vaasa: laajentaa mallia womento, mentorcore show yhdisti sen perimät arvot"
    assert run("show", "auroras-vaasa", "--lang", "sv").stdout.splitlines()[0] == \
        "# auroras-vaasa: utökar womento, sammanslagen av mentorcore show"
    assert run("show", "auroras-vaasa").stdout.splitlines()[0] == \
        "# auroras-vaasa: extends womento, resolved by mentorcore show"


def test_model_tests_and_diff_report_in_the_language_of_the_run(run, write):
    from tests.conftest import MINIMAL

    write("tiny.yaml", MINIMAL)
    test = write("tiny.test.yaml", """\
        model: tiny.yaml
        expect:
          - that: lasts a year
            path: phases[mentoring].duration.max
            equals: 12
          - that: has a camp
            path: phases[camp]
            exists: true
        """)
    lines = run("--lang", "fi", "test", str(test)).stdout.splitlines()
    assert lines[0].endswith("(tiny.yaml): 0/2 täyttyy")
    assert (f"  EI TÄYTY {test}:3:5: lasts a year: phases[mentoring].duration.max: odotettiin "
            "12, löytyi 4") in lines
    assert lines[2].endswith("phases[camp]: odotettiin arvoa, ei löytynyt mitään")
    assert lines[-1] == "0 täyttyi, 2 ei täyttynyt"
    swedish = run("test", str(test), "--lang", "sv").stdout.splitlines()
    assert swedish[-1] == "0 uppfylldes, 2 uppfylldes inte"
    assert run("--lang", "sv", "diff", "womento", "womento").stdout == \
        "inga skillnader mellan womento och womento\n"
    assert run("--lang", "fi", "diff", "womento", "womento").stdout == \
        "malleilla womento ja womento ei ole eroja\n"


def test_the_model_classes_check_their_values_in_the_language_of_the_run(run, write):
    """A value a model class refuses (a time of day, a break, weekdays) is explained in Finnish
    and Swedish too: the classes' own checks were English f-strings."""
    path = write("m.yaml", """\
        id: m
        extends: womento
        calendar:
          summer_pause: 05-01..10-30
        events:
          - {id: x, name: x, timing: once, phase: mentoring, time: '25:00'}
        """)
    finnish = run("--lang", "fi", "validate", str(path)).stdout
    assert ("calendar: summer_pause '05-01..10-30' kestää 183 päivää; tauko kestää enintään 92 "
            "(kun ensimmäinen") in finnish
    assert ("events[0]: time: kirjoita kellonaika muodossa HH:MM–HH:MM (esim. \"17:00–19:00\"), "
            "löytyi '25:00' [E102]") in finnish
    swedish = run("validate", str(path), "--lang", "sv").stdout
    assert "time ska vara en tid på dagen HH:MM–HH:MM" in swedish
    english = run("validate", str(path)).stdout
    assert "time must be a time of day HH:MM–HH:MM (e.g. \"17:00–19:00\"), found '25:00'" in english


def test_simulate_writes_numbers_dates_and_units_as_the_language_does(run):
    """Finnish and Swedish tables: a decimal comma (280,5 mentor hours), dates as 7.12.2026,
    the cohort in words (15 paria, 15 par); English keeps a decimal point and ISO dates."""
    args = ("simulate", "womento", "--start", "2026-12-07")
    finnish = run("--lang", "fi", *args).stdout
    assert "simuloitu 7.12.2026–" in finnish and "; 15 paria (synteettinen)" in finnish
    hours = next(line for line in finnish.splitlines() if "mentorituntia" in line)
    assert re.search(r"\d+,\d$", hours), hours
    assert re.search(r"cancellation_rate\s+0,1\s", finnish)
    swedish = run("--lang", "sv", *args).stdout
    assert "7.12.2026" in swedish and "15 par (" in swedish
    english = run("--lang", "en", *args).stdout
    assert "from 2026-12-07 to" in english and "15 pairs (synthetic)" in english
    assert re.search(r"cancellation_rate\s+0\.1\s", english)
