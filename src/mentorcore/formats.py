"""Output formats plugins provide (``register_renderers``): a :class:`Renderer` writes a
simulation or a matching result as text or bytes, told what the command knows by
:class:`RenderOptions`. ``mentorcore.kinds`` and ``mentorcore.plugin_api`` give the same
classes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from mentorcore.records import record

__all__ = ["RENDER_TARGETS", "RenderOptions", "Renderer"]


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
