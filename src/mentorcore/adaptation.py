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

from mentorcore.model import Programme, Range
from mentorcore.words import Words

SCHEMA_FILE = "mentorcore.schema.json"
"""The file name of the schema the modeline points to (``mentorcore schema --out`` writes it)."""
MODELINE = f"# yaml-language-server: $schema={SCHEMA_FILE}"
"""The first line of every file ``new`` writes."""


def decisions_id(new_id: str) -> str:
    """The id of the source that records the organisation's own decisions."""
    return f"{new_id}-decisions"


def _decisions(new_id: str, indent: str = "") -> list[str]:
    return [
        f"{indent}  - id: {decisions_id(new_id)}",
        f"{indent}    document: (the decision or plan that describes {new_id}, e.g. the board's "
        "minutes)",
        f"{indent}    decided_by: (who decided — the board, the coordinator, the steering group)",
        f"{indent}    published: (when it was decided, e.g. 2027-01-15)",
    ]


def _bounds(range_: Range) -> str:
    bound = (f"value: {range_.min:g}" if range_.max == range_.min else
             f"min: {range_.min:g}" + (f", max: {range_.max:g}" if range_.max is not None else ""))
    return bound + (", approx: true" if range_.approx else "")


def adaptation_text(new_id: str, parent: Programme, extends: str) -> str:
    """A model file that extends ``parent`` (named ``extends``) and validates as it is."""
    words = Words("en")
    cite = f"source: {decisions_id(new_id)}"
    lines = [
        MODELINE,
        f"# {new_id}: an adaptation of {parent.id} ({parent.name.get()}).",
        "# Everything not written here is inherited. Uncomment and edit what differs, then check:",
        f"#   mentorcore validate --strict {new_id}.yaml && mentorcore diff {extends} "
        f"{new_id}.yaml",
        f"id: {new_id}",
        f"extends: {extends}",
        "",
        "# What your organisation decides itself (the region, a shorter programme, another",
        f"# group size) is not what {parent.id}'s documents say: its source is your decision.",
        "# Fill in who decided and when, and cite it on every item you change or add:",
        f"#     {cite}",
        "sources:",
        *_decisions(new_id),
        "",
        "# The keys organisations adapt most (cite your decision where you change them):",
        f"# {cite}     # the programme-level facts below are yours",
        f"# name: {{fi: ..., sv: ..., en: ...}}       # inherited: {parent.name.get()}",
        f"# organisation: ...                         # inherited: {parent.organisation.get()}",
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
                lines.append(f"#     duration: {{{_bounds(d)}, unit: {d.unit}}}"
                             f"   # inherited: {words.quantity(d)}")
            if phase.cadence is not None and phase.cadence.per_month is not None:
                lines.append(f"#     cadence: {{per_month: {{{_bounds(phase.cadence.per_month)}}}}}"
                             f"   # inherited: {words.cadence(phase.cadence)}")
            lines.append(f"#     {cite}")
    sized = [(u.id, u.size) for u in parent.units if u.size is not None and u.kind == "group"]
    if sized:
        lines.append("# units:")
        for unit_id, s in sized:
            lines.append(f"#   - id: {unit_id}")
            lines.append(f"#     size: {{{_bounds(s)}, unit: {s.unit}}}   "
                         f"# inherited: {words.quantity(s)}")
            lines.append(f"#     {cite}")
    if parent.assumptions:
        lines.append("# assumptions:              # values for simulation")
        for assumption in parent.assumptions:
            lines.append(f"#   - {{id: {assumption.id}, value: {assumption.value}}}")
    lines.append("# To drop an inherited item:  events: [{id: <id>, remove: true}]")
    lines.append("# A new item (an event, a form) needs an id of its own and its source.")
    return "\n".join(lines) + "\n"


def skeleton_text(new_id: str) -> str:
    """A minimal model of a new programme — one pair of a volunteer mentor and a mentee meeting
    twice a month for six months — commented key by key; it validates with ``--strict``."""
    cite = f"source: {decisions_id(new_id)}"
    return "\n".join([
        MODELINE,
        f"# {new_id}: a new mentoring programme. Edit the values, then check it and read it as",
        "# the participants' guide:",
        f"#   mentorcore validate --strict {new_id}.yaml",
        f"#   mentorcore handbook {new_id}.yaml",
        "# Every key is described in docs/authoring.md (\"Design your own programme\" walks",
        "# through a whole model); the schema line above lets an editor complete the keys.",
        f"id: {new_id}",
        f"name: {{fi: {new_id}}}             # {{fi: ..., sv: ..., en: ...}} in each language",
        "organisation: (your organisation)",
        "languages: [fi]                   # the languages the mentoring is done in",
        f"{cite}    # where the programme-level facts come from",
        "",
        "# Every fact cites a source: a document, or your organisation's own decision (who",
        "# decided, when). Values nobody has decided yet go under `assumptions:`.",
        "sources:",
        *_decisions(new_id),
        "",
        "roles:                            # who takes part",
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
        "units:                            # who meets together",
        "  - id: pair",
        "    name: {fi: pari}",
        "    kind: pair",
        "    roles: [mentor, mentee]",
        f"    {cite}",
        "",
        "phases:                           # the stages, in the order they happen",
        "  - id: mentoring",
        "    kind: mentoring",
        "    entry: cohort                 # cohort: all start together; rolling: as pairs form",
        "    duration: {value: 6, unit: month}      # {min: 8, max: 10, unit: month} for a range",
        "    cadence: {unit: pair, per_month: 2}    # per_week: 1 for weekly meetings",
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
