"""The problems matching reports: reading participant lists (E4xx) and applying the model's
matching rules to them (E5xx), and how the problems of one file are collected and raised.

Messages name the file, the row and the column (and the column's name) — never the value in the
cell: a participant list is personal data.
"""

from __future__ import annotations

from mentorcore.checks import Check
from mentorcore.diagnostics import Diagnostic, MentorcoreError, Severity
from mentorcore.i18n import ngettext

__all__ = [
    "BAD_CAPACITY", "BAD_RULE", "BAD_SHAPE", "CONTROL_CHARACTER", "CRITERION_FAILED",
    "DUPLICATE_ID", "EMPTY", "ENCODING", "FORMULA", "GROUP_SIZE", "IGNORED_VALUES",
    "MATCHING_CHECKS", "MAX_ERRORS",
    "MISSING_COLUMN", "MISSING_VALUE", "NO_MATCHING", "PARTICIPANT_CHECKS", "PLACES_OUT_OF_RANGE",
    "SKIPPED_RULE", "SOLVER_UNFIT", "SPECIAL_CATEGORY", "TOO_LARGE", "UNDECLARED_COLUMN",
    "UNKNOWN_ROLE", "UNREADABLE", "WRONG_VALUE", "Collector", "failure",
]


def _rule(id: str, name: str, summary: str, severity: Severity = Severity.ERROR) -> Check:
    return Check(id=id, name=name, severity=severity, summary=summary)


UNREADABLE = _rule("E401", "participants-unreadable",
                   "the participant file is missing, unreadable, not a regular file (a FIFO, "
                   "a device), or not CSV, XLSX or YAML")
ENCODING = _rule("E402", "participants-encoding",
                 "the file is neither UTF-8 nor Windows-1252 (cp1252) text, or mixes the two")
MISSING_COLUMN = _rule("E403", "missing-column",
                       "a column the model requires (id, role, a required or ruled field) is "
                       "missing")
UNKNOWN_ROLE = _rule("E404", "unknown-role", "a row's role is no role of the model")
EMPTY = _rule("E405", "empty-participants", "the file has no header or no participant rows")
DUPLICATE_ID = _rule("E406", "duplicate-participant", "two rows have the same id")
WRONG_VALUE = _rule("E407", "wrong-value",
                    "a value of the wrong type (number, date, boolean) or outside the allowed "
                    "values")
FORMULA = _rule("E408", "formula-cell",
                "a cell holds a spreadsheet formula or starts like one (=, +, -, @)")
SPECIAL_CATEGORY = _rule("E409", "special-category-column",
                         "a column looks like special-category data (GDPR Art. 9) and the model "
                         "does not declare it as such")
UNDECLARED_COLUMN = _rule("W410", "undeclared-column",
                          "a column the model does not declare is dropped", Severity.WARNING)
MISSING_VALUE = _rule("E411", "missing-value", "a required field is empty, or a row has no id "
                      "or role")
BAD_SHAPE = _rule("E412", "bad-row", "a row has more cells than the header, the header "
                  "repeats a column, or a double quote is never closed (or closes rows later)")
IGNORED_VALUES = _rule("W413", "ignored-values", "values in a column the model declares for "
                       "other roles only are ignored", Severity.WARNING)
PLACES_OUT_OF_RANGE = _rule("E414", "places-out-of-range",
                            "a mentor's own number of places (the model's capacity_field) is "
                            "not a whole number within the places the model allows")

TOO_LARGE = _rule("E415", "participants-too-large",
                  "the participant list is over the documented limits: more bytes or rows than "
                  "are read, a cell of more characters, or more candidate pairs than the "
                  "solver holds in memory")
CONTROL_CHARACTER = _rule("E416", "control-character",
                          "a cell holds a control character (NUL, escape, …): a participant, "
                          "units or log file holds text only")

NO_MATCHING = _rule("E501", "no-matching", "the model has no matching section, or matches by "
                    "hand and no solver was chosen")
BAD_RULE = _rule("E502", "bad-matching-rule",
                 "a matching rule names an unknown or unscorable criterion, a wrong parameter "
                 "or an undeclared field")
SOLVER_UNFIT = _rule("E503", "solver-unfit",
                     "the solver cannot form the model's unit (e.g. optimal for reciprocal pairs)")
CRITERION_FAILED = _rule("E504", "criterion-failed",
                         "a plugin's criterion failed or returned an array of the wrong shape")
SKIPPED_RULE = _rule("W506", "preference-left-out", "a preference whose column the list lacks "
                     "is left out", Severity.WARNING)
GROUP_SIZE = _rule("W505", "group-size", "a group formed is outside the unit's size range",
                   Severity.WARNING)
BAD_CAPACITY = _rule("E507", "bad-capacity",
                     "the model's places (matching.capacity, a led group's size, the assumption "
                     "mentees_per_mentor or group_size) are not a whole number, 0 or more")

PARTICIPANT_CHECKS = (UNREADABLE, ENCODING, MISSING_COLUMN, UNKNOWN_ROLE, EMPTY, DUPLICATE_ID,
                      WRONG_VALUE, FORMULA, SPECIAL_CATEGORY, UNDECLARED_COLUMN, MISSING_VALUE,
                      BAD_SHAPE, IGNORED_VALUES, PLACES_OUT_OF_RANGE, TOO_LARGE,
                      CONTROL_CHARACTER)
MATCHING_CHECKS = (NO_MATCHING, BAD_RULE, SOLVER_UNFIT, CRITERION_FAILED, GROUP_SIZE,
                   SKIPPED_RULE, BAD_CAPACITY)


MAX_ERRORS = 50
"""At most this many problems of a file are listed; the rest are counted."""


class Collector:
    """Collects the problems of one file, placed at its rows and columns; raises them
    together."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.errors: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        self.more = 0
        self.more_rule: Check | None = None

    def add(self, check: Check, message: str, row: int | None = None,
            column: int | None = None, hint: str | None = None) -> None:
        diagnostic = check.error(message, hint=hint).with_position(self.display, row, column)
        if not diagnostic.is_error:
            self.warnings.append(diagnostic)
        elif len(self.errors) < MAX_ERRORS:
            self.errors.append(diagnostic)
        else:
            self.more += 1
            self.more_rule = self.more_rule or check  # the summary line carries its rule

    def raise_if_any(self) -> None:
        if not self.errors:
            return
        errors = list(self.errors)
        if self.more:
            errors.append((self.more_rule or WRONG_VALUE).error(
                ngettext("… and {count} more problem not shown",
                         "… and {count} more problems not shown", self.more).format(
                             count=self.more),
            ).with_position(self.display, None, None))
        raise MentorcoreError(errors)


def failure(check: Check, message: str, display: str, row: int | None = None,
            column: int | None = None, hint: str | None = None,
            exit_code: int = 1) -> MentorcoreError:
    """The error of one problem that stops reading a file, placed at its row and column."""
    return MentorcoreError([check.error(message, hint=hint).with_position(display, row, column)],
                           exit_code=exit_code)
