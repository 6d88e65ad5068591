"""The version of mentorcore (read by the build, ``mentorcore --version`` and ``plugins``)."""

__all__ = ["__version__"]

__version__ = "0.1.0"
