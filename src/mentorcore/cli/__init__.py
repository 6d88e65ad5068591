"""The ``mentorcore`` command line: a thin shell over the library functions.

* :data:`cli` — the click group (:mod:`mentorcore.cli.group`), its commands added through the
  ``register_commands`` hook;
* :func:`main` — the console script;
* :mod:`mentorcore.cli.session` — what commands share (the run's session, loading models,
  ``guarded``, the common options, the date parser): the API for writing a command.

``cli`` is imported on first use, so that ``mentorcore --version`` and a cached
``mentorcore --help`` answer without importing click or any plugin (:mod:`mentorcore.cli.startup`).
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from mentorcore.cli.group import cli
    from mentorcore.cli.session import guarded as guarded

__all__ = ["cli", "main"]


def main() -> None:
    """Entry point of the ``mentorcore`` console script."""
    import sys

    from mentorcore.cli.startup import answer_quickly

    answer_quickly(sys.argv[1:])  # exits when it can answer without click
    from mentorcore.cli.group import cli

    cli(prog_name="mentorcore")


def __getattr__(name: str) -> object:
    if name == "cli":
        from mentorcore.cli.group import cli

        return cli
    if name == "guarded":  # its place before mentorcore.cli.session (kept for plugins)
        from mentorcore.cli.session import guarded

        return guarded
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
