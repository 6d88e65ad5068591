"""The meeting log's format: its columns and the kinds of row, derived from the model.

A meeting log has one row per meeting, event or end, as an office keeps it in a spreadsheet
(CSV in the Finnish Excel dialect — ``;`` between cells, a UTF-8 byte-order mark, decimal
comma — or XLSX). Its columns are:

* ``unit`` — the unit's id, as in the units file (``pair-3``); empty for a programme event;
* ``date`` — ``2027-03-31`` or ``31.3.2027``;
* ``kind`` — ``meeting`` (the unit met), ``end`` (the unit ended: the exit rule in ``exit``) or
  the id or name of one of the model's events (``start-meeting``, ``closing-event``);
* ``attended`` — who was there: roles of the unit (``mentor, mentee``); empty: the whole unit;
* ``exit`` — for an ``end`` row: the model's exit rule (``completed``, ``employed``…);
* ``themes`` — for a meeting: the model's themes of the phase it was in (by name or number);
* then one column per field of the model's meeting forms (``forms`` with ``used_at:
  each_meeting``: Auroras' Liite 2 — content, insights, feedback, agreed tasks, next meeting).
  A form's ``date`` field is the log's date column.

A header names a column by its id or by its label in Finnish, Swedish or English (compared as
people read text: :func:`mentorcore.spelling.normalise`); the blank log
(``mentorcore forms MODEL --log``) has the labels of one language.

Example::

    >>> from mentorcore import Library
    >>> programme = Library().programme("auroras-individual")
    >>> [column.id for column in log_columns(programme)][:7]
    ['unit', 'date', 'kind', 'attended', 'exit', 'themes', 'content']
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence

import attrs

from mentorcore.i18n import LANGUAGES, _, use
from mentorcore.model import Form, Programme
from mentorcore.records import record
from mentorcore.spelling import normalise

__all__ = ["END", "MEETING", "STANDARD", "Column", "Kind", "each_meeting_forms", "kinds",
           "label_in", "log_columns", "next_meeting_field"]

MEETING = "meeting"
END = "end"
STANDARD = ("unit", "date", "kind", "attended", "exit", "themes")
"""The log's own columns, in order, before the fields of the model's meeting forms."""


def _standard_label(column: str) -> str:
    labels = {"unit": _("Unit"), "date": _("Date"), "kind": _("Kind"),
              "attended": _("Attended"), "exit": _("End reason"), "themes": _("Themes")}
    return labels[column]


def _kind_label(kind: str) -> str:
    return {MEETING: _("meeting"), END: _("end")}[kind]


def label_in(language: str, make: Callable[[], str]) -> str:
    """``make()`` evaluated with ``language`` as the language of messages."""
    previous = use(language)
    try:
        return make()
    finally:
        use(previous)


@record
class Column:
    """A column of the log: its ``id``, its label in each language, its type and the form it
    comes from (``None`` for the log's own columns)."""

    id: str
    labels: dict[str, str] = attrs.field(eq=False)
    type: str = "text"
    form: str | None = None

    def names(self) -> Iterator[str]:
        """Every name a header may give it (its id and its labels), normalised."""
        yield normalise(self.id)
        yield normalise(self.id.replace("-", " ").replace("_", " "))
        for label in self.labels.values():
            yield normalise(label)


@record
class Kind:
    """A kind of row: ``meeting``, ``end`` or an event id, with the words that name it."""

    id: str
    words: tuple[str, ...]
    event: bool = False


def each_meeting_forms(programme: Programme) -> tuple[Form, ...]:
    """The model's meeting forms: those filled in at each meeting."""
    return tuple(form for form in programme.forms if form.used_at == "each_meeting")


def _languages(programme: Programme) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*LANGUAGES, *programme.languages)))


def log_columns(programme: Programme) -> tuple[Column, ...]:
    """The columns of the model's meeting log, in the order of the blank log."""
    languages = _languages(programme)
    columns = [Column(id=name, labels={code: label_in(code, functools.partial(
        _standard_label, name)) for code in LANGUAGES},
                      type={"date": "date", "attended": "list", "themes": "list"}.get(name,
                                                                                     "text"))
               for name in STANDARD]
    seen = set(STANDARD)
    for form in each_meeting_forms(programme):
        for field in form.fields:
            if field.id in seen:
                continue  # a form's date is the log's date; one column per field id
            seen.add(field.id)
            labels = {code: field.label.get(code) for code in languages
                      if field.label.get(code)}
            columns.append(Column(id=field.id, labels=labels, type=field.type, form=form.id))
    return tuple(columns)


def next_meeting_field(programme: Programme) -> str | None:
    """The meeting form's field that records the next meeting agreed: its first date field
    after the meeting's own date (Auroras' Liite 2: ``next-meeting``)."""
    for form in each_meeting_forms(programme):
        for field in form.fields:
            if field.type == "date" and field.id != "date":
                return field.id
    return None


def kinds(programme: Programme, extra: Sequence[tuple[str, str]] = ()) -> tuple[Kind, ...]:
    """The kinds of row of the model's log: a meeting, an end, and each of the model's
    events, each with the words that name it (its id, its name in each language); ``extra``:
    the plan's events the model does not list (id, name)."""
    languages = _languages(programme)
    found = [Kind(id=kind, words=tuple(dict.fromkeys(
        [kind, *(label_in(code, functools.partial(_kind_label, kind))
               for code in LANGUAGES)])))
        for kind in (MEETING, END)]
    for event in programme.events:
        names = [event.id]
        if event.name is not None:
            names += [event.name.get(code) for code in languages if event.name.get(code)]
        found.append(Kind(id=event.id, words=tuple(dict.fromkeys(names)), event=True))
    listed = {kind.id for kind in found}
    found += [Kind(id=event_id, words=(event_id, name), event=True)
              for event_id, name in extra if event_id not in listed]
    return tuple(found)


def kind_word(kind: str, language: str, programme: Programme) -> str:
    """How the blank log and the reports name a kind in ``language``."""
    if kind in (MEETING, END):
        return label_in(language, lambda: _kind_label(kind))
    return kind
