"""The participant store: a checked participant list, one column of typed values per declared
field, and how its text values are compared.

A participant list has one row per person: an ``id``, a ``role`` (a role id of the model, or
one of the role's names, e.g. ``mentori``) and attributes. Only the fields the model declares in
``participant_data.fields`` are kept — every other column is dropped with a warning (W410) and
never reaches an output — and a column that looks like special-category data under GDPR Art. 9
(ethnic origin, refugee background, religion, health…) is refused (E409) unless the model
declares it with ``special_category``.

The list is read by :mod:`mentorcore.matching.sheets` (CSV, XLSX, YAML), checked against the
special categories of :mod:`mentorcore.matching.special_categories` and converted to typed values
by :mod:`mentorcore.matching.schema`, which gives the :class:`Participants` defined here.

Example::

    >>> from mentorcore import Library
    >>> from mentorcore.matching import load_participants
    >>> programme = Library().programme("auroras-individual")       # doctest: +SKIP
    >>> people = load_participants("people.csv", programme)           # doctest: +SKIP
    >>> people.count("mentee")                                        # doctest: +SKIP
    12
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from mentorcore.diagnostics import Diagnostic
from mentorcore.model import ParticipantField
from mentorcore.records import record
from mentorcore.spelling import normalise

__all__ = ["Participants", "iter_people", "normalise"]

@record(kw_only=True)
class Participants:
    """A checked participant list: who is in it, in which role, with the declared fields only.

    ``values[field][k]`` is the value of person ``k`` (``None`` when empty): ``str`` for text,
    ``float`` for numbers, ``tuple[str, ...]`` for lists, ``datetime.date`` for dates, ``bool``
    for booleans. ``rows[k]`` is the person's row in the file (for messages). ``warnings`` are the
    dropped columns and ignored values.
    """

    source: str
    ids: tuple[str, ...]
    roles: tuple[str, ...]
    rows: tuple[int, ...]
    fields: tuple[ParticipantField, ...]
    values: Mapping[str, tuple[Any, ...]] = attrs.field(eq=False, repr=False)
    warnings: tuple[Diagnostic, ...] = ()

    def __len__(self) -> int:
        return len(self.ids)

    def field(self, name: str) -> ParticipantField | None:
        return next((f for f in self.fields if f.id == name), None)

    def of_role(self, *roles: str) -> list[int]:
        """Indices of the people in any of ``roles``, in file order."""
        wanted = set(roles)
        return [k for k, role in enumerate(self.roles) if role in wanted]

    def count(self, role: str) -> int:
        return sum(1 for r in self.roles if r == role)

    def value(self, name: str, index: int) -> Any:
        column = self.values.get(name)
        return None if column is None else column[index]


def iter_people(participants: Participants, indices: Iterable[int]) -> Iterator[dict[str, Any]]:
    """Plain maps of selected people (``id``, ``role`` and declared fields)."""
    for k in indices:
        record = {"id": participants.ids[k], "role": participants.roles[k]}
        for field in participants.fields:
            record[field.id] = participants.values[field.id][k]
        yield record
