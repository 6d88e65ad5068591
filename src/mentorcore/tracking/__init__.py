"""Tracking: a running programme's meeting log held against its model — status, alerts, a
forecast and the reports the model asks for.

The Python API is the same functions ``mentorcore track`` uses::

    >>> from mentorcore import Library
    >>> from mentorcore.tracking import read_log, track          # doctest: +SKIP
    >>> library = Library()                                       # doctest: +SKIP
    >>> programme = library.programme("auroras-individual")       # doctest: +SKIP
    >>> status = track(programme, units, log, today="2027-03-01",
    ...                registry=library.registry)                 # doctest: +SKIP

See docs/tracking.md for the log's format, the statuses and the forecast's method.
"""
