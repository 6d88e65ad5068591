"""Provides the bundled programme models (``program_models/``)."""

from __future__ import annotations

from pathlib import Path

from mentorcore.hookspecs import hookimpl


def bundled_models_directory() -> Path:
    """Where the bundled models are: inside the installed package, or in a source checkout."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "program_models"
    if installed.is_dir():
        return installed
    return package.parent.parent / "program_models"


@hookimpl
def register_models(register):  # type: ignore[no-untyped-def]
    register(bundled_models_directory())
