"""The handbook is the volunteer guide an NGO hands out: its welcome letter, background and
advice chapters, contacts and sources as the published guide has them, written for its reader,
with no empty section and a complete "in a nutshell" list."""

from __future__ import annotations

import re

import pytest

from mentorcore.render.document import Heading, Items, plain, walk
from mentorcore.render.handbook import handbook, render_handbook
from tests.conftest import default_library

GUIDE_WORDS = 1321  # the words of the published Auroras guide (seed 002), its forms included


@pytest.fixture(scope="module")
def library():  # type: ignore[no-untyped-def]
    return default_library()


@pytest.fixture(scope="module")
def auroras():  # type: ignore[no-untyped-def]
    return default_library().programme("auroras-individual")


def _chapters(document) -> list[str]:  # type: ignore[no-untyped-def]
    return [plain(b.text) for b in document.blocks if isinstance(b, Heading) and b.level == 2]


def test_the_auroras_guide_opens_with_its_welcome_letter(auroras):
    text = render_handbook(auroras, "fi", reader="mentor")
    assert isinstance(text, str)
    letter = text.split("## Arvoisa Auroras-mentori!", 1)[1].split("\n## ", 1)[0]
    assert letter.lstrip().startswith("Lämpimät kiitokset vielä kerran")
    assert "**Toivomme sinulle antoisia hetkiä Auroras-yksilömentorina!**" in letter
    assert "Helmikuussa 2020" in letter
    assert "Emmi Juutilainen ja Tanja Aakko" in letter
    assert "Auroras-hankkeen työntekijät" in letter
    assert "[auroras.fi](<http://auroras.fi>)" in letter                # the letter's link


def test_the_guide_has_the_background_roles_advice_and_contacts_in_place(auroras):
    chapters = _chapters(handbook(auroras, "fi", reader="mentor"))
    order = ["Arvoisa Auroras-mentori!", "Tarkoitus ja kohderyhmä",
             "Yksilömentorointi Auroras-verkostossa", "Prosessi pähkinänkuoressa", "Roolit",
             "Mentorin ja aktorin roolit", "Tuki", "Mentoroinnin tuki ja viestintä",
             "Yhteystiedot", "Lähteet"]
    assert [c for c in chapters if c in order] == order
    text = render_handbook(auroras, "fi")
    contacts = text.split("## Yhteystiedot", 1)[1].split("\n## ", 1)[0]
    for published in ("Temppelikatu 13", "00100 Helsinki", "Hankekehittäjä",
                      "[tanja.aakko@auroras.fi](<mailto:tanja.aakko@auroras.fi>)",
                      "+358 50 467 3510", "aurorasverkosto", "LinkedIn"):
        assert published in contacts


def test_the_guide_is_as_full_as_the_published_one(auroras):
    words = len(render_handbook(auroras, "fi", reader="mentor").split())
    assert words >= GUIDE_WORDS


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_sources_are_cited_by_title_never_by_file_name(library, language):
    for model in library.ids():
        text = render_handbook(library.programme(model), language)
        assert not re.search(r"\b[0-9]{3}_[0-9a-f]{16}\.txt\b", text), model


def test_the_guide_is_written_for_its_reader(auroras, run):
    mentors = handbook(auroras, "fi", reader="mentor")
    assert plain(mentors.blocks[1].text) == "Opas mentoreille"
    mentees = handbook(auroras, "fi", reader="mentee")
    assert plain(mentees.blocks[1].text) == "Opas aktoreille" or \
        plain(mentees.blocks[1].text) == "Opas mentoroitaville"
    assert "Arvoisa Auroras-mentori!" not in _chapters(mentees)         # written to mentors
    everyone = handbook(auroras, "fi")
    assert "Arvoisa Auroras-mentori!" in _chapters(everyone)
    result = run("handbook", "auroras-individual", "--lang", "fi", "--for", "mentee")
    assert result.exit_code == 0 and "Arvoisa Auroras-mentori!" not in result.stdout


def test_the_nutshell_names_every_phase_event_and_report(library):
    for model in library.ids():
        programme = library.programme(model)
        document = handbook(programme, "en")
        blocks = list(document.blocks)
        at = next(i for i, b in enumerate(blocks)
                  if isinstance(b, Heading) and b.anchor == "process")
        items = next(b for b in blocks[at:] if isinstance(b, Items))
        listed = [plain(item) for item in items.items]
        assert len(listed) == len(programme.phases) + len(programme.events) + len(
            programme.reports), model


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_no_section_is_empty(library, language):
    for model in library.ids():
        blocks = list(walk(handbook(library.programme(model), language).blocks))
        for here, after in zip(blocks, blocks[1:], strict=False):
            if isinstance(here, Heading) and isinstance(after, Heading):
                assert after.level > here.level, (model, plain(here.text))
        assert not (blocks and isinstance(blocks[-1], Heading))


def test_an_optional_phase_is_not_called_voluntary(auroras):
    text = render_handbook(auroras, "fi")
    assert "Vapaaehtoinen:** kyllä" not in text
    assert "**Valinnainen vaihe:** kukin osallistuja päättää itse, osallistuuko" in text


def test_dates_are_written_as_finnish_and_swedish_write_them(library):
    import datetime as dt

    womento = library.programme("womento")
    assert "11.1.2027" in render_handbook(womento, "fi", dt.date(2027, 1, 11))
    swedish = render_handbook(womento, "sv", dt.date(2027, 1, 11))
    assert "11.1.2027" in swedish and "2027-01-11" not in swedish


def test_a_chapter_must_follow_a_chapter_of_the_handbook(write, run):
    model = write("m.yaml", """\
        extends: auroras-individual
        id: local
        chapters:
          - {id: extra, after: nowhere, title: X, text: Y}
        """)
    result = run("validate", str(model))
    assert result.exit_code == 1
    assert "m.yaml:4:" in result.output and "after" in result.output
