"""Writing a document as PDF: the HTML page (:mod:`mentorcore.render.html`) laid out by
WeasyPrint on A4 with page numbers, each form on its own page and each link's address printed.

WeasyPrint is an optional extra (``pip install 'mentorcore[pdf]'``; it needs the Pango library
of the system). When it is missing the format is refused with E802 saying how to install it.
Nothing is fetched while laying out: only ``data:`` addresses (the logo) are read.
"""

from __future__ import annotations

from typing import Any

from mentorcore.diagnostics import MentorcoreError

__all__ = ["available", "render_pdf"]


def _weasyprint() -> Any:
    import weasyprint

    return weasyprint


def available() -> bool:
    """Whether PDF can be written here (WeasyPrint and the system's Pango are installed)."""
    try:
        _weasyprint()
    except (ImportError, OSError):
        return False
    return True


def _fetch_nothing(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    if url.startswith("data:"):
        from weasyprint.urls import default_url_fetcher

        return default_url_fetcher(url)
    raise ValueError("mentorcore documents load nothing from outside")


def render_pdf(page: str, language: str = "en") -> bytes:
    """The bytes of a PDF of the HTML ``page``; ``MentorcoreError`` (E802) without WeasyPrint."""
    try:
        weasyprint = _weasyprint()
    except (ImportError, OSError) as error:
        from mentorcore.i18n import translator
        from mentorcore.render.problems import FORMAT_UNAVAILABLE

        _ = translator(language)
        reason = type(error).__name__
        raise MentorcoreError.single(
            FORMAT_UNAVAILABLE,
            _("PDF needs WeasyPrint, which cannot be loaded here ({reason})").format(
                reason=reason),
            file="--format pdf", exit_code=2,
            hint=_("install it with: pip install 'mentorcore[pdf]' (it also needs the Pango "
                   "library of the system), or write HTML and print it to PDF from a "
                   "browser")) from None
    document = weasyprint.HTML(string=page, url_fetcher=_fetch_nothing)
    return document.write_pdf()
