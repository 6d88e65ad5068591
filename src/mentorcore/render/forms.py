"""Forms from the model: printable (Markdown or HTML) and as CSV templates for logging.

Example::

    >>> from mentorcore import Library
    >>> from mentorcore.render.forms import form_csv
    >>> programme = Library().programme("auroras-individual")
    >>> form_csv(programme, programme.get("forms", "meeting-checklist"), "en").split(",")[:2]
    ['Date', 'Content of the meeting']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from mentorcore import checks
from mentorcore.diagnostics import MentorcoreError
from mentorcore.i18n import translator
from mentorcore.model import Form, Programme
from mentorcore.render import document as doc
from mentorcore.render.texts import Texts

_APPENDIX = re.compile(r"^\s*(liite|bilaga|appendix|annex|attachment)\s+\d+\s*[:.]", re.IGNORECASE)
_TICKS = ("principle", "checkbox")


def appendix_title(texts: Texts, form: Form, number: int) -> doc.Line:
    """``Liite 1: Ensimmäinen tapaaminen`` — the form's name, numbered when it is not yet."""
    _ = translator(texts.language)
    name = texts.say(form.name, capital=True)
    if _APPENDIX.match(doc.plain((name,))):
        return (name,)
    return (_("Appendix {number}").format(number=number) + ": ", name)


def form_blocks(texts: Texts, form: Form, number: int, level: int = 2) -> tuple[doc.Block, ...]:
    """A form as document blocks: its title, where it is used and by whom, and its fields."""
    _ = translator(texts.language)
    blocks: list[doc.Block] = [
        doc.Heading(level, appendix_title(texts, form, number), f"form-{form.id}")]
    facts: list[tuple[str, tuple[doc.Inline, ...]]] = []
    if form.used_at == "each_meeting":
        facts.append((_("Filled in"), (_("at each meeting"),)))
    elif form.used_at is not None:
        collection = "events" if texts.programme.get("events", form.used_at) else "phases"
        facts.append((_("Filled in at"), (texts.name(collection, form.used_at),)))
    if form.filled_by:
        facts.append((_("Filled in by"), texts.names("roles", form.filled_by)))
    if facts:
        blocks.append(doc.Facts(tuple(facts)))
    run: list[doc.FormField] = []
    for field in form.fields:
        ticks = field.type in _TICKS
        if run and (run[-1].kind in _TICKS) != ticks:
            blocks.append(doc.FormFields(tuple(run)))
            run = []
        if not run and field.type == "principle":
            blocks.append(doc.Paragraph((doc.Strong(_("Agreed principles")),)))
        label = texts.say(field.label, capital=True)
        run.append(doc.FormField((label,), field.type))
    if run:
        blocks.append(doc.FormFields(tuple(run)))
    return tuple(blocks)


def choose(programme: Programme, form_id: str | None, language: str = "en",
           reference: str | None = None) -> tuple[Form, ...]:
    """The forms asked for: one by id, or all; ``MentorcoreError`` (exit 2) if there is none.

    ``reference`` names the model in the message (its id by default).
    """
    from mentorcore.spelling import did_you_mean

    _ = translator(language)
    known = programme.ids("forms")
    if not known:
        raise MentorcoreError.single(
            checks.INVALID_VALUE, _("the model has no forms"), file=reference or programme.id,
            exit_code=2,
            hint=_("forms are listed under `forms:` in the model"))
    if form_id is None:
        return programme.forms
    form = programme.get("forms", form_id)
    if form is None:
        raise MentorcoreError.single(
            checks.INVALID_VALUE, _("the model {model} has no form '{form}'").format(
                model=reference or programme.id, form=form_id),
            file="--form", exit_code=2,
            hint=did_you_mean(form_id, known) or _("its forms: {forms}").format(
                forms=", ".join(known)))
    return (form,)  # type: ignore[return-value]


def section_blocks(sections: Sequence[tuple[str, str]], level: int = 2) -> list[doc.Block]:
    """The blocks of the sections plugins add (``register_sections``): a heading each, and
    the section's Markdown — paragraphs and ``- `` lists."""
    blocks: list[doc.Block] = []
    for number, (title, text) in enumerate(sections, 1):
        blocks.append(doc.Heading(level, (title,), f"plugin-section-{number}"))
        for paragraph in text.strip().split("\n\n"):
            lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
            if lines and all(line.startswith(("- ", "* ")) for line in lines):
                blocks.append(doc.Items(tuple((line[2:].strip(),) for line in lines)))
            elif lines:
                blocks.append(doc.Paragraph((" ".join(lines),)))
    return blocks


