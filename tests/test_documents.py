"""The handbook and forms as documents an NGO prints and edits: Word (DOCX) read back with
python-docx, PDF read back with pypdf (A4, page numbers, each form on its own page), the HTML's
print style, and an organisation's own look through ``--template``."""

from __future__ import annotations

import base64
import io
import os
import subprocess
import zipfile
from pathlib import Path

import pytest

from mentorcore.render.document import Heading, walk
from mentorcore.render.forms import forms_document
from mentorcore.render.handbook import handbook, render_handbook
from mentorcore.render.output import render_document
from mentorcore.render.pdf import available as pdf_available
from tests.conftest import default_library
from tests.test_cli import installed_command
from tests.test_handbook import HOSTILE

A4 = (595.28, 841.89)  # points
PNG = base64.b64decode(  # a 1×1 transparent PNG
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")


@pytest.fixture(scope="module")
def auroras():  # type: ignore[no-untyped-def]
    return default_library().programme("auroras-individual")


def _word(data: bytes):  # type: ignore[no-untyped-def]
    import docx

    return docx.Document(io.BytesIO(data))


# -- Word ----------------------------------------------------------------------------------------

def test_the_docx_handbook_has_the_chapters_as_headings_lists_and_a4_pages(auroras):
    document = handbook(auroras, "fi")
    word = _word(render_document(document, "docx"))
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    chapters = [h for h in document.blocks if isinstance(h, Heading) and h.level == 2]
    assert headings[:len(chapters)] == ["".join(map(str, (t if isinstance(t, str) else t.text
                                                          for t in h.text))) for h in chapters]
    assert "Prosessi pähkinänkuoressa" in headings
    assert any(p.style.name == "List Number" for p in word.paragraphs)
    assert any(p.style.name == "List Bullet" for p in word.paragraphs)
    section = word.sections[0]
    assert abs(section.page_width.cm - 21) < 0.01 and abs(section.page_height.cm - 29.7) < 0.01
    assert word.core_properties.title == document.title
    assert word.core_properties.language == "fi-FI"
    footer = section.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "fldChar" in footer                    # page numbers


def test_docx_forms_start_on_new_pages_with_room_to_write(auroras):
    from docx.enum.text import WD_BREAK  # noqa: F401  (python-docx is a dependency)

    document = forms_document(auroras, "fi", auroras.forms)
    word = _word(render_document(document, "docx"))
    xml = word.element.body.xml
    assert xml.count('w:type="page"') == len(auroras.forms) - 1        # every form but the first
    bordered = [p for p in word.paragraphs if "w:pBdr" in p._p.xml]
    from mentorcore.render.document import FormFields

    long_fields = sum(1 for b in walk(document.blocks) if isinstance(b, FormFields)
                      for f in b.fields if f.kind == "long_text")
    assert len(bordered) >= 4 * long_fields > 0                       # lines to write on
    ticks = [p for p in word.paragraphs if p.text.startswith("\u2610 ")]
    assert ticks, "the checklist's principles are boxes to tick"


def test_docx_keeps_model_texts_as_text_and_links_only_safe_addresses(write):
    from mentorcore.loading import load

    programme = load(write("hostile.yaml", HOSTILE), registry=default_library().registry).programme
    data = render_document(handbook(programme, "en"), "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("word/document.xml").decode()
        rels = archive.read("word/_rels/document.xml.rels").decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body            # text, not markup
    assert "&lt;/h2&gt;&lt;iframe" in body
    assert "javascript:" not in rels
    assert 'Target="https://example.org/guide?a=1&amp;b=2"' in rels   # the safe link is a link


def test_handbook_command_writes_docx_from_the_suffix(run, tmp_path):
    out = tmp_path / "opas.docx"
    result = run("handbook", "auroras-individual", "--lang", "fi", "--out", str(out))
    assert result.exit_code == 0, result.output
    word = _word(out.read_bytes())
    assert word.paragraphs[0].text == "Auroras-yksilömentorointi pääkaupunkiseudulla"


def test_installed_command_writes_docx_forms(tmp_path):
    out = tmp_path / "liitteet.docx"
    done = subprocess.run([installed_command(), "--lang", "fi", "forms", "auroras-individual",
                           "--format", "docx", "--out", str(out)], capture_output=True,
                          text=True, cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stderr
    texts = [p.text for p in _word(out.read_bytes()).paragraphs]
    assert "Liite 1: Ensimmäinen tapaaminen" in texts


# -- PDF -----------------------------------------------------------------------------------------

needs_pdf = pytest.mark.skipif(not pdf_available(), reason="WeasyPrint or the system's Pango "
                               "is not installed (pip install 'mentorcore[pdf]')")


@needs_pdf
def test_the_pdf_handbook_is_a4_with_page_numbers_and_forms_on_their_own_pages(auroras):
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(render_document(handbook(auroras, "fi"), "pdf")))
    count = len(reader.pages)
    assert count >= 3
    for page in reader.pages:
        box = page.mediabox
        assert abs(float(box.width) - A4[0]) < 1 and abs(float(box.height) - A4[1]) < 1
    texts = [page.extract_text() for page in reader.pages]
    for number, text in enumerate(texts, start=1):
        assert f"{number} / {count}" in text                          # the footer's number
    starts = [text.lstrip().split("\n", 1)[0] for text in texts]
    assert "Liite 1: Ensimmäinen tapaaminen" in starts                # a form opens its page
    assert "Liite 2: Mentorin muistilista tapaamisiin" in starts


@needs_pdf
def test_the_pdf_prints_each_links_address(write):
    import pypdf

    from mentorcore.loading import load

    programme = load(write("hostile.yaml", HOSTILE), registry=default_library().registry).programme
    reader = pypdf.PdfReader(io.BytesIO(render_document(handbook(programme, "en"), "pdf")))
    text = "".join(page.extract_text() for page in reader.pages).replace("\n", "")
    assert "Guide (https://example.org/guide?a=1&b=2)" in text
    assert "javascript" not in text


def test_pdf_without_weasyprint_says_how_to_install_it(run, monkeypatch, tmp_path):
    from mentorcore.render import pdf

    def missing() -> None:
        raise ImportError("no weasyprint")

    monkeypatch.setattr(pdf, "_weasyprint", missing)
    out = tmp_path / "opas.pdf"
    result = run("handbook", "womento", "--format", "pdf", "--out", str(out))
    assert result.exit_code == 2
    assert "E802" in result.stderr and "pip install 'mentorcore[pdf]'" in result.stderr
    assert "Traceback" not in result.output and not out.exists()


# -- the HTML's print style ----------------------------------------------------------------------

def test_the_html_prints_on_a4_with_page_numbers_and_link_addresses(auroras):
    page = render_handbook(auroras, "fi", format="html")
    assert "size: A4" in page and "counter(page)" in page
    assert 'a[data-address]::after { content: " (" attr(data-address) ")"' in page
    assert 'data-address="' in page                                   # external links carry it


# -- an organisation's own look ------------------------------------------------------------------

def _look(tmp_path: Path, **files: str | bytes) -> Path:
    directory = tmp_path / "look"
    directory.mkdir(exist_ok=True)
    for name, content in files.items():
        target = directory / name.replace("_", ".")
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return directory


def test_template_directory_replaces_style_logo_and_page(run, tmp_path):
    look = _look(tmp_path, style_css="body { color: #123456; } </style><script>x</script>",
                 logo_png=PNG,
                 page_html='{% from "blocks.html" import block %}<!DOCTYPE html>'
                           '<html lang="{{ document.language }}"><head><style>{{ style }}</style>'
                           '</head><body><img src="{{ logo }}" alt="logo"><p class="org">'
                           '{{ document.title }}</p>{% for b in after %}{{ block(b) }}'
                           '{% endfor %}</body></html>')
    out = tmp_path / "opas.html"
    result = run("handbook", "womento", "--lang", "fi", "--template", str(look),
                 "--out", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "color: #123456" in page
    assert "</style><script>" not in page                            # cannot end the style
    assert 'src="data:image/png;base64,' in page
    assert '<p class="org">Womento-työuramentorointi</p>' in page


def test_the_default_page_shows_the_logo_with_a_label(tmp_path):
    from mentorcore.render.templating import load_look

    look = load_look(_look(tmp_path, logo_svg="<svg xmlns='http://www.w3.org/2000/svg'/>"), "fi")
    document = handbook(default_library().programme("womento"), "fi")
    from mentorcore.render import html

    page = html.render(document, look=look, logo_label="Järjestön logo")
    assert '<header class="brand"><img src="data:image/svg+xml;base64,' in page
    assert 'alt="Järjestön logo"' in page


@pytest.mark.parametrize("files, words", [
    ({"page_html": "{% for x in %}"}, ("E801", "page.html:1", "syntax")),
    ({"page_html": "{{ ''.__class__.__mro__[1].__subclasses__() }}"}, ("E801", "page.html")),
    ({"page_html": "{{ nothing_like_this }}"}, ("E801", "page.html")),
    ({"style_css": b"\xff\xfe body {}"}, ("E801", "style.css", "UTF-8")),
    ({"readme_txt": "hello"}, ("E801", "none of the template files")),
])
def test_template_mistakes_are_clear_errors_and_write_nothing(run, tmp_path, files, words):
    look = _look(tmp_path, **files)
    out = tmp_path / "opas.html"
    result = run("handbook", "womento", "--template", str(look), "--out", str(out))
    assert result.exit_code == 2, result.output
    for word in words:
        assert word in result.stderr
    assert "Traceback" not in result.output and not out.exists()


def test_template_files_may_not_lead_out_of_the_directory(run, tmp_path):
    secret = tmp_path / "secret.css"
    secret.write_text("body { color: red }", encoding="utf-8")
    look = _look(tmp_path)
    os.symlink(secret, look / "style.css")
    result = run("handbook", "womento", "--template", str(look), "--format", "html")
    assert result.exit_code == 2 and "E801" in result.stderr
    assert "color: red" not in result.stdout


def test_an_oversized_template_file_is_refused(run, tmp_path):
    from mentorcore.render.templating import MAX_TEMPLATE_BYTES

    look = _look(tmp_path, logo_png=b"\x89PNG" + b"0" * MAX_TEMPLATE_BYTES)
    result = run("handbook", "womento", "--template", str(look), "--format", "html")
    assert result.exit_code == 2 and "E801" in result.stderr and "KiB" in result.stderr


def test_every_block_of_the_handbook_reaches_the_docx(auroras):
    """No block kind is dropped: each heading of the document is a heading of the DOCX."""
    document = handbook(auroras, "en")
    word = _word(render_document(document, "docx"))
    wanted = sum(1 for b in walk(document.blocks) if isinstance(b, Heading))
    got = sum(1 for p in word.paragraphs if p.style.name.startswith(("Heading", "Title")))
    assert got == wanted
