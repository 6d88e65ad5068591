"""The ``mentorcore`` command line: a thin shell over the library functions.

* :data:`cli` — the click group (:mod:`mentorcore.cli.group`), its commands added through the
  ``register_commands`` hook;
* :func:`main` — the console script;
* :mod:`mentorcore.cli.session` — what commands share (the run's session, loading models,
  ``guarded``, the common options, the date parser): the API for writing a command.

``cli`` is imported on first use, so that ``mentorcore --version``, a cached ``mentorcore --help``
and a repeated ``mentorcore validate`` answer without importing click or any plugin
(:mod:`mentorcore.cli.startup`).
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

    from mentorcore.cli.startup import answer_quickly, replay_result

    args = sys.argv[1:]
    answer_quickly(args)  # exits when it can answer without click
    recording = replay_result(args)  # exits with the stored result of the same `validate`
    from mentorcore.cli.group import cli

    if recording is None:
        cli(prog_name="mentorcore")
        return
    try:
        cli(prog_name="mentorcore")
    except SystemExit as done:
        recording.finish(done.code)
        raise
    except BaseException:
        recording.finish(None, completed=False)
        raise
    recording.finish(0)


def __getattr__(name: str) -> object:
    if name == "cli":
        from mentorcore.cli.group import cli

        return cli
    if name == "guarded":  # its place before mentorcore.cli.session (kept for plugins)
        from mentorcore.cli.session import guarded

        return guarded
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
