"""The handbook: a guide for mentors and mentees generated from the model, in three languages,
as Markdown or a self-contained HTML page; model texts never become markup."""

from __future__ import annotations

import datetime as dt
import re
import shlex
import textwrap
from pathlib import Path

import pytest

from mentorcore import Library
from mentorcore.render.handbook import phase_dates, render_handbook, untranslated
from tests.conftest import MINIMAL, default_library


@pytest.fixture(scope="module")
def library() -> Library:
    return default_library()


@pytest.fixture(scope="module")
def auroras(library):  # type: ignore[no-untyped-def]
    return library.programme("auroras-individual")


def test_the_finnish_auroras_handbook_has_its_forms_as_appendices(auroras):
    text = render_handbook(auroras, "fi")
    assert text.startswith("# Auroras-yksilömentorointi pääkaupunkiseudulla\n")
    assert "## Liite 1: Ensimmäinen tapaaminen" in text
    assert "## Liite 2: Mentorin muistilista tapaamisiin" in text
    appendix = text[text.index("## Liite 1: Ensimmäinen tapaaminen"):]
    for field in auroras.get("forms", "first-meeting").fields:
        label = field.label.get("fi")
        assert label[:1].upper() + label[1:] in appendix
    assert "- [ ] Tapaamisten luottamuksellisuus" in appendix   # an agreed principle: a tick box


def test_the_handbook_has_every_part_in_the_documents_language(auroras):
    text = render_handbook(auroras, "fi")
    for heading in ("Tarkoitus ja kohderyhmä", "Prosessi pähkinänkuoressa", "Vaiheet",
                    "Tapaamiset", "Roolit", "Miten parit muodostetaan", "Pelisäännöt", "Tuki",
                    "Raportointi ja palaute", "Lomakkeet", "Lähteet"):
        assert f"## {heading}\n" in text
    assert "noin 2 tapaamista kuukaudessa, yhteensä 6–8 tapaamista" in text    # the cadence
    assert "noin 3–4 kuukautta" in text                                          # the duration
    assert "Tapaamisten luottamuksellisuus (yksilömentori, aktori" in text       # a rule
    assert "Jos et pääse tapaamiseen, siitä tulee aina ilmoittaa toiselle" in text
    assert "Liite 1: Ensimmäinen tapaaminen; Liite 2: Mentorin muistilista" in text   # sources
    english = render_handbook(auroras, "en")
    assert "## The process in a nutshell" in english and "## Appendix 1: First meeting" in english
    assert "about 2 meetings a month, 6–8 meetings in all" in english


def test_a_start_date_gives_the_phases_dates(auroras):
    text = render_handbook(auroras, "fi", start=dt.date(2026, 2, 2))
    # one date each, from the schedule: the middle of "about 3-4 months", on working days
    assert "| Yksilömentorointi | 4.2.2026 | 18.5.2026 |" in text
    assert "vaiheen alussa (yksilömentorointi) (4.2.2026)" in text   # the joint first meeting
    assert "2.2.2026" not in render_handbook(auroras, "fi")
    assert "| Individual mentoring | 2026-02-04 | 2026-05-18 |" in \
        render_handbook(auroras, "en", start=dt.date(2026, 2, 2))


def test_phase_dates_follow_the_durations(library):
    womento = library.programme("womento")
    dates = phase_dates(womento, dt.date(2026, 1, 31))       # a Saturday
    matching, mentoring = dates["matching"], dates["mentoring"]
    assert (matching.first_start, matching.first_end) == (dt.date(2026, 2, 2),) * 2
    assert (mentoring.first_start, mentoring.last_end) == (dt.date(2026, 2, 3),
                                                           dt.date(2026, 11, 2))   # 9 months
    camp = phase_dates(library.programme("kesalukio"), dt.date(2026, 6, 1))
    assert camp["camp"].first_end == dt.date(2026, 6, 8)          # an eight-day camp


