"""The criterion ``same_field``, vectorised: the mentor has studied or worked in the field in
which the mentee hopes to be employed (Auroras individual mentoring).

``params: {mentee: wished_field, mentor: field}`` (the defaults); either may be a list field
(a mentor with several fields, a mentee open to several).
"""

from __future__ import annotations

from mentorcore.kinds import Criterion
from mentorcore.matching.criteria import mentee, mentor, overlap

SAME_FIELD = Criterion(
    name="same_field",
    description="the mentor has studied or worked in the field in which the mentee hopes to be "
                "employed",
    params=(mentee("wished_field", "the field the mentee hopes to work in"),
            mentor("field", "the field(s) the mentor has studied or worked in")),
    evaluate=overlap)
