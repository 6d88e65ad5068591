"""A generated document as plain values: headings, paragraphs, lists, tables and forms.

The handbook and the forms are built once as a :class:`Document` and written out by a renderer
(:mod:`mentorcore.render.markdown`, :mod:`mentorcore.render.html`), so the Markdown and the HTML
say the same thing. Texts here are plain, unescaped strings — model texts are untrusted, and
each renderer escapes them for its own format.
"""

from __future__ import annotations

from collections.abc import Iterator

from mentorcore.records import record


@record
class Strong:
    """Text shown in bold (a label before a value)."""

    text: str


@record
class Link:
    """A link; renderers link only ``http``, ``https`` and ``mailto`` addresses."""

    text: str
    url: str


@record
class Said:
    """A text in another language than the document's (a model text that fell back)."""

    text: str
    language: str


Inline = str | Strong | Link | Said
Line = tuple[Inline, ...]


@record
class Heading:
    level: int
    text: Line
    anchor: str | None = None


@record
class Paragraph:
    text: Line


@record
class Items:
    """A bulleted (or numbered) list of lines."""

    items: tuple[Line, ...]
    ordered: bool = False


@record
class Facts:
    """Labelled values: ``Duration: about 3–4 months``."""

    pairs: tuple[tuple[str, Line], ...]


@record
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[Line, ...], ...]
    caption: str | None = None


@record
class FormField:
    """One field to fill in: its label and how much room the answer needs."""

    label: Line
    kind: str  # text, long_text, date, number, contact, checkbox, principle


@record
class FormFields:
    """The fields of a printable form; ``principle`` and ``checkbox`` fields are tick boxes."""

    fields: tuple[FormField, ...]


@record
class Section:
    """A part of the document that starts on a new page when printed (an appendix, a form)."""

    blocks: tuple[Block, ...]
    new_page: bool = False


Block = Heading | Paragraph | Items | Facts | Table | FormFields | Section


@record
class Document:
    """A whole document: its title, language and blocks (``contents`` lists the sections)."""

    title: str
    language: str
    blocks: tuple[Block, ...]
    contents_label: str | None = None


def plain(line: Line) -> str:
    """The text of a line without formatting."""
    return "".join(part if isinstance(part, str) else part.text for part in line)


def walk(blocks: tuple[Block, ...]) -> Iterator[Block]:
    """Every block, sections opened, in order."""
    for block in blocks:
        yield block
        if isinstance(block, Section):
            yield from walk(block.blocks)
