"""The problems ``track`` reports about a meeting log (E701–E712, W7xx) and its options (E720).

A log is read as guardedly as a participant list (:mod:`mentorcore.matching.sheets`): a file that
cannot be read, a bad encoding, a formula cell or a column that looks like special-category data
is reported with the participant lists' rules (E401, E402, E408, E409); every problem names the
file, the row and the column — never the value in the cell, which may be personal data.
"""

from __future__ import annotations

from mentorcore.checks import Check
from mentorcore.diagnostics import Severity

__all__ = [
    "AFTER_END", "BAD_DATE", "BAD_EXIT", "BAD_TRACK_OPTION", "BEFORE_START", "DUPLICATE_ROW",
    "FUTURE_DATE", "MISSING_LOG_COLUMN", "MISSING_LOG_VALUE", "TRACKING_CHECKS",
    "UNKNOWN_ATTENDEE", "UNKNOWN_KIND", "UNKNOWN_THEME", "UNKNOWN_UNIT",
]


def _rule(id: str, name: str, summary: str, severity: Severity = Severity.ERROR) -> Check:
    return Check(id=id, name=name, severity=severity, summary=summary)


MISSING_LOG_COLUMN = _rule("E701", "missing-log-column",
                           "the meeting log lacks a column it needs (unit, date or kind)")
UNKNOWN_UNIT = _rule("E702", "unknown-unit",
                     "a row of the meeting log names a unit the units file does not have")
BAD_DATE = _rule("E703", "bad-log-date",
                 "a date in the meeting log is no date (2027-03-31 or 31.3.2027 are)")
FUTURE_DATE = _rule("E704", "future-date",
                    "a row of the meeting log is dated after today (--today)")
BEFORE_START = _rule("E705", "before-start",
                     "a row of the meeting log is dated before the programme started (--start)")
DUPLICATE_ROW = _rule("W706", "duplicate-row",
                      "a row repeats another (same unit, date and kind): it is counted once",
                      Severity.WARNING)
UNKNOWN_KIND = _rule("E707", "unknown-kind",
                     "a row's kind is neither a meeting, an end nor an event of the model")
BAD_EXIT = _rule("E708", "bad-exit",
                 "an end row names no exit rule of the model, or a row of another kind names one")
MISSING_LOG_VALUE = _rule("E709", "missing-log-value",
                          "a row lacks its date or kind, or a meeting or end row lacks its unit")
UNKNOWN_THEME = _rule("W710", "unknown-theme",
                      "a theme is none of the model's themes: it is counted as another theme",
                      Severity.WARNING)
UNKNOWN_ATTENDEE = _rule("W711", "unknown-attendee",
                         "who attended names no role of the unit: the row counts the whole unit",
                         Severity.WARNING)
AFTER_END = _rule("W712", "row-after-end",
                  "a unit's row is dated after the end the log records for it",
                  Severity.WARNING)
BAD_TRACK_OPTION = _rule("E720", "bad-tracking-option",
                         "a bad option of track (today before the start…)")

TRACKING_CHECKS = (MISSING_LOG_COLUMN, UNKNOWN_UNIT, BAD_DATE, FUTURE_DATE, BEFORE_START,
                   DUPLICATE_ROW, UNKNOWN_KIND, BAD_EXIT, MISSING_LOG_VALUE, UNKNOWN_THEME,
                   UNKNOWN_ATTENDEE, AFTER_END, BAD_TRACK_OPTION)
"""Every rule of tracking, in the order of their ids."""
