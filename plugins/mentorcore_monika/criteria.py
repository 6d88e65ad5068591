"""The criterion ``mentor_kind``, vectorised: the mentor is of the kind the mentee wishes —
working-life, language or hobby mentor (Monika-Naiset).

``params: {mentee: wished_mentor_kind, mentor: mentor_kind}`` (the defaults). The fit is the
share of the wished kinds the mentor is; a mentee who wishes no particular kind takes any mentor.
"""

from __future__ import annotations

from mentorcore.kinds import Criterion
from mentorcore.matching.criteria import mentee, mentor, wished

MENTOR_KIND = Criterion(
    name="mentor_kind",
    description="the mentor is of the kind the mentee wishes: working-life, language or hobby "
                "mentor",
    params=(mentee("wished_mentor_kind", "the kind(s) of mentor the mentee wishes"),
            mentor("mentor_kind", "the kind(s) of mentor the volunteer is")),
    evaluate=wished)
