"""Kinds that plugins provide: phase kinds, unit kinds and matching criteria."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs

from mentorcore.records import record


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


RENDER_TARGETS = ("simulation", "matching")
"""What a renderer can write: a simulation result (``simulate --format``) or a matching result
(``match --format``)."""


@record(kw_only=True)
class Renderer:
    """An output format: ``render(result, options)`` returns text (``str``), or ``bytes`` when
    ``binary`` — anything else is refused, naming the plugin.

    ``target`` is ``simulation`` (``result`` a ``mentorcore.simulation.Run`` or ``Runs``) or
    ``matching`` (a ``mentorcore.matching.Matching``); ``options`` is a :class:`RenderOptions`.
    """

    name: str
    target: str = attrs.field(validator=attrs.validators.in_(RENDER_TARGETS))
    description: str
    render: Any = attrs.field(eq=False, repr=False)
    binary: bool = False


@record(kw_only=True)
class RenderOptions:
    """What a command knows beyond the result, given to every renderer (read it by attribute;
    ``options["names"]`` works too, for renderers written against plugin API 1.0).

    ``language``: the language of the output (``fi``, ``sv``, ``en``); ``start``: the first day
    of the programme (a ``datetime.date``) or ``None``; ``seed``: the random seed of the run or
    ``None``; ``names``: for matching with ``--show-names``, participant id → the identifying
    fields shown (``None`` otherwise: show ids only); ``model``: the model's id.
    """

    language: str = "en"
    start: Any = None
    seed: int | None = None
    names: Mapping[str, Any] | None = None
    model: str | None = None

    def __getitem__(self, key: str) -> Any:
        return getattr(self, key)

    def get(self, key: str, default: Any = None) -> Any:
        return getattr(self, key, default)


@record(kw_only=True)
class SectionContext:
    """What a section's ``render`` gets: the ``programme`` (a ``mentorcore.model.Programme``),
    the ``language`` of the document and the ``document`` (``handbook`` or ``forms``)."""

    programme: Any
    language: str
    document: str


SECTION_DOCUMENTS = ("handbook", "forms")


@record(kw_only=True)
class Section:
    """A section a plugin adds to the handbook or the forms: ``render(context)`` returns its
    Markdown body (``None``: not for this model); ``title`` is its heading (a ``str``, or a
    function of the language for a translated one); ``documents`` where it appears."""

    name: str
    title: Any
    render: Callable[[SectionContext], str | None] = attrs.field(eq=False, repr=False)
    documents: tuple[str, ...] = attrs.field(
        default=("handbook",), validator=attrs.validators.deep_iterable(
            attrs.validators.in_(SECTION_DOCUMENTS)))

    def heading(self, language: str) -> str:
        return str(self.title(language) if callable(self.title) else self.title)


__all__ = [
    "Criterion", "CriterionError", "Param", "PhaseKind", "RENDER_TARGETS", "RenderOptions",
    "Renderer", "SECTION_DOCUMENTS", "Section", "SectionContext", "UnitKind",
]
