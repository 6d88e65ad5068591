"""Starting a model file: an adaptation that extends another model, or a new programme from a
minimal skeleton — both commented, both passing ``mentorcore validate --strict`` as written.

Every file starts with the schema modeline (:data:`MODELINE`), so that an editor with the YAML
language server completes keys and shows their documentation. An adaptation declares a source
of its own for the organisation's decisions — who decided, when — and the comments show how to
cite it: a fact the adaptation changes is no longer what the parent's document says.
"""

from __future__ import annotations

import os
from pathlib import Path

from mentorcore.i18n import _, current
from mentorcore.model import Programme, Range
from mentorcore.words import Words

SCHEMA_FILE = "mentorcore.schema.json"
"""The file name of the schema the modeline points to (``mentorcore schema --out`` writes it)."""
MODELINE = f"# yaml-language-server: $schema={SCHEMA_FILE}"
"""The first line of every file ``new`` writes."""


def decisions_id(new_id: str) -> str:
    """The id of the source that records the organisation's own decisions."""
    return f"{new_id}-decisions"


def _comment(text: str) -> list[str]:
    """A comment of one or more lines (a message keeps its own line breaks)."""
    return [f"# {line}".rstrip() for line in text.splitlines()]


def _after(line: str, comment: str) -> str:
    """``line`` with a comment after it."""
    return f"{line}# {comment}"


def _decisions(new_id: str, indent: str = "") -> list[str]:
    document = _("(the decision or plan that describes {id}, e.g. the board's minutes)")
    return [
        f"{indent}  - id: {decisions_id(new_id)}",
        f"{indent}    document: {document.format(id=new_id)}",
        f"{indent}    decided_by: "
        + _("(who decided — the board, the coordinator, the steering group)"),
        f"{indent}    published: " + _("(when it was decided, e.g. {date})").format(
            date="2027-01-15"),
    ]


def _bounds(range_: Range) -> str:
    bound = (f"value: {range_.min:g}" if range_.max == range_.min else
             f"min: {range_.min:g}" + (f", max: {range_.max:g}" if range_.max is not None else ""))
    return bound + (", approx: true" if range_.approx else "")


def adaptation_text(new_id: str, parent: Programme, extends: str) -> str:
    """A model file that extends ``parent`` (named ``extends``) and validates as it is; its
    comments in the language of the run (:func:`mentorcore.i18n.use`)."""
    words = Words(current())
    cite = f"source: {decisions_id(new_id)}"

    def inherited(value: str) -> str:
        return _("inherited: {value}").format(value=value)

    lines = [
        MODELINE,
        *_comment(_("{id}: an adaptation of {parent} ({name}).\nEverything not written here "
                    "is inherited. Uncomment and edit what differs, then check:").format(
            id=new_id, parent=parent.id, name=parent.name.get())),
        f"#   mentorcore validate --strict {new_id}.yaml && mentorcore diff {extends} "
        f"{new_id}.yaml",
        f"id: {new_id}",
        f"extends: {extends}",
        "",
        *_comment(_("What your organisation decides itself (the region, a shorter programme, "
                    "another\ngroup size) is not what {parent}'s documents say: its source is "
                    "your decision.\nFill in who decided and when, and cite it on every item "
                    "you change or add:").format(parent=parent.id)),
        f"#     {cite}",
        "sources:",
        *_decisions(new_id),
        "",
        *_comment(_("The keys organisations adapt most (cite your decision where you change "
                    "them):")),
        _after(f"# {cite}     ", _("the programme-level facts below are yours")),
        _after("# name: {fi: ..., sv: ..., en: ...}       ", inherited(parent.name.get())),
        _after("# organisation: ...                         ",
               inherited(parent.organisation.get())),
        "# region: ...",
        f"# languages: {list(parent.languages)}".replace("'", ""),
    ]
    timed = [p for p in parent.phases if p.duration is not None or p.cadence is not None]
    if timed:
        lines.append("# phases:")
        for phase in timed:
            lines.append(f"#   - id: {phase.id}")
            if phase.duration is not None:
                d = phase.duration
                lines.append(_after(f"#     duration: {{{_bounds(d)}, unit: {d.unit}}}   ",
                                    inherited(words.quantity(d))))
            if phase.cadence is not None and phase.cadence.per_month is not None:
                per_month = _bounds(phase.cadence.per_month)
                lines.append(_after(f"#     cadence: {{per_month: {{{per_month}}}}}   ",
                                    inherited(words.cadence(phase.cadence))))
            lines.append(f"#     {cite}")
    sized = [(u.id, u.size) for u in parent.units if u.size is not None and u.kind == "group"]
    if sized:
        lines.append("# units:")
        for unit_id, s in sized:
            lines.append(f"#   - id: {unit_id}")
            lines.append(_after(f"#     size: {{{_bounds(s)}, unit: {s.unit}}}   ",
                                inherited(words.quantity(s))))
            lines.append(f"#     {cite}")
    if parent.assumptions:
        lines.append(_after("# assumptions:              ", _("values for simulation")))
        for assumption in parent.assumptions:
            lines.append(f"#   - {{id: {assumption.id}, value: {assumption.value}}}")
    lines.append("# " + _("To drop an inherited item: {example}").format(
        example=" events: [{id: <id>, remove: true}]"))
    lines.extend(_comment(_("A new item (an event, a form) needs an id of its own and its "
                            "source.")))
    return "\n".join(lines) + "\n"


