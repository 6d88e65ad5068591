"""The problems the simulation reports: a model it cannot simulate (E601–E604), a units file that
does not fit the model (E610), a bad option (E620) and an assumption set that the run cannot use
(E621).

A file that cannot be read is reported as any file is (:data:`mentorcore.checks.IO`,
:data:`mentorcore.checks.ENCODING`), and a plugin that fails or hands the simulation the wrong
thing as any plugin is (:data:`mentorcore.checks.PLUGIN_FAILED`).
"""

from __future__ import annotations

from mentorcore.checks import Check
from mentorcore.diagnostics import Severity

__all__ = [
    "BAD_ASSUMPTION", "BAD_OPTION", "BAD_SETTING", "BAD_UNITS_FILE", "IMPOSSIBLE",
    "NOTHING_TO_SIMULATE", "NO_INTAKE", "SIMULATION_CHECKS",
]


def _rule(id: str, name: str, summary: str) -> Check:
    return Check(id=id, name=name, severity=Severity.ERROR, summary=summary)


IMPOSSIBLE = _rule("E601", "impossible-cadence",
                   "a cadence's total cannot be reached in the phase's duration at its "
                   "frequency, or a cadence of 0 meetings")
BAD_ASSUMPTION = _rule("E602", "bad-assumption",
                       "an assumption the simulation reads is not a usable number (a share "
                       "outside 0–1, a negative number, a summer_pause not MM-DD..MM-DD…)")
NO_INTAKE = _rule("E603", "entry-not-simulated",
                  "a phase's entry is simulated by no installed plugin (e.g. rolling without "
                  "the Monika plugin)")
NOTHING_TO_SIMULATE = _rule("E604", "nothing-to-simulate", "the model has no unit that meets")
BAD_UNITS_FILE = _rule("E610", "bad-units-file",
                       "a units file does not fit the model (unknown or missing column, a pair "
                       "with two mentees…), or a cohort of no units or too many")
BAD_OPTION = _rule("E620", "bad-simulation-option",
                   "a bad option of a simulation (replications < 1, a start date not "
                   "YYYY-MM-DD, both pairs and participants…)")
BAD_SETTING = _rule("E621", "bad-assumption-setting",
                    "`--set ID=VALUE` names an assumption the run does not read, or a value "
                    "it cannot use (a share outside 0–1, a word where a number is needed…)")

SIMULATION_CHECKS = (IMPOSSIBLE, BAD_ASSUMPTION, NO_INTAKE, NOTHING_TO_SIMULATE, BAD_UNITS_FILE,
                     BAD_OPTION, BAD_SETTING)
"""Every rule of the simulation, in the order of their ids."""