def forms_document(programme: Programme, language: str,
                   forms: tuple[Form, ...] | None = None,
                   sections: Sequence[tuple[str, str]] = ()) -> doc.Document:
    """The forms of a programme (all, or those given) as one printable document; ``sections``
    (``(title, Markdown)``, from plugins) follow the forms."""
    _ = translator(language)
    texts = Texts(programme, language)
    forms = programme.forms if forms is None else forms
    numbers = {form.id: index for index, form in enumerate(programme.forms, 1)}
    name = texts.say(programme.name)
    blocks: list[doc.Block] = []
    if len(forms) == 1:
        (form,) = forms
        parts = form_blocks(texts, form, numbers.get(form.id, 1), level=1)
        blocks += [parts[0], doc.Paragraph((name,)), *parts[1:]]
        title = doc.plain(parts[0].text)  # type: ignore[union-attr]
    else:
        blocks += [doc.Heading(1, (name,)), doc.Paragraph((_("Forms"),))]
        for index, form in enumerate(forms):
            blocks.append(doc.Section(form_blocks(texts, form, numbers[form.id]),
                                      new_page=index > 0))
        title = f"{doc.plain((name,))} — {_('Forms')}"
    if sections:
        blocks.append(doc.Section(tuple(section_blocks(sections)), new_page=True))
    return doc.Document(title=title, language=language, blocks=tuple(blocks))


def render_forms(programme: Programme, language: str, form_id: str | None = None,
                 format: str = "md", *, template: Path | None = None,
                 sections: Sequence[tuple[str, str]] = ()) -> str | bytes:
    """Printable forms in one of :data:`~mentorcore.render.output.DOCUMENT_FORMATS` (``md``,
    ``html``, ``docx``, ``pdf``; ``template`` a ``--template`` directory), a CSV template
    (``csv``, one form: its field labels as the header row), or a workbook (``xlsx``: a sheet
    per form, see :func:`forms_xlsx`)."""
    _ = translator(language)
    forms = choose(programme, form_id, language)
    if format == "csv":
        if len(forms) != 1:
            raise MentorcoreError.single(
                checks.INVALID_VALUE, _("a CSV template holds one form"), file="--form",
                exit_code=2,
                hint=_("choose one with --form: {forms}").format(
                    forms=", ".join(f.id for f in forms)))
        return form_csv(programme, forms[0], language)
    if format == "xlsx":
        return forms_xlsx(programme, forms, language)
    from mentorcore.render.output import render_document

    return render_document(forms_document(programme, language, forms, sections), format,
                           template=template)


def form_csv(programme: Programme, form: Form, language: str) -> str:
    """A CSV template of a form: one header row with the field labels, one column per field
    (Liite 2 becomes a meeting log, one row per meeting)."""
    from mentorcore.spreadsheets import csv_text

    texts = Texts(programme, language)
    return csv_text([" ".join(texts.pick(field.label)[0].split()) for field in form.fields])


_CELL_TYPES = {"date": "date", "number": "number"}


def forms_xlsx(programme: Programme, forms: Sequence[Form], language: str) -> bytes:
    """The forms as a workbook to fill in, one row per time a form is filled (a meeting
    checklist becomes a meeting log): a sheet per form, a column per field, dates and numbers
    validated as such, and a yes/no list for tick boxes."""
    from mentorcore.spreadsheets import Sheet, write_xlsx

    texts = Texts(programme, language)
    _ = translator(language)
    ticks = (_("yes"), _("no"))
    sheets = []
    for number, form in enumerate(forms, start=1):
        header = tuple(" ".join(texts.pick(field.label)[0].split()) for field in form.fields)
        types = {i: _CELL_TYPES[f.type] for i, f in enumerate(form.fields) if f.type in _CELL_TYPES}
        choices = {i: ticks for i, f in enumerate(form.fields) if f.type in _TICKS}
        title = doc.plain(appendix_title(texts, form, number))
        sheets.append(Sheet(title, header, types=types, choices=choices))
    return write_xlsx(sheets)

