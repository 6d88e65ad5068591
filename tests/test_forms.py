"""Forms from the model: printable Markdown and HTML, and CSV templates for logging meetings."""

from __future__ import annotations

import pytest

from mentorcore.render.forms import form_csv, render_forms
from tests.conftest import MINIMAL, csv_rows, default_library


@pytest.fixture(scope="module")
def auroras():  # type: ignore[no-untyped-def]
    return default_library().programme("auroras-individual")


def _rows(text: str) -> list[list[str]]:
    return csv_rows(text)


def test_liite_2_is_a_meeting_log_with_its_six_fields_as_columns(auroras):
    checklist = auroras.get("forms", "meeting-checklist")
    rows = _rows(form_csv(auroras, checklist, "fi"))
    assert rows == [["Päivämäärä", "Tapaamisen sisältö", "Tapaamisen aikana syntyneet oivallukset",
                     "Aktorin palaute tapaamisesta", "Sovitut tehtävät mentori / aktori",
                     "Seuraava tapaaminen"]]
    assert rows[0] == [field.label.get("fi") for field in checklist.fields]
    english = _rows(form_csv(auroras, checklist, "en"))[0]
    assert english[0] == "Date" and english[-1] == "Next meeting" and len(english) == 6


def test_printable_forms_carry_every_label(auroras):
    text = render_forms(auroras, "fi")
    assert "## Liite 1: Ensimmäinen tapaaminen" in text
    assert "## Liite 2: Mentorin muistilista tapaamisiin" in text
    for form in auroras.forms:
        for field in form.fields:
            label = field.label.get("fi")
            assert label[:1].upper() + label[1:] in text
    assert "- [ ] Osaamisen jakaminen ja toisilta oppiminen" in text
    assert "- **Täyttäjä:** yksilömentori" in text


def test_one_form_as_an_html_page(auroras):
    page = render_forms(auroras, "fi", "first-meeting", "html")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="fi">' in page
    assert '<h1 id="form-first-meeting">Liite 1: Ensimmäinen tapaaminen</h1>' in page
    assert "<title>Liite 1: Ensimmäinen tapaaminen</title>" in page
    assert "Mentorin muistilista" not in page
    assert page.count('<span class="box" aria-hidden="true"></span>') == 3   # the principles


def test_a_form_without_an_appendix_number_gets_one():
    monika = default_library().programme("monika")
    text = render_forms(monika, "fi")
    assert text.startswith("# Liite 1: Sopimus\n")
    assert "1. **Mentoroinnin muoto**" in text


def test_forms_command_writes_each_format(run, tmp_path):
    result = run("forms", "auroras-individual", "--lang", "fi")
    assert result.exit_code == 0 and "## Liite 1: Ensimmäinen tapaaminen" in result.stdout
    log = tmp_path / "tapaamiset.csv"
    result = run("forms", "auroras-individual", "--form", "meeting-checklist", "--lang", "fi",
                 "--out", str(log))
    assert result.exit_code == 0, result.output
    assert _rows(log.read_text(encoding="utf-8"))[0][1] == "Tapaamisen sisältö"   # csv by suffix
    page = tmp_path / "liite1.html"
    assert run("forms", "auroras-individual", "--form", "first-meeting", "--out",
               str(page)).exit_code == 0
    assert "Appendix 1: First meeting" in page.read_text(encoding="utf-8")


def test_forms_command_refuses_what_it_cannot_do(run, write):
    several = run("forms", "auroras-individual", "--format", "csv")
    assert several.exit_code == 2
    assert "a CSV template holds one form" in several.stderr
    assert "first-meeting, meeting-checklist" in several.stderr
    typo = run("forms", "auroras-individual", "--form", "meeting-chcklist")
    assert typo.exit_code == 2 and "did you mean `meeting-checklist`" in typo.stderr
    none = run("forms", "womento")
    assert none.exit_code == 2 and "womento: the model has no forms" in none.stderr
    finnish = run("--lang", "fi", "forms", "womento")
    assert "mallissa ei ole lomakkeita" in finnish.stderr


def test_a_csv_cell_cannot_be_a_spreadsheet_formula(write):
    from mentorcore.loading import load

    path = write("m.yaml", MINIMAL + """\
forms:
  - id: log
    name: Log
    fields:
      - {id: a, label: "=HYPERLINK(\\"http://evil\\")"}
      - {id: b, label: "+1"}
      - {id: c, label: "plain, with comma"}
""")
    programme = load(path, registry=default_library().registry).programme
    row = _rows(form_csv(programme, programme.forms[0], "en"))[0]
    assert row == ["'=HYPERLINK(\"http://evil\")", "'+1", "plain, with comma"]
