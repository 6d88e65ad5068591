"""Criterion calls: one rule's fit over candidate pairs, from its criterion — a plugin's too.

:func:`evaluate` calls the rule's criterion on the candidates and checks what comes back:
booleans or numbers, of the candidates' shape (or broadcastable to it). A criterion that raises
:class:`~mentorcore.kinds.CriterionError` is reported at the rule (E502); any other failure, or
an array of the wrong kind or shape, is reported naming the plugin that provides the criterion
(E504). :func:`as_fit` reads a checked result as a fit in [0, 1].
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from mentorcore.diagnostics import MentorcoreError
from mentorcore.i18n import _
from mentorcore.kinds import CriterionError
from mentorcore.matching import problems

if TYPE_CHECKING:
    from mentorcore.matching.candidates import Candidates
    from mentorcore.matching.rules import Rule

__all__ = ["as_fit", "evaluate"]


def _np() -> Any:
    import numpy

    return numpy


def evaluate(rule: Rule, candidates: Candidates) -> Any:
    """One rule's fit over the candidates, checked: a float array of ``candidates.shape`` in
    [0, 1] (or booleans). A failing plugin is named."""
    np = _np()
    who = (_("criterion '{name}' (plugin {plugin})").format(name=rule.criterion.name,
                                                              plugin=rule.provider)
           if rule.provider else _("criterion '{name}'").format(name=rule.criterion.name))
    # a resolved rule's criterion scores (resolve_rules refuses one without evaluate)
    score = cast("Callable[..., Any]", rule.criterion.evaluate)
    from mentorcore.plugins import PluginError, call_plugin

    try:
        # a plugin's criterion runs with the time limit, its output on stderr, and any
        # BaseException (SystemExit too) attributed to it
        fit = call_plugin(rule.criterion, _("criterion '{name}'").format(
            name=rule.criterion.name), score, candidates, rule.params)
    except PluginError as failed:
        cause = failed.__cause__
        if isinstance(cause, CriterionError):
            raise MentorcoreError([problems.BAD_RULE.error(
                _("rule '{rule}': {error}").format(rule=rule.id, error=cause),
                ("matching", "rules", rule.index))]) from None
        raise MentorcoreError([problems.CRITERION_FAILED.error(
            _("rule '{rule}': {error}").format(rule=rule.id, error=failed.failure.reason),
            ("matching", "rules", rule.index))], exit_code=failed.exit_code) from cause
    except CriterionError as error:
        raise MentorcoreError([problems.BAD_RULE.error(
            _("rule '{rule}': {error}").format(rule=rule.id, error=error),
            ("matching", "rules", rule.index))]) from None
    except MentorcoreError:
        raise
    except Exception as error:
        raise MentorcoreError([problems.CRITERION_FAILED.error(
            _("rule '{rule}': {criterion} failed: {error}").format(
                rule=rule.id, criterion=who, error=f"{type(error).__name__}: {error}"),
            ("matching", "rules", rule.index))]) from error
    try:
        fit = np.asarray(fit)
        if fit.dtype != bool and not np.issubdtype(fit.dtype, np.number):
            raise ValueError(f"dtype {fit.dtype}")
        fit = np.broadcast_to(fit, candidates.shape)
    except ValueError as error:
        raise MentorcoreError([problems.CRITERION_FAILED.error(
            _("rule '{rule}': {criterion} returned an array that does not fit {shape} "
              "({error})").format(rule=rule.id, criterion=who, shape=candidates.shape,
                                  error=error),
            ("matching", "rules", rule.index))]) from None
    return fit


def as_fit(fit: Any) -> Any:
    """Booleans or numbers → float fit in [0, 1] (nan counts as 0). Checked with two cheap
    reductions; only an out-of-range array is copied."""
    np = _np()
    if fit.dtype == bool:
        return fit.astype(np.float64)
    if fit.size == 0:
        return fit.astype(np.float64)
    low, high = fit.min(), fit.max()
    if low >= 0 and high <= 1:  # false for nan too
        return fit
    fit = np.fmax(fit, 0.0)  # nan → 0
    return np.fmin(fit, 1.0, out=fit)
