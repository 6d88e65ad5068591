"""Sections plugins add to the handbook or the forms (``register_sections``): a
:class:`Section` and the :class:`SectionContext` its ``render`` gets. ``mentorcore.kinds`` and
``mentorcore.plugin_api`` give the same classes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from mentorcore.records import record

__all__ = ["SECTION_DOCUMENTS", "Section", "SectionContext"]


@record(kw_only=True)
class SectionContext:
    """What a section's ``render`` gets: the ``programme`` (a ``mentorcore.model.Programme``),
    the ``language`` of the document and the ``document`` (``handbook`` or ``forms``)."""

    programme: Any
    language: str
    document: str


SECTION_DOCUMENTS = ("handbook", "forms")


@record(kw_only=True)
class Section:
    """A section a plugin adds to the handbook or the forms: ``render(context)`` returns its
    Markdown body (``None``: not for this model); ``title`` is its heading (a ``str``, or a
    function of the language for a translated one); ``documents`` where it appears."""

    name: str
    title: Any
    render: Callable[[SectionContext], str | None] = attrs.field(eq=False, repr=False)
    documents: tuple[str, ...] = attrs.field(
        default=("handbook",), validator=attrs.validators.deep_iterable(
            attrs.validators.in_(SECTION_DOCUMENTS)))

    def heading(self, language: str) -> str:
        return str(self.title(language) if callable(self.title) else self.title)
