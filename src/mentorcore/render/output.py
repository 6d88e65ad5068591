"""The formats a document is written in, chosen by name: one place for the handbook and forms.

``md`` (Markdown), ``html`` (one self-contained page), ``docx`` (Word, to edit further) and
``pdf`` (through the HTML page; needs the optional WeasyPrint). ``look`` is an organisation's
page template, stylesheet and logo (``--template``, :mod:`mentorcore.render.templating`); it
changes the HTML and the PDF.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mentorcore.i18n import translator

if TYPE_CHECKING:
    from mentorcore.render.document import Document

__all__ = ["DOCUMENT_FORMATS", "render_document"]

DOCUMENT_FORMATS = ("md", "html", "docx", "pdf")


def render_document(document: Document, format: str = "md", *,
                    template: Path | None = None) -> str | bytes:
    """``document`` in ``format``: text for ``md`` and ``html``, bytes for ``docx`` and
    ``pdf``. ``template`` is a ``--template`` directory (HTML and PDF)."""
    language = document.language
    if format == "md":
        from mentorcore.render import markdown

        return markdown.render(document)
    if format == "docx":
        from mentorcore.render import docx

        return docx.render(document)
    from mentorcore.render import html
    from mentorcore.render.templating import load_look

    _ = translator(language)
    look = load_look(template, language)
    page = html.render(document, skip_label=_("Skip to content"), look=look,
                       logo_label=_("Logo of the organisation"))
    if format == "pdf":
        from mentorcore.render.pdf import render_pdf

        return render_pdf(page, language)
    return page
