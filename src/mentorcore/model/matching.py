"""Matching rules: how units are formed from participants."""

from typing import Any

from mentorcore.model.fields import fact
from mentorcore.model.quantity import Range
from mentorcore.model.text import Text
from mentorcore.records import record

SOLVERS = ("optimal", "stable", "reciprocal", "manual")


@record(kw_only=True)
class MatchingRule:
    """One criterion: a hard requirement (a filter) or a weighted preference (a score)."""

    id: str = fact("short id", example="same-field")
    criterion: str = fact("criterion name (provided by the core or a plugin)",
                          example="same_field")
    hard: bool = fact("true for a requirement every unit must meet; false for a preference",
                      default=False)
    weight: float = fact("weight of a preference in the total score", default=1.0)
    params: dict[str, Any] = fact("criterion parameters", factory=dict,
                                  example={"mentee": "wished_field", "mentor": "field"})
    text: Text | None = fact("the rule as the document states it", default=None)
    source: str | None = fact("source id", default=None, ref="sources")


@record(kw_only=True)
class Matching:
    """How and by whom units are formed."""

    unit: str = fact("the unit that matching forms", ref="units", example="pair")
    solver: str = fact("optimal, stable, reciprocal or manual", default="optimal",
                       choices=SOLVERS)
    channel: Text | None = fact("where or by whom pairs are formed", default=None,
                                example="staff, by the mentee's wishes")
    capacity: Range | None = fact("how many mentees a mentor (or a group's leader) may take: "
                                  "up to max (no max: no limit); without it, a led group's "
                                  "size, the assumption mentees_per_mentor, else 1 for a pair",
                                  default=None, unit="mentee",
                                  units=frozenset({"mentee", "person"}))
    capacity_field: str | None = fact("participant field with each mentor's own number of "
                                      "places: a whole number within capacity (E414 otherwise, "
                                      "never clamped); an empty cell takes the model's places",
                                      default=None, example="max_mentees")
    rules: tuple[MatchingRule, ...] = fact("criteria", factory=tuple)
    source: str | None = fact("source id", default=None, ref="sources")
