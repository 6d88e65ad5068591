"""Kinds that plugins provide: phase kinds, unit kinds and matching criteria.

The types of output formats (:mod:`mentorcore.formats`) and of handbook sections
(:mod:`mentorcore.sections`) are importable from here too."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs

from mentorcore.records import record

if TYPE_CHECKING:
    from mentorcore.formats import RENDER_TARGETS, Renderer, RenderOptions
    from mentorcore.sections import SECTION_DOCUMENTS, Section, SectionContext


@record(kw_only=True)
class PhaseKind:
    """A kind of phase. ``rank`` orders phases: 10 preparation (training), 20 matching, 30 start,
    40 main work (mentoring, camp), 50 closing; ``None`` for a kind that may come anywhere
    (orientation: of mentors before matching, of mentees after it).

    ``labels(name, language)``: the kind's label in a language (``fi``, ``sv``, ``en``) for the
    outputs people read, e.g. from the plugin's own gettext catalog
    (:func:`mentorcore.plugin_api.catalog_labels`); without it they show the kind's name."""

    name: str
    rank: int | None
    description: str
    labels: Callable[[str, str], str] | None = attrs.field(default=None, eq=False, repr=False)


@record(kw_only=True)
class UnitKind:
    """A kind of unit. ``members`` is how many people a unit has (``None``: a size range)."""

    name: str
    description: str
    members: int | None = None


class CriterionError(ValueError):
    """Raised by a criterion's ``evaluate`` when a rule's parameters cannot be used; the message
    is shown at the rule, e.g. ``name either field, or mentee and mentor``."""


@record(kw_only=True)
class Param:
    """A parameter a matching rule may give its criterion (``params: {mentee: wished_field}``).

    ``side`` says that the value names a participant field: of the mentee (``left``), of the
    mentor (``right``) or of both (``both``); mentorcore then checks the field is declared for
    that side's role, of one of ``types``, and present in the participant list. A ``required``
    parameter has no default: the rule must give it.
    """

    name: str
    description: str
    default: Any = None
    side: str | None = None
    types: tuple[str, ...] = ()
    required: bool = False


@record(kw_only=True)
class Criterion:
    """A matching criterion a model can name in ``matching.rules[].criterion``.

    ``evaluate(candidates, params)`` scores every candidate pair at once: ``candidates`` is a
    :class:`mentorcore.matching.candidates.Candidates` (the mentees as rows, the mentors as
    columns, or pairs side by side) and ``params`` the rule's parameters with defaults filled in.
    It returns a NumPy array that broadcasts to ``candidates.shape``: booleans, or a fit in
    [0, 1]. A hard rule is met where the fit is above 0; a preference adds ``weight × fit`` to
    the pair's score. Write it with whole-array operations — never a Python call per pair::

        def same_region(candidates, params):
            return candidates.overlap(params["mentee"], params["mentor"])

    A criterion without ``evaluate`` can be named in a model (and is checked) but not scored.
    """

    name: str
    description: str
    params: tuple[Param, ...] = ()
    evaluate: Callable[..., Any] | None = attrs.field(default=None, eq=False, repr=False)


__all__ = [
    "Criterion", "CriterionError", "Param", "PhaseKind", "RENDER_TARGETS", "RenderOptions",
    "Renderer", "SECTION_DOCUMENTS", "Section", "SectionContext", "UnitKind",
]

_MOVED = {**dict.fromkeys(("RENDER_TARGETS", "RenderOptions", "Renderer"), "mentorcore.formats"),
          **dict.fromkeys(("SECTION_DOCUMENTS", "Section", "SectionContext"),
                          "mentorcore.sections")}
"""The output formats' and sections' types, once defined here: still importable from this
module (plugins written for plugin API 1.0 do), imported when first asked for — a run that
renders nothing (``validate``) creates none of their classes."""


def __getattr__(name: str) -> object:
    if name in _MOVED:
        import importlib

        return getattr(importlib.import_module(_MOVED[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
