"""Assumptions set for one run: ``mentorcore simulate MODEL --set ID=VALUE`` (or
``simulate(..., assumptions={ID: VALUE})``) replaces the model's value of an assumption, or adds
one the model does not make, for this run only; every output then lists it with origin
``override``.

An id must be one the run reads (the table of assumptions,
:data:`mentorcore.model.assumptions.KNOWN_ASSUMPTIONS`, and the model's units in its ``<unit>``
ids), and the value one the simulation can use — the rule a model's own value obeys
(:func:`mentorcore.simulation.plan.value_problem`). Anything else is refused with E621 (exit
status 2) before anything runs::

    >>> from mentorcore import Library, MentorcoreError
    >>> library = Library()
    >>> womento = library.programme("womento")
    >>> changed, ids = apply(womento, {"cancellation_rate": "0,2"}, library.registry)
    >>> changed.assumption("cancellation_rate"), ids
    (0.2, ('cancellation_rate',))
    >>> try:
    ...     apply(womento, {"cancelation_rate": "0.2"}, library.registry)
    ... except MentorcoreError as error:
    ...     print(error.diagnostics[0].rule, error.exit_code, error.diagnostics[0].hint)
    E621 2 did you mean `cancellation_rate`?
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import attrs

from mentorcore.diagnostics import MentorcoreError
from mentorcore.i18n import _
from mentorcore.model import Assumption, Text
from mentorcore.model.assumptions import (
    MATCHING,
    default_value,
    known_ids,
    reads,
    resolve_all,
)
from mentorcore.simulation.plan import value_problem, window_problem
from mentorcore.simulation.problems import BAD_SETTING
from mentorcore.spelling import did_you_mean

if TYPE_CHECKING:
    from mentorcore.model import Programme
    from mentorcore.plugins import Registry

__all__ = ["apply", "decimal_point", "parse_settings"]


def _refuse(message: str, hint: str | None = None) -> MentorcoreError:
    return MentorcoreError.single(BAD_SETTING, message, exit_code=2, hint=hint)


def parse_settings(texts: Iterable[str]) -> dict[str, str]:
    """``["continue_rate=0.5", …]`` (repeated ``--set``) as ``{"continue_rate": "0.5", …}``; the
    last of a repeated id wins."""
    settings: dict[str, str] = {}
    for text in texts:
        assumption_id, equals, value = text.partition("=")
        if not equals or not assumption_id.strip():
            raise _refuse(_("--set needs ID=VALUE, found '{text}'").format(text=text),
                          _("for example {example}").format(example="--set continue_rate=0.5"))
        settings[assumption_id.strip()] = value.strip()
    return settings


def decimal_point(text: str) -> str:
    """A number as typed on the command line, with a decimal comma or point: ``0,2`` → ``0.2``
    (a text with one comma and no point; anything else as it is, stripped)."""
    text = text.strip()
    return text.replace(",", ".") if text.count(",") == 1 and "." not in text else text


def _value(assumption_id: str, value: object, kind: str) -> float | str:
    """A value given for ``assumption_id`` as the kind of value it is: a text as it is, a number
    from ``0.2``, ``0,2`` or ``3``."""
    if kind == "text":
        return str(value)
    if isinstance(value, str):
        text = decimal_point(value)
        try:
            number = float(text)
        except ValueError:
            raise _refuse(_("--set {id}: expected a number, found '{value}'").format(
                id=assumption_id, value=value)) from None
        return int(number) if number.is_integer() and "." not in text else number
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _refuse(_("--set {id}: expected a number, found '{value}'").format(
            id=assumption_id, value=value))
    return value


def apply(programme: Programme, settings: Mapping[str, object], registry: Registry, *,
          matching: bool = False) -> tuple[Programme, tuple[str, ...]]:
    """``programme`` with the assumptions of ``settings`` set, and the ids set; a
    ``MentorcoreError`` (E621) for an id the run does not read or a value it cannot use.
    ``matching``: the run matches a participant list, so assumptions matching reads may be set
    too."""
    assumptions = list(programme.assumptions)
    for assumption_id, given in settings.items():
        found = resolve_all(programme, assumption_id)
        if not found:
            raise _refuse(_("--set: no engine reads an assumption '{id}'").format(
                id=assumption_id), did_you_mean(assumption_id, known_ids(programme))
                or _("the assumptions the engines read are listed in docs/simulation.md"))
        simulated = [entry for entry, _unit in found if entry.reader != MATCHING]
        known = simulated[0] if simulated else found[0][0]
        if not simulated and not matching:
            raise _refuse(_("--set {id}: it is read by matching, which this run does not "
                            "do").format(id=assumption_id),
                          _("give a participant list with --participants"))
        value = _value(assumption_id, given, known.kind)
        problem = value_problem(assumption_id, value, known.kind)
        if problem is not None:
            raise _refuse(_("--set {id}: {problem}").format(id=assumption_id, problem=problem[0]),
                          problem[1])
        index = next((i for i, a in enumerate(assumptions) if a.id == assumption_id), None)
        if index is None:
            assumptions.append(Assumption(id=assumption_id, value=value,
                                          rationale=Text.of("set for this run (--set)")))
        else:
            assumptions[index] = attrs.evolve(assumptions[index], value=value)
    changed = attrs.evolve(programme, assumptions=tuple(assumptions))
    if {"exit_earliest", "exit_latest"} & set(settings):
        window = [changed.assumption(name, default_value(name)) for name in
                  ("exit_earliest", "exit_latest")]
        problem = window_problem(float(window[0]), float(window[1]))  # type: ignore[arg-type]
        if problem is not None:
            raise _refuse(_("--set: {problem}").format(problem=problem[0]), problem[1])
    found_reads = reads(changed, registry.unit_kinds)
    unread = dict(found_reads.unread)
    if not matching:  # only the simulation reads them in this run
        unread.update({i: _("it is read by matching, which this run does not do")
                       for i, engines in found_reads.readers.items()
                       if i in settings and engines == (MATCHING,)})
    for assumption_id in settings:
        if assumption_id in unread:
            raise _refuse(_("--set {id}: the simulation of this model does not read it: "
                            "{reason}").format(id=assumption_id, reason=unread[assumption_id]))
    return changed, tuple(settings)
