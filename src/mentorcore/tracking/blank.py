"""The blank meeting log of a model: the header row of :func:`mentorcore.tracking.logformat.
log_columns` in one language, as Finnish Excel CSV or XLSX (with a dropdown of the kinds and a
second sheet naming the kinds, exit rules and themes).

Example::

    >>> from mentorcore import Library
    >>> programme = Library().programme("auroras-individual")
    >>> blank_log(programme, "en", "csv").decode("utf-8-sig").split(",")[:4]   # rfc4180
    ['Unit', 'Date', 'Kind', 'Attended']
"""

from __future__ import annotations

from mentorcore.i18n import translator
from mentorcore.model import Programme
from mentorcore.tracking.log import COMPLETED, DROPOUT, meeting_themes
from mentorcore.tracking.logformat import kind_word, kinds, log_columns
from mentorcore.tracking.sheetio import write_csv, write_xlsx

__all__ = ["LOG_FORMATS", "blank_log", "log_header"]

LOG_FORMATS = ("csv", "xlsx")


def log_header(programme: Programme, language: str) -> list[str]:
    """The header row of the model's log in ``language``."""
    return [column.labels.get(language) or next(iter(column.labels.values()), column.id)
            for column in log_columns(programme)]


def blank_log(programme: Programme, language: str, format: str = "csv") -> bytes:
    """The model's blank log: ``csv`` (Finnish Excel dialect) or ``xlsx``."""
    header = log_header(programme, language)
    if format == "csv":
        return write_csv(header)
    _ = translator(language)
    words = [kind_word(kind.id, language, programme) for kind in kinds(programme)]
    exits = list(dict.fromkeys([rule.id for phase in programme.phases for rule in phase.exits]
                               + [COMPLETED, DROPOUT]))
    themes = [f"{number}. {theme.get(language)}"
              for number, theme in enumerate(meeting_themes(programme), start=1)]
    notes = [(_("Kind"), ", ".join(words)), (_("End reason"), ", ".join(exits))]
    if themes:
        notes.append((_("Themes"), "; ".join(themes)))
    return write_xlsx(header, title=_("Meeting log"), notes=notes, notes_title=_("Codes"),
                      choices={2: words}, types={1: "date"})
