"""A mentorcore plugin that adds the matching criterion ``same_city``.

A model uses it as::

    matching:
      unit: pair
      rules:
        - {id: same-city, criterion: same_city, hard: true}

and declares a ``city`` field for mentors and mentees in ``participant_data``.
"""

from mentorcore.plugin_api import Criterion, Param, hookimpl

MENTORCORE_PLUGIN_API = ">=1.0,<2"
"""The versions of mentorcore's plugin API this plugin works with (mentorcore refuses it, by
name, outside them)."""


def same_city(candidates, params):
    """Every mentee × mentor pair at once: true where the two cities are the same."""
    return candidates.overlap(params["mentee"], params["mentor"])


SAME_CITY = Criterion(
    name="same_city",
    description="mentor and mentee live in the same city",
    params=(Param(name="mentee", description="the mentee's city column", default="city",
                  side="left", types=("text",)),
            Param(name="mentor", description="the mentor's city column", default="city",
                  side="right", types=("text",))),
    evaluate=same_city,
)


@hookimpl
def register_criteria(register):
    register(SAME_CITY)
