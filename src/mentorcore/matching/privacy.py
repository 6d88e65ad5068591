"""The record of processing (GDPR Art. 30) a coordinator keeps for a programme's participant
data, derived from the model's ``participant_data``: controller, purposes, categories of data
subjects and of personal data (special categories marked), retention and safeguards.

``mentorcore privacy MODEL`` prints it; :func:`record_of_processing` is the same as data.
"""

from __future__ import annotations

import json
from typing import Any

from mentorcore.i18n import N_, _, pgettext
from mentorcore.matching.special_categories import special_category_of
from mentorcore.model import Programme

__all__ = ["CATEGORY_NAMES", "NOT_STATED", "SAFEGUARDS", "record_of_processing",
           "render_json", "render_text"]


NOT_STATED = N_("not stated in the model")
SAFEGUARDS = (
    N_("only the fields declared in the model are read; other columns are dropped on reading"),
    N_("a column that looks like special-category data is refused unless declared as such"),
    N_("reports name participants by id; names and contacts only with --show-names"),
    N_("output files are written atomically, readable by their owner only (mode 0600), and "
       "never over the participant file"),
    N_("error messages name the row and column, never the value in the cell"),
)
"""The safeguards, in English; the record gives them in the language of the run."""
CATEGORY_NAMES = {
    "ethnic_origin": N_("racial or ethnic origin"), "racial_origin": N_("racial or ethnic origin"),
    "religion": N_("religious or philosophical beliefs"), "health": N_("health"),
    "sexual_orientation": N_("sex life or sexual orientation"),
    "political_opinion": N_("political opinions"), "trade_union": N_("trade union membership"),
    "biometric": N_("biometric data"), "genetic": N_("genetic data"),
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
    # a field declared without special_category whose name suggests one is listed under the
    # category its name suggests (a participant list with it is refused, E409)
    suggested = {f.id: special_category_of(f.id) for f in fields if not f.special_category}
    category_of = {f.id: f.special_category or suggested.get(f.id) for f in fields}
    special = sorted({c for c in category_of.values() if c})
    record: dict[str, Any] = {
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
            "special_category_by_name": suggested.get(f.id),
        } for f in fields],
        "special_categories": [{"category": c, "name": _(CATEGORY_NAMES[c])
                                if c in CATEGORY_NAMES else c,
                                "fields": [f.id for f in fields if category_of[f.id] == c],
                                "undeclared": [f.id for f in fields
                                               if suggested.get(f.id) == c]}
                               for c in special],
        "safeguards": [_(safeguard) for safeguard in SAFEGUARDS],
        "missing": [],
    }
    missing = record["missing"]
    if not fields:
        missing.append(_("the model declares no participant fields: a participant list can "
                         "hold only id and role"))
    if not (data and data.controller):
        missing.append(_("controller (participant_data.controller); the organisation is shown"))
    if not (data and data.lawful_basis):
        missing.append(_("lawful basis (participant_data.lawful_basis, GDPR Art. 6); "
                         "special-category data also needs an Art. 9 condition") if special
                       else _("lawful basis (participant_data.lawful_basis, GDPR Art. 6)"))
    if not (data and data.retention):
        missing.append(_("retention (participant_data.retention)"))
    for field, category in suggested.items():
        if category:
            missing.append(_("field '{field}' looks like special-category data ({category}): "
                             "declare it with special_category: {category}, or leave it "
                             "out").format(field=field, category=category))
    return record


def _field_type_label(kind: str) -> str:
    """A participant field's type (:data:`mentorcore.model.participant.FIELD_TYPES`) in the
    language of the run; an unknown one by its id."""
    labels = {"text": pgettext("participant field type", "text"),
              "number": pgettext("participant field type", "number"),
              "list": pgettext("participant field type", "list"),
              "date": pgettext("participant field type", "date"),
              "boolean": pgettext("participant field type", "yes/no")}
    return labels.get(kind, kind)


def render_text(record: dict[str, Any], markdown: bool = False) -> str:
    """The record for people: plain text, or Markdown with ``markdown=True``."""
    h1, h2, bullet = ("# ", "## ", "- ") if markdown else ("", "", "  - ")
    not_stated = _(NOT_STATED)
    out = [h1 + _("Record of processing (GDPR Art. 30): {name} ({programme})").format(
        name=record["name"], programme=record["programme"]), ""]
    controller = record["controller"] if record["controller_stated"] else _(
        "{organisation} (the organisation; controller not stated)").format(
            organisation=record["controller"])
    # people read roles and categories by their names in the record's language (the JSON keeps
    # the ids beside them); a field is a column of the participant list, so it keeps its id
    role_names = {s["role"]: s["name"] for s in record["data_subjects"]}
    category_names = {c["category"]: c["name"] for c in record["special_categories"]}
    subjects = ", ".join(s["name"] for s in record["data_subjects"])
    out += [_("Controller: {controller}").format(controller=controller),
            _("Lawful basis: {basis}").format(basis=record["lawful_basis"] or not_stated),
            _("Retention: {retention}").format(retention=record["retention"] or not_stated),
            _("Data subjects: {subjects}").format(subjects=subjects or _("none")), ""]
    out.append(h2 + _("Personal data and purposes"))
    out.append("")
    if markdown:
        out += [_("| field | purpose | type | roles | notes |"), "|---|---|---|---|---|"]
    for f in record["fields"]:
        notes = [n for n in (_("required") if f["required"] else "",
                             _("identifying") if f["identifying"] else "",
                             _("special category: {category}").format(
                                 category=category_names.get(f["special_category"],
                                                             f["special_category"]))
                             if f["special_category"] else "",
                             _("special category by its name: {category}, not declared").format(
                                 category=category_names.get(f["special_category_by_name"],
                                                             f["special_category_by_name"]))
                             if f.get("special_category_by_name") else "") if n]
        roles = ", ".join(role_names.get(r, r) for r in f["roles"])
        kind = _field_type_label(f["type"])
        if markdown:
            out.append(f"| `{f['field']}` | {f['purpose']} | {kind} | "
                       f"{roles} | {', '.join(notes)} |")
        else:
            out.append(f"{bullet}{f['field']} ({kind}; {roles}"
                       f"{'; ' + ', '.join(notes) if notes else ''}): {f['purpose']}")
    if not record["fields"]:
        out.append(bullet + _("none declared"))
    out.append("")
    out.append(h2 + _("Special categories (GDPR Art. 9)"))
    out.append("")
    for c in record["special_categories"]:
        undeclared = set(c.get("undeclared", ()))
        out.append(f"{bullet}{c['name']}: " + ", ".join(
            _("{field} (not declared as such)").format(field=f) if f in undeclared else f
            for f in c["fields"]))
    if not record["special_categories"]:
        out.append(bullet + _("none"))
    out += ["", h2 + _("Safeguards in mentorcore"), ""]
    out += [f"{bullet}{s}" for s in record["safeguards"]]
    if record["missing"]:
        out += ["", h2 + _("To complete before processing"), ""]
        out += [f"{bullet}{m}" for m in record["missing"]]
    return "\n".join(out) + "\n"


def render_json(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"
