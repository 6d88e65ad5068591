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
    import gc
    import sys

    from mentorcore.cli.startup import answer_quickly, replay_result

    args = sys.argv[1:]
    answer_quickly(args)  # exits when it can answer without click
    recording = replay_result(args)  # exits with the stored result of the same `validate`
    gc.disable()  # importing makes objects that live as long as the process: nothing to collect
    from mentorcore.cli.group import cli

    gc.set_threshold(*COLLECTION_THRESHOLDS)
    gc.enable()
    try:
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
    finally:
        # the process ends: what is left is freed with it, and the interpreter's collections
        # at exit need not walk every object of the run (~15 ms for `validate` of every
        # bundled model); objects still alive then keep their memory until the process ends
        gc.freeze()


COLLECTION_THRESHOLDS = (50_000, 20, 20)
"""The garbage collector's thresholds in a run of the command line: a youngest-generation
collection after 50,000 allocations rather than 700 (a model's parse makes tens of thousands of
short-lived objects, freed by their reference counts), as type checkers and other short-lived
Python tools set them; ``validate`` of every bundled model ~5 ms faster. Cyclic garbage is
still collected, in bigger batches."""


def __getattr__(name: str) -> object:
    if name == "cli":
        from mentorcore.cli.group import cli

        return cli
    if name == "guarded":  # its place before mentorcore.cli.session (kept for plugins)
        from mentorcore.cli.session import guarded

        return guarded
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
