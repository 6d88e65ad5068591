"""Writing a :class:`~mentorcore.render.document.Document` as one self-contained HTML page.

The page is made from Jinja2 templates (``mentorcore/render/templates/``; an organisation can
replace them, its stylesheet and logo with ``--template DIR``, see
:mod:`mentorcore.render.templating`) with autoescaping, so every model text is escaped — model
texts are untrusted — and only ``http``, ``https`` and ``mailto`` addresses become links. The
page needs nothing else: the style is inline, the logo a ``data:`` address, there are no
scripts or fonts, and a Content-Security-Policy forbids loading anything. The page is
accessible: the document language is declared (and the language of any text that fell back to
another one), there is a skip link, the contents are a ``nav`` landmark, tables have header
cells, and forms print one per page. Printed, it is A4 with page numbers, and each link's
address follows its text.
"""

from __future__ import annotations

from typing import Any

from mentorcore.render.document import Document, Heading
from mentorcore.render.templating import Look, load_look, template_problem

__all__ = ["POLICY", "render"]

POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
          "form-action 'none'")

def render(document: Document, *, skip_label: str = "Skip to content",
           footer: str | None = None, look: Look | None = None, logo_label: str = "") -> str:
    """The document as a complete HTML page, in the default look or ``look`` (a
    :class:`~mentorcore.render.templating.Look` from ``--template``)."""
    from jinja2 import TemplateError

    look = look if look is not None else load_look()
    contents = [b for b in document.blocks if isinstance(b, Heading) and b.level == 2
                and b.anchor]
    first = next((i for i, b in enumerate(document.blocks) if b in contents), 0)
    env = look.environment()
    try:
        page = env.get_template("page.html").render(
            document=document, before=document.blocks[:first], after=document.blocks[first:],
            contents=contents, style=_markup(look.style), logo=look.logo, policy=POLICY,
            skip_label=skip_label, footer=footer, logo_label=logo_label)
    except TemplateError as error:
        from pathlib import Path

        raise template_problem(Path(look.origin or "templates") / "page.html",
                       f"{type(error).__name__}: {error.message or ''}") from None
    return _tidy(page)


def _markup(css: str) -> Any:
    from markupsafe import Markup

    return Markup(css)  # the stylesheet is the organisation's own, made safe by safe_style


def _tidy(page: str) -> str:
    """The page without blank lines (what the templates' whitespace control leaves)."""
    return "\n".join(line for line in page.splitlines() if line.strip()) + "\n"
