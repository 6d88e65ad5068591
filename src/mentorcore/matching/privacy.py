"""The record of processing (GDPR Art. 30) a coordinator keeps for a programme's participant
data, derived from the model's ``participant_data``: controller, purposes, categories of data
subjects and of personal data (special categories marked), retention and safeguards.

``mentorcore privacy MODEL`` prints it; :func:`record_of_processing` is the same as data.
"""

from __future__ import annotations

import json
from typing import Any

from mentorcore.model import Programme

NOT_STATED = "not stated in the model"
SAFEGUARDS = (
    "only the fields declared in the model are read; other columns are dropped on reading",
    "a column that looks like special-category data is refused unless declared as such",
    "reports name participants by id; names and contacts only with --show-names",
    ("output files are written atomically, readable by their owner only (mode 0600), and never "
     "over the participant file"),
    "error messages name the row and column, never the value in the cell",
)
CATEGORY_NAMES = {
    "ethnic_origin": "racial or ethnic origin", "racial_origin": "racial or ethnic origin",
    "religion": "religious or philosophical beliefs", "health": "health",
    "sexual_orientation": "sex life or sexual orientation",
    "political_opinion": "political opinions", "trade_union": "trade union membership",
    "biometric": "biometric data", "genetic": "genetic data",
}


def record_of_processing(programme: Programme, language: str | None = None) -> dict[str, Any]:
    """The record as a plain dict (the JSON output of ``mentorcore privacy``)."""
    data = programme.participant_data

    def text(value: Any) -> str | None:
        return None if value is None else value.get(language)

    roles = {role.id: role for role in programme.roles}
    fields = list(data.fields) if data else []
    subjects = sorted({r for f in fields for r in (f.roles or roles)} or set(),
                      key=list(roles).index) if fields else []
    special = sorted({f.special_category for f in fields if f.special_category})
    record = {
        "programme": programme.id,
        "name": programme.name.get(language),
        "controller": text(data.controller if data else None) or
        programme.organisation.get(language),
        "controller_stated": bool(data and data.controller),
        "lawful_basis": text(data.lawful_basis if data else None),
        "retention": text(data.retention if data else None),
        "data_subjects": [{"role": r, "name": roles[r].name.get(language)} for r in subjects
                          if r in roles],
        "fields": [{
            "field": f.id,
            "purpose": f.purpose.get(language),
            "type": f.type,
            "roles": list(f.roles) or list(roles),
            "required": f.required,
            "identifying": f.identifying,
            "special_category": f.special_category,
        } for f in fields],
        "special_categories": [{"category": c, "name": CATEGORY_NAMES.get(c, c),
                                "fields": [f.id for f in fields if f.special_category == c]}
                               for c in special],
        "safeguards": list(SAFEGUARDS),
        "missing": [],
    }
    missing = record["missing"]
    if not fields:
        missing.append("the model declares no participant fields: a participant list can "
                       "hold only id and role")
    if not (data and data.controller):
        missing.append("controller (participant_data.controller); the organisation is shown")
    if not (data and data.lawful_basis):
        missing.append("lawful basis (participant_data.lawful_basis, GDPR Art. 6)" +
                       ("; special-category data also needs an Art. 9 condition" if special
                        else ""))
    if not (data and data.retention):
        missing.append("retention (participant_data.retention)")
    return record


def render_text(record: dict[str, Any], markdown: bool = False) -> str:
    """The record for people: plain text, or Markdown with ``markdown=True``."""
    h1, h2, bullet = ("# ", "## ", "- ") if markdown else ("", "", "  - ")
    out = [f"{h1}Record of processing (GDPR Art. 30): {record['name']} ({record['programme']})",
           ""]
    controller = record["controller"] + ("" if record["controller_stated"] else
                                         " (the organisation; controller not stated)")
    out += [f"Controller: {controller}",
            f"Lawful basis: {record['lawful_basis'] or NOT_STATED}",
            f"Retention: {record['retention'] or NOT_STATED}",
            "Data subjects: " + (", ".join(f"{s['name']} ({s['role']})"
                                           for s in record["data_subjects"]) or "none"), ""]
    out.append(f"{h2}Personal data and purposes")
    out.append("")
    if markdown:
        out += ["| field | purpose | type | roles | notes |", "|---|---|---|---|---|"]
    for f in record["fields"]:
        notes = [n for n in ("required" if f["required"] else "",
                             "identifying" if f["identifying"] else "",
                             f"special category: {f['special_category']}"
                             if f["special_category"] else "") if n]
        if markdown:
            out.append(f"| `{f['field']}` | {f['purpose']} | {f['type']} | "
                       f"{', '.join(f['roles'])} | {', '.join(notes)} |")
        else:
            out.append(f"{bullet}{f['field']} ({f['type']}; {', '.join(f['roles'])}"
                       f"{'; ' + ', '.join(notes) if notes else ''}): {f['purpose']}")
    if not record["fields"]:
        out.append(f"{bullet}none declared")
    out.append("")
    out.append(f"{h2}Special categories (GDPR Art. 9)")
    out.append("")
    for c in record["special_categories"]:
        out.append(f"{bullet}{c['name']}: {', '.join(c['fields'])}")
    if not record["special_categories"]:
        out.append(f"{bullet}none")
    out += ["", f"{h2}Safeguards in mentorcore", ""]
    out += [f"{bullet}{s}" for s in record["safeguards"]]
    if record["missing"]:
        out += ["", f"{h2}To complete before processing", ""]
        out += [f"{bullet}{m}" for m in record["missing"]]
    return "\n".join(out) + "\n"


def render_json(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"
