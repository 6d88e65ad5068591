"""The language a user asks for (``--lang``), checked: the one place where an unsupported
language becomes a message, so that :mod:`mentorcore.i18n` (the language layer) needs nothing
from the rest of the project.

>>> check_language("sv_FI")
'sv'
"""

from __future__ import annotations

from mentorcore import checks
from mentorcore.diagnostics import MentorcoreError
from mentorcore.i18n import LANGUAGES, UnknownLanguage, locale_language, supported, translator

__all__ = ["check_language", "language"]


def check_language(value: str) -> str:
    """The language code of a ``--lang`` value; ``MentorcoreError`` (E104, exit 2) naming the
    choices if it is unsupported."""
    try:
        return supported(value)
    except UnknownLanguage:
        _ = translator(locale_language())
        raise MentorcoreError.single(
            checks.INVALID_VALUE, _("unknown language '{language}'").format(language=value),
            file="--lang", exit_code=2,
            hint=_("choose one of: {languages}").format(languages=", ".join(LANGUAGES))) from None


def language(explicit: str | None = None) -> str:
    """The language of this run: ``explicit`` (from ``--lang``), checked, if given; else the
    locale's."""
    return check_language(explicit) if explicit is not None else locale_language()
