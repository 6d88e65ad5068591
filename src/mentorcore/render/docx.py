"""Writing a :class:`~mentorcore.render.document.Document` as a Word document (DOCX) that an
organisation edits further: real headings (so Word's navigation and contents work), bulleted and
numbered lists, tables with a repeated header row, labelled values, and the forms as appendices
that each start on a new page, with lines to write on and boxes to tick. Pages are A4 with page
numbers in the footer; the document's language is set, so Word checks the spelling in it.

Model texts are untrusted: they are put in as text (never as fields or markup), and only
``http``, ``https`` and ``mailto`` addresses become links. python-docx is imported only here.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from mentorcore.render.document import (
    Block,
    Document,
    Facts,
    FormFields,
    Heading,
    Items,
    Line,
    Link,
    Paragraph,
    Said,
    Section,
    Strong,
    Table,
)
from mentorcore.render.markdown import safe_url

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.text.paragraph import Paragraph as WordParagraph

__all__ = ["WRITING_LINES", "render"]

#: How many lines to write on a form field of each kind gets.
WRITING_LINES = {"long_text": 4, "contact": 2, "text": 1, "date": 1, "number": 1}
_LANGUAGE_TAGS = {"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}
_TICK = "\u2610"  # ☐ BALLOT BOX


def _tag(language: str) -> str:
    return _LANGUAGE_TAGS.get(language, language)


def _set_language(element: Any, language: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = element.get_or_add_rPr()
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    lang.set(qn("w:val"), _tag(language))


def _hyperlink(paragraph: WordParagraph, text: str, url: str) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    target = url.strip()
    part = paragraph.part
    rel = part.relate_to(target, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    properties.append(style)
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "0B4F8A")
    properties.append(colour)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    properties.append(underline)
    run.append(properties)
    text_element = OxmlElement("w:t")
    text_element.text = text
    text_element.set(qn("xml:space"), "preserve")
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def _line(paragraph: WordParagraph, parts: Line) -> None:
    for part in parts:
        if isinstance(part, Strong):
            paragraph.add_run(part.text).bold = True
        elif isinstance(part, Link):
            if part.url.strip().startswith("#"):
                paragraph.add_run(part.text)
            elif safe_url(part.url):
                _hyperlink(paragraph, part.text, part.url)
            else:
                paragraph.add_run(part.text)
        elif isinstance(part, Said):
            run = paragraph.add_run(part.text)
            _set_language(run._r, part.language)
        else:
            paragraph.add_run(part)


def _border_below(paragraph: WordParagraph) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"),
                       ("w:color", "8A8A8A")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    properties.append(borders)


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


class _Writer:
    def __init__(self, word: WordDocument) -> None:
        self.word = word
        self.started = False

    def paragraph(self, style: str | None = None) -> WordParagraph:
        self.started = True
        return self.word.add_paragraph(style=style)

    def block(self, block: Block) -> None:
        if isinstance(block, Heading):
            heading = self.word.add_heading(level=min(max(block.level - 1, 0), 9))
            self.started = True
            _line(heading, block.text)
        elif isinstance(block, Paragraph):
            _line(self.paragraph(), block.text)
        elif isinstance(block, Items):
            style = "List Number" if block.ordered else "List Bullet"
            for item in block.items:
                _line(self.paragraph(style), item)
        elif isinstance(block, Facts):
            for label, value in block.pairs:
                paragraph = self.paragraph()
                paragraph.add_run(f"{label}: ").bold = True
                _line(paragraph, value)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, FormFields):
            self.fields(block)
        elif isinstance(block, Section):
            if block.new_page and self.started:
                from docx.enum.text import WD_BREAK

                self.word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            for inner in block.blocks:
                self.block(inner)

    def table(self, block: Table) -> None:
        if block.caption:
            self.paragraph("Caption").add_run(block.caption)
        table = self.word.add_table(rows=1, cols=len(block.header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, block.header, strict=True):
            cell.paragraphs[0].add_run(text).bold = True
        _repeat_header(table.rows[0])
        for row in block.rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=False):
                _line(cell.paragraphs[0], value)
        self.started = True

    def fields(self, block: FormFields) -> None:
        for field in block.fields:
            if field.kind in ("principle", "checkbox"):
                paragraph = self.paragraph()
                paragraph.add_run(f"{_TICK} ")
                _line(paragraph, field.label)
                continue
            label = self.paragraph()
            _line(label, field.label)
            for run in label.runs:
                run.bold = True
            for _n in range(WRITING_LINES.get(field.kind, 1)):
                space = self.paragraph()
                space.paragraph_format.space_before = _points(14)
                _border_below(space)


def _points(value: float) -> Any:
    from docx.shared import Pt

    return Pt(value)


def _page_numbers(word: WordDocument) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    footer = word.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = footer.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)


def render(document: Document) -> bytes:
    """The document as the bytes of a DOCX file."""
    import docx
    from docx.shared import Cm

    word = docx.Document()
    section = word.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    word.core_properties.title = document.title
    word.core_properties.language = _tag(document.language)
    word.core_properties.author = "mentorcore"
    for style in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Heading 4"):
        _set_language(word.styles[style].element, document.language)
    _page_numbers(word)
    writer = _Writer(word)
    blocks = list(document.blocks)
    if not (blocks and isinstance(blocks[0], Heading) and blocks[0].level == 1):
        word.add_heading(document.title, level=0)
    for block in blocks:
        writer.block(block)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
