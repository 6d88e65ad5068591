"""The criterion ``reciprocal_language``, vectorised: each buddy offers a language (mother
tongue or another strong one) that the other wants to learn (kielikaveri).

``params: {offers: languages_offered, wants: languages_wanted}`` (the defaults), both list
fields of the buddy role.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mentorcore.kinds import Criterion
from mentorcore.matching.criteria import both


def each_learns(candidates: Any, params: Mapping[str, Any]) -> Any:
    offers, wants = params["offers"], params["wants"]
    return candidates.overlap(offers, wants) & candidates.overlap(wants, offers)


RECIPROCAL_LANGUAGE = Criterion(
    name="reciprocal_language",
    description="each buddy offers a language (mother tongue or another strong one) that the "
                "other wants to learn",
    params=(both("offers", "languages_offered", "the languages a buddy can teach"),
            both("wants", "languages_wanted", "the languages a buddy wants to learn")),
    evaluate=each_learns)
