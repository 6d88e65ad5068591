"""Matching: form pairs and groups from a participant list with a model's rules.

The Python API is the same functions the ``mentorcore match`` and ``mentorcore privacy``
commands use::

    from mentorcore import Library
    from mentorcore.matching import load_participants, match, render

    library = Library()
    programme = library.programme("auroras-individual")
    people = load_participants("people.csv", programme)      # privacy by schema, checked
    result = match(programme, people, registry=library.registry, solver="optimal", seed=0)
    print(render(result, "table"))

NumPy, SciPy and NetworkX are imported only when matching runs.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "Group", "MatchResult", "Member", "Pair", "Participants", "RuleOutcome", "Unmatched",
    "identities", "load_participants", "match", "participants_from_records",
    "record_of_processing", "render", "to_json",
]

_WHERE = {
    "load_participants": "mentorcore.matching.schema",
    "participants_from_records": "mentorcore.matching.schema",
    "Participants": "mentorcore.matching.participants",
    "match": "mentorcore.matching.engine",
    "Group": "mentorcore.matching.result",
    "MatchResult": "mentorcore.matching.result",
    "Member": "mentorcore.matching.result",
    "Pair": "mentorcore.matching.result",
    "RuleOutcome": "mentorcore.matching.result",
    "Unmatched": "mentorcore.matching.result",
    "render": "mentorcore.matching.formats",
    "to_json": "mentorcore.matching.formats",
    "identities": "mentorcore.matching.formats",
    "record_of_processing": "mentorcore.matching.privacy",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(name)
    import importlib

    return getattr(importlib.import_module(module), name)
