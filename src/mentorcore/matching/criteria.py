"""The built-in matching criteria, vectorised: each scores every candidate pair in one call.

A criterion's ``evaluate(candidates, params)`` returns booleans or a fit in [0, 1] for the whole
``(mentees × mentors)`` matrix at once (see :class:`mentorcore.kinds.Criterion`). Parameters
that name participant fields default to the usual column names, so a rule may be as short as
``{id: region, criterion: region, weight: 1}``.

Empty cells never meet a rule, except a wish: a mentee who wishes nothing is content with any
mentor (``wish``, ``mentor_kind``, ``gender`` with ``wish``).

NumPy is imported inside the functions, so that loading the plugin stays fast.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mentorcore.i18n import _
from mentorcore.kinds import Criterion, CriterionError, Param

__all__ = ["CRITERIA", "NUMBERS", "SETS", "age_range", "availability", "both", "forbidden_pair",
           "gender", "mentee", "mentor", "overlap", "same_value", "share", "wished"]

SETS = ("text", "list")
NUMBERS = ("number",)


def mentee(default: str | None, doc: str = "the mentee's field", types: tuple[str, ...] = SETS,
           name: str = "mentee", required: bool = False) -> Param:
    return Param(name=name, description=doc, default=default, side="left", types=types,
                 required=required)


def mentor(default: str | None, doc: str = "the mentor's field", types: tuple[str, ...] = SETS,
           name: str = "mentor", required: bool = False) -> Param:
    return Param(name=name, description=doc, default=default, side="right", types=types,
                 required=required)


def both(name: str, default: str | None, doc: str, types: tuple[str, ...] = SETS) -> Param:
    return Param(name=name, description=doc, default=default, side="both", types=types)


def overlap(candidates: Any, params: Mapping[str, Any]) -> Any:
    """The mentee's and the mentor's values share at least one value."""
    return candidates.overlap(params["mentee"], params["mentor"])


def share(candidates: Any, params: Mapping[str, Any], nothing_wished: float) -> Any:
    """Share of the mentee's values the mentor has too; ``nothing_wished`` when the mentee has
    none."""
    np = _np()
    wishes = candidates.left.size(params["mentee"])
    inverse = np.where(wishes > 0, 1.0 / np.maximum(wishes, 1), 0.0)
    fit = candidates.shared(params["mentee"], params["mentor"]) * inverse
    if nothing_wished and np.any(wishes == 0):
        fit += (wishes == 0) * nothing_wished
    return fit


def wished(candidates: Any, params: Mapping[str, Any]) -> Any:
    """Share of the mentee's wishes the mentor has; 1 when the mentee wishes nothing."""
    return share(candidates, params, 1.0)


def _np() -> Any:
    import numpy

    return numpy


def same_value(candidates: Any, params: Mapping[str, Any]) -> Any:
    left = params.get("mentee") or params.get("field")
    right = params.get("mentor") or params.get("field")
    if not left or not right:
        raise CriterionError(_("name the compared column: field (both sides), or mentee and "
                               "mentor"))
    return candidates.overlap(left, right)


def gender(candidates: Any, params: Mapping[str, Any]) -> Any:
    field = params["field"]
    if params.get("wish"):
        return candidates.overlap(params["wish"], field) | (
            candidates.left.size(params["wish"]) == 0)
    return candidates.overlap(field, field)


def age_range(candidates: Any, params: Mapping[str, Any]) -> Any:
    np = _np()
    field = params["field"]
    try:
        limit = float(params["max_difference"])
    except (TypeError, ValueError):
        raise CriterionError(_("max_difference must be a number of years")) from None
    difference = candidates.right.number(field) - candidates.left.number(field)
    with np.errstate(invalid="ignore"):
        met = np.abs(difference) <= limit
        if params.get("mentor_older"):
            met &= difference >= 0
    return met


def availability(candidates: Any, params: Mapping[str, Any]) -> Any:
    return share(candidates, params, 0.0)


def forbidden_pair(candidates: Any, params: Mapping[str, Any]) -> Any:
    field = params["field"]
    return ~(candidates.overlap(field, "id") | candidates.overlap("id", field))


CRITERIA = (
    Criterion(name="same_value",
              description="an attribute of the mentor equals (or shares a value with) one of "
                          "the mentee",
              params=(both("field", None, "the column compared on both sides"),
                      mentee(None), mentor(None)),
              evaluate=same_value),
    Criterion(name="shared_language", description="the two share a language",
              params=(mentee("languages", "the mentee's languages"),
                      mentor("languages", "the mentor's languages")),
              evaluate=overlap),
    Criterion(name="gender", description="the participants' genders fit the programme's rule",
              params=(both("field", "gender", "the gender column"),
                      mentee(None, "the mentee's wished mentor gender (empty: any); without "
                                   "it, both must have the same gender", name="wish")),
              evaluate=gender),
    Criterion(name="age_range", description="the ages differ by at most max_difference years",
              params=(both("field", "age", "the age column", NUMBERS),
                      Param(name="max_difference", description="largest allowed difference "
                            "in years", default=10),
                      Param(name="mentor_older", description="true: the mentor must not be "
                            "younger", default=False)),
              evaluate=age_range),
    Criterion(name="region", description="both are in the same region",
              params=(mentee("region"), mentor("region")), evaluate=overlap),
    Criterion(name="availability",
              description="their available times overlap (fit: share of the mentee's times "
                          "the mentor also has)",
              params=(mentee("availability"), mentor("availability")), evaluate=availability),
    Criterion(name="wish",
              description="the mentor has a property the mentee wishes (fit: share of the "
                          "wishes met; no wish: any mentor)",
              params=(mentee(None, "the mentee's wishes", required=True),
                      mentor(None, "the mentor's properties", required=True)),
              evaluate=wished),
    Criterion(name="forbidden_pair",
              description="pairs that must not be formed: neither lists the other's id in "
                          "the field",
              params=(both("field", "not_with", "ids the person must not be paired with"),),
              evaluate=forbidden_pair),
)
"""The criteria the core provides, registered by :mod:`mentorcore.builtins.kinds`."""
