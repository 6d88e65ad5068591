"""A mentorcore plugin that adds the matching criterion ``same_city``.

A model uses it as::

    matching:
      unit: pair
      rules:
        - {id: same-city, criterion: same_city, hard: true}
"""

from mentorcore import hookimpl
from mentorcore.kinds import Criterion

SAME_CITY = Criterion(name="same_city", description="mentor and mentee live in the same city")


@hookimpl
def register_criteria(register):
    register(SAME_CITY)
