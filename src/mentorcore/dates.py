"""Dates as people write them: the one parser of the command line, the Python API and
participant lists. ISO ``2027-01-11`` or Finnish ``11.1.2027`` (day.month.year).

>>> parse_date("2027-01-11"), parse_date("11.1.2027"), parse_date(" 01.02.2027 ")
(datetime.date(2027, 1, 11), datetime.date(2027, 1, 11), datetime.date(2027, 2, 1))
"""

from __future__ import annotations

import datetime as dt
import re

from mentorcore.i18n import _

__all__ = ["parse_date", "read_date"]

_ISO = r"(\d{4})-(\d{1,2})-(\d{1,2})"
_FINNISH = r"(\d{1,2})\.(\d{1,2})\.(\d{4})"
"""The two forms of a date (``re`` compiles each at its first use: most runs read no date)."""

def read_date(text: str) -> dt.date | None:
    """The date in ``text``, or ``None`` when it is none (``31.2.2027`` included) — for a caller
    that must not repeat the text (a participant list's cell is personal data).

    >>> read_date("31.2.2027") is None
    True
    """
    value = text.strip()
    try:
        if match := re.fullmatch(_ISO, value, re.ASCII):
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        if match := re.fullmatch(_FINNISH, value, re.ASCII):
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:  # a day the month does not have
        pass
    return None


def parse_date(text: str) -> dt.date:
    """The date in ``text``; ``ValueError`` naming the value and the two forms, in the language
    of the run, for anything else."""
    found = read_date(text)
    if found is None:
        raise ValueError(f"{text!r}: " + _("expected a date (2025-03-31 or 31.3.2025)"))
    return found
