"""The catalogue: a directory of programmes as a regional page would publish it.

Example::

    >>> from mentorcore.catalogue import catalogue_entries
    >>> entries = catalogue_entries(Library())                   # doctest: +SKIP
    >>> entries[0]["duration"]                                    # doctest: +SKIP
    'about 2 months'
"""

from __future__ import annotations

from typing import Any

from mentorcore.model import Programme, name_in
from mentorcore.words import Words


def duration_text(programme: Programme, words: Words) -> str:
    """The phases that have a duration, in order, each by its name in the language of
    ``words`` as the handbook's list of phases names it: ``kesälukio (leiri): 8 päivää;
    mentorointijakso: noin 6 kuukautta`` (a phase without a name by its id, written as words);
    one phase: its duration alone."""
    timed = [(name_in(p, words.language, words=True), p.duration) for p in programme.phases
             if p.duration is not None]
    if len(timed) == 1:
        return words.quantity(timed[0][1])
    return "; ".join(f"{phase}: {words.quantity(duration)}" for phase, duration in timed)


def catalogue_entry(programme: Programme, language: str | None = None) -> dict[str, Any]:
    words = Words(language or "en")
    cadences = [(p, p.cadence) for p in programme.phases if p.cadence is not None]
    return {
        "id": programme.id,
        "name": programme.name.get(language),
        "organisation": programme.organisation.get(language),
        "summary": programme.summary.get(language) if programme.summary else None,
        "target_group": (programme.target_group.description.get(language)
                         if programme.target_group else None),
        "duration": duration_text(programme, words) or None,
        "cadence": "; ".join(words.cadence(c) for _, c in cadences) or None,
        "languages": list(programme.languages),
        "region": programme.region.get(language) if programme.region else None,
        "extends": programme.extends,
    }


def catalogue_entries(library: Any, language: str | None = None) -> list[dict[str, Any]]:
    """One entry per available model that loads without errors, by id."""
    entries = []
    for model_id in library.ids():
        loaded = library.load(model_id)
        if loaded.programme is not None:
            entries.append(catalogue_entry(loaded.programme, language))
    return entries


def to_markdown(entries: list[dict[str, Any]], language: str | None = None) -> str:
    from mentorcore.i18n import translator

    _ = translator(language or "en")
    title, organisation, target, duration, meetings, lang, region, based = (
        _("Mentoring programmes"), _("Organisation"), _("For"), _("Duration"), _("Meetings"),
        _("Language"), _("Region"), _("Based on"))
    lines = [f"# {title}", ""]
    for entry in entries:
        lines += [f"## {entry['name']}", ""]
        if entry["summary"]:
            lines += [entry["summary"], ""]
        rows = [(organisation, entry["organisation"]), (target, entry["target_group"]),
                (duration, entry["duration"]), (meetings, entry["cadence"]),
                (lang, ", ".join(entry["languages"]) or None), (region, entry["region"]),
                (based, entry["extends"])]
        lines += [f"- **{label}:** {value}" for label, value in rows if value]
        lines += [f"- `mentorcore show {entry['id']}`", ""]
    return "\n".join(lines)


__all__ = [
    "catalogue_entries", "catalogue_entry", "duration_text", "to_markdown",
]
