"""mentorcore: executable models of mentoring programmes.

The Python API is the same functions the command line uses::

    >>> from mentorcore import Library
    >>> programme = Library().programme("womento")
    >>> programme.units[1].size.describe()
    '5–15 pair'
"""

from mentorcore.diagnostics import Diagnostic, MentorcoreError, Severity
from mentorcore.hookspecs import hookimpl
from mentorcore.version import __version__

__all__ = ["Diagnostic", "Library", "MentorcoreError", "Severity", "__version__", "hookimpl"]


def __getattr__(name: str) -> object:
    if name == "Library":
        from mentorcore.library import Library

        return Library
    raise AttributeError(name)
