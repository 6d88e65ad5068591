"""Every type a plugin registers or receives, in one public module (plugin API
:data:`PLUGIN_API_VERSION`)::

    from mentorcore.plugin_api import Criterion, Param, hookimpl

    MENTORCORE_PLUGIN_API = ">=1.1,<2"

What each hook registers (see :mod:`mentorcore.hookspecs` and docs/plugins.md):

=============================== ==========================================================
``register_models``             a ``str`` or ``os.PathLike`` (a directory or a model file)
``register_phase_kinds``        :class:`PhaseKind`
``register_unit_kinds``         :class:`UnitKind`
``register_criteria``           :class:`Criterion` (with :class:`Param`; ``evaluate`` gets
                                :class:`Candidates`, may raise :class:`CriterionError`)
``register_checks``             :class:`Check` (its function yields :class:`Finding`)
``register_renderers``          :class:`Renderer` (``render`` gets :class:`RenderOptions`
                                and a :class:`Run`, :class:`Ensemble` or :class:`MatchResult`)
``register_sections``           :class:`Section` (``render`` gets :class:`SectionContext`)
``register_commands``           click commands (they use :func:`current_session`,
                                :func:`guarded`, :func:`load_programme` …)
``register_phase_behaviours``   :class:`PhaseBehaviour` (``events`` gets :class:`PhaseWindow`
                                and yields :class:`BehaviourEvent`; labels from
                                :func:`catalog_labels`)
``register_intakes``            :class:`Intake` (``starts`` gets :class:`IntakeContext`)
``register_schedule_adjusters`` :class:`ScheduleAdjuster` (``adjust`` gets a
                                :class:`Schedule` and an :class:`AdjustContext`)
``register_meeting_handlers``   :class:`MeetingHandler` (``handle`` gets a :class:`Meeting`)
=============================== ==========================================================

A plugin that uses a deprecated hook or attribute is warned once (W301; in Python a
:class:`MentorcoreDeprecationWarning`, a ``DeprecationWarning``) with the version it goes away
in and its replacement (docs/plugins.md, Versions).

The names of the simulation, matching and command-line layers, of output formats and of
sections are imported when first used (``mentorcore.plugin_api.Run``), so a plugin importing
this module stays cheap to load.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from mentorcore.checks import Check, CheckFunction, Finding
from mentorcore.diagnostics import Diagnostic, MentorcoreError, Severity
from mentorcore.hookspecs import PLUGIN_API_VERSION, Register, hookimpl
from mentorcore.kinds import Criterion, CriterionError, Param, PhaseKind, UnitKind

if TYPE_CHECKING:
    from mentorcore.cli.session import (
        Session,
        current_session,
        date_option,
        force_option,
        guarded,
        lang_option,
        load_model,
        load_programme,
        out_option,
    )
    from mentorcore.formats import Renderer, RenderOptions
    from mentorcore.matching.candidates import Candidates
    from mentorcore.matching.result import MatchResult
    from mentorcore.plugins import MentorcoreDeprecationWarning, PluginError, Registry
    from mentorcore.sections import Section, SectionContext
    from mentorcore.simulation.behaviours import (
        CANCELLED,
        HELD,
        NOT_PLANNED,
        RESCHEDULED,
        AdjustContext,
        BehaviourEvent,
        Intake,
        IntakeContext,
        Meeting,
        MeetingHandler,
        PhaseWindow,
        Schedule,
        ScheduleAdjuster,
    )
    from mentorcore.simulation.phase_behaviours import PhaseBehaviour
    from mentorcore.simulation.run import Ensemble, Run

_LAZY = {
    **dict.fromkeys(("Session", "current_session", "date_option", "force_option", "guarded",
                     "lang_option", "load_model", "load_programme", "out_option"),
                    "mentorcore.cli.session"),
    "Candidates": "mentorcore.matching.candidates", "MatchResult": "mentorcore.matching.result",
    "PluginError": "mentorcore.plugins", "Registry": "mentorcore.plugins",
    "MentorcoreDeprecationWarning": "mentorcore.plugins",
    **dict.fromkeys(("CANCELLED", "HELD", "NOT_PLANNED", "RESCHEDULED", "AdjustContext",
                     "Intake", "IntakeContext", "Meeting", "MeetingHandler", "Schedule",
                     "ScheduleAdjuster"), "mentorcore.simulation.behaviours"),
    "BehaviourEvent": "mentorcore.simulation.behaviours",
    "PhaseWindow": "mentorcore.simulation.behaviours",
    "PhaseBehaviour": "mentorcore.simulation.phase_behaviours",
    "Run": "mentorcore.simulation.run", "Ensemble": "mentorcore.simulation.run",
    "Renderer": "mentorcore.formats", "RenderOptions": "mentorcore.formats",
    "Section": "mentorcore.sections", "SectionContext": "mentorcore.sections",
}

__all__ = [
    "CANCELLED", "HELD", "NOT_PLANNED", "PLUGIN_API_VERSION", "RESCHEDULED", "AdjustContext",
    "BehaviourEvent", "Candidates", "Check", "CheckFunction", "Criterion", "CriterionError",
    "Diagnostic", "Ensemble", "Finding", "Intake", "IntakeContext", "MatchResult", "Meeting",
    "MeetingHandler", "MentorcoreDeprecationWarning", "MentorcoreError", "Param",
    "PhaseBehaviour", "PhaseKind", "PhaseWindow",
    "PluginError", "Register", "Registry", "RenderOptions", "Renderer", "Run",
    "Schedule", "ScheduleAdjuster", "Section", "SectionContext", "Session", "Severity",
    "UnitKind", "catalog_labels", "current_session", "date_option", "force_option", "guarded",
    "hookimpl", "lang_option", "load_model", "load_programme", "out_option",
]


def catalog_labels(domain: str, localedir: str | os.PathLike[str],
                   labels: dict[str, str]) -> Callable[[str, str], str]:
    """A ``labels(type, language)`` function for a :class:`PhaseBehaviour` from the plugin's
    own gettext catalog: ``labels`` maps each event type to its English label (the catalog's
    msgid); ``localedir/LANG/LC_MESSAGES/DOMAIN.mo`` gives the translations::

        LABELS = catalog_labels("mentorcore_visits", Path(__file__).parent / "locale",
                                {"workplace_visit": "workplace visit"})
    """
    def label(type_name: str, language: str) -> str:
        import gettext  # when a label is asked for, not when the plugin is loaded

        english = labels.get(type_name, type_name.replace("_", " "))
        catalog = gettext.translation(domain, os.fspath(localedir), [language], fallback=True)
        return catalog.gettext(english)

    return label


def __getattr__(name: str) -> object:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
