"""Starting an adaptation: a minimal model that extends another, with pointers to the keys
organisations change most."""

from __future__ import annotations

import os
from pathlib import Path

from mentorcore.model import Programme
from mentorcore.words import Words


def adaptation_text(new_id: str, parent: Programme, extends: str) -> str:
    """A model file that extends ``parent`` (named ``extends``) and validates as it is."""
    words = Words("en")
    lines = [
        f"# {new_id}: an adaptation of {parent.id} ({parent.name.get()}).",
        "# Everything not written here is inherited. Uncomment and edit what differs, then check:",
        f"#   mentorcore validate {new_id}.yaml && mentorcore diff {extends} {new_id}.yaml",
        f"id: {new_id}",
        f"extends: {extends}",
        "",
        "# The keys organisations adapt most:",
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
                bound = f"min: {d.min:g}" + (f", max: {d.max:g}" if d.max is not None else "")
                lines.append(f"#     duration: {{{bound}, unit: {d.unit}}}"
                             f"   # inherited: {words.quantity(d)}")
            if phase.cadence is not None and phase.cadence.per_month is not None:
                f = phase.cadence.per_month
                bound = f"min: {f.min:g}" + (f", max: {f.max:g}" if f.max is not None else "")
                lines.append(f"#     cadence: {{per_month: {{{bound}}}}}"
                             f"   # inherited: {words.cadence(phase.cadence)}")
    sized = [(u.id, u.size) for u in parent.units if u.size is not None and u.kind == "group"]
    if sized:
        lines.append("# units:")
        for unit_id, s in sized:
            bound = f"min: {s.min:g}" + (f", max: {s.max:g}" if s.max is not None else "")
            lines.append(f"#   - id: {unit_id}")
            lines.append(f"#     size: {{{bound}, unit: {s.unit}}}   "
                         f"# inherited: {words.quantity(s)}")
    if parent.assumptions:
        lines.append("# assumptions:              # values for simulation")
        for assumption in parent.assumptions:
            lines.append(f"#   - {{id: {assumption.id}, value: {assumption.value}}}")
    lines.append("# To drop an inherited item:  events: [{id: <id>, remove: true}]")
    return "\n".join(lines) + "\n"


def extends_reference(parent_reference: str, parent_is_file: bool, out: Path) -> str:
    """How the new file names its parent: the id, or a path relative to the new file."""
    if not parent_is_file:
        return parent_reference
    relative = os.path.relpath(Path(parent_reference).resolve(), out.resolve().parent)
    return relative.replace(os.sep, "/")


__all__ = [
    "adaptation_text", "extends_reference",
]