def test_an_open_ended_duration_is_planned_at_its_minimum(write, run):
    from mentorcore.loading import load

    path = write("open.yaml", MINIMAL.replace("duration: {min: 3, max: 4, unit: month}",
                                              "duration: {min: 3, unit: month}") + """\
  - {id: closing, kind: closing, duration: {value: 2, unit: week}}
""")
    programme = load(path, registry=default_library().registry).programme
    dates = phase_dates(programme, dt.date(2026, 1, 15))
    assert dates["mentoring"].last_end == dt.date(2026, 4, 14)
    assert dates["closing"].first_start == dt.date(2026, 4, 15)
    assert dates["closing"].first_end == dt.date(2026, 4, 28)
    text = render_handbook(programme, "en", start=dt.date(2026, 1, 15))
    assert "| Closing | 2026-04-15 | 2026-04-28 |" in text


def test_a_swedish_handbook_of_a_swedish_speaking_model(library):
    vaasa = library.programme("auroras-vaasa")
    assert untranslated(vaasa, "sv") == 0
    text = render_handbook(vaasa, "sv", format="html")
    assert '<html lang="sv">' in text
    assert "<h1>Auroras-nätverkets mentorskap i Vasaregionen</h1>" in text
    assert "Processen i korthet" in text and "adept" in text
    assert 'lang="fi"' not in text and 'lang="en"' not in text


def test_a_text_missing_in_the_language_falls_back_and_says_which_it_is(auroras):
    page = render_handbook(auroras, "sv", format="html")
    assert '<html lang="sv">' in page and "Processen i korthet" in page
    assert '<span lang="fi">Tapaamisten luottamuksellisuus</span>' in page   # from the Finnish
    assert untranslated(auroras, "sv") > 0 and untranslated(auroras, "fi") == 0


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_bundled_model_renders_in_every_language(library, language):
    for model_id in library.ids():
        programme = library.programme(model_id)
        text = render_handbook(programme, language, start=dt.date(2026, 9, 1))
        assert text.startswith("# ") and text.endswith("\n") and "\n\n\n" not in text
        page = render_handbook(programme, language, format="html")
        assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
        assert render_handbook(programme, language) == render_handbook(programme, language)


HOSTILE = MINIMAL.replace(
    "name: Tiny", "name: '<script>alert(1)</script> *Tiny* [x](http://e.x)'") + """\
summary: "<img src=x onerror=alert(2)> & ok"
resources:
  - id: bad
    name: "click <b>me</b>"
    url: "javascript:alert(3)"
  - id: good
    name: "guide"
    url: "https://example.org/guide?a=1&b=2"
forms:
  - id: f
    name: "</h2><iframe src=//evil>"
    fields:
      - {id: a, label: "# heading | pipe", type: long_text}
      - {id: b, label: "=HYPERLINK(\\"http://evil\\")"}
"""


def test_model_texts_never_become_markup(write):
    from mentorcore.loading import load

    programme = load(write("hostile.yaml", HOSTILE), registry=default_library().registry).programme
    page = render_handbook(programme, "en", format="html")
    assert "<script" not in page and "<img" not in page and "<iframe" not in page
    assert "<b>" not in page and "javascript:" not in page.replace("javascript:alert(3)", "")
    assert 'href="javascript' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert ('<a href="https://example.org/guide?a=1&amp;b=2" '
            'data-address="https://example.org/guide?a=1&amp;b=2">Guide</a>') in page
    markdown = render_handbook(programme, "en")
    assert not re.search(r"(?<!\\)<(script|img|iframe|b>)", markdown)   # only as \<…
    assert "](javascript" not in markdown and "\\*Tiny\\*" in markdown
    assert "\\[x\\](http://e.x)" in markdown
    assert "[Guide](<https://example.org/guide?a=1&b=2>)" in markdown
    assert "1. **\\# heading \\| pipe**" in markdown


def test_the_html_page_is_self_contained_and_accessible(auroras):
    page = render_handbook(auroras, "fi", format="html")
    assert '<html lang="fi">' in page and '<meta charset="utf-8">' in page
    assert "default-src 'none'" in page                       # nothing may be loaded
    assert not re.search(r"<(script|link|img)\b", page)
    assert '<a class="skip" href="#main">Siirry sisältöön</a>' in page
    assert '<main id="main">' in page and '<nav aria-labelledby="contents-title">' in page
    assert '<a href="#form-first-meeting">Liite 1: Ensimmäinen tapaaminen</a>' in page
    assert page.count('<section class="page">') == 2             # each form on its own page
    assert "<title>Auroras-yksilömentorointi pääkaupunkiseudulla</title>" in page


# -- the command ---------------------------------------------------------------------------------

