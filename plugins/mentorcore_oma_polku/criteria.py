"""The criteria ``same_language_group`` and ``lived_in_finland_longer``, vectorised: mentors
from the young people's language group who have lived in Finland longer (Oma polku).

``same_language_group``: ``params: {mentee: language_group, mentor: language_group}``.
``lived_in_finland_longer``: ``params: {mentee: years_in_finland, mentor: years_in_finland,
by: 0}`` — the mentor's years exceed the mentee's by more than ``by``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mentorcore.kinds import Criterion, CriterionError, Param
from mentorcore.matching.criteria import NUMBERS, mentee, mentor, overlap


def lived_longer(candidates: Any, params: Mapping[str, Any]) -> Any:
    import numpy

    try:
        margin = float(params["by"])
    except (TypeError, ValueError):
        raise CriterionError("by must be a number of years") from None
    with numpy.errstate(invalid="ignore"):
        return candidates.right.number(params["mentor"]) > \
            candidates.left.number(params["mentee"]) + margin


SAME_LANGUAGE_GROUP = Criterion(
    name="same_language_group",
    description="the mentor belongs to the same language group as the mentee",
    params=(mentee("language_group", "the mentee's language group"),
            mentor("language_group", "the mentor's language group")),
    evaluate=overlap)
LIVED_IN_FINLAND_LONGER = Criterion(
    name="lived_in_finland_longer",
    description="the mentor has lived in Finland longer than the mentee",
    params=(mentee("years_in_finland", "the mentee's years in Finland", NUMBERS),
            mentor("years_in_finland", "the mentor's years in Finland", NUMBERS),
            Param(name="by", description="by more than this many years", default=0)),
    evaluate=lived_longer)
