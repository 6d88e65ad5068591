"""The problems reported while writing a document: an organisation's template directory that
cannot be used (E801), and a format whose optional library is not installed (E802).

A file that cannot be read is reported as any file is (:data:`mentorcore.checks.IO`).
"""

from __future__ import annotations

from mentorcore.checks import Check
from mentorcore.diagnostics import Severity

__all__ = ["BAD_TEMPLATE", "DOCUMENT_CHECKS", "FORMAT_UNAVAILABLE"]


def _rule(id: str, name: str, summary: str) -> Check:
    return Check(id=id, name=name, severity=Severity.ERROR, summary=summary)


BAD_TEMPLATE = _rule("E801", "bad-template",
                     "a `--template` directory holds a file that is too large, not a regular "
                     "file, not UTF-8, or a page template with a syntax error")
FORMAT_UNAVAILABLE = _rule("E802", "format-unavailable",
                           "a document format needs an optional library that is not installed "
                           "(`pdf` needs `pip install 'mentorcore[pdf]'`)")

DOCUMENT_CHECKS = (BAD_TEMPLATE, FORMAT_UNAVAILABLE)