def test_handbook_command_writes_markdown_or_html(run, tmp_path):
    result = run("handbook", "auroras-individual", "--lang", "fi")
    assert result.exit_code == 0
    assert "## Liite 2: Mentorin muistilista tapaamisiin" in result.stdout
    out = tmp_path / "opas.html"
    result = run("handbook", "auroras-individual", "--lang", "fi", "--start", "2026-02-02",
                 "--out", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")   # from the suffix
    assert f"kirjoitettu {out}" in result.stderr
    assert "2.2.2026" in out.read_text(encoding="utf-8")


def test_the_global_lang_and_the_locale_choose_the_handbooks_language(run, monkeypatch):
    assert "## Prosessi pähkinänkuoressa" in run("--lang", "fi", "handbook", "womento").stdout
    monkeypatch.setenv("LANG", "sv_FI.UTF-8")
    assert "## Processen i korthet" in run("handbook", "womento").stdout
    assert "## The process in a nutshell" in run("handbook", "womento", "--lang", "en").stdout


def test_the_command_notes_texts_shown_in_another_language(run):
    result = run("handbook", "auroras-individual", "--lang", "sv")
    assert result.exit_code == 0
    assert re.search(r"obs: \d+ texter i modellen saknar version på sv", result.stderr)
    assert "obs" not in run("handbook", "auroras-vaasa", "--lang", "sv").stderr


def test_an_output_in_a_missing_directory_writes_nothing(run, tmp_path):
    out = tmp_path / "missing" / "opas.md"
    result = run("handbook", "womento", "--out", str(out))
    assert result.exit_code == 2
    assert f"directory {out.parent} does not exist" in result.stderr
    assert not out.parent.exists() and result.stdout == ""


def test_an_existing_output_needs_force(run, tmp_path):
    out = tmp_path / "opas.md"
    out.write_text("keep me", encoding="utf-8")
    result = run("handbook", "womento", "--out", str(out))
    assert result.exit_code == 2 and "file exists" in result.stderr
    assert out.read_text(encoding="utf-8") == "keep me"
    assert run("handbook", "womento", "--out", str(out), "--force").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# Womento")
    assert [p.name for p in tmp_path.iterdir()] == ["opas.md"]        # no temporary files left


def test_bad_input_is_refused_with_a_clear_message(run, write, tmp_path):
    unknown = run("handbook", "womento", "--lang", "de")
    assert unknown.exit_code == 2
    assert "unknown language 'de' (choose one of: fi, sv, en)" in unknown.stderr
    bad_date = run("handbook", "womento", "--start", "1.13.2026")
    assert bad_date.exit_code == 2
    assert "'1.13.2026': expected a date (2025-03-31 or 31.3.2025)" in bad_date.stderr
    blank = write("blank.yaml", MINIMAL.replace("name: Tiny", "name: {fi: ''}"))
    out = tmp_path / "opas.md"
    result = run("handbook", str(blank), "--out", str(out))
    assert result.exit_code == 1
    assert "name: the text is empty in every language" in result.stderr
    assert not out.exists()


def test_the_readme_walkthrough_works(run, tmp_path, monkeypatch):
    """README, "Adapt a model": new, edit three values, validate, handbook, simulate."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    start = readme.index("From start to a handbook")
    walkthrough = readme[start:readme.index("\n## ", start)]
    edit = re.search(r"```yaml\n(.*?)```", walkthrough, re.DOTALL).group(1)
    commands = re.findall(r"^(mentorcore [^#\n]*?)\s*(?:#.*)?$", walkthrough, re.MULTILINE)
    assert [c.split()[1] for c in commands] == ["new", "validate", "handbook", "simulate"]
    monkeypatch.chdir(tmp_path)
    for command in commands:
        if command.split()[1] == "validate":      # step 2 comes before step 3
            model = tmp_path / "our-womento.yaml"
            model.write_text(model.read_text(encoding="utf-8") + textwrap.dedent(edit),
                             encoding="utf-8")
        result = run(*shlex.split(command)[1:])
        assert result.exit_code == 0, f"{command}: {result.output}"
    assert "Jyväskylän mentorointiyhdistys" in (tmp_path / "opas.html").read_text(encoding="utf-8")
    assert "BEGIN:VCALENDAR" in (tmp_path / "calendar.ics").read_text(encoding="utf-8")
