"""mentorcore: executable models of mentoring programmes.

The Python API is the same functions the command line uses::

    >>> from mentorcore import Library
    >>> programme = Library().programme("womento")
    >>> programme.units[1].size.describe()
    '5–15 pair'

The names below are imported when first used, so that ``mentorcore --version`` (which imports
this package first) starts as fast as a bare Python.
"""

from __future__ import annotations

import importlib

from mentorcore.version import __version__

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from mentorcore.diagnostics import Diagnostic, MentorcoreError, Severity
    from mentorcore.hookspecs import hookimpl
    from mentorcore.library import Library

__all__ = ["Diagnostic", "Library", "MentorcoreError", "Severity", "__version__", "hookimpl"]

_LAZY = {"Diagnostic": "mentorcore.diagnostics", "MentorcoreError": "mentorcore.diagnostics",
         "Severity": "mentorcore.diagnostics", "hookimpl": "mentorcore.hookspecs",
         "Library": "mentorcore.library"}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'mentorcore' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