def skeleton_text(new_id: str) -> str:
    """A minimal model of a new programme — one pair of a volunteer mentor and a mentee meeting
    twice a month for six months — commented key by key, in the language of the run; it
    validates with ``--strict``."""
    cite = f"source: {decisions_id(new_id)}"
    return "\n".join([
        MODELINE,
        *_comment(_("{id}: a new mentoring programme. Edit the values, then check it and read "
                    "it as\nthe participants' guide:").format(id=new_id)),
        f"#   mentorcore validate --strict {new_id}.yaml",
        f"#   mentorcore handbook {new_id}.yaml",
        *_comment(_("Every key is described in docs/authoring.md (\"Design your own programme\" "
                    "walks\nthrough a whole model); the schema line above lets an editor "
                    "complete the keys.")),
        f"id: {new_id}",
        _after(f"name: {{fi: {new_id}}}             ", _("{example} in each language").format(
            example="{fi: ..., sv: ..., en: ...}")),
        "organisation: " + _("(your organisation)"),
        _after("languages: [fi]                   ", _("the languages the mentoring is done in")),
        _after(f"{cite}    ", _("where the programme-level facts come from")),
        "",
        *_comment(_("Every fact cites a source: a document, or your organisation's own "
                    "decision (who\ndecided, when). Values nobody has decided yet go under "
                    "`assumptions:`.")),
        "sources:",
        *_decisions(new_id),
        "",
        _after("roles:                            ", _("who takes part")),
        "  - id: mentor",
        "    name: {fi: mentori}",
        "    kind: mentor",
        "    volunteer: true",
        f"    {cite}",
        "  - id: mentee",
        "    name: {fi: mentoroitava}",
        "    kind: mentee",
        f"    {cite}",
        "",
        _after("units:                            ", _("who meets together")),
        "  - id: pair",
        "    name: {fi: pari}",
        "    kind: pair",
        "    roles: [mentor, mentee]",
        f"    {cite}",
        "",
        _after("phases:                           ", _("the stages, in the order they happen")),
        "  - id: mentoring",
        "    kind: mentoring",
        _after("    entry: cohort                 ",
               _("cohort: all start together; rolling: as pairs form")),
        _after("    duration: {value: 6, unit: month}      ", _("{example} for a range").format(
            example="{min: 8, max: 10, unit: month}")),
        _after("    cadence: {unit: pair, per_month: 2}    ",
               _("{example} for weekly meetings").format(example="per_week: 1")),
        f"    {cite}",
        "",
    ])


def extends_reference(parent_reference: str, parent_is_file: bool, out: Path) -> str:
    """How the new file names its parent: the id, or a path relative to the new file."""
    if not parent_is_file:
        return parent_reference
    relative = os.path.relpath(Path(parent_reference).resolve(), out.resolve().parent)
    return relative.replace(os.sep, "/")


__all__ = [
    "MODELINE", "SCHEMA_FILE", "adaptation_text", "decisions_id", "extends_reference",
    "skeleton_text",
]
